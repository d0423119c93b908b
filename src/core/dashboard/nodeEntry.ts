/**
 * One node's dashboard entry from its metadata, its parsed agent annotations and the pools.
 * Reading the annotations (JSON parsing and validation) is the expensive part, so it is a
 * separate step whose result the incremental model keeps until the annotations change.
 */
import {
  decodeAgentAnnotations,
  type DecodedAgentAnnotations,
  HEALTH_ANNOTATION,
  judgeAgentAnnotations,
  type LazyPullHealth,
  type NodeHealthReport,
  REPORT_ANNOTATION,
  staleAfterMs,
  type UnknownStateProblem,
} from '../health/report';
import { validateReport } from '../health/validateReport';
import { placementPool, placeNode } from './placement';
import type { PoolContext } from './poolContext';
import { judgeRollout } from './rollout';
import type { DashboardNode, NodeHealthEntry, StoreCounts, StoreDrift } from './types';

export { HEALTH_ANNOTATION, REPORT_ANNOTATION };

/**
 * What the dashboard keeps of a node's agent annotations: the figures its entry shows, not the
 * parsed report. At thousands of nodes, holding every parsed report would cost megabytes and
 * make each full build pay for copying them out of the young generation; the detail view reads
 * the one report it shows again (entryReport).
 */
export type AgentSummary =
  | { kind: 'notReported' }
  | { kind: 'unknown'; problem: UnknownStateProblem; reason: string }
  | {
      kind: 'ok';
      health: LazyPullHealth;
      /** The report annotation the summary was read from (already held by the Node object). */
      text: string;
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

/**
 * Shared, frozen values for what thousands of entries hold alike: the store counts and the
 * list of layer-store paths. A full build at 5,000 nodes otherwise allocates one of each per
 * node, and copies them all when the young generation is collected.
 */
const COUNTS_LIMIT = 8;
const sharedCounts: StoreCounts[] = [];
const storeCounts = (total: number, mounted: number, responsive: number): StoreCounts => {
  if (total >= COUNTS_LIMIT) return { total, mounted, responsive };
  const key = (total * COUNTS_LIMIT + mounted) * COUNTS_LIMIT + responsive;
  return (sharedCounts[key] ??= Object.freeze({ total, mounted, responsive }));
};

/** Lists of one path, by path. Bounded: a cluster has a handful of store paths. */
const singlePaths = new Map<string, readonly string[]>();
const SINGLE_PATHS_LIMIT = 256;
const NO_PATHS: readonly string[] = Object.freeze([]);
const pathList = (stores: readonly { path: string }[]): readonly string[] => {
  if (stores.length === 0) return NO_PATHS;
  if (stores.length > 1) return Object.freeze(stores.map((s) => s.path));
  const path = stores[0].path;
  let list = singlePaths.get(path);
  if (list === undefined) {
    if (singlePaths.size >= SINGLE_PATHS_LIMIT) singlePaths.clear();
    list = Object.freeze([path]);
    singlePaths.set(path, list);
  }
  return list;
};

const summarize = (
  health: LazyPullHealth,
  report: NodeHealthReport,
  text: string,
  checkedAtMs: number,
): AgentSummary => {
  // storage.conf is what CRI-O uses; the probed stores are the fallback when it was unreadable.
  const nodeStores = pathList(report.storageConf ? report.storageConf.layerStores : report.stores);
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
    health,
    text,
    checkedAtMs,
    staleAtMs: checkedAtMs + staleAfterMs(report.heartbeatSeconds),
    nodeStores,
    stores: storeCounts(report.stores.length, mounted, responsive),
    layersServed,
    imagesServed,
    images,
  };
};

/**
 * A node's agent summary from its decoded annotations (decodeAgentAnnotations), judged at `now`
 * (only a report from the future depends on it).
 */
export const summarizeAgentAnnotations = (
  decoded: DecodedAgentAnnotations,
  now: number,
): AgentSummary => {
  if (decoded.kind !== 'decoded') return decoded;
  // The parsed report is dropped once summarized, so it is checked but not copied.
  const state = judgeAgentAnnotations(decoded, now, { copy: false });
  if (state.kind !== 'ok') return state;
  return summarize(state.health, state.report, decoded.text, state.checkedAtMs);
};

/** Reads the agent's annotations, judged at `now` (only a report from the future depends on it). */
export const readAgentState = (node: DashboardNode, now: number): AgentSummary =>
  summarizeAgentAnnotations(decodeAgentAnnotations(node.metadata?.annotations), now);

const reports = new WeakMap<NodeHealthEntry, NodeHealthReport | null>();

/**
 * The validated report an entry was made from, for the detail view; null when the entry has
 * no readable report. Read again from the annotation text the entry keeps, once per entry.
 */
export const entryReport = (entry: NodeHealthEntry): NodeHealthReport | null => {
  if (entry.reportText === null) return null;
  let report = reports.get(entry);
  if (report === undefined) {
    let validation;
    try {
      validation = validateReport(JSON.parse(entry.reportText));
    } catch {
      validation = undefined;
    }
    // The text was read and validated when the entry was made, so this cannot fail.
    report = validation?.ok ? validation.report : null;
    reports.set(entry, report);
  }
  return report;
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
      reportText: null,
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
    reportText: agent.text,
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
