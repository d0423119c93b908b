/**
 * The layer stores each pool's nodes should have, from the ContainerRuntimeConfigs.
 *
 * For every pool a ContainerRuntimeConfig selects, the MCO generates a MachineConfig
 * `99-<pool>-generated-containerruntime[-<suffix>]` labelled with that pool's role. A pool takes
 * every MachineConfig its machineConfigSelector selects (custom pools usually select the worker
 * role too, so they inherit worker's), and MachineConfigs merge worker ones first, then the rest,
 * each by name, so of those that write /etc/containers/storage.conf the last one in that order
 * decides the whole file: a custom pool's own configuration wins over worker's.
 * A configuration whose last condition is a Failure was not applied and is left out.
 */
import { selectorMatches } from '../model/labelSelector';
import {
  compareMergeOrder,
  currentCondition,
  poolTakesRole,
  type MachineConfigPool,
} from '../pools/machineConfigPool';
import { poolTargetConfiguration } from '../pools/configRollout';
import type { ContainerRuntimeConfig } from '../model/types';
import { storePathsOf, writesStorageConf } from '../render/configValues';
import { generatedMachineConfigName, MC_NAME_SUFFIX_ANNOTATION } from '../render/machineConfigName';
import type { ExpectedStores } from './types';

/** The name of the MachineConfig the MCO generated for a configuration and a pool. */
export const generatedMachineConfigNameOf = (
  config: ContainerRuntimeConfig,
  pool: string,
): string => {
  const suffix: unknown = config.metadata.annotations?.[MC_NAME_SUFFIX_ANNOTATION];
  return generatedMachineConfigName(pool, typeof suffix === 'string' ? suffix : '');
};

/** The rendered config a pool rolls out (spec.configuration.name), null when not known yet. */
export const poolTargetConfig = (pool: MachineConfigPool): string | null => {
  const name: unknown = poolTargetConfiguration(pool)?.name;
  return typeof name === 'string' && name !== '' ? name : null;
};

interface Generated {
  config: string;
  machineConfig: string;
  role: string;
  writesStorageConf: boolean;
  layerStores: string[];
}

const failed = (config: ContainerRuntimeConfig): boolean =>
  currentCondition(config)?.type === 'Failure';

/** Expected stores for every pool, keyed by pool name. */
export const expectedStoresByPool = (
  pools: readonly MachineConfigPool[],
  configs: readonly ContainerRuntimeConfig[],
): Map<string, ExpectedStores> => {
  const generated: Generated[] = [];
  const failedByPool = new Map<string, string[]>();
  for (const config of configs) {
    const name = config.metadata.name ?? '';
    const cfg = config.spec?.containerRuntimeConfig ?? {};
    const storageConf = writesStorageConf(cfg);
    const layerStores = storePathsOf(cfg.additionalLayerStores);
    for (const pool of pools) {
      const poolName = pool.metadata.name ?? '';
      if (!selectorMatches(config.spec?.machineConfigPoolSelector, pool.metadata.labels)) continue;
      if (failed(config)) {
        failedByPool.set(poolName, [...(failedByPool.get(poolName) ?? []), name]);
        continue;
      }
      generated.push({
        config: name,
        machineConfig: generatedMachineConfigNameOf(config, poolName),
        role: poolName,
        writesStorageConf: storageConf,
        layerStores,
      });
    }
  }

  const result = new Map<string, ExpectedStores>();
  for (const pool of pools) {
    const poolName = pool.metadata.name ?? '';
    const writers = generated
      .filter((g) => g.writesStorageConf && poolTakesRole(pool, g.role))
      // In the MCO's merge order; ties (configs not yet given a suffix) by config name.
      .sort((a, b) =>
        a.machineConfig === b.machineConfig
          ? compare(a.config, b.config)
          : compareMergeOrder(
              { name: a.machineConfig, role: a.role },
              { name: b.machineConfig, role: b.role },
            ),
      );
    const winner = writers.at(-1);
    result.set(poolName, {
      layerStores: winner ? winner.layerStores : [],
      source: winner ? winner.config : null,
      machineConfig: winner ? winner.machineConfig : null,
      overridden: writers.slice(0, -1).map((g) => g.config),
      failed: (failedByPool.get(poolName) ?? []).sort(),
    });
  }
  return result;
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
