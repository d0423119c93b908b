import type { MachineConfigPool } from '../pools/machineConfigPool';
import type { ContainerRuntimeConfig } from '../model/types';
import { copyCounts, countEntry, emptyCounts, sameCounts } from './counts';
import {
  type AgentSummary,
  HEALTH_ANNOTATION,
  interpretNode,
  readAgentState,
  REPORT_ANNOTATION,
} from './nodeEntry';
import { buildPoolContext, poolInputsSignature, type PoolContext } from './poolContext';
import { MCO_NODE_ANNOTATIONS } from './rollout';
import { Snapshot } from './snapshot';
import type { DashboardNode, DashboardSnapshot, GroupCounts, NodeHealthEntry } from './types';

interface NodeRecord {
  /** The object last given for the node: the console's watch keeps unchanged objects identical. */
  source: DashboardNode;
  uid: string | undefined;
  labels: Record<string, string> | undefined;
  /** The annotation values the entry was made from, to tell a relevant change from noise. */
  health: string | undefined;
  report: string | undefined;
  mco: (string | undefined)[];
  /** What the agent annotations say, kept until they change (reading them is the costly part). */
  agent: AgentSummary;
  /** Position of the node's entry in `entries`. */
  index: number;
  /** The syncNodes round that last saw the node. */
  seen: number;
}

const sameLabels = (
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): boolean => {
  if (a === b) return true;
  const ka = a ? Object.keys(a) : [];
  const kb = b ? Object.keys(b) : [];
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a?.[k] !== b?.[k]) return false;
  return true;
};

const mcoValues = (annotations: Record<string, string> | undefined): (string | undefined)[] =>
  MCO_NODE_ANNOTATIONS.map((key) => annotations?.[key]);

const sameValues = (
  a: readonly (string | undefined)[],
  b: readonly (string | undefined)[],
): boolean => a.every((v, i) => v === b[i]);

/**
 * The dashboard, kept up to date one change at a time. A node's change re-reads only that
 * node's annotations and adjusts the counts by its old and new entry; other entries keep their
 * identity, so memoized rows do not re-render. Pools and configurations change rarely; when
 * what the interpretation depends on changes, every entry is re-made from the parsed
 * annotations it already has (no re-parsing).
 *
 * Snapshots are cheap: the entry array is handed out as is and copied (pointers only) the next
 * time the model changes after a snapshot was taken, never per read.
 */
export class DashboardModel {
  private records = new Map<string, NodeRecord>();
  private entries: NodeHealthEntry[] = [];
  /** Whether `entries` was handed out in a snapshot and must be copied before a write. */
  private shared = false;
  private context: PoolContext = buildPoolContext([], []);
  private poolSignature = poolInputsSignature([], []);
  private total = emptyCounts();
  private poolCounts = new Map<string | null, GroupCounts>();
  private version = 1;
  private published: Snapshot | undefined;
  private round = 0;

  constructor(private now: number = Date.now()) {}

  /** Sets the pools and configurations; returns whether the dashboard changed. */
  setPools(
    pools: readonly MachineConfigPool[],
    configs: readonly ContainerRuntimeConfig[],
  ): boolean {
    const signature = poolInputsSignature(pools, configs);
    if (signature === this.poolSignature) return false;
    this.poolSignature = signature;
    this.context = buildPoolContext(pools, configs);
    this.writable();
    this.total = emptyCounts();
    this.poolCounts = new Map(this.context.names.map((n) => [n, emptyCounts()]));
    for (const record of this.records.values()) {
      const entry = interpretNode(record.source, record.agent, this.context, this.now);
      this.entries[record.index] = entry;
      this.count(entry, 1);
    }
    this.version += 1;
    return true;
  }

  /** Adds or updates one node; returns whether the dashboard changed. Nameless nodes are ignored. */
  upsertNode(node: DashboardNode): boolean {
    const name = node.metadata?.name;
    if (!name) return false;
    const record = this.records.get(name);
    if (record === undefined) {
      this.add(name, node);
      return true;
    }
    if (record.source === node) return false;
    record.source = node;
    const metadata = node.metadata;
    const annotations = metadata?.annotations;
    const health = annotations?.[HEALTH_ANNOTATION];
    const report = annotations?.[REPORT_ANNOTATION];
    const mco = mcoValues(annotations);
    const agentChanged = health !== record.health || report !== record.report;
    if (
      !agentChanged &&
      metadata?.uid === record.uid &&
      sameLabels(metadata?.labels, record.labels) &&
      sameValues(mco, record.mco)
    ) {
      return false;
    }
    if (agentChanged) {
      record.agent = readAgentState(node, this.now);
      record.health = health;
      record.report = report;
    }
    record.uid = metadata?.uid;
    record.labels = metadata?.labels;
    record.mco = mco;
    this.replace(record, interpretNode(node, record.agent, this.context, this.now));
    return true;
  }

  /** Removes one node; returns whether it was there. */
  deleteNode(name: string): boolean {
    const record = this.records.get(name);
    if (record === undefined) return false;
    this.writable();
    this.count(this.entries[record.index], -1);
    const last = this.entries.pop() as NodeHealthEntry;
    if (record.index < this.entries.length) {
      this.entries[record.index] = last;
      (this.records.get(last.name) as NodeRecord).index = record.index;
    }
    this.records.delete(name);
    this.version += 1;
    return true;
  }

  /**
   * Makes the model hold exactly these nodes (a watch's current list). Objects identical to the
   * ones given last time cost a map look-up each; only changed, new and removed nodes do work.
   */
  syncNodes(nodes: readonly DashboardNode[]): boolean {
    this.round += 1;
    let changed = false;
    let seen = 0;
    for (const node of nodes) {
      const name = node.metadata?.name;
      if (!name) continue;
      if (this.upsertNode(node)) changed = true;
      const record = this.records.get(name) as NodeRecord;
      if (record.seen !== this.round) {
        record.seen = this.round;
        seen += 1;
      }
    }
    if (seen < this.records.size) {
      const gone: string[] = [];
      for (const [name, record] of this.records) if (record.seen !== this.round) gone.push(name);
      for (const name of gone) this.deleteNode(name);
      changed = true;
    }
    return changed;
  }

  /**
   * Moves the clock: reports that crossed their stale time change state, and a report that was
   * refused for coming from the future is read again. Returns whether any entry changed; when
   * none did, the published snapshot stays the current one, so a clock tick costs the page a
   * comparison per node and nothing more.
   */
  setNow(now: number): boolean {
    if (now === this.now) return false;
    this.now = now;
    const before = this.version;
    for (const record of this.records.values()) {
      const entry = this.entries[record.index];
      if (record.agent.kind === 'ok') {
        const stale = entry.staleAtMs !== null && now > entry.staleAtMs;
        if (stale !== (entry.health === 'Stale')) {
          this.replace(record, interpretNode(record.source, record.agent, this.context, now));
        }
      } else if (record.agent.kind === 'unknown' && record.agent.problem === 'future-time') {
        record.agent = readAgentState(record.source, now);
        this.replace(record, interpretNode(record.source, record.agent, this.context, now));
      }
    }
    return this.version !== before;
  }

  get size(): number {
    return this.records.size;
  }

  snapshot(): DashboardSnapshot {
    const previous = this.published;
    if (previous?.version === this.version) return previous;
    this.shared = true;
    // Counts that did not change keep their published object (most node updates change no
    // count), so views given them need not render again.
    const kept = (counts: GroupCounts, before: GroupCounts | undefined): GroupCounts =>
      before !== undefined && sameCounts(before, counts) ? before : copyCounts(counts);
    const poolCounts = new Map<string | null, GroupCounts>();
    for (const [pool, counts] of this.poolCounts)
      poolCounts.set(pool, kept(counts, previous?.countsOf(pool)));
    this.published = new Snapshot(
      this.version,
      this.now,
      this.entries,
      this.context,
      poolCounts,
      kept(this.total, previous?.total),
      previous,
    );
    return this.published;
  }

  private add(name: string, node: DashboardNode): void {
    const annotations = node.metadata?.annotations;
    const agent = readAgentState(node, this.now);
    const entry = interpretNode(node, agent, this.context, this.now);
    this.writable();
    this.records.set(name, {
      source: node,
      uid: node.metadata?.uid,
      labels: node.metadata?.labels,
      health: annotations?.[HEALTH_ANNOTATION],
      report: annotations?.[REPORT_ANNOTATION],
      mco: mcoValues(annotations),
      agent,
      index: this.entries.length,
      seen: 0,
    });
    this.entries.push(entry);
    this.count(entry, 1);
    this.version += 1;
  }

  private replace(record: NodeRecord, entry: NodeHealthEntry): void {
    this.writable();
    this.count(this.entries[record.index], -1);
    this.entries[record.index] = entry;
    this.count(entry, 1);
    this.version += 1;
  }

  private count(entry: NodeHealthEntry, sign: 1 | -1): void {
    countEntry(this.total, entry, sign);
    let group = this.poolCounts.get(entry.pool);
    if (group === undefined) {
      group = emptyCounts();
      this.poolCounts.set(entry.pool, group);
    }
    countEntry(group, entry, sign);
  }

  private writable(): void {
    if (this.shared) {
      this.entries = this.entries.slice();
      this.shared = false;
    }
  }
}
