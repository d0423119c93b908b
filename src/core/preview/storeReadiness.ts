/**
 * Whether a pool's nodes have a layer store mounted, from the node agent's reports, before a
 * configuration that names the store reaches them.
 *
 * Why it matters: containers/storage refuses to start the overlay driver when an additional
 * layer store directory is missing (`overlay: can't stat additionallayerstore dir`), so CRI-O
 * fails and the node goes NotReady; and where the directory exists but no plugin is mounted on
 * it, every image is pulled in full. The agent reports a store's mount when storage.conf names
 * the store (`stores[]`), and every FUSE mount of the host whatever storage.conf names
 * (`fuseMounts`), which is what tells about a store not configured yet.
 */
import { placeNode, placementPools, type PlacementPool } from '../dashboard/placement';
import { parseNodeAnnotations, type NodeHealthReport } from '../health/report';
import type { ObjectMeta } from '../model/types';

/** Why the reports cannot tell whether a node has the store. */
export type UnknownMountReason =
  /** No agent has reported on the node. */
  | 'no-report'
  /** The agent's annotations cannot be read (the dashboard says why). */
  | 'unreadable'
  /** The report is older than three of the agent's heartbeats. */
  | 'stale'
  /** storage.conf does not name the store and the agent reports no FUSE mounts (an older agent, or an unreadable mount table). */
  | 'no-mount-list'
  /** The store is not among the FUSE mounts listed, but the list leaves some out. */
  | 'list-cut-short';

export interface StoreReadiness {
  /** The layer store path, as the configuration names it. */
  path: string;
  /** Nodes of the pool whose report says the store is not mounted, sorted by name. */
  notMounted: string[];
  /** Nodes of the pool whose reports cannot tell, sorted by name. */
  unknown: { node: string; reason: UnknownMountReason }[];
}

export interface PoolNodesReadiness {
  /** How many nodes the pool manages (as the MCO places them). */
  nodes: number;
  stores: StoreReadiness[];
}

export interface StoreReadinessInput {
  pool: string;
  /** Every pool, with its node selector: a node's pool is decided among all of them. */
  pools: readonly PlacementPool[];
  /** Nodes (metadata suffices: labels for the pool, annotations for the report). */
  nodes: readonly { metadata?: Pick<ObjectMeta, 'name' | 'labels' | 'annotations'> }[];
  /** Layer store paths the configuration names. */
  paths: readonly string[];
  nowMs: number;
}

/**
 * A path as the kernel's mount table writes it: `//` collapsed, `.` segments and a trailing `/`
 * dropped, `..` resolved. Store paths are absolute (the API server refuses others).
 */
export const mountPointOf = (path: string): string => {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
};

type MountAnswer = { mounted: boolean } | { unknown: UnknownMountReason };

const mountOf = (report: NodeHealthReport, path: string): MountAnswer => {
  const wanted = mountPointOf(path);
  const configured = report.stores.find((s) => mountPointOf(s.path) === wanted);
  if (configured) return { mounted: configured.mounted };
  if (report.fuseMounts === undefined) return { unknown: 'no-mount-list' };
  if (report.fuseMounts.some((m) => mountPointOf(m.path) === wanted)) return { mounted: true };
  return (report.fuseMountsOmitted ?? 0) > 0 ? { unknown: 'list-cut-short' } : { mounted: false };
};

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** For each path, the pool's nodes that do not have it mounted, and those whose reports cannot tell. */
export const storeReadiness = (input: StoreReadinessInput): PoolNodesReadiness => {
  const prepared = placementPools(input.pools);
  const inPool = prepared.some((p) => p.name === input.pool)
    ? input.nodes.filter((n) => {
        const placement = placeNode(prepared, n.metadata?.labels);
        return placement.kind === 'pool' && placement.pool === input.pool;
      })
    : [];
  const paths = [...new Set(input.paths)];
  const stores: StoreReadiness[] = paths.map((path) => ({ path, notMounted: [], unknown: [] }));
  for (const node of [...inPool].sort((a, b) =>
    byName(a.metadata?.name ?? '', b.metadata?.name ?? ''),
  )) {
    const name = node.metadata?.name ?? '';
    const state = parseNodeAnnotations(node.metadata?.annotations, input.nowMs);
    const report = state.kind === 'ok' && !state.stale ? state.report : null;
    const reason: UnknownMountReason =
      state.kind === 'notReported'
        ? 'no-report'
        : state.kind === 'unknown'
          ? 'unreadable'
          : 'stale';
    for (const store of stores) {
      const answer: MountAnswer = report ? mountOf(report, store.path) : { unknown: reason };
      if ('unknown' in answer) store.unknown.push({ node: name, reason: answer.unknown });
      else if (!answer.mounted) store.notMounted.push(name);
    }
  }
  return { nodes: inPool.length, stores };
};

/** Whether every node of the pool is known to have every store mounted. */
export const allMounted = (readiness: PoolNodesReadiness): boolean =>
  readiness.stores.every((s) => s.notMounted.length === 0 && s.unknown.length === 0);
