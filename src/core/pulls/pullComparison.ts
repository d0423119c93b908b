import type { DashboardSnapshot, NodeHealthEntry } from '../dashboard/types';
import type { ImageEventFact, PullFact, UnreadableFact } from './pullEvents';

/**
 * Pull times per pool, lazy against full: the kubelet's pull facts grouped by the pool of the
 * node that pulled and by whether that node had a working lazy store, taken from the dashboard's
 * entry for the node (the one interpretation of the agent's report).
 *
 * The entry tells how the node is now. A pull counts as made that way only when it came after the
 * node's last kubelet start seen in the events: a reboot (the MCO reboots a node to change its
 * stores) starts the kubelet again, so pulls before it may have had another configuration and are
 * counted apart. Events expire together, so a start that has expired is older than any pull
 * still held, give or take the order in which the API server expires them.
 */

/** How a node pulled: through a working layer store, fully, or it cannot be told. */
export type PullSide = 'lazy' | 'full' | 'unknown';

/**
 * The side of a node's pulls, from what the dashboard knows of it now. A node in the middle of a
 * rollout (its stores may change under it), with a stale or unreadable report, or whose stores are
 * configured but not working, is `unknown`: its pulls are counted apart, never guessed.
 */
export const pullSideOf = (entry: NodeHealthEntry | undefined): PullSide => {
  if (entry === undefined || entry.rollout.state !== 'UpToDate') return 'unknown';
  switch (entry.health) {
    case 'Healthy':
    case 'Degraded':
      return entry.stores.responsive > 0 ? 'lazy' : 'unknown';
    case 'NotConfigured':
      return 'full';
    case 'NoReport':
      // Without an agent, the pool's configuration says it: no layer store asked for, none used.
      return entry.expectedStores !== null && entry.expectedStores.length === 0
        ? 'full'
        : 'unknown';
    default:
      return 'unknown';
  }
};

export interface SideStats {
  pulls: number;
  /** Distinct image references pulled. */
  images: number;
  p50Ms: number | null;
  p90Ms: number | null;
  /** Pulls whose message gives the size (bytes per second needs it). */
  withSize: number;
  p50BytesPerSecond: number | null;
  p90BytesPerSecond: number | null;
}

export interface SameImagePulls {
  image: string;
  lazy: { pulls: number; p50Ms: number };
  full: { pulls: number; p50Ms: number };
}

export interface PoolPulls {
  pool: string;
  /** Distinct images pulled, lazily or in full. */
  images: number;
  lazy: SideStats;
  full: SideStats;
  /** Pulls on nodes whose side cannot be told (see pullSideOf), or made before the node's last start. */
  unknownSide: number;
  failed: number;
  backoff: number;
  /** `already present` answers: no pull happened. */
  present: number;
}

export interface PullSummary {
  /** Pools with at least one pull, failure or present answer, in the dashboard's pool order. */
  pools: readonly PoolPulls[];
  /**
   * Images pulled both ways anywhere in the cluster, most pulled first: the same bytes from the
   * same registry, the fairest comparison there is.
   */
  sameImage: readonly SameImagePulls[];
  /** The time the events read cover (ms since the epoch); null when none carries a time. */
  window: { fromMs: number; toMs: number } | null;
  /** Image events read (foreign ones excluded). */
  events: number;
  /** Pulls on nodes the dashboard does not know, or whose pool is none. */
  outsidePools: number;
  unreadable: number;
  /** A few unreadable events, to show what was not understood. */
  unreadableExamples: readonly UnreadableFact[];
}

/** The nearest-rank percentile of ascending `sorted`: the smallest value with p% at or below it. */
export const nearestRank = (sorted: ArrayLike<number>, p: number): number | null => {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
};

const ascending = (a: number, b: number) => a - b;

const sideStats = (pulls: readonly PullFact[]): SideStats => {
  // Typed arrays sort numerically, without a comparison function.
  const durations = new Float64Array(pulls.length);
  const images = new Set<string>();
  let sized = 0;
  for (let i = 0; i < pulls.length; i += 1) {
    durations[i] = pulls[i].durationMs;
    images.add(pulls[i].image);
    if (pulls[i].sizeBytes !== null && pulls[i].durationMs > 0) sized += 1;
  }
  const rates = new Float64Array(sized);
  let r = 0;
  for (const p of pulls)
    if (p.sizeBytes !== null && p.durationMs > 0) rates[r++] = p.sizeBytes / (p.durationMs / 1000);
  durations.sort();
  rates.sort();
  return {
    pulls: pulls.length,
    images: images.size,
    p50Ms: nearestRank(durations, 50),
    p90Ms: nearestRank(durations, 90),
    withSize: rates.length,
    p50BytesPerSecond: nearestRank(rates, 50),
    p90BytesPerSecond: nearestRank(rates, 90),
  };
};

interface PoolAccumulator {
  lazy: PullFact[];
  full: PullFact[];
  unknownSide: number;
  failed: number;
  backoff: number;
  present: number;
}

const SAME_IMAGE_SHOWN = 5;
const UNREADABLE_EXAMPLES = 5;

const sameImagePulls = (lazy: readonly PullFact[], full: readonly PullFact[]): SameImagePulls[] => {
  const byImage = (pulls: readonly PullFact[]) => {
    const map = new Map<string, number[]>();
    for (const p of pulls) {
      const list = map.get(p.image);
      if (list) list.push(p.durationMs);
      else map.set(p.image, [p.durationMs]);
    }
    return map;
  };
  const lazyByImage = byImage(lazy);
  const fullByImage = byImage(full);
  const both: SameImagePulls[] = [];
  for (const [image, lazyTimes] of lazyByImage) {
    const fullTimes = fullByImage.get(image);
    if (!fullTimes) continue;
    // Both lists hold at least one time, so both medians exist.
    const lazyMedian = nearestRank(lazyTimes.sort(ascending), 50) ?? 0;
    const fullMedian = nearestRank(fullTimes.sort(ascending), 50) ?? 0;
    both.push({
      image,
      lazy: { pulls: lazyTimes.length, p50Ms: lazyMedian },
      full: { pulls: fullTimes.length, p50Ms: fullMedian },
    });
  }
  return both
    .sort(
      (a, b) =>
        b.lazy.pulls + b.full.pulls - (a.lazy.pulls + a.full.pulls) ||
        (a.image < b.image ? -1 : a.image > b.image ? 1 : 0),
    )
    .slice(0, SAME_IMAGE_SHOWN);
};

/** Where a node's pulls count: its pool (null for none) and its side. */
export interface NodePlacement {
  pool: string | null;
  side: PullSide;
}

/** The pools in the dashboard's order, and where each node of the events counts. */
export interface PullPlacements {
  poolOrder: readonly string[];
  nodes: ReadonlyMap<string, NodePlacement>;
}

/** The placement of every node that appears in the facts, from the dashboard's snapshot. */
export const placePullNodes = (
  facts: readonly ImageEventFact[],
  snapshot: Pick<DashboardSnapshot, 'node' | 'pools'>,
): PullPlacements => {
  const nodes = new Map<string, NodePlacement>();
  for (const fact of facts) {
    if (fact.kind === 'foreign' || fact.node === null || nodes.has(fact.node)) continue;
    const entry = snapshot.node(fact.node);
    nodes.set(fact.node, { pool: entry?.pool ?? null, side: pullSideOf(entry) });
  }
  return {
    poolOrder: snapshot.pools.map((p) => p.name).filter((n): n is string => n !== null),
    nodes,
  };
};

const samePlacements = (a: PullPlacements, b: PullPlacements): boolean => {
  if (a.nodes.size !== b.nodes.size || a.poolOrder.length !== b.poolOrder.length) return false;
  if (a.poolOrder.some((name, i) => b.poolOrder[i] !== name)) return false;
  for (const [node, place] of a.nodes) {
    const other = b.nodes.get(node);
    if (other?.pool !== place.pool || other.side !== place.side) return false;
  }
  return true;
};

/**
 * summarizePulls with a memory: the same facts (the same array) with the same placements give
 * the same summary object, without summing again. The node dashboard makes a new snapshot for
 * every batch of agent heartbeats, which rarely moves a node to another pool or side.
 */
export const createPullSummarizer = (): ((
  facts: readonly ImageEventFact[],
  snapshot: Pick<DashboardSnapshot, 'node' | 'pools'>,
) => PullSummary) => {
  let last:
    | { facts: readonly ImageEventFact[]; placements: PullPlacements; summary: PullSummary }
    | undefined;
  return (facts, snapshot) => {
    const placements = placePullNodes(facts, snapshot);
    if (last?.facts === facts && samePlacements(last.placements, placements)) return last.summary;
    last = { facts, placements, summary: summarizePlaced(facts, placements) };
    return last.summary;
  };
};

/** Groups read image events by pool and side; foreign events are skipped. */
export const summarizePulls = (
  facts: readonly ImageEventFact[],
  snapshot: Pick<DashboardSnapshot, 'node' | 'pools'>,
): PullSummary => summarizePlaced(facts, placePullNodes(facts, snapshot));

const UNPLACED: NodePlacement = { pool: null, side: 'unknown' };

const summarizePlaced = (
  facts: readonly ImageEventFact[],
  placements: PullPlacements,
): PullSummary => {
  const pools = new Map<string, PoolAccumulator>();
  let fromMs = Infinity;
  let toMs = -Infinity;
  let events = 0;
  let outsidePools = 0;
  let unreadable = 0;
  const unreadableExamples: UnreadableFact[] = [];
  const placeOf = (node: string | null): NodePlacement =>
    (node === null ? undefined : placements.nodes.get(node)) ?? UNPLACED;
  const accumulator = (pool: string): PoolAccumulator => {
    let acc = pools.get(pool);
    if (acc === undefined) {
      acc = { lazy: [], full: [], unknownSide: 0, failed: 0, backoff: 0, present: 0 };
      pools.set(pool, acc);
    }
    return acc;
  };

  const read = facts;
  const lastStart = new Map<string, number>();
  for (const fact of read) {
    if (fact.kind === 'started' && fact.node !== null && fact.atMs !== null) {
      if (fact.atMs > (lastStart.get(fact.node) ?? -Infinity)) lastStart.set(fact.node, fact.atMs);
    }
  }

  for (const fact of read) {
    if (fact.kind === 'foreign') continue;
    events += 1;
    if (fact.atMs !== null) {
      if (fact.atMs < fromMs) fromMs = fact.atMs;
      if (fact.atMs > toMs) toMs = fact.atMs;
    }
    if (fact.kind === 'unreadable') {
      unreadable += 1;
      if (unreadableExamples.length < UNREADABLE_EXAMPLES) unreadableExamples.push(fact);
      continue;
    }
    if (fact.kind === 'pulling' || fact.kind === 'started') continue;
    const { pool, side } = placeOf(fact.node);
    if (pool === null) {
      if (fact.kind === 'pulled') outsidePools += 1;
      continue;
    }
    const acc = accumulator(pool);
    if (fact.kind === 'pulled') {
      const start = lastStart.get(fact.node as string);
      const sinceStart = start === undefined || (fact.atMs !== null && fact.atMs > start);
      if (!sinceStart) acc.unknownSide += 1;
      else if (side === 'lazy') acc.lazy.push(fact);
      else if (side === 'full') acc.full.push(fact);
      else acc.unknownSide += 1;
    } else if (fact.kind === 'present') acc.present += 1;
    else if (fact.kind === 'failed') acc.failed += 1;
    else acc.backoff += 1;
  }

  const order = placements.poolOrder;
  const names = [
    ...order.filter((n) => pools.has(n)),
    ...[...pools.keys()].filter((n) => !order.includes(n)).sort(),
  ];
  return {
    pools: names.flatMap((pool) => {
      const acc = pools.get(pool);
      if (acc === undefined) return [];
      return {
        pool,
        images: new Set([...acc.lazy, ...acc.full].map((p) => p.image)).size,
        lazy: sideStats(acc.lazy),
        full: sideStats(acc.full),
        unknownSide: acc.unknownSide,
        failed: acc.failed,
        backoff: acc.backoff,
        present: acc.present,
      };
    }),
    window: fromMs <= toMs ? { fromMs, toMs } : null,
    events,
    outsidePools,
    unreadable,
    unreadableExamples,
    sameImage: sameImagePulls(
      [...pools.values()].flatMap((acc) => acc.lazy),
      [...pools.values()].flatMap((acc) => acc.full),
    ),
  };
};
