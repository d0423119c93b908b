import type { ContainerRuntimeConfig, ContainerRuntimeConfigCondition } from '../model/types';
import { currentCondition, type MachineConfigPool } from './machineConfigPool';

/**
 * Following an applied ContainerRuntimeConfig through the MCO: the controller picks up the new
 * generation and appends a condition, renders the generated MachineConfig into a new rendered
 * config for the pool, and the pool's nodes move to it batch by batch.
 */

export interface RolloutWatch {
  /** The generated MachineConfig the preview named. */
  machineConfigName: string;
  /** metadata.generation of the object the API server returned for the apply. */
  appliedGeneration?: number;
  /** How many status conditions the object had when it was applied. */
  conditionsAtApply: number;
  /** The pool's target rendered config (spec.configuration.name) when the change was applied. */
  renderedAtApply?: string;
  /** Whether the change alters a file on the nodes, so that the pool must get a new rendered config. */
  expectRenderedChange: boolean;
}

export type RolloutPhase =
  'waiting-for-mco' | 'failed' | 'rendering' | 'updating' | 'degraded' | 'done';

export interface MachineCounts {
  machine: number;
  updated: number;
  ready: number;
  degraded: number;
  unavailable: number;
}

export interface RolloutProgress {
  phase: RolloutPhase;
  /** The ContainerRuntimeConfig's current (last) condition, once the MCO has reported. */
  condition?: ContainerRuntimeConfigCondition;
  /** Whether the generated MachineConfig is among the sources of the pool's target rendered config. */
  machineConfigInSources: boolean;
  counts: MachineCounts;
}

interface PoolConfiguration {
  name?: string;
  source?: { kind?: string; name?: string }[];
}

const configurationOf = (value: unknown): PoolConfiguration | undefined =>
  typeof value === 'object' && value !== null ? value : undefined;

/** The rendered config a pool is moving to (spec.configuration), else the one it runs. */
export const poolTargetConfiguration = (
  pool: MachineConfigPool | undefined,
): PoolConfiguration | undefined =>
  configurationOf(pool?.spec?.configuration) ?? configurationOf(pool?.status?.configuration);

const sourceNames = (configuration: PoolConfiguration | undefined): string[] =>
  (configuration?.source ?? [])
    .filter((s) => s?.kind === undefined || s.kind === 'MachineConfig')
    .map((s) => s?.name)
    .filter((n): n is string => typeof n === 'string');

const conditionTrue = (pool: MachineConfigPool | undefined, type: string): boolean =>
  pool?.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

export const machineCounts = (pool: MachineConfigPool | undefined): MachineCounts => ({
  machine: pool?.status?.machineCount ?? 0,
  updated: pool?.status?.updatedMachineCount ?? 0,
  ready: pool?.status?.readyMachineCount ?? 0,
  degraded: pool?.status?.degradedMachineCount ?? 0,
  unavailable: pool?.status?.unavailableMachineCount ?? 0,
});

const mcoHasProcessed = (
  watch: RolloutWatch,
  ctrcfg: ContainerRuntimeConfig | undefined,
): boolean => {
  const observed = ctrcfg?.status?.observedGeneration;
  if (
    typeof observed === 'number' &&
    typeof watch.appliedGeneration === 'number' &&
    observed >= watch.appliedGeneration
  ) {
    return true;
  }
  const conditions = ctrcfg?.status?.conditions;
  return Array.isArray(conditions) && conditions.length > watch.conditionsAtApply;
};

export const rolloutProgress = (
  watch: RolloutWatch,
  ctrcfg: ContainerRuntimeConfig | undefined,
  pool: MachineConfigPool | undefined,
): RolloutProgress => {
  const counts = machineCounts(pool);
  const target = poolTargetConfiguration(pool);
  const machineConfigInSources = sourceNames(target).includes(watch.machineConfigName);
  const processed = mcoHasProcessed(watch, ctrcfg);
  const condition = processed && ctrcfg ? currentCondition(ctrcfg) : undefined;
  const base = { condition, machineConfigInSources, counts };

  if (!processed) return { phase: 'waiting-for-mco', ...base };
  if (condition?.type === 'Failure') return { phase: 'failed', ...base };
  if (conditionTrue(pool, 'Degraded') || counts.degraded > 0) return { phase: 'degraded', ...base };

  const renderedMoved =
    !watch.expectRenderedChange ||
    (target?.name !== undefined && target.name !== watch.renderedAtApply);
  if (!machineConfigInSources || !renderedMoved) return { phase: 'rendering', ...base };

  const running = configurationOf(pool?.status?.configuration)?.name;
  const settled =
    running !== undefined &&
    running === target?.name &&
    conditionTrue(pool, 'Updated') &&
    !conditionTrue(pool, 'Updating') &&
    counts.updated === counts.machine;
  return { phase: settled ? 'done' : 'updating', ...base };
};
