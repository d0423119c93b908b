/**
 * How long to wait before writing again after the API server refused or could not be reached:
 * exponential, with jitter so that thousands of agents refused together (an API server
 * restart, a 429 storm) do not come back together, and never sooner than Retry-After.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 5 * 60 * 1000 };

/** Retry-After is either seconds or an HTTP date (RFC 9110 section 10.2.3). */
export const parseRetryAfterMs = (value: string | undefined, nowMs: number): number | undefined => {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse reads "-3" as a year; an HTTP date always names its weekday and month.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
};

/**
 * The wait after the `failures`-th failure in a row (1-based): the exponential step, jittered
 * over its upper half ("equal jitter": never less than half the step), then raised to
 * Retry-After. `random` is in [0, 1).
 */
export const backoffDelayMs = (
  failures: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number => {
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, failures - 1));
  const jittered = step / 2 + random() * (step / 2);
  // A server asking for more than the cap is still obeyed, within reason.
  const floor = Math.min(retryAfterMs ?? 0, 60 * 60 * 1000);
  return Math.round(Math.max(jittered, floor));
};
