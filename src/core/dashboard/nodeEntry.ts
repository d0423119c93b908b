/**
 * One node's dashboard entry from its metadata, what its agent's annotations say and the pools.
 * Reading the annotations (JSON parsing and validation) is the expensive part, so it is a
 * separate step whose result the incremental model keeps until the annotations change.
 */
import {
  HEALTH_ANNOTATION,
  type LazyPullHealth,
  parseNodeAnnotations,
  REPORT_ANNOTATION,
  type UnknownStateProblem,
} from '../health/report';
import { placementPool, placeNode } from './placement';
import type { PoolContext } from './poolContext';
import { judgeRollout } from './rollout';
import type { DashboardNode, NodeHealthEntry, StoreCounts, StoreDrift } from './types';

export { HEALTH_ANNOTATION, REPORT_ANNOTATION };

/**
 * What the dashboard keeps of a node's agent annotations: the figures its entry shows, not the
 * parsed report, which is dropped once summarized (the detail view reads its one node's
 * annotations again).
 */
export type AgentSummary =
  | { kind: 'notReported' }
  | { kind: 'unknown'; problem: UnknownStateProblem; reason: string }
  | {
      kind: 'ok';
      health: LazyPullHealth;
      /** The agent's two annotations the summary was read from (strings the Node holds anyway). */
      annotations: Readonly<Record<string, string>>;
      checkedAtMs: number;
      staleAtMs: number;
      /** The layer stores storage.conf names; the probed stores when it was unreadable. */
      nodeStores: readonly string[];
      stores: StoreCounts;
      layersServed: number;
      imagesServed: number;
      /** Every image reference listed, over all stores (for the text search). */
      images: readonly string[];
    };

const NO_IMAGES: readonly string[] = Object.freeze([]);
const NO_STORES: StoreCounts = Object.freeze({ total: 0, mounted: 0, responsive: 0 });

/** Reads the agent's annotations, judged at `now` (only a report from the future depends on it). */
export const readAgentState = (node: DashboardNode, now: number): AgentSummary => {
  const annotations = node.metadata?.annotations;
  const state = parseNodeAnnotations(annotations, now);
  if (state.kind !== 'ok') return state;
  const { report } = state;
  let mounted = 0;
  let responsive = 0;
  let layersServed = 0;
  let imagesServed = 0;
  let images = NO_IMAGES;
  for (const store of report.stores) {
    if (store.mounted) mounted += 1;
    if (store.responsive) responsive += 1;
    layersServed += store.layers;
    imagesServed += store.images.length + store.imagesOmitted;
    if (store.images.length > 0)
      images = images.length === 0 ? store.images : [...images, ...store.images];
  }
  return {
    kind: 'ok',
    health: state.health,
    annotations: {
      [HEALTH_ANNOTATION]: state.health,
      [REPORT_ANNOTATION]: (annotations as Record<string, string>)[REPORT_ANNOTATION],
    },
    checkedAtMs: state.checkedAtMs,
    staleAtMs: state.staleAtMs,
    // storage.conf is what CRI-O uses; the probed stores are the fallback when it was unreadable.
    nodeStores: (report.storageConf ? report.storageConf.layerStores : report.stores).map(
      (s) => s.path,
    ),
    stores: { total: report.stores.length, mounted, responsive },
    layersServed,
    imagesServed,
    images,
  };
};

// Store lists hold at most five paths (the API's limit), so a linear search beats a Set.
const difference = (a: readonly string[], b: readonly string[]): string[] =>
  a.filter((x) => !b.includes(x));

const NO_DRIFT: StoreDrift = Object.freeze({
  missing: Object.freeze([]),
  extra: Object.freeze([]),
});

const sameList = (a: readonly string[], b: readonly string[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
};

export const storeDrift = (expected: readonly string[], actual: readonly string[]): StoreDrift => {
  // Nearly every node has what its pool asks for, in the same order.
  if (sameList(expected, actual)) return NO_DRIFT;
  const missing = difference(expected, actual);
  const extra = difference(actual, expected);
  return missing.length === 0 && extra.length === 0 ? NO_DRIFT : { missing, extra };
};

export const hasDrift = (drift: StoreDrift | null): boolean =>
  drift !== null && (drift.missing.length > 0 || drift.extra.length > 0);

export const interpretNode = (
  node: DashboardNode,
  agent: AgentSummary,
  pools: PoolContext,
  now: number,
): NodeHealthEntry => {
  const metadata = node.metadata ?? {};
  const placement = placeNode(pools.placementPools, metadata.labels);
  const pool = placementPool(placement);
  const rollout = judgeRollout(
    metadata.annotations,
    pool === null ? null : (pools.targets.get(pool) ?? null),
  );
  const expectedStores = pool === null ? null : (pools.expected.get(pool)?.layerStores ?? []);
  const name = metadata.name ?? '';
  const uid = metadata.uid ?? null;

  // Entries are written as whole literals, field for field in one order: one hidden class for
  // every entry keeps building thousands of them fast (a spread followed by more fields is not).
  if (agent.kind !== 'ok') {
    return {
      name,
      uid,
      placement,
      pool,
      health: agent.kind === 'notReported' ? 'NoReport' : 'Unknown',
      reportedHealth: null,
      unknown: agent.kind === 'unknown' ? { problem: agent.problem, reason: agent.reason } : null,
      agentAnnotations: null,
      checkedAtMs: null,
      staleAtMs: null,
      rollout,
      expectedStores,
      nodeStores: null,
      drift: null,
      stores: NO_STORES,
      layersServed: null,
      imagesServed: null,
      images: NO_IMAGES,
    };
  }

  return {
    name,
    uid,
    placement,
    pool,
    health: now > agent.staleAtMs ? 'Stale' : agent.health,
    reportedHealth: agent.health,
    unknown: null,
    agentAnnotations: agent.annotations,
    checkedAtMs: agent.checkedAtMs,
    staleAtMs: agent.staleAtMs,
    rollout,
    expectedStores,
    nodeStores: agent.nodeStores,
    drift: expectedStores === null ? null : storeDrift(expectedStores, agent.nodeStores),
    stores: agent.stores,
    layersServed: agent.layersServed,
    imagesServed: agent.imagesServed,
    images: agent.images,
  };
};
