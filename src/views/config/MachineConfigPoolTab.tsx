import type { PageComponentProps } from '@openshift-console/dynamic-plugin-sdk';
import { PageSection, Skeleton, Stack, StackItem } from '@patternfly/react-core';
import type { MachineConfigPool } from '../../core/pools/machineConfigPool';
import { useLazyPullTranslation } from '../shared/i18n';
import { FeatureGateAlert } from './overview/FeatureGateAlert';
import { LoadError } from './overview/LoadError';
import { PoolCard } from './overview/PoolCard';
import { useLazyPullCluster } from './useLazyPullCluster';

/**
 * The "Lazy image pulling" tab of a MachineConfigPool's details page: the pool's lazy-pull state
 * and a way into the editor, where the administrator already is when thinking about the pool.
 */
const MachineConfigPoolTab = ({ obj }: PageComponentProps) => {
  const { t } = useLazyPullTranslation();
  const { configs, gate, machineConfigs } = useLazyPullCluster();
  const pool = obj as unknown as MachineConfigPool | undefined;

  const body = () => {
    if (!pool?.metadata?.name) return null;
    if (configs.error)
      return (
        <LoadError title={t('ContainerRuntimeConfigs could not be loaded')} error={configs.error} />
      );
    if (!configs.loaded) return <Skeleton height="8rem" screenreaderText={t('Loading')} />;
    return (
      <PoolCard pool={pool} configs={configs.data} machineConfigs={machineConfigs} onPoolPage />
    );
  };

  return (
    <PageSection>
      <Stack hasGutter>
        <StackItem>
          <FeatureGateAlert gate={gate} />
        </StackItem>
        <StackItem>{body()}</StackItem>
      </Stack>
    </PageSection>
  );
};

export default MachineConfigPoolTab;
