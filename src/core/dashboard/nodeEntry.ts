/**
 * One node's dashboard entry from its metadata, its parsed agent annotations and the pools.
 * Reading the annotations (JSON parsing and validation) is the expensive part, so it is a
 * separate step whose result the incremental model keeps until the annotations change.
 */
import {
  HEALTH_ANNOTATION,
  parseNodeAnnotations,
  type ParsedLazyPullState,
  REPORT_ANNOTATION,
  staleAfterMs,
} from '../health/report';
import { placementPool, placeNode } from './placement';
import type { PoolContext } from './poolContext';
import { judgeRollout } from './rollout';
import type { DashboardNode, HealthState, NodeHealthEntry, StoreDrift } from './types';

export { HEALTH_ANNOTATION, REPORT_ANNOTATION };

/** Reads the agent's annotations, judged at `now` (only a report from the future depends on it). */
export const readAgentState = (node: DashboardNode, now: number): ParsedLazyPullState =>
  parseNodeAnnotations(node.metadata?.annotations, new Date(now));

// Store lists hold at most five paths (the API's limit), so a linear search beats a Set.
const difference = (a: readonly string[], b: readonly string[]): string[] =>
  a.filter((x) => !b.includes(x));

const NO_DRIFT: StoreDrift = Object.freeze({
  missing: Object.freeze([]),
  extra: Object.freeze([]),
});

export const storeDrift = (expected: readonly string[], actual: readonly string[]): StoreDrift => {
  const missing = difference(expected, actual);
  const extra = difference(actual, expected);
  return missing.length === 0 && extra.length === 0 ? NO_DRIFT : { missing, extra };
};

export const hasDrift = (drift: StoreDrift | null): boolean =>
  drift !== null && (drift.missing.length > 0 || drift.extra.length > 0);

export const interpretNode = (
  node: DashboardNode,
  agent: ParsedLazyPullState,
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
      report: null,
      checkedAtMs: null,
      staleAtMs: null,
      rollout,
      expectedStores,
      nodeStores: null,
      drift: null,
      stores: { total: 0, mounted: 0, responsive: 0 },
      layersServed: null,
      imagesServed: null,
    };
  }

  const { report } = agent;
  const checkedAtMs = agent.checkedAt.getTime();
  const staleAtMs = checkedAtMs + staleAfterMs(report.heartbeatSeconds);
  const health: HealthState = now > staleAtMs ? 'Stale' : agent.health;
  // storage.conf is what CRI-O uses; the probed stores are the fallback when it was unreadable.
  const nodeStores = report.storageConf
    ? report.storageConf.layerStores.map((s) => s.path)
    : report.stores.map((s) => s.path);
  let mounted = 0;
  let responsive = 0;
  let layersServed = 0;
  let imagesServed = 0;
  for (const store of report.stores) {
    if (store.mounted) mounted += 1;
    if (store.responsive) responsive += 1;
    layersServed += store.layers;
    imagesServed += store.images.length + store.imagesOmitted;
  }
  return {
    name,
    uid,
    placement,
    pool,
    health,
    reportedHealth: agent.health,
    unknown: null,
    report,
    checkedAtMs,
    staleAtMs,
    rollout,
    expectedStores,
    nodeStores,
    drift: expectedStores === null ? null : storeDrift(expectedStores, nodeStores),
    stores: { total: report.stores.length, mounted, responsive },
    layersServed,
    imagesServed,
  };
};
