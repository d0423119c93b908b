/**
 * Time for the simulated cluster. Everything that reads the time or waits goes through a
 * Scheduler, so that tests can drive the simulated MCO and the watch timeouts step by step with a
 * ManualScheduler instead of sleeping.
 */

export type TimerHandle = { readonly id: number };

export interface Scheduler {
  now(): Date;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Wall-clock time and Node's timers (unref'd, so that they never keep a process alive). */
export const createRealScheduler = (): Scheduler => {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => new Date(),
    setTimeout(fn, ms) {
      const id = nextId++;
      const t = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      t.unref();
      timers.set(id, t);
      return { id };
    },
    clearTimeout(handle) {
      const t = timers.get(handle.id);
      if (t) clearTimeout(t);
      timers.delete(handle.id);
    },
  };
};

/** A scheduler whose time moves only when `advance` is called; due timers run in time order. */
export class ManualScheduler implements Scheduler {
  private current: number;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  constructor(start: Date | string = '2026-03-02T09:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.pending.set(id, { at: this.current + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle.id);
  }

  /** Moves time forward by `ms`, running every timer that falls due (including ones they set). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let nextId: number | undefined;
      let nextAt = Infinity;
      for (const [id, t] of this.pending) {
        if (t.at <= target && t.at < nextAt) {
          nextAt = t.at;
          nextId = id;
        }
      }
      if (nextId === undefined) break;
      const timer = this.pending.get(nextId)!;
      this.pending.delete(nextId);
      this.current = Math.max(this.current, timer.at);
      timer.fn();
    }
    this.current = target;
  }

  get pendingTimers(): number {
    return this.pending.size;
  }
}

/** Kubernetes timestamps are RFC 3339 with second precision. */
export const kubeTimestamp = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
