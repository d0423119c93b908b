import fc from 'fast-check';
import { parseRfc3339 } from '../rfc3339';

describe('parseRfc3339', () => {
  it.each([
    ['2026-03-01T12:00:00Z', Date.UTC(2026, 2, 1, 12)],
    ['2026-03-01T12:00:00.123Z', Date.UTC(2026, 2, 1, 12, 0, 0, 123)],
    ['2026-03-01T12:00:00.123456789Z', Date.UTC(2026, 2, 1, 12, 0, 0, 123)],
    ['2026-03-01t12:00:00z', Date.UTC(2026, 2, 1, 12)],
    ['2026-03-01T14:30:00+02:30', Date.UTC(2026, 2, 1, 12)],
    ['2026-03-01T09:00:00-03:00', Date.UTC(2026, 2, 1, 12)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['0099-01-01T00:00:00Z', new Date('0099-01-01T00:00:00Z').getTime()],
  ])('reads %s', (text, expected) => {
    expect(parseRfc3339(text)).toBe(expected);
  });

  it.each([
    '0000-01-01T00:00:00Z',
    '0000-02-29T23:59:59Z',
    '0000-03-01T00:00:00Z',
    '0399-12-31T00:00:00Z',
    '0400-02-29T00:00:00Z',
    '1900-02-28T12:00:00Z',
    '1900-03-01T12:00:00Z',
    '1969-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00Z',
    '2000-02-29T06:00:00Z',
    '2100-03-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
  ])('counts the days to %s as the Date object does', (text) => {
    expect(parseRfc3339(text)).toBe(new Date(text).getTime());
  });

  it.each([
    '',
    'yesterday',
    '2026-03-01',
    '2026-03-01 12:00:00Z',
    '2026-03-01T12:00:00',
    '2026-3-01T12:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-02-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T12:60:00Z',
    '2026-03-01T12:00:60Z',
    '2026-03-01T12:00:00+24:00',
    '2026-03-01T12:00:00.Z',
    '1772366400',
  ])('refuses %j', (text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });
});

describe('parseRfc3339 against the RFC 3339 grammar', () => {
  const GRAMMAR =
    /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|[+-]\d{2}:\d{2})$/;

  it('accepts exactly the texts of the grammar with a valid calendar date and clock time', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          // Mostly well-formed texts with any digits, so the range checks are exercised...
          fc
            .tuple(
              fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
              fc.constantFrom('T', 't', ' ', 'X'),
              fc.stringMatching(/^\d{2}:\d{2}:\d{2}$/),
              fc.constantFrom('', '.', '.1', '.123', '.123456789', '.1234567890', '.a'),
              fc.constantFrom('Z', 'z', '', '+00:00', '-23:59', '+24:00', '+05:60', '+0530', 'Zx'),
            )
            .map((parts) => parts.join('')),
          // ...and arbitrary text.
          fc.string({ maxLength: 40 }),
        ),
        (text) => {
          const match = GRAMMAR.exec(text);
          const parsed = parseRfc3339(text);
          if (match === null) {
            expect(parsed).toBeUndefined();
            return;
          }
          const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
          const zone = text.slice(-6);
          const offset = /^[+-]\d{2}:\d{2}$/.test(zone)
            ? [Number(zone.slice(1, 3)), Number(zone.slice(4))]
            : [0, 0];
          const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
          date.setUTCFullYear(year);
          const valid =
            date.getUTCFullYear() === year &&
            date.getUTCMonth() === month - 1 &&
            date.getUTCDate() === day &&
            hour < 24 &&
            minute < 60 &&
            second < 60 &&
            offset[0] < 24 &&
            offset[1] < 60;
          if (!valid) {
            expect(parsed).toBeUndefined();
            return;
          }
          const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
          const sign = zone.startsWith('-') ? -1 : 1;
          expect(parsed).toBe(
            date.getTime() + millis - sign * (offset[0] * 60 + offset[1]) * 60_000,
          );
        },
      ),
      { numRuns: 5000 },
    );
  });
});
