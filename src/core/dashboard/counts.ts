import { hasDrift } from './nodeEntry';
import {
  type GroupCounts,
  HEALTH_STATES,
  type HealthCounts,
  ROLLOUT_STATES,
  type RolloutCounts,
  type NodeHealthEntry,
} from './types';

export const emptyCounts = (): GroupCounts => ({
  nodes: 0,
  health: Object.fromEntries(HEALTH_STATES.map((s) => [s, 0])) as HealthCounts,
  rollout: Object.fromEntries(ROLLOUT_STATES.map((s) => [s, 0])) as RolloutCounts,
  drifted: 0,
  withStores: 0,
  layersServed: 0,
});

/** Adds (sign 1) or removes (sign -1) one entry's contribution, in place. */
export const countEntry = (counts: GroupCounts, entry: NodeHealthEntry, sign: 1 | -1): void => {
  counts.nodes += sign;
  counts.health[entry.health] += sign;
  counts.rollout[entry.rollout.state] += sign;
  if (hasDrift(entry.drift)) counts.drifted += sign;
  if (entry.nodeStores !== null && entry.nodeStores.length > 0) counts.withStores += sign;
  counts.layersServed += sign * (entry.layersServed ?? 0);
};

export const copyCounts = (counts: GroupCounts): GroupCounts => ({
  ...counts,
  health: { ...counts.health },
  rollout: { ...counts.rollout },
});

export const sameCounts = (a: GroupCounts, b: GroupCounts): boolean =>
  a.nodes === b.nodes &&
  a.drifted === b.drifted &&
  a.withStores === b.withStores &&
  a.layersServed === b.layersServed &&
  HEALTH_STATES.every((s) => a.health[s] === b.health[s]) &&
  ROLLOUT_STATES.every((s) => a.rollout[s] === b.rollout[s]);

/** Adds `source` into `target`, in place (a total from its groups). */
export const addCounts = (target: GroupCounts, source: GroupCounts): void => {
  target.nodes += source.nodes;
  for (const state of HEALTH_STATES) target.health[state] += source.health[state];
  for (const state of ROLLOUT_STATES) target.rollout[state] += source.rollout[state];
  target.drifted += source.drifted;
  target.withStores += source.withStores;
  target.layersServed += source.layersServed;
};
