import { Alert, AlertActionLink, Skeleton } from '@patternfly/react-core';
import { useEffect, type ReactNode } from 'react';
import { readApiFailure } from '../../core/apiFailure';
import { useLazyPullTranslation } from './i18n';
import { useOnDemand } from './useOnDemand';

/**
 * A part of a page in a chunk of its own (the YAML editor, the preview), downloaded when it is
 * first shown. Until then a placeholder holds its place; if the download fails (the plugin's server
 * out of reach) the rest of the page stays as it is, says so, and tries again by itself.
 */

interface LazyPartProps<M> {
  /** Imports the chunk; called again after a failure (webpack then fetches it again). */
  load: () => Promise<M>;
  /** Said while it loads: "Loading the YAML editor". */
  loadingLabel: string;
  /** Said when it could not be loaded: "The YAML editor could not be loaded". */
  failedTitle: string;
  children: (module: M) => ReactNode;
}

export const LazyPart = <M,>({ load, loadingLabel, failedTitle, children }: LazyPartProps<M>) => {
  const { t } = useLazyPullTranslation();
  const { module, error, want, retry } = useOnDemand(load);
  useEffect(want, [want]);

  if (module !== undefined) return <>{children(module)}</>;
  if (error !== undefined) {
    return (
      <Alert
        variant="warning"
        isInline
        title={failedTitle}
        actionLinks={<AlertActionLink onClick={retry}>{t('Try again')}</AlertActionLink>}
      >
        {t('{{message}}. The page tries again by itself; nothing you typed is lost.', {
          message: readApiFailure(error).message.replace(/\.$/, ''),
        })}
      </Alert>
    );
  }
  return <Skeleton height="12rem" screenreaderText={loadingLabel} />;
};
