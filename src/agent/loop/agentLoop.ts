/**
 * The agent's schedule: check the node every check interval; write the annotations when the
 * result changed (see reportFingerprint) or a heartbeat interval has passed since the last
 * write; after a failed write, wait with backoff before the next attempt.
 *
 * Time is passed in, never read: tick(now) does what is due at `now` and says how long to
 * sleep, so tests drive hours of schedule without sleeping.
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

export interface AgentLoopOptions {
  check(at: Date): Promise<PublishableState>;
  publish(health: LazyPullHealth, reportJson: string): Promise<ApiOutcome>;
  /** The Node's annotations as the last agent left them, if they can be read. */
  readPublished(): Promise<Record<string, string> | undefined>;
  checkIntervalMs: number;
  heartbeatMs: number;
  backoff: BackoffPolicy;
  random: () => number;
  log: Logger;
  /** Called at the end of every completed tick; a failure is logged, not thrown. */
  signalAlive?(): void;
}

export type PublishReason = 'first' | 'changed' | 'heartbeat';

export class AgentLoop {
  private latest: { state: PublishableState; fingerprint: string } | undefined;
  private nextCheckMs = Number.NEGATIVE_INFINITY;
  private published: { fingerprint: string; atMs: number } | undefined;
  private failures = 0;
  private retryAtMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: AgentLoopOptions) {}

  /**
   * Adopts what a previous agent (an earlier pod, before a restart or an upgrade) published, so
   * that a restart does not rewrite an unchanged report on every node of the cluster.
   */
  async resume(now: Date): Promise<void> {
    const annotations = await this.options.readPublished();
    const previous = parseNodeAnnotations(annotations, now);
    if (previous.kind !== 'ok') return;
    this.published = {
      fingerprint: reportFingerprint(previous.health, previous.report),
      atMs: previous.checkedAt.getTime(),
    };
  }

  /** Does what is due at `now`; resolves to the milliseconds until the next tick. */
  async tick(now: Date): Promise<number> {
    const nowMs = now.getTime();
    if (nowMs >= this.nextCheckMs) {
      await this.check(now);
      this.nextCheckMs = nowMs + this.options.checkIntervalMs;
    }
    const reason = this.publishReason(nowMs);
    if (reason !== undefined && nowMs >= this.retryAtMs) await this.publish(reason, nowMs);
    const next =
      this.publishReason(nowMs) === undefined
        ? this.nextCheckMs
        : Math.min(this.nextCheckMs, Math.max(this.retryAtMs, nowMs));
    this.signalAlive();
    return Math.max(0, next - nowMs);
  }

  /** Why the latest result should be written now, if it should. */
  publishReason(nowMs: number): PublishReason | undefined {
    if (this.latest === undefined) return undefined;
    if (this.published === undefined) return 'first';
    if (this.published.fingerprint !== this.latest.fingerprint) return 'changed';
    if (nowMs - this.published.atMs >= this.options.heartbeatMs) return 'heartbeat';
    return undefined;
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

  private async check(now: Date): Promise<void> {
    try {
      const state = await this.options.check(now);
      const fingerprint = reportFingerprint(state.health, state.report);
      if (this.latest !== undefined && this.latest.fingerprint !== fingerprint) {
        this.options.log.info('node state changed', {
          health: state.health,
          was: this.latest.state.health,
        });
      }
      this.latest = { state, fingerprint };
      this.options.log.debug('checked', {
        health: state.health,
        stores: state.report.stores.length,
      });
    } catch (error) {
      // A check is built to never throw; if it does, keep the last result and try next time.
      this.options.log.error('check failed', { error: (error as Error).stack ?? String(error) });
    }
  }

  private async publish(reason: PublishReason, nowMs: number): Promise<void> {
    const latest = this.latest;
    if (latest === undefined) return;
    const { health, report } = latest.state;
    const outcome = await this.options.publish(health, serializeReport(report));
    if (outcome.ok) {
      this.published = { fingerprint: latest.fingerprint, atMs: nowMs };
      this.failures = 0;
      this.retryAtMs = Number.NEGATIVE_INFINITY;
      this.options.log.info('published', { reason, health });
      return;
    }
    this.failures += 1;
    const delayMs = backoffDelayMs(
      this.failures,
      this.options.backoff,
      this.options.random,
      parseRetryAfterMs(outcome.retryAfter, nowMs),
    );
    this.retryAtMs = nowMs + delayMs;
    this.options.log.warn('publish failed; backing off', {
      reason,
      error: outcome.error,
      failures: this.failures,
      retryInMs: delayMs,
    });
  }
}
