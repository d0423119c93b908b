/**
 * The node-health dashboard model: what the console shows per node and per pool, derived from
 * Node metadata (the agent's and the MCO's annotations), MachineConfigPools and
 * ContainerRuntimeConfigs. Everything here is plain data, immutable once published, so that
 * React can compare entries by identity.
 */
import type { LazyPullHealth, UnknownStateProblem } from '../health/report';
import type { ObjectMeta } from '../model/types';

/**
 * A node's lazy-pull health as the dashboard shows it, most severe first (the order the table
 * sorts by). The agent's four values, plus:
 * - Stale: the agent's report is older than three of its heartbeat intervals; what it last said
 *   is kept in `reportedHealth` but is no longer believed.
 * - Unknown: an annotation is there but cannot be read (bad JSON, unknown version, oversized,
 *   wrong types, a health that contradicts the report…); `unknown` says why.
 * - NoReport: neither annotation is there, so the agent has never run on the node. Kept apart
 *   from Unknown because the remedy differs (deploy the agent, not debug it).
 */
export const HEALTH_STATES = [
  'Unhealthy',
  'Unknown',
  'Stale',
  'Degraded',
  'NoReport',
  'NotConfigured',
  'Healthy',
] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/**
 * Where a node is in the MCO's rollout of its pool's rendered config, most severe first.
 * UpToDate: currentConfig = desiredConfig = the pool's target, state Done. Updating: the MCO
 * works on the node, or will (its desired config or the pool's target differs from its current
 * one). Rebooting: state Rebooting. Degraded: state Degraded or Unreconcilable. Unknown: the
 * MCO annotations are missing or hold values the MCO does not write.
 */
export const ROLLOUT_STATES = ['Degraded', 'Unknown', 'Rebooting', 'Updating', 'UpToDate'] as const;
export type RolloutState = (typeof ROLLOUT_STATES)[number];

/** The Node fields the dashboard reads; a metadata-only (PartialObjectMetadata) Node has them. */
export interface DashboardNode {
  metadata?: Pick<ObjectMeta, 'name' | 'uid' | 'labels' | 'annotations'>;
}

export interface RolloutInfo {
  state: RolloutState;
  /** The MCO annotations as found (null when absent); `reason` is free text from the MCO. */
  currentConfig: string | null;
  desiredConfig: string | null;
  mcoState: string | null;
  reason: string | null;
  /** Done on its current config, but the pool targets another rendered config: waiting its turn. */
  queued: boolean;
}

/** Which MachineConfigPool manages a node, decided as the MCO decides (see placement.ts). */
export type PoolPlacement =
  | {
      kind: 'pool';
      pool: string;
      /** Other pools whose node selector matches too. */ alsoMatches: readonly string[];
    }
  | { kind: 'none' }
  /** Several custom pools match: the MCO manages the node with none of them. */
  | { kind: 'conflict'; pools: readonly string[] };

/** Layer stores the node reports against the ones its pool's configuration asks for. */
export interface StoreDrift {
  /** Expected by the pool, absent from the node's storage.conf. */
  missing: readonly string[];
  /** In the node's storage.conf, not expected by the pool. */
  extra: readonly string[];
}

export interface StoreCounts {
  total: number;
  mounted: number;
  responsive: number;
}

export interface NodeHealthEntry {
  name: string;
  uid: string | null;
  placement: PoolPlacement;
  /** The managing pool's name, null when none (or in conflict). */
  pool: string | null;
  health: HealthState;
  /** What the agent said (also for a Stale report); null when nothing readable was said. */
  reportedHealth: LazyPullHealth | null;
  /** Why the health is Unknown; null otherwise. */
  unknown: { problem: UnknownStateProblem; reason: string } | null;
  /**
   * The agent's annotations (health and report) when its report was readable, else null. The
   * entry keeps the figures it shows; the detail view reads the whole report from these with
   * parseNodeAnnotations.
   */
  agentAnnotations: Readonly<Record<string, string>> | null;
  /** When the agent checked the node (ms since the epoch); null without a readable report. */
  checkedAtMs: number | null;
  /** When the report turns stale; null without a readable report. */
  staleAtMs: number | null;
  rollout: RolloutInfo;
  /** The layer stores the pool's configuration asks for; null when the node has no pool. */
  expectedStores: readonly string[] | null;
  /** The layer stores the node's storage.conf names; null without a readable report. */
  nodeStores: readonly string[] | null;
  /** Null when it cannot be told (no pool, or no readable report). */
  drift: StoreDrift | null;
  stores: StoreCounts;
  /** Layers served now, summed over stores; null without a readable report. */
  layersServed: number | null;
  /** Image references served lazily (listed plus omitted), summed over stores. */
  imagesServed: number | null;
  /** The image references the report lists, over all stores (what the text search matches). */
  images: readonly string[];
}

export type HealthCounts = Record<HealthState, number>;
export type RolloutCounts = Record<RolloutState, number>;

/** Counts over a group of nodes (one pool, nodes without a pool, or all). */
export interface GroupCounts {
  nodes: number;
  health: HealthCounts;
  rollout: RolloutCounts;
  /** Nodes whose storage.conf disagrees with their pool's configuration. */
  drifted: number;
  /** Nodes whose readable report names at least one layer store. */
  withStores: number;
  layersServed: number;
}

export interface ExpectedStores {
  /** Layer store paths, as the winning configuration writes them. */
  layerStores: readonly string[];
  /** The ContainerRuntimeConfig whose storage.conf the pool's nodes get; null when none. */
  source: string | null;
  /** Its generated MachineConfig's name; null when none. */
  machineConfig: string | null;
  /** Other configurations that reach the pool but whose storage.conf loses (merged earlier). */
  overridden: readonly string[];
  /** Configurations selecting the pool whose last condition is a Failure (the MCO applied nothing). */
  failed: readonly string[];
}

export interface PoolSummary {
  /** The pool's name; null for the group of nodes no pool manages. */
  name: string | null;
  /** Null for the no-pool group. */
  expected: ExpectedStores | null;
  counts: GroupCounts;
}

/** An immutable view of the dashboard at one version. */
export interface DashboardSnapshot {
  /** Increases whenever anything visible changes; equal versions mean equal snapshots. */
  readonly version: number;
  /**
   * The clock reading when this snapshot was published (ms since the epoch). Staleness is judged at every
   * reading; one that changes nothing publishes no new snapshot, so views that show ages keep
   * a clock of their own.
   */
  readonly now: number;
  /** Every node, in no particular order (views sort). Built on first read. */
  readonly nodes: readonly NodeHealthEntry[];
  /** Every MachineConfigPool by name, then the no-pool group when it has nodes. Built on first read. */
  readonly pools: readonly PoolSummary[];
  readonly total: GroupCounts;
  /** Whether any pool's configuration asks for a layer store, or any node reports one. */
  readonly layerStoresConfigured: boolean;
  node(name: string): NodeHealthEntry | undefined;
}
