import { agentAnnotations, simulatedHostOf } from './agent-reports';
import type { Scheduler, TimerHandle } from './clock';
import type { KubeObject } from './kube-object';
import type { ObjectStore } from './object-store';
import { annotationOf, NODE_CURRENT_CONFIG } from './pools';
import { MACHINE_CONFIGS, NODES } from './resources';
import {
  HEALTH_ANNOTATION,
  parseNodeAnnotations,
  REPORT_ANNOTATION,
  serializeReport,
} from '../../src/core/health/report';

/**
 * The node agents of the simulated cluster. After a node reboots onto a new rendered config, its
 * agent reads the storage.conf that config put on the node and reports its stores, and the FUSE
 * mounts of the storage plugins that config installs: a configured store works where its plugin
 * is mounted (Healthy) and fails where none is (Unhealthy); with no layer store configured the
 * node is NotConfigured.
 *
 * Between changes every running agent rewrites its report once per heartbeat interval, as the
 * real agent does (src/agent/loop), so that the cluster carries the load a real one does: at
 * 5,000 nodes and the default 600 s heartbeat, 500 node updates a minute. An agent whose report
 * is stale (it stopped) or unreadable (a broken agent) stays as it is.
 */

/** A stable number per node (FNV-1a of its name), so that each node's report details differ but repeat. */
export const nodeVariant = (name: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/**
 * The agent annotations a heartbeat writes: the same report, dated `now`. Undefined when the
 * node's agent does not heartbeat (no report, a stale or an unreadable one).
 */
export const heartbeatAnnotations = (
  annotations: Record<string, string> | undefined,
  now: Date,
): Record<string, string> | undefined => {
  const state = parseNodeAnnotations(annotations, now);
  if (state.kind !== 'ok' || state.stale) return undefined;
  return {
    [HEALTH_ANNOTATION]: state.health,
    [REPORT_ANNOTATION]: serializeReport({ ...state.report, at: now.toISOString() }),
  };
};

interface Due {
  name: string;
  at: number;
}

export class SimulatedAgents {
  /** Heartbeats in the order they fall due; an entry whose time is not `due.get(name)` is void. */
  private queue: Due[] = [];
  private head = 0;
  private readonly due = new Map<string, number>();
  private timer: TimerHandle | undefined;
  private running = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: Scheduler,
  ) {}

  /**
   * Starts the heartbeats: each reporting agent writes again one heartbeat interval after the
   * time its report names (at once, if that is past).
   */
  start(): void {
    this.running = true;
    const now = this.scheduler.now();
    const initial: Due[] = [];
    for (const node of this.store.list(NODES)) {
      const state = parseNodeAnnotations(node.metadata.annotations, now);
      if (state.kind !== 'ok' || state.stale) continue;
      const at = state.checkedAt.getTime() + state.report.heartbeatSeconds * 1000;
      initial.push({ name: node.metadata.name, at });
      this.due.set(node.metadata.name, at);
    }
    this.queue = initial.sort((a, b) => a.at - b.at);
    this.head = 0;
    this.arm();
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Brings every reporting agent's next heartbeat forward, spread evenly over the next
   * `overMs` (a figure of the page once every node has reported, without waiting ten minutes).
   * Returns how many agents will report.
   */
  heartbeatAllWithin(overMs: number): number {
    const now = this.scheduler.now().getTime();
    const names = this.queue.slice(this.head).filter((d) => this.due.get(d.name) === d.at);
    this.queue = names.map((d, i) => ({
      name: d.name,
      at: now + Math.round(((i + 1) * overMs) / names.length),
    }));
    this.head = 0;
    for (const d of this.queue) this.due.set(d.name, d.at);
    this.arm();
    return names.length;
  }

  /** The node came back from a reboot: its agent reports what the node's current config configures. */
  reportAfterReboot(nodeName: string): void {
    const node = this.store.get(NODES, nodeName);
    if (!node) return;
    const annotations = this.annotationsFor(node);
    this.store.mutate(NODES, nodeName, (draft) => {
      draft.metadata.annotations = { ...(draft.metadata.annotations ?? {}), ...annotations };
    });
    if (this.running) this.schedule(nodeName, this.scheduler.now().getTime());
  }

  private schedule(name: string, reportedAt: number): void {
    const state = parseNodeAnnotations(
      this.store.get(NODES, name)?.metadata.annotations,
      new Date(reportedAt),
    );
    if (state.kind !== 'ok') {
      this.due.delete(name);
      return;
    }
    // Always the latest time queued so far: the queue stays in order by appending.
    const at = Math.max(
      reportedAt + state.report.heartbeatSeconds * 1000,
      this.queue.at(-1)?.at ?? 0,
    );
    this.due.set(name, at);
    this.queue.push({ name, at });
    this.arm();
  }

  private arm(): void {
    if (!this.running) return;
    if (this.timer) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    while (this.head < this.queue.length) {
      const next = this.queue[this.head];
      if (this.due.get(next.name) === next.at) break;
      this.head += 1;
    }
    if (this.head >= this.queue.length) return;
    const wait = Math.max(0, this.queue[this.head].at - this.scheduler.now().getTime());
    this.timer = this.scheduler.setTimeout(() => this.beat(), wait);
  }

  private beat(): void {
    this.timer = undefined;
    const now = this.scheduler.now();
    while (this.head < this.queue.length && this.queue[this.head].at <= now.getTime()) {
      const { name, at } = this.queue[this.head];
      this.head += 1;
      if (this.due.get(name) !== at) continue;
      this.due.delete(name);
      const node = this.store.get(NODES, name);
      const written = heartbeatAnnotations(node?.metadata.annotations, now);
      if (!node || !written) continue;
      this.store.mutate(NODES, name, (draft) => {
        draft.metadata.annotations = { ...(draft.metadata.annotations ?? {}), ...written };
      });
      this.schedule(name, now.getTime());
    }
    // Drop what has been read, now and then, so the queue does not grow for ever.
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.arm();
  }

  private annotationsFor(node: KubeObject): Record<string, string> {
    const current = annotationOf(node, NODE_CURRENT_CONFIG);
    const rendered = current ? this.store.get(MACHINE_CONFIGS, current) : undefined;
    return agentAnnotations(
      'Healthy',
      simulatedHostOf(rendered),
      this.scheduler.now(),
      nodeVariant(node.metadata.name),
    )!;
  }
}
