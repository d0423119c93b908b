/**
 * Go's time.Duration in text, as `Duration.String()` writes it and `time.ParseDuration` reads it
 * (`1.018s`, `523ms`, `1m4.004s`, `1h2m3.5s`, `850µs`, `0s`). The kubelet prints pull times with
 * `%v`, so its events carry that form. Read exactly as Go reads it: a sign, then one or more
 * decimal numbers each with a unit; anything else (no unit, an unknown unit, spaces, a value past
 * Go's int64 nanoseconds) is not a duration.
 */

const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 MICRO SIGN, what Duration.String() writes
  μs: 1e3, // U+03BC GREEK SMALL LETTER MU, which ParseDuration accepts too
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's largest Duration, in nanoseconds (int64). */
const MAX_NS = 9223372036854775807n;

const COMPONENT = /(\d*)(?:\.(\d*))?([a-zµμ]+)/y;

/**
 * The duration in milliseconds, or null when `text` is not a Go duration. A negative duration
 * reads as negative: whether it makes sense is the caller's business.
 */
export const parseGoDuration = (text: string): number | null => {
  let i = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    i = 1;
  }
  const rest = text.slice(i);
  if (rest === '0') return 0;
  if (rest === '') return null;
  let totalNs = 0n;
  COMPONENT.lastIndex = 0;
  let at = 0;
  while (at < rest.length) {
    COMPONENT.lastIndex = at;
    const m = COMPONENT.exec(rest);
    if (!m || m.index !== at) return null;
    const [whole, intPart, fracPart = '', unit] = m;
    // Go wants a digit on one side of the point at least.
    if (intPart === '' && fracPart === '') return null;
    const unitNs = UNIT_NS[unit];
    if (unitNs === undefined) return null;
    const scale = BigInt(unitNs);
    let ns = BigInt(intPart === '' ? '0' : intPart) * scale;
    if (fracPart !== '') {
      // Go truncates the fraction below a nanosecond.
      const digits = fracPart.slice(0, 30);
      ns += (BigInt(digits) * scale) / 10n ** BigInt(digits.length);
    }
    totalNs += ns;
    if (totalNs > MAX_NS + (negative ? 1n : 0n)) return null;
    at += whole.length;
  }
  const ms = Number(totalNs) / 1e6;
  return negative ? -ms : ms;
};
