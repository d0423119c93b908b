/**
 * Which MachineConfigPool manages a node. The MCO's rule (pkg/helpers GetPoolsForNode):
 * a pool matches when its spec.nodeSelector is non-empty and selects the node's labels (a nil
 * or empty selector matches nothing, unlike a plain label selector); then
 * - two or more custom pools (any pool but master and worker): the MCO refuses to manage the
 *   node at all (a conflict; the MCO logs "belongs to N custom roles");
 * - one custom pool: it wins over worker ("custom pools take priority"), but not over master:
 *   a control-plane node matching a custom pool stays in master and gets none of the custom
 *   pool's configuration (current MCOs log this; releases before 4.14 refused such a node);
 * - master and worker: master (single-node and compact clusters);
 * - otherwise worker.
 */
import { compileSelector, type LabelPredicate } from '../model/labelSelector';
import type { LabelSelector } from '../model/types';
import type { PoolPlacement } from './types';

export const MASTER_POOL = 'master';
export const WORKER_POOL = 'worker';

export interface PlacementPool {
  name: string;
  nodeSelector: LabelSelector | null | undefined;
}

const isEmptySelector = (selector: LabelSelector | null | undefined): boolean =>
  !selector ||
  (Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0);

/** A pool prepared by placementPools: its selector compiled, its place in the sorted list. */
export interface PreparedPool extends PlacementPool {
  readonly matches: LabelPredicate;
}

/**
 * Placements already decided for this pool list, by which of its pools matched (a bit per
 * pool): thousands of nodes match the same few combinations, and placements are read-only.
 */
const decided = new WeakMap<readonly PreparedPool[], Map<number, PoolPlacement>>();

/** Bits index pools in a number; a longer list (never seen in a cluster) is not cached. */
const MAX_CACHED_POOLS = 30;

/**
 * The pools that can place nodes at all (a non-empty node selector), sorted by name, with their
 * selectors compiled. Prepare them once; placeNode runs for every node.
 */
export const placementPools = (pools: readonly PlacementPool[]): PreparedPool[] =>
  pools
    .filter((p) => !isEmptySelector(p.nodeSelector))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => ({
      name: p.name,
      nodeSelector: p.nodeSelector,
      matches: compileSelector(p.nodeSelector),
    }));

/** The placement of a node that the pools `matched` (names in the pools' sorted order) select. */
const decide = (matched: string[]): PoolPlacement => {
  if (matched.length === 0) return NO_POOL_PLACEMENT;
  let custom: string | undefined;
  let customCount = 0;
  let master = false;
  for (const name of matched) {
    if (name === MASTER_POOL) master = true;
    else if (name !== WORKER_POOL) {
      custom = name;
      customCount += 1;
    }
  }
  if (customCount > 1) return { kind: 'conflict', pools: matched };
  const winner = master ? MASTER_POOL : (custom ?? WORKER_POOL);
  return {
    kind: 'pool',
    pool: winner,
    alsoMatches: matched.length === 1 ? NONE : matched.filter((n) => n !== winner),
  };
};

/** Places a node among pools prepared by placementPools. */
export const placeNode = (
  pools: readonly PreparedPool[],
  labels: Record<string, string> | undefined,
): PoolPlacement => {
  if (pools.length > MAX_CACHED_POOLS) {
    return decide(pools.filter((p) => p.matches(labels)).map((p) => p.name));
  }
  let mask = 0;
  for (let i = 0; i < pools.length; i += 1) if (pools[i].matches(labels)) mask |= 1 << i;
  let cache = decided.get(pools);
  if (cache === undefined) {
    cache = new Map();
    decided.set(pools, cache);
  }
  let placement = cache.get(mask);
  if (placement === undefined) {
    placement = decide(pools.filter((_p, i) => (mask & (1 << i)) !== 0).map((p) => p.name));
    cache.set(mask, placement);
  }
  return placement;
};

const NONE: readonly string[] = Object.freeze([]);
const NO_POOL_PLACEMENT: PoolPlacement = Object.freeze({ kind: 'none' });

export const placementPool = (placement: PoolPlacement): string | null =>
  placement.kind === 'pool' ? placement.pool : null;
