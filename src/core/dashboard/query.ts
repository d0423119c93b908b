/**
 * The dashboard table's filters and order, as they live in the page's URL query (so a filtered
 * view can be shared), and the selection of entries they make.
 */
import {
  HEALTH_STATES,
  type HealthState,
  type NodeHealthEntry,
  ROLLOUT_STATES,
  type RolloutState,
} from './types';

export const SORT_KEYS = ['health', 'name', 'pool', 'rollout', 'stores', 'layers', 'age'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** Stands for "no pool" in the pool filter. Pool names are DNS subdomains, so none is `_none`. */
export const NO_POOL = '_none';

export interface NodeQuery {
  /** Pool names, or NO_POOL; empty: every pool. */
  pools: readonly string[];
  health: readonly HealthState[];
  rollout: readonly RolloutState[];
  /** Matched, case-insensitively, against node name, pool and served image references. */
  text: string;
  sort: SortKey;
  order: SortOrder;
  /** The node whose detail is open. */
  node: string | null;
}

export const DEFAULT_QUERY: NodeQuery = {
  pools: [],
  health: [],
  rollout: [],
  text: '',
  sort: 'health',
  order: 'asc',
  node: null,
};

export const QUERY_PARAMS = {
  pools: 'pool',
  health: 'health',
  rollout: 'rollout',
  text: 'q',
  sort: 'sort',
  order: 'order',
  node: 'node',
} as const;

const list = (params: URLSearchParams, key: string): string[] =>
  (params.get(key) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

const known = <T extends string>(allowed: readonly T[], values: string[]): T[] =>
  [...new Set(values)].filter((v): v is T => (allowed as readonly string[]).includes(v));

/** Reads the query, dropping values it does not know (a hand-edited or outdated link). */
export const readNodeQuery = (params: URLSearchParams): NodeQuery => {
  const sort = params.get(QUERY_PARAMS.sort);
  return {
    pools: [...new Set(list(params, QUERY_PARAMS.pools))],
    health: known(HEALTH_STATES, list(params, QUERY_PARAMS.health)),
    rollout: known(ROLLOUT_STATES, list(params, QUERY_PARAMS.rollout)),
    text: params.get(QUERY_PARAMS.text) ?? '',
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '')
      ? (sort as SortKey)
      : DEFAULT_QUERY.sort,
    order: params.get(QUERY_PARAMS.order) === 'desc' ? 'desc' : 'asc',
    node: params.get(QUERY_PARAMS.node) || null,
  };
};

/**
 * Writes the query into a copy of `params`, leaving other parameters alone and defaults out,
 * so that the default view has a clean URL.
 */
export const writeNodeQuery = (
  query: NodeQuery,
  params = new URLSearchParams(),
): URLSearchParams => {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string, fallback: string) =>
    value === fallback ? next.delete(key) : next.set(key, value);
  set(QUERY_PARAMS.pools, query.pools.join(','), '');
  set(QUERY_PARAMS.health, query.health.join(','), '');
  set(QUERY_PARAMS.rollout, query.rollout.join(','), '');
  set(QUERY_PARAMS.text, query.text, '');
  set(QUERY_PARAMS.sort, query.sort, DEFAULT_QUERY.sort);
  set(QUERY_PARAMS.order, query.order, DEFAULT_QUERY.order);
  set(QUERY_PARAMS.node, query.node ?? '', '');
  return next;
};

export const isFiltered = (query: NodeQuery): boolean =>
  query.pools.length > 0 ||
  query.health.length > 0 ||
  query.rollout.length > 0 ||
  query.text.trim() !== '';

const rank = <T extends string>(order: readonly T[]): Record<T, number> =>
  Object.fromEntries(order.map((s, i) => [s, i])) as Record<T, number>;
const HEALTH_RANK = rank(HEALTH_STATES);
const ROLLOUT_RANK = rank(ROLLOUT_STATES);

const byName = (a: NodeHealthEntry, b: NodeHealthEntry): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** The value an entry sorts by, ascending; null when it has none (it then sorts last). */
const sortValue = (key: SortKey, e: NodeHealthEntry): number | string | null => {
  switch (key) {
    case 'name':
      return e.name;
    case 'pool':
      return e.pool;
    case 'health':
      return HEALTH_RANK[e.health];
    case 'rollout':
      return ROLLOUT_RANK[e.rollout.state];
    case 'stores':
      // Fewest answering stores first: that is where lazy pulling fails.
      return e.agentAnnotations === null ? null : e.stores.responsive * 1000 + e.stores.mounted;
    case 'layers':
      return e.layersServed;
    case 'age':
      // Youngest report first: a later check time is a smaller age.
      return e.checkedAtMs === null ? null : -e.checkedAtMs;
  }
};

const matchesText = (entry: NodeHealthEntry, needle: string): boolean => {
  if (entry.name.toLowerCase().includes(needle)) return true;
  if (entry.pool !== null && entry.pool.toLowerCase().includes(needle)) return true;
  for (const image of entry.images) if (image.toLowerCase().includes(needle)) return true;
  return false;
};

/** The entries the query selects, in its order (ties by node name). */
export const selectEntries = (
  entries: readonly NodeHealthEntry[],
  query: NodeQuery,
): NodeHealthEntry[] => {
  const pools = query.pools.length > 0 ? new Set(query.pools) : null;
  const health = query.health.length > 0 ? new Set<string>(query.health) : null;
  const rollout = query.rollout.length > 0 ? new Set<string>(query.rollout) : null;
  const needle = query.text.trim().toLowerCase();
  const selected = entries.filter(
    (e) =>
      (pools === null || pools.has(e.pool ?? NO_POOL)) &&
      (health === null || health.has(e.health)) &&
      (rollout === null || rollout.has(e.rollout.state)) &&
      (needle === '' || matchesText(e, needle)),
  );
  const direction = query.order === 'desc' ? -1 : 1;
  // Sort keys are computed once per entry, not once per comparison.
  const keyed = selected.map((entry) => ({ entry, value: sortValue(query.sort, entry) }));
  keyed.sort((a, b) => {
    if (a.value !== b.value) {
      // Entries without a value stay last in either direction.
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return (a.value < b.value ? -1 : 1) * direction;
    }
    return byName(a.entry, b.entry);
  });
  return keyed.map((k) => k.entry);
};
