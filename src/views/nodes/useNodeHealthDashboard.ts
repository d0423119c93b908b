import { getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import { useEffect, useMemo, useState } from 'react';
import type { MachineConfigPool } from '../../core/pools/machineConfigPool';
import { DashboardModel } from '../../core/dashboard/DashboardModel';
import type { DashboardSnapshot } from '../../core/dashboard/types';
import type { ContainerRuntimeConfig } from '../../core/model/types';
import { ContainerRuntimeConfigModel, MachineConfigPoolModel, NodeModel } from '../shared/models';
import { useWatchedList } from './useWatchedList';

/** How often report ages and staleness are brought up to date. */
export const CLOCK_TICK_MS = 30_000;

export interface NodeHealthData {
  snapshot: DashboardSnapshot;
  /** Nodes, pools and configurations have all loaded (or failed). */
  loaded: boolean;
  nodesError: unknown;
  /** Pools or configurations could not be read: nodes are shown without pools. */
  poolsError: unknown;
}

/** The current time, updated every `tickMs`. */
export const useNow = (tickMs = CLOCK_TICK_MS): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
};

/**
 * The dashboard of every node, kept incrementally. Nodes are watched as metadata only (the
 * annotations are all it reads, and full Node objects are large); the console's watch hands back
 * the same object for a node that did not change, so each update costs a look-up per node and
 * real work only for the nodes that changed.
 */
export const useNodeHealthDashboard = (): NodeHealthData => {
  const nodes = useWatchedList(getGroupVersionKindForModel(NodeModel), true);
  const pools = useWatchedList(getGroupVersionKindForModel(MachineConfigPoolModel));
  const configs = useWatchedList(getGroupVersionKindForModel(ContainerRuntimeConfigModel));
  const now = useNow();
  // One model for the page's lifetime; it is only ever brought to the state of its inputs, so
  // running this twice (Strict Mode) is harmless.
  const [model] = useState(() => new DashboardModel(Date.now()));
  const snapshot = useMemo(() => {
    model.setNow(now);
    model.setPools(pools.items as MachineConfigPool[], configs.items as ContainerRuntimeConfig[]);
    model.syncNodes(nodes.items);
    return model.snapshot();
  }, [model, now, pools.items, configs.items, nodes.items]);

  return {
    snapshot,
    loaded: nodes.settled && pools.settled && configs.settled,
    nodesError: nodes.error,
    poolsError: pools.error ?? configs.error,
  };
};
