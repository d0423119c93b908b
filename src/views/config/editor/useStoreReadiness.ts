import { useMemo } from 'react';
import type { MachineConfigPool } from '../../../core/pools/machineConfigPool';
import { storeReadiness, type PoolNodesReadiness } from '../../../core/preview/storeReadiness';
import { useNow } from '../../nodes/useNodeHealthDashboard';
import { NodeModel } from '../../shared/models';
import { useMetadataWatch } from '../../shared/useMetadataWatch';

export interface PoolStoreReadiness {
  pool: string;
  readiness: PoolNodesReadiness;
}

export interface StoreReadinessState {
  /** The node list has loaded (or failed). */
  settled: boolean;
  /** Why the nodes could not be read; then nothing is known about their stores. */
  error: unknown;
  pools: PoolStoreReadiness[];
}

/**
 * Whether the layer stores `paths` are mounted on the nodes of `poolNames`, from the agents'
 * reports on the Nodes (the page's metadata-only node watch, shared with anything else that reads nodes).
 */
export const useStoreReadiness = (
  pools: readonly MachineConfigPool[],
  poolNames: readonly string[],
  paths: readonly string[],
): StoreReadinessState => {
  const nodes = useMetadataWatch(NodeModel);
  const now = useNow();
  const poolKey = poolNames.join('\n');
  const pathKey = paths.join('\n');
  const placement = useMemo(
    () => pools.map((p) => ({ name: p.metadata.name ?? '', nodeSelector: p.spec?.nodeSelector })),
    [pools],
  );
  const result = useMemo(
    () =>
      poolKey === '' || pathKey === ''
        ? []
        : poolKey.split('\n').map((pool) => ({
            pool,
            readiness: storeReadiness({
              pool,
              pools: placement,
              nodes: nodes.items,
              paths: pathKey.split('\n'),
              nowMs: now,
            }),
          })),
    [placement, poolKey, pathKey, nodes.items, now],
  );
  return useMemo(
    () => ({ settled: nodes.settled, error: nodes.error, pools: result }),
    [nodes.settled, nodes.error, result],
  );
};
