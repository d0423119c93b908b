import type {
  ContainerRuntimeConfig,
  ContainerRuntimeConfigCondition,
  LabelSelector,
  ObjectMeta,
} from '../model/types';
import { MC_ROLE_LABEL } from '../model/types';
import { selectorMatches } from '../model/labelSelector';

/** The parts of a MachineConfigPool the plugin reads. */
export interface MachineConfigPool {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    machineConfigSelector?: LabelSelector;
    nodeSelector?: LabelSelector;
    maxUnavailable?: number | string;
    paused?: boolean;
    [k: string]: unknown;
  };
  status?: {
    machineCount?: number;
    updatedMachineCount?: number;
    readyMachineCount?: number;
    degradedMachineCount?: number;
    unavailableMachineCount?: number;
    observedGeneration?: number;
    configuration?: { name?: string; source?: { kind?: string; name?: string }[] };
    conditions?: {
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }[];
    [k: string]: unknown;
  };
}

export type PoolUpdateState = 'Updated' | 'Updating' | 'Degraded' | 'Unknown';

export const MAX_CTRCFGS_PER_POOL = 10;

/** The ContainerRuntimeConfigs whose machineConfigPoolSelector selects the pool. */
export const configsSelectingPool = (
  pool: MachineConfigPool,
  configs: readonly ContainerRuntimeConfig[],
): ContainerRuntimeConfig[] =>
  configs.filter((c) => selectorMatches(c.spec?.machineConfigPoolSelector, pool.metadata.labels));

/** The MCO appends conditions, so the last one is the current state. */
export const currentCondition = (
  cfg: ContainerRuntimeConfig,
): ContainerRuntimeConfigCondition | undefined => {
  const conditions = cfg.status?.conditions;
  return Array.isArray(conditions) && conditions.length > 0
    ? conditions[conditions.length - 1]
    : undefined;
};

const conditionTrue = (pool: MachineConfigPool, type: string): boolean =>
  pool.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

export const poolUpdateState = (pool: MachineConfigPool): PoolUpdateState => {
  if (conditionTrue(pool, 'Degraded') || (pool.status?.degradedMachineCount ?? 0) > 0)
    return 'Degraded';
  if (conditionTrue(pool, 'Updating')) return 'Updating';
  if (conditionTrue(pool, 'Updated')) return 'Updated';
  return 'Unknown';
};

/**
 * How many nodes of a pool reboot at once: spec.maxUnavailable as a count or a percentage of the
 * machine count (rounded down, at least 1), default 1.
 */
export const poolMaxUnavailable = (pool: MachineConfigPool): number => {
  const raw = pool.spec?.maxUnavailable;
  const machines = pool.status?.machineCount ?? 0;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
  if (typeof raw === 'string') {
    const pct = /^(\d+)%$/.exec(raw);
    if (pct) return Math.max(1, Math.floor((machines * Number(pct[1])) / 100));
    if (/^\d+$/.test(raw) && Number(raw) > 0) return Number(raw);
  }
  return 1;
};

/**
 * Whether a pool takes the MachineConfigs of a role: its own always, and any other its
 * machineConfigSelector selects (custom pools usually select the worker role too, so they
 * inherit what is generated for worker).
 */
export const poolTakesRole = (pool: MachineConfigPool, role: string): boolean =>
  role === pool.metadata.name ||
  selectorMatches(pool.spec?.machineConfigSelector, { [MC_ROLE_LABEL]: role });

/** A MachineConfig's role: the pool it was made for. */
export const machineConfigRole = (mc: { metadata?: object } | undefined): string | undefined => {
  const labels: unknown = (mc?.metadata as { labels?: unknown } | undefined)?.labels;
  const role: unknown =
    typeof labels === 'object' && labels !== null
      ? (labels as Record<string, unknown>)[MC_ROLE_LABEL]
      : undefined;
  return typeof role === 'string' ? role : undefined;
};

/**
 * The order in which the MCO merges a pool's MachineConfigs into its rendered config: those of
 * role worker first, by name, then all others, by name; a later one writing the same file wins.
 * So a custom pool's own MachineConfigs (its generated ContainerRuntimeConfig one included) win
 * over the worker ones it inherits, whatever their names (MCOs before 4.15 used name order only).
 */
export const compareMergeOrder = (
  a: { name: string; role: string | undefined },
  b: { name: string; role: string | undefined },
): number => {
  const aWorker = a.role === 'worker';
  const bWorker = b.role === 'worker';
  if (aWorker !== bWorker) return aWorker ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};
