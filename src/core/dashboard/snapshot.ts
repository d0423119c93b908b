import { emptyCounts } from './counts';
import type { PoolContext } from './poolContext';
import type { DashboardSnapshot, GroupCounts, NodeHealthEntry, PoolSummary } from './types';

/**
 * A published dashboard state. It owns its arrays and counts (the model copies before it writes
 * again), so it never changes after it is handed out; the pool list and the by-name index are
 * built only when first read.
 */
export class Snapshot implements DashboardSnapshot {
  private poolList: readonly PoolSummary[] | undefined;
  private byName: Map<string, NodeHealthEntry> | undefined;

  constructor(
    readonly version: number,
    readonly now: number,
    readonly nodes: readonly NodeHealthEntry[],
    private readonly context: PoolContext,
    /** Counts per pool name (null: nodes no pool manages), owned by this snapshot. */
    private readonly poolCounts: ReadonlyMap<string | null, GroupCounts>,
    readonly total: GroupCounts,
    /** The snapshot before this one: its pool list, if built, is kept while nothing in it changed. */
    previous?: Snapshot,
  ) {
    if (previous?.poolList !== undefined && this.samePoolsAs(previous)) {
      this.poolList = previous.poolList;
    }
  }

  /** The counts of one pool (null: nodes no pool manages), as this snapshot holds them. */
  countsOf(pool: string | null): GroupCounts | undefined {
    return this.poolCounts.get(pool);
  }

  get pools(): readonly PoolSummary[] {
    if (this.poolList === undefined) {
      const list: PoolSummary[] = this.context.names.map((name) => ({
        name,
        expected: this.context.expected.get(name) ?? null,
        counts: this.poolCounts.get(name) ?? emptyCounts(),
      }));
      const unmanaged = this.poolCounts.get(null);
      if (unmanaged && unmanaged.nodes > 0) {
        list.push({ name: null, expected: null, counts: unmanaged });
      }
      this.poolList = list;
    }
    return this.poolList;
  }

  private samePoolsAs(other: Snapshot): boolean {
    if (other.context !== this.context || other.poolCounts.size !== this.poolCounts.size)
      return false;
    for (const [pool, counts] of this.poolCounts)
      if (other.poolCounts.get(pool) !== counts) return false;
    return true;
  }

  get layerStoresConfigured(): boolean {
    return this.context.anyLayerStoreExpected || this.total.withStores > 0;
  }

  node(name: string): NodeHealthEntry | undefined {
    if (this.byName === undefined) this.byName = new Map(this.nodes.map((n) => [n.name, n]));
    return this.byName.get(name);
  }
}
