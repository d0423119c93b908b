import { backoffDelayMs, DEFAULT_BACKOFF, parseRetryAfterMs } from '../publish/backoff';

describe('backoffDelayMs', () => {
  it.each([
    [1, 0, 500],
    [1, 0.999999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [9, 0, 128_000],
    [10, 0, 150_000],
    [50, 0.999999, 300_000],
  ])('failure %i with random %f waits %i ms', (failures, random, expected) => {
    expect(backoffDelayMs(failures, DEFAULT_BACKOFF, () => random)).toBe(expected);
  });

  it('never waits less than Retry-After, within an hour', () => {
    expect(backoffDelayMs(1, DEFAULT_BACKOFF, () => 0, 30_000)).toBe(30_000);
    expect(backoffDelayMs(12, DEFAULT_BACKOFF, () => 0, 30_000)).toBe(150_000);
    expect(backoffDelayMs(1, DEFAULT_BACKOFF, () => 0, 10 * 3600_000)).toBe(3600_000);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it.each([
    [undefined, undefined],
    ['7', 7000],
    [' 0 ', 0],
    ['Sun, 01 Mar 2026 12:00:30 GMT', 30_000],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['-3', undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });
});
