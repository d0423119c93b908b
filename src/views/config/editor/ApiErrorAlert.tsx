import { Alert, List, ListItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import type { ApiFailure } from '../../../core/apiFailure';
import { useLazyPullTranslation } from '../../shared/i18n';

interface ApiErrorAlertProps {
  title: string;
  failure: ApiFailure;
  actionLinks?: ReactNode;
  /** What the user can do now, after the answer. */
  children?: ReactNode;
}

/**
 * An API server error shown whole: code and reason, the Status message, and every cause. A request
 * that got no answer says so instead, since nothing in it comes from the API server.
 */
export const ApiErrorAlert = ({ title, failure, actionLinks, children }: ApiErrorAlertProps) => {
  const { t } = useLazyPullTranslation();
  return (
    <Alert variant="danger" isInline title={title} actionLinks={actionLinks}>
      {failure.unreachable ? (
        <p>
          {t('No answer from the API server: {{message}}', {
            message:
              failure.code !== undefined ? `${failure.code} ${failure.message}` : failure.message,
          })}
        </p>
      ) : (
        <>
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
        </>
      )}
      {children}
    </Alert>
  );
};
