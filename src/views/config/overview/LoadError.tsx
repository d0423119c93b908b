import { Alert, StackItem } from '@patternfly/react-core';
import { readApiFailure } from '../../../core/apiFailure';
import { useLazyPullTranslation } from '../../shared/i18n';

interface LoadErrorProps {
  /** What could not be read, e.g. "MachineConfigPools could not be loaded". */
  title: string;
  error: unknown;
  /** The page still shows what was read before the watch failed. */
  stale?: boolean;
}

/**
 * A watch that failed: what it was watching, and why. No answer at all is said as such ("cannot
 * reach the cluster"), never as the API server refusing; and where the page keeps what it read
 * before, it says that this may be out of date. The console's watches retry by themselves.
 */
export const LoadError = ({ title, error, stale = false }: LoadErrorProps) => {
  const { t } = useLazyPullTranslation();
  const failure = readApiFailure(error);
  const answer =
    failure.code !== undefined ? `${failure.code}: ${failure.message}` : failure.message;
  const staleNote = stale
    ? t('What the page shows was read earlier and may be out of date; it updates by itself.')
    : null;
  if (failure.unreachable) {
    return (
      <Alert variant={stale ? 'warning' : 'danger'} isInline title={t('Cannot reach the cluster')}>
        <p>{t('{{what}}: no answer from the API server ({{answer}}).', { what: title, answer })}</p>
        <p>{staleNote ?? t('The page tries again by itself.')}</p>
      </Alert>
    );
  }
  return (
    <Alert variant={stale ? 'warning' : 'danger'} isInline title={title}>
      <p>{answer}</p>
      {staleNote && <p>{staleNote}</p>}
    </Alert>
  );
};

interface WatchFailuresProps {
  pools: { error: unknown; loaded: boolean };
  configs: { error: unknown; loaded: boolean };
}

/** The pools' and configurations' watches that failed, as stack items, the pages' data kept below. */
export const WatchFailures = ({ pools, configs }: WatchFailuresProps) => {
  const { t } = useLazyPullTranslation();
  const failures = [
    { key: 'pools', title: t('MachineConfigPools could not be loaded'), watch: pools },
    { key: 'configs', title: t('ContainerRuntimeConfigs could not be loaded'), watch: configs },
  ];
  return (
    <>
      {failures.map(
        ({ key, title, watch }) =>
          Boolean(watch.error) && (
            <StackItem key={key}>
              <LoadError title={title} error={watch.error} stale={watch.loaded} />
            </StackItem>
          ),
      )}
    </>
  );
};
