import type { MachineConfigPool } from '../pools/machineConfigPool';
import type { ContainerRuntimeConfig } from '../model/types';
import { decodeAgentAnnotations, type DecodedAgentAnnotations } from '../health/report';
import { addCounts, countEntry, emptyCounts } from './counts';
import { type AgentSummary, interpretNode, summarizeAgentAnnotations } from './nodeEntry';
import { buildPoolContext } from './poolContext';
import { Snapshot } from './snapshot';
import type { DashboardNode, DashboardSnapshot, GroupCounts, NodeHealthEntry } from './types';

/**
 * How many nodes' reports are decoded in a row before they are judged: enough for JSON.parse to
 * run undisturbed, few enough that the parsed documents waiting to be judged stay small (under
 * Node, decoding all 5,000 first made the young-generation collection copy every one of them).
 */
const PASS = 256;

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
  // In passes, not node by node: JSON.parse of one report after another, with no other work in
  // between, made the whole build about a tenth faster in Chromium (16.8 → 14.7 ms).
  const agents = new Array<AgentSummary>(named.length);
  const decoded = new Array<DecodedAgentAnnotations>(Math.min(PASS, named.length));
  for (let from = 0; from < named.length; from += PASS) {
    const to = Math.min(from + PASS, named.length);
    for (let i = from; i < to; i += 1)
      decoded[i - from] = decodeAgentAnnotations(named[i].metadata?.annotations);
    for (let i = from; i < to; i += 1)
      agents[i] = summarizeAgentAnnotations(decoded[i - from], now);
  }
  const byName = new Map<string, NodeHealthEntry>();
  for (let i = 0; i < named.length; i += 1) {
    const entry = interpretNode(named[i], agents[i], context, now);
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
