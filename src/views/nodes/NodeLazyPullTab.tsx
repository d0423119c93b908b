import { getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { Bullseye, PageSection, Spinner } from '@patternfly/react-core';
import { useMemo } from 'react';
import type { MachineConfigPool } from '../../core/pools/machineConfigPool';
import { buildDashboard } from '../../core/dashboard/buildDashboard';
import type { ContainerRuntimeConfig } from '../../core/model/types';
import { useLazyPullTranslation } from '../shared/i18n';
import { ContainerRuntimeConfigModel, MachineConfigPoolModel } from '../shared/models';
import { NodeHealthDetail } from './NodeHealthDetail';
import { useNow } from './useNodeHealthDashboard';
import { useWatchedList } from './useWatchedList';

/**
 * The "Lazy pull" tab of a Node's details page (console.tab/horizontalNav): the dashboard's
 * detail for this one node. The details page passes the Node it watches as `obj`.
 */
const NodeLazyPullTab = ({ obj }: { obj?: K8sResourceCommon }) => {
  const { t } = useLazyPullTranslation();
  const pools = useWatchedList(getGroupVersionKindForModel(MachineConfigPoolModel));
  const configs = useWatchedList(getGroupVersionKindForModel(ContainerRuntimeConfigModel));
  const now = useNow();
  const snapshot = useMemo(
    () =>
      obj?.metadata?.name
        ? buildDashboard({
            nodes: [obj],
            pools: pools.items as MachineConfigPool[],
            configs: configs.items as ContainerRuntimeConfig[],
            now,
          })
        : undefined,
    [obj, pools.items, configs.items, now],
  );
  const entry = obj?.metadata?.name ? snapshot?.node(obj.metadata.name) : undefined;
  const loaded = pools.settled && configs.settled;

  return (
    <PageSection>
      {!entry || !loaded ? (
        <Bullseye>
          <Spinner aria-label={t('Loading node health')} />
        </Bullseye>
      ) : (
        <NodeHealthDetail
          entry={entry}
          expected={
            snapshot?.pools.find((p) => p.name !== null && p.name === entry.pool)?.expected ?? null
          }
          now={now}
          headingLevel="h2"
        />
      )}
    </PageSection>
  );
};

export default NodeLazyPullTab;
