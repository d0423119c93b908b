import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Card,
  CardBody,
  EmptyState,
  EmptyStateBody,
  Gallery,
  PageSection,
  Skeleton,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { CubesIcon } from '@patternfly/react-icons';
import { useLazyPullTranslation } from '../shared/i18n';
import { LazyPullHeader } from '../shared/LazyPullHeader';
import { LazyPoolsPullTimes } from '../pulls/LazyPullTimes';
import { FeatureGateAlert } from './overview/FeatureGateAlert';
import { LoadError, WatchFailures } from './overview/LoadError';
import { PoolCard } from './overview/PoolCard';
import { useLazyPullCluster } from './useLazyPullCluster';

const LoadingCards = ({ label }: { label: string }) => (
  <Gallery
    hasGutter
    minWidths={{ default: '100%', lg: '32rem' }}
    aria-busy="true"
    aria-label={label}
  >
    {[0, 1].map((i) => (
      <Card key={i} isCompact>
        <CardBody>
          <Skeleton width="40%" screenreaderText={label} />
          <br />
          <Skeleton width="80%" />
          <br />
          <Skeleton width="60%" />
        </CardBody>
      </Card>
    ))}
  </Gallery>
);

/** /lazy-pull: every MachineConfigPool with its lazy-pull configuration and what needs attention. */
const PoolsPage = () => {
  const { t } = useLazyPullTranslation();
  const cluster = useLazyPullCluster();
  const { pools, configs, gate, machineConfigs, machineConfigsError } = cluster;

  const body = () => {
    if (pools.error && !pools.loaded)
      return <LoadError title={t('MachineConfigPools could not be loaded')} error={pools.error} />;
    if (!pools.loaded || (!configs.loaded && !configs.error))
      return <LoadingCards label={t('Loading pools')} />;
    if (pools.data.length === 0) {
      return (
        <EmptyState titleText={t('No MachineConfigPools')} headingLevel="h2" icon={CubesIcon}>
          <EmptyStateBody>
            {t(
              'Lazy pulling is configured per MachineConfigPool, and this cluster has none the console can see.',
            )}
          </EmptyStateBody>
        </EmptyState>
      );
    }
    return (
      <Gallery hasGutter minWidths={{ default: '100%', lg: '32rem' }}>
        {pools.data.map((pool) => (
          <PoolCard
            key={pool.metadata.name}
            pool={pool}
            configs={configs.data}
            machineConfigs={machineConfigs}
          />
        ))}
      </Gallery>
    );
  };

  return (
    <>
      <DocumentTitle>{t('Lazy image pulling')}</DocumentTitle>
      <LazyPullHeader />
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <FeatureGateAlert gate={gate} />
          </StackItem>
          <WatchFailures
            pools={{ error: pools.loaded ? pools.error : undefined, loaded: true }}
            configs={configs}
          />
          {Boolean(machineConfigsError) && (
            <StackItem>
              <LoadError
                title={t(
                  'MachineConfigs could not be read, so MachineConfigs that override storage.conf cannot be found',
                )}
                error={machineConfigsError}
              />
            </StackItem>
          )}
          <StackItem>{body()}</StackItem>
          {pools.loaded && pools.data.length > 0 && (
            <StackItem>
              <LazyPoolsPullTimes />
            </StackItem>
          )}
        </Stack>
      </PageSection>
    </>
  );
};

export default PoolsPage;
