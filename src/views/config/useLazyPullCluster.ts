import {
  useK8sWatchResource,
  type K8sResourceCommon,
  getGroupVersionKindForModel,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import {
  featureGateState,
  type FeatureGate,
  type FeatureGateReading,
} from '../../core/featureGate';
import type { MachineConfigLike } from '../../core/pools/poolFindings';
import type { MachineConfigPool } from '../../core/pools/machineConfigPool';
import type { ContainerRuntimeConfig } from '../../core/model/types';
import {
  ContainerRuntimeConfigModel,
  FeatureGateModel,
  MachineConfigModel,
  MachineConfigPoolModel,
} from '../shared/models';
import { loadErrorOf } from '../shared/loadError';

/** One watched collection: its data once loaded, and the watch's error if it failed. */
export interface Watched<T> {
  data: T;
  loaded: boolean;
  error: unknown;
}

export interface LazyPullCluster {
  pools: Watched<MachineConfigPool[]>;
  configs: Watched<ContainerRuntimeConfig[]>;
  /** AdditionalStorageConfig; `unknown` while loading or when FeatureGate/cluster cannot be read. */
  gate: FeatureGateReading & { loaded: boolean };
  /**
   * MachineConfigs by name; undefined while loading or when they cannot be read (users without
   * list access on machineconfigs), in which case the findings that need them are left out.
   */
  machineConfigs: ReadonlyMap<string, MachineConfigLike> | undefined;
  machineConfigsError: unknown;
}

/** The SDK's watch result, with its untyped load error made `unknown`. */
type WatchResult<R> = [R, boolean, unknown];

const asList = <T>(data: unknown): T[] => (Array.isArray(data) ? (data as T[]) : []);

/**
 * Everything the configuration pages watch. The SDK's watches go through the console's proxy and
 * share one websocket per resource across the pages that use them.
 */
export const useLazyPullCluster = (): LazyPullCluster => {
  const poolsWatch: WatchResult<K8sResourceCommon[]> = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: getGroupVersionKindForModel(MachineConfigPoolModel),
    isList: true,
  });
  const configsWatch: WatchResult<K8sResourceCommon[]> = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: getGroupVersionKindForModel(ContainerRuntimeConfigModel),
    isList: true,
  });
  const gateWatch: WatchResult<K8sResourceCommon> = useK8sWatchResource<K8sResourceCommon>({
    groupVersionKind: getGroupVersionKindForModel(FeatureGateModel),
    name: 'cluster',
  });
  const mcsWatch: WatchResult<K8sResourceCommon[]> = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: getGroupVersionKindForModel(MachineConfigModel),
    isList: true,
  });
  const [poolData, poolsLoaded] = poolsWatch;
  const [configData, configsLoaded] = configsWatch;
  const [gateData, gateLoaded] = gateWatch;
  const [mcData, mcsLoaded] = mcsWatch;
  const poolsError = loadErrorOf(poolsWatch[2]);
  const configsError = loadErrorOf(configsWatch[2]);
  const gateError = loadErrorOf(gateWatch[2]);
  const mcsError = loadErrorOf(mcsWatch[2]);

  const pools = useMemo(
    () =>
      asList<MachineConfigPool>(poolData).sort((a, b) =>
        (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
      ),
    [poolData],
  );
  const configs = useMemo(() => asList<ContainerRuntimeConfig>(configData), [configData]);
  const gate = useMemo(
    () => ({
      ...(gateLoaded && gateError === undefined
        ? featureGateState(gateData as FeatureGate)
        : featureGateState(undefined)),
      loaded: gateLoaded || gateError !== undefined,
    }),
    [gateData, gateLoaded, gateError],
  );
  const machineConfigs = useMemo(() => {
    if (!mcsLoaded || mcsError !== undefined) return undefined;
    const map = new Map<string, MachineConfigLike>();
    for (const mc of asList<MachineConfigLike>(mcData)) {
      if (mc?.metadata?.name) map.set(mc.metadata.name, mc);
    }
    return map;
  }, [mcData, mcsLoaded, mcsError]);

  return {
    pools: { data: pools, loaded: poolsLoaded, error: poolsError },
    configs: { data: configs, loaded: configsLoaded, error: configsError },
    gate,
    machineConfigs,
    machineConfigsError: mcsError,
  };
};
