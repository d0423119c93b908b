import type { MachineConfigPool } from '../pools/machineConfigPool';
import type { ContainerRuntimeConfig } from '../model/types';
import { addCounts, countEntry, emptyCounts } from './counts';
import { interpretNode, readAgentState } from './nodeEntry';
import { buildPoolContext } from './poolContext';
import { Snapshot } from './snapshot';
import type { DashboardNode, DashboardSnapshot, GroupCounts, NodeHealthEntry } from './types';

export interface DashboardInputs {
  nodes: readonly DashboardNode[];
  pools: readonly MachineConfigPool[];
  configs: readonly ContainerRuntimeConfig[];
  /** When to judge staleness at (ms since the epoch). */
  now: number;
}

/**
 * The whole dashboard from its inputs, computed from scratch. The console keeps a
 * DashboardModel instead, which gets to the same result one node at a time; this function is
 * the definition it is tested against. Of nodes with the same name the last one counts; nodes
 * without a name are left out.
 */
export const buildDashboard = ({
  nodes,
  pools,
  configs,
  now,
}: DashboardInputs): DashboardSnapshot => {
  const context = buildPoolContext(pools, configs);
  const named = nodes.filter((node) => node.metadata?.name);
  const byName = new Map<string, NodeHealthEntry>();
  for (const node of named) {
    const entry = interpretNode(node, readAgentState(node, now), context, now);
    byName.set(entry.name, entry);
  }
  const entries = [...byName.values()];
  const poolCounts = new Map<string | null, GroupCounts>(
    context.names.map((n) => [n, emptyCounts()]),
  );
  for (const entry of entries) {
    let group = poolCounts.get(entry.pool);
    if (!group) {
      group = emptyCounts();
      poolCounts.set(entry.pool, group);
    }
    countEntry(group, entry, 1);
  }
  // Every entry is in exactly one group (null: no pool), so the groups add up to the total.
  const total = emptyCounts();
  for (const group of poolCounts.values()) addCounts(total, group);
  return new Snapshot(0, now, entries, context, poolCounts, total);
};
