/**
 * The agent's schedule: check the node every check interval; write the annotations when the
 * result changed (see reportFingerprint) or a heartbeat interval has passed since the last
 * write; after a failed write, wait with backoff before the next attempt.
 *
 * Changes are damped, because every write reaches every Node watcher in the cluster: a result
 * that differs from what was published becomes the node's state only after `confirmChecks`
 * consecutive checks agree on it (a store answering near the timeout, or a layer count crossing
 * zero, would otherwise flip it every check), and changes that keep coming are written further
 * and further apart: after a change, the next one waits one check interval, then two, four, ...
 * up to a heartbeat. A state that holds for a heartbeat resets that. In the steady state, flapping
 * or not, the agent writes about once per heartbeat.
 *
 * Time is passed in, never read: tick(now) does what is due at `now` and says how long to
 * sleep, so tests drive hours of schedule without sleeping. Scheduling runs on `now.mono`, a
 * monotonic clock, so that a wall clock stepped back (NTP, a VM restored) cannot stop the
 * heartbeats; `now.wall` only dates the report.
 *
 * Every tick that completes, having checked, published, failed to publish or found nothing
 * due, ends with signalAlive(), the liveness signal (aliveFile.ts). A tick whose check or write
 * never returns never gets there.
 */
import {
  type LazyPullHealth,
  parseNodeAnnotations,
  serializeReport,
} from '../../core/health/report';
import type { Logger } from '../log';
import { backoffDelayMs, type BackoffPolicy, parseRetryAfterMs } from '../publish/backoff';
import type { ApiOutcome } from '../publish/nodeAnnotations';
import type { PublishableState } from '../report/buildReport';
import { reportFingerprint } from './reportFingerprint';

/** The same instant on two clocks: the wall clock dates reports, the monotonic one schedules. */
export interface LoopTime {
  wall: Date;
  /** Milliseconds on a clock that never steps (performance.now()). */
  mono: number;
}

export const DEFAULT_CONFIRM_CHECKS = 2;

export interface AgentLoopOptions {
  check(at: Date): Promise<PublishableState>;
  publish(health: LazyPullHealth, reportJson: string): Promise<ApiOutcome>;
  /** The Node's annotations as the last agent left them, if they can be read. */
  readPublished(): Promise<Record<string, string> | undefined>;
  checkIntervalMs: number;
  heartbeatMs: number;
  /** Consecutive checks that must agree before a changed result is published (1: at once). */
  confirmChecks?: number;
  backoff: BackoffPolicy;
  random: () => number;
  log: Logger;
  /** Called at the end of every completed tick; a failure is logged, not thrown. */
  signalAlive?(): void;
}

export type PublishReason = 'first' | 'changed' | 'heartbeat';

interface Result {
  state: PublishableState;
  fingerprint: string;
}

export class AgentLoop {
  /** The node's state: the latest result of the state that consecutive checks confirmed. */
  private confirmed: Result | undefined;
  /** A different result, and how many consecutive checks have found it. */
  private candidate: (Result & { count: number }) | undefined;
  private published: { fingerprint: string; atMono: number } | undefined;
  private nextCheckMono = Number.NEGATIVE_INFINITY;
  /** When the last change was confirmed, how many came in a row, when the next may be written. */
  private lastConfirmationMono: number | undefined;
  private changeStreak = 0;
  private lastWriteMono = Number.NEGATIVE_INFINITY;
  private failures = 0;
  private retryAtMono = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: AgentLoopOptions) {}

  private get confirmChecks(): number {
    return Math.max(1, this.options.confirmChecks ?? DEFAULT_CONFIRM_CHECKS);
  }

  /**
   * Adopts what a previous agent (an earlier pod, before a restart or an upgrade) published, so
   * that a restart does not rewrite an unchanged report on every node of the cluster.
   */
  async resume(now: LoopTime): Promise<void> {
    const annotations = await this.options.readPublished();
    const previous = parseNodeAnnotations(annotations, now.wall);
    if (previous.kind !== 'ok') return;
    const ageMs = Math.max(0, now.wall.getTime() - previous.checkedAt.getTime());
    this.published = {
      fingerprint: reportFingerprint(previous.health, previous.report),
      atMono: now.mono - ageMs,
    };
  }

  /** Does what is due at `now`; resolves to the milliseconds until the next tick. */
  async tick(now: LoopTime): Promise<number> {
    if (now.mono >= this.nextCheckMono) {
      await this.check(now);
      this.nextCheckMono = now.mono + this.options.checkIntervalMs;
    }
    const reason = this.publishReason(now.mono);
    if (reason !== undefined && now.mono >= this.retryAtMono) await this.publish(reason, now);
    let next = this.nextCheckMono;
    if (this.publishReason(now.mono) !== undefined)
      next = Math.min(next, Math.max(this.retryAtMono, now.mono));
    else if (this.changePending())
      next = Math.min(next, Math.max(this.retryAtMono, this.changeAllowedAtMono()));
    this.signalAlive();
    return Math.max(0, next - now.mono);
  }

  /** Why the node's state should be written now, if it should. */
  publishReason(nowMono: number): PublishReason | undefined {
    if (this.confirmed === undefined) return undefined;
    if (this.published === undefined) return 'first';
    if (this.changePending() && nowMono >= this.changeAllowedAtMono()) return 'changed';
    if (nowMono - this.published.atMono >= this.options.heartbeatMs) return 'heartbeat';
    return undefined;
  }

  private changePending(): boolean {
    return (
      this.confirmed !== undefined &&
      this.published !== undefined &&
      this.published.fingerprint !== this.confirmed.fingerprint
    );
  }

  /**
   * A first change is written at once; while more keep coming, each waits after the last write
   * one check interval, then two, four, ... up to a heartbeat.
   */
  private changeAllowedAtMono(): number {
    if (this.changeStreak === 0) return this.lastWriteMono;
    const holdMs = Math.min(
      this.options.heartbeatMs,
      this.options.checkIntervalMs * 2 ** (this.changeStreak - 1),
    );
    return this.lastWriteMono + holdMs;
  }

  private signalAlive(): void {
    try {
      this.options.signalAlive?.();
    } catch (error) {
      // The probe will restart the container; say why.
      this.options.log.warn('could not write the liveness signal', {
        error: (error as Error).message,
      });
    }
  }

  private async check(now: LoopTime): Promise<void> {
    let result: Result;
    try {
      const state = await this.options.check(now.wall);
      result = { state, fingerprint: reportFingerprint(state.health, state.report) };
    } catch (error) {
      // A check is built to never throw; if it does, keep the last result and try next time.
      this.options.log.error('check failed', { error: (error as Error).stack ?? String(error) });
      return;
    }
    this.options.log.debug('checked', {
      health: result.state.health,
      stores: result.state.report.stores.length,
    });
    const current = this.confirmed?.fingerprint ?? this.published?.fingerprint;
    if (current === undefined || result.fingerprint === current) {
      this.confirmed = result;
      this.candidate = undefined;
      return;
    }
    const count = this.candidate?.fingerprint === result.fingerprint ? this.candidate.count + 1 : 1;
    if (count < this.confirmChecks) {
      if (count === 1)
        this.options.log.debug('result differs; waiting for it to hold', {
          health: result.state.health,
        });
      this.candidate = { ...result, count };
      return;
    }
    this.candidate = undefined;
    const was = this.confirmed?.state.health;
    this.confirmed = result;
    const quiet =
      this.lastConfirmationMono === undefined ||
      now.mono - this.lastConfirmationMono >= this.options.heartbeatMs;
    this.changeStreak = quiet ? 0 : this.changeStreak + 1;
    this.lastConfirmationMono = now.mono;
    this.options.log.info('node state changed', {
      health: result.state.health,
      was,
      changesInARow: this.changeStreak + 1,
    });
  }

  private async publish(reason: PublishReason, now: LoopTime): Promise<void> {
    const confirmed = this.confirmed;
    if (confirmed === undefined) return;
    const { health, report } = confirmed.state;
    const outcome = await this.options.publish(health, serializeReport(report));
    if (outcome.ok) {
      this.lastWriteMono = now.mono;
      this.published = { fingerprint: confirmed.fingerprint, atMono: now.mono };
      this.failures = 0;
      this.retryAtMono = Number.NEGATIVE_INFINITY;
      this.options.log.info('published', { reason, health });
      return;
    }
    this.failures += 1;
    const delayMs = backoffDelayMs(
      this.failures,
      this.options.backoff,
      this.options.random,
      parseRetryAfterMs(outcome.retryAfter, now.wall.getTime()),
    );
    this.retryAtMono = now.mono + delayMs;
    this.options.log.warn('publish failed; backing off', {
      reason,
      error: outcome.error,
      failures: this.failures,
      retryInMs: delayMs,
    });
  }
}
