/**
 * Probes stores in a worker thread and gives up on a probe that does not answer in time.
 *
 * A readdir on a hung FUSE mount blocks in the kernel; no JavaScript can interrupt it. So the
 * probe runs in a worker thread, and the agent waits for the answer only `timeoutMs`. The census
 * that follows a probe (inspectStoreTree.ts) has a wait of its own, `censusTimeoutMs`: a large
 * store may take its time to count, and that says nothing about whether it answers. A worker
 * that does not answer in time is abandoned: asked to terminate (it exits if the call ever
 * returns), unref'd, and replaced by a fresh worker for the next store. While an abandoned worker
 * is still stuck, its store is not probed again, so stuck threads never pile up: at most one per
 * store.
 *
 * One worker serves all stores, one request at a time: a worker costs about 8 MB, and probing a
 * healthy store takes well under a millisecond.
 */
import { Worker } from 'node:worker_threads';
import {
  DEFAULT_CENSUS_BUDGET_MS,
  EMPTY_CENSUS,
  type StoreCensus,
  type StoreProbeResult,
  type StoreTreeInspection,
  type StoreTreeRequest,
} from './inspectStoreTree';
import {
  PROBE_WORKER_READY,
  type ProbeMessage,
  type ProbeReply,
  STORE_PROBE_WORKER_ROLE,
} from './storeProbeWorker';

export type StoreProbeOutcome =
  | { kind: 'answered'; inspection: StoreTreeInspection }
  | { kind: 'timedOut'; timeoutMs: number }
  /** An earlier probe of this store has not returned yet; `sinceMs` is when it started (epoch ms). */
  | { kind: 'stillStuck'; sinceMs: number }
  | { kind: 'failed'; error: string };

export interface StoreProberOptions {
  /** The script the worker runs: the agent bundle itself, or a test's stand-in. */
  workerScript: string | URL;
  /** Node options for the worker; by default the agent's own (tests add tsx's require hook). */
  execArgv?: string[];
  timeoutMs: number;
  /** How long the census may take after the probe answered; by default its budget plus timeoutMs. */
  censusTimeoutMs?: number;
  /** How long a new worker may take to load before the probe counts as failed. */
  startupTimeoutMs?: number;
  now?: () => number;
}

const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;

/** Keeps the probe worker small: it only lists directories. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 };

export class StoreProber {
  private worker: Worker | undefined;
  private starting: Promise<Worker> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private readonly stuck = new Map<string, { worker: Worker; sinceMs: number }>();
  private readonly now: () => number;

  constructor(private readonly options: StoreProberOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Probes one store; calls are served in order, one at a time. Never rejects. */
  probe(request: StoreTreeRequest): Promise<StoreProbeOutcome> {
    const outcome = this.queue.then(() => this.probeNow(request));
    this.queue = outcome.catch(() => undefined);
    return outcome;
  }

  /** Stores whose abandoned probe has not returned yet. */
  stuckStores(): string[] {
    return [...this.stuck.keys()];
  }

  /** Stops the worker. Stuck workers cannot be stopped; they end when their call returns. */
  async close(): Promise<void> {
    const worker = this.worker ?? (await this.starting?.catch(() => undefined));
    this.worker = undefined;
    this.starting = undefined;
    await worker?.terminate();
  }

  private async probeNow(request: StoreTreeRequest): Promise<StoreProbeOutcome> {
    const stuck = this.stuck.get(request.dir);
    if (stuck !== undefined) return { kind: 'stillStuck', sinceMs: stuck.sinceMs };
    let worker: Worker;
    try {
      worker = await this.readyWorker();
    } catch (error) {
      return { kind: 'failed', error: `probe worker did not start: ${(error as Error).message}` };
    }
    const id = this.nextId++;
    const startedMs = this.now();
    const censusTimeoutMs =
      this.options.censusTimeoutMs ??
      (request.censusBudgetMs ?? DEFAULT_CENSUS_BUDGET_MS) + this.options.timeoutMs;
    return new Promise<StoreProbeOutcome>((resolve) => {
      let probed: StoreProbeResult | undefined;
      let timer: NodeJS.Timeout;
      const settle = (outcome: StoreProbeOutcome) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(outcome);
      };
      const answered = (probe: StoreProbeResult, census: StoreCensus) =>
        settle({ kind: 'answered', inspection: { ...probe, ...census } });
      const onMessage = (reply: ProbeReply) => {
        if (reply.id !== id) return;
        if (reply.phase === 'probed') {
          if (!reply.probe.listed) {
            answered(reply.probe, EMPTY_CENSUS);
            return;
          }
          probed = reply.probe;
          clearTimeout(timer);
          timer = setTimeout(() => {
            answered(reply.probe, {
              ...EMPTY_CENSUS,
              partial: true,
              stoppedBecause: `it did not finish within ${censusTimeoutMs} ms`,
            });
            this.abandon(worker, request.dir, this.now());
          }, censusTimeoutMs);
        } else if (probed !== undefined) {
          answered(probed, reply.census);
        }
      };
      const onError = (error: Error) => {
        this.forget(worker);
        settle({ kind: 'failed', error: `probe worker failed: ${error.message}` });
      };
      const onExit = (code: number) => {
        this.forget(worker);
        settle({ kind: 'failed', error: `probe worker exited with code ${code}` });
      };
      timer = setTimeout(() => {
        settle({ kind: 'timedOut', timeoutMs: this.options.timeoutMs });
        this.abandon(worker, request.dir, startedMs);
      }, this.options.timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      const message: ProbeMessage = { id, request };
      worker.postMessage(message);
    });
  }

  private readyWorker(): Promise<Worker> {
    if (this.worker !== undefined) return Promise.resolve(this.worker);
    if (this.starting !== undefined) return this.starting;
    const worker = new Worker(this.options.workerScript, {
      workerData: { role: STORE_PROBE_WORKER_ROLE },
      ...(this.options.execArgv === undefined ? {} : { execArgv: this.options.execArgv }),
      resourceLimits: WORKER_LIMITS,
      stdout: false,
      stderr: false,
    });
    // The agent's own timers keep it alive; an idle or stuck probe worker must not.
    worker.unref();
    // Always listened to: an unhandled 'error' event (say, the worker running out of its small
    // heap between probes) would otherwise crash the agent.
    worker.on('error', () => this.forget(worker));
    worker.on('exit', () => this.forget(worker));
    this.starting = new Promise<Worker>((resolve, reject) => {
      const startup = setTimeout(() => {
        onFailure(
          new Error(
            `not ready within ${this.options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS} ms`,
          ),
        );
        worker.terminate().catch(() => undefined);
      }, this.options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS);
      const onReady = (message: unknown) => {
        if (message !== PROBE_WORKER_READY) return;
        clearTimeout(startup);
        worker.off('message', onReady);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
        this.worker = worker;
        this.starting = undefined;
        resolve(worker);
      };
      const onFailure = (reason: Error | number) => {
        clearTimeout(startup);
        worker.off('message', onReady);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
        this.starting = undefined;
        reject(reason instanceof Error ? reason : new Error(`exited with code ${reason}`));
      };
      worker.on('message', onReady);
      worker.once('error', onFailure);
      worker.once('exit', onFailure);
    });
    return this.starting;
  }

  private forget(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
  }

  private abandon(worker: Worker, dir: string, sinceMs: number): void {
    this.forget(worker);
    this.stuck.set(dir, { worker, sinceMs });
    worker.once('exit', () => {
      if (this.stuck.get(dir)?.worker === worker) this.stuck.delete(dir);
    });
    // Termination takes effect only when the blocked call returns; do not wait for it.
    worker.terminate().catch(() => undefined);
  }
}
