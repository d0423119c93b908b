/**
 * Strict RFC 3339 date-time parsing. `Date.parse` is too lenient to validate with: it accepts
 * `2024-02-31` (as March 2) and `24:00:00`, and other non-ISO shapes depending on the engine.
 *
 * Written as a scan over character codes rather than a regular expression: the dashboard reads
 * one time per node, thousands at a time, and this allocates nothing but the result.
 */

const ZERO = 48;

/** The number written by `count` ASCII digits at `start`, or -1 when one of them is not a digit. */
const digits = (text: string, start: number, count: number): number => {
  let value = 0;
  for (let i = start; i < start + count; i += 1) {
    const d = text.charCodeAt(i) - ZERO;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
};

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (any year from 0), by
 * arithmetic: the year is counted from March, so that the leap day ends it, in 400-year eras of
 * 146,097 days. Date.UTC does the same in a runtime call, several times slower, and maps years
 * 0 to 99 to the 1900s.
 */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};

const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/**
 * Milliseconds since the epoch, or undefined when the text is not an RFC 3339 date-time:
 * `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, `T` and `Z` in either case. Fractions of 1 to 9
 * digits are read to the millisecond (truncated). Leap seconds (`:60`) are refused: JavaScript
 * dates cannot represent them.
 */
export const parseRfc3339 = (text: string): number | undefined => {
  if (text.length < 20) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (
    year < 0 ||
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    (text.charCodeAt(10) | 0x20) !== 116 /* t or T */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return undefined;

  let i = 19;
  let millis = 0;
  if (text.charCodeAt(i) === 46 /* . */) {
    const start = (i += 1);
    while (i < text.length && i - start < 9) {
      const d = text.charCodeAt(i) - ZERO;
      if (!(d >= 0 && d <= 9)) break;
      if (i - start < 3) millis += d * (i - start === 0 ? 100 : i - start === 1 ? 10 : 1);
      i += 1;
    }
    if (i === start) return undefined;
  }

  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if ((zone | 0x20) === 122 /* z or Z */) {
    if (i + 1 !== text.length) return undefined;
  } else if (zone === 43 /* + */ || zone === 45 /* - */) {
    if (i + 6 !== text.length || text.charCodeAt(i + 3) !== 58) return undefined;
    const offsetHours = digits(text, i + 1, 2);
    const offsetMins = digits(text, i + 4, 2);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return undefined;
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetMins);
  } else {
    return undefined;
  }

  const utc =
    daysFromCivil(year, month, day) * 86_400_000 +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millis;
  return utc - offsetMinutes * 60_000;
};
