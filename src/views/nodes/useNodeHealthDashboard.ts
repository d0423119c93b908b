import { getGroupVersionKindForModel } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { MachineConfigPool } from '../../core/pools/machineConfigPool';
import { DashboardModel } from '../../core/dashboard/DashboardModel';
import type { DashboardSnapshot } from '../../core/dashboard/types';
import type { ContainerRuntimeConfig } from '../../core/model/types';
import { ContainerRuntimeConfigModel, MachineConfigPoolModel, NodeModel } from '../shared/models';
import { useMetadataWatch } from '../shared/useMetadataWatch';
import { useWatchedList } from './useWatchedList';

/** How often report ages and staleness are brought up to date. */
export const CLOCK_TICK_MS = 30_000;

export interface NodeHealthData {
  snapshot: DashboardSnapshot;
  /** The clock the ages are shown at (see useNow). */
  now: number;
  /** Nodes, pools and configurations have all loaded (or failed). */
  loaded: boolean;
  /** The node list is still being read page by page: counts are not final yet. */
  partial: boolean;
  /** How many nodes the cluster has (undefined until the first page, null if it did not say). */
  nodeTotal: number | null | undefined;
  nodesError: unknown;
  /** Pools or configurations could not be read: nodes are shown without pools. */
  poolsError: unknown;
}

interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
}

const clocks = new Map<number, Clock>();

const clockOf = (tickMs: number): Clock => {
  let clock = clocks.get(tickMs);
  if (clock === undefined) {
    clock = { now: Date.now(), listeners: new Set(), timer: undefined };
    clocks.set(tickMs, clock);
  }
  return clock;
};

const subscribeTo = (tickMs: number) => (onTick: () => void) => {
  const clock = clockOf(tickMs);
  clock.listeners.add(onTick);
  if (clock.timer === undefined) {
    clock.now = Date.now();
    clock.timer = setInterval(() => {
      clock.now = Date.now();
      for (const listener of clock.listeners) listener();
    }, tickMs);
  }
  return () => {
    clock.listeners.delete(onTick);
    if (clock.listeners.size === 0) {
      clearInterval(clock.timer);
      clock.timer = undefined;
    }
  };
};

/**
 * The current time, updated every `tickMs`. One timer serves every component that reads the
 * same tick, so the ages in a table's rows move together and a row's age cell can follow the
 * clock without the row itself rendering again.
 */
export const useNow = (tickMs = CLOCK_TICK_MS): number => {
  const subscribe = useMemo(() => subscribeTo(tickMs), [tickMs]);
  return useSyncExternalStore(subscribe, () => clockOf(tickMs).now);
};

/**
 * The dashboard of every node, kept incrementally. Nodes come from the plugin's own watch in
 * metadata only (the labels and annotations are all it reads, and full Node objects are large),
 * which hands back the same object for a node that did not change, so each update costs a
 * look-up per node and real work only for the nodes that changed.
 */
export const useNodeHealthDashboard = (): NodeHealthData => {
  const nodes = useMetadataWatch(NodeModel);
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
    now,
    loaded: nodes.settled && pools.settled && configs.settled,
    partial: nodes.settled && !nodes.listed,
    nodeTotal: nodes.total,
    nodesError: nodes.error,
    poolsError: pools.error ?? configs.error,
  };
};
