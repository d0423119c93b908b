import { Alert, List, ListItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import type { ApiFailure } from '../../../core/apiFailure';
import { useLazyPullTranslation } from '../../shared/i18n';

interface ApiErrorAlertProps {
  title: string;
  failure: ApiFailure;
  actionLinks?: ReactNode;
}

/** An API server error shown whole: code and reason, the Status message, and every cause. */
export const ApiErrorAlert = ({ title, failure, actionLinks }: ApiErrorAlertProps) => {
  const { t } = useLazyPullTranslation();
  return (
    <Alert variant="danger" isInline title={title} actionLinks={actionLinks}>
      {(failure.code !== undefined || failure.reason) && (
        <p>
          {t('HTTP {{code}} {{reason}}', {
            code: failure.code ?? '',
            reason: failure.reason ?? '',
          }).trim()}
        </p>
      )}
      <p>{failure.message}</p>
      {failure.causes.length > 0 && (
        <List aria-label={t('Causes')}>
          {failure.causes.map((c, i) => (
            <ListItem key={`${c.field ?? ''}-${i}`}>
              {[c.field, c.message ?? c.reason].filter(Boolean).join(': ')}
            </ListItem>
          ))}
        </List>
      )}
    </Alert>
  );
};
