import type { ContainerRuntimeConfig } from '../model/types';
import { decodeMachineConfigFiles, findFile } from '../ignition/decodeMachineConfigFiles';
import { generatedMachineConfigName, STORAGE_CONF_PATH } from '../render';
import {
  compareMergeOrder,
  machineConfigRole,
  MAX_CTRCFGS_PER_POOL,
  type MachineConfigPool,
} from './machineConfigPool';
import { poolTargetConfiguration } from './configRollout';

/**
 * What an administrator should know about a pool before relying on its lazy-pull configuration.
 * Each finding names the objects involved; the page words it and says what to do.
 */

export type PoolFinding =
  | { kind: 'several-configs'; configs: string[] }
  | { kind: 'storage-conf-overridden'; machineConfig: string; generated: string }
  | { kind: 'config-limit'; used: number; max: number; reached: boolean };

/** From this many ContainerRuntimeConfigs on a pool, warn that the MCO's limit is near. */
export const CONFIG_LIMIT_WARNING_AT = 8;

/** Anything with a name that may hold an Ignition config (a MachineConfig as watched). */
export interface MachineConfigLike {
  metadata?: { name?: string; [k: string]: unknown };
  spec?: unknown;
  [k: string]: unknown;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `name` is one of the MachineConfigs the MCO generates for a pool's ContainerRuntimeConfigs. */
export const isGeneratedContainerRuntimeMachineConfig = (pool: string, name: string): boolean =>
  new RegExp(`^${escapeRegExp(generatedMachineConfigName(pool))}(-[0-9]+)?$`).test(name);

const sourceNames = (pool: MachineConfigPool): string[] =>
  (poolTargetConfiguration(pool)?.source ?? [])
    .filter((s) => s?.kind === undefined || s.kind === 'MachineConfig')
    .map((s) => s?.name)
    .filter((n): n is string => typeof n === 'string' && n !== '');

export interface PoolFindingsInput {
  pool: MachineConfigPool;
  /** The ContainerRuntimeConfigs that select the pool. */
  selecting: readonly ContainerRuntimeConfig[];
  /** The MachineConfigs that could be read, by name; undefined when they cannot be read. */
  machineConfigs?: ReadonlyMap<string, MachineConfigLike>;
}

export const poolFindings = ({
  pool,
  selecting,
  machineConfigs,
}: PoolFindingsInput): PoolFinding[] => {
  const findings: PoolFinding[] = [];
  const poolName = pool.metadata.name ?? '';

  if (selecting.length > 1) {
    findings.push({
      kind: 'several-configs',
      configs: selecting.map((c) => c.metadata.name ?? '').sort(),
    });
  }

  const sources = sourceNames(pool).sort();
  const generatedInSources = sources.filter((n) =>
    isGeneratedContainerRuntimeMachineConfig(poolName, n),
  );
  // The generated MachineConfig that sorts last is the one whose storage.conf the pool would use.
  const generated =
    generatedInSources[generatedInSources.length - 1] ?? generatedMachineConfigName(poolName);
  if (machineConfigs) {
    // The generated MachineConfig carries the pool's role; the pool merges it after every worker one.
    const generatedPlace = { name: generated, role: poolName };
    for (const name of sources) {
      const mc = machineConfigs.get(name);
      if (
        compareMergeOrder({ name, role: machineConfigRole(mc) }, generatedPlace) <= 0 ||
        isGeneratedContainerRuntimeMachineConfig(poolName, name)
      )
        continue;
      if (mc && findFile(decodeMachineConfigFiles(mc).files, STORAGE_CONF_PATH)) {
        findings.push({ kind: 'storage-conf-overridden', machineConfig: name, generated });
      }
    }
  }

  const generatedCount = machineConfigs
    ? [...machineConfigs.keys()].filter((n) =>
        isGeneratedContainerRuntimeMachineConfig(poolName, n),
      ).length
    : generatedInSources.length;
  const used = Math.max(selecting.length, generatedCount);
  if (used >= CONFIG_LIMIT_WARNING_AT) {
    findings.push({
      kind: 'config-limit',
      used,
      max: MAX_CTRCFGS_PER_POOL,
      reached: used >= MAX_CTRCFGS_PER_POOL,
    });
  }
  return findings;
};
