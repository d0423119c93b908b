/**
 * Kubernetes' resource.Quantity, as the MCO parses `overlaySize` and `logSizeMax`.
 *
 * Implemented from the documented behaviour of k8s.io/apimachinery's Quantity, with BigInt so that
 * no value is ever held in a float:
 *
 * - parsing accepts `<sign><digits>[.<digits>]<suffix>` with the suffixes n u m "" k M G T P E,
 *   Ki Mi Gi Ti Pi Ei, or an exponent `e<int>` / `E<int>`; the suffix kind fixes the format
 *   (DecimalSI, BinarySI, DecimalExponent) that String() uses;
 * - values finer than nano are rounded away from zero to nano; a BinarySI value is capped at
 *   2^63-1; a BinarySI value strictly between 0 and 1 becomes DecimalSI;
 * - String() is the canonical form (zero is "0"; BinarySI in powers of 1024 when the value is an
 *   integer of magnitude >= 1024, else DecimalSI; decimal forms use an exponent that is a multiple
 *   of 3 and an integer mantissa), except that Quantity keeps the text it was parsed from when
 *   that text was already canonical-looking on its fast path: "1e3" stays "1e3", "+1k" stays
 *   "+1k", whereas "1000" becomes "1k";
 * - Value() rounds to an integer as Quantity.Value does.
 *
 * Quantity has two internal representations (an int64 mantissa with a decimal scale, used when
 * the text is short enough, and an arbitrary-precision decimal otherwise). They agree on String()
 * but round negative fractions differently in Value(); both are reproduced, because the MCO writes
 * Value() into a CRI-O drop-in.
 */

import { ExactInteger } from './model/exactInteger';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export type ParsedQuantity = { ok: true; quantity: Quantity } | { ok: false; error: string };

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const NANO_PER_UNIT = 1_000_000_000n;
/** Digits of an int64 mantissa the fast path accepts (Quantity's maxInt64Factors). */
const FAST_PATH_MAX_DIGITS = 18;
/** The decimal exponent of nano, the finest precision a Quantity keeps. */
const NANO_EXPONENT = -9;
/**
 * The arbitrary-precision path writes a value out in nano units, as Go's inf.Dec does; beyond this
 * many digits that is no longer a sensible thing to compute (Go would exhaust memory instead).
 */
const MAX_MATERIALIZED_DIGITS = 4096;

const ERR_FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const ERR_NUMERIC = 'unable to parse numeric part of quantity';
const ERR_SUFFIX = "unable to parse quantity's suffix";
const ERR_TOO_LARGE = 'quantity is too large to represent';

const DECIMAL_SUFFIX_EXPONENTS: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIX_EXPONENTS: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(
  Object.entries(DECIMAL_SUFFIX_EXPONENTS).map(([suffix, exponent]) => [exponent, suffix]),
);
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Which of Quantity's two representations a value landed in; see the file comment. */
type Representation = 'int64' | 'decimal';

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const clampInt64 = (v: bigint): bigint =>
  v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : v;
const wrapInt64 = (v: bigint): bigint => BigInt.asIntN(64, v);
/** Go's `/` and `%` on int64 truncate toward zero, as BigInt's do. */
const ceilDivPositive = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

export class Quantity {
  /**
   * value = (negative ? -1 : 1) × magnitude × 10^exponent. magnitude >= 0.
   * For the int64 representation, magnitude × sign fits an int64; for the decimal one the value
   * is held in nano units (exponent -9), or at exponent 0 when it was capped.
   */
  private constructor(
    readonly format: QuantityFormat,
    private readonly negative: boolean,
    private readonly magnitude: bigint,
    private readonly exponent: number,
    private readonly representation: Representation,
    /** The parsed text, kept when Quantity would reuse it as its String(). */
    private readonly keptText: string | null,
  ) {}

  /** @internal Used by the parser only. */
  static create(
    format: QuantityFormat,
    negative: boolean,
    magnitude: bigint,
    exponent: number,
    representation: Representation,
    keptText: string | null,
  ): Quantity {
    return new Quantity(
      format,
      negative && magnitude !== 0n,
      magnitude,
      exponent,
      representation,
      keptText,
    );
  }

  sign(): -1 | 0 | 1 {
    if (this.magnitude === 0n) return 0;
    return this.negative ? -1 : 1;
  }

  isZero(): boolean {
    return this.magnitude === 0n;
  }

  /** Quantity.Value(): the value as an int64, rounded as Go rounds it. */
  value(): bigint {
    if (this.magnitude === 0n) return 0n;
    return this.representation === 'int64' ? this.int64Value() : this.decimalValue();
  }

  /** Quantity.String(): the canonical form the MCO writes. */
  toString(): string {
    if (this.keptText !== null) return this.keptText;
    if (this.magnitude === 0n) return '0';
    if (this.format === 'BinarySI') {
      const binary = this.binaryString();
      if (binary !== null) return binary;
    }
    return this.decimalString(this.format === 'BinarySI' ? 'DecimalSI' : this.format);
  }

  /** The int64 path rounds away from zero and saturates at the int64 bounds. */
  private int64Value(): bigint {
    const sign = this.negative ? -1n : 1n;
    if (this.exponent >= 0) {
      if (this.exponent >= 19) return this.negative ? INT64_MIN : INT64_MAX;
      return clampInt64(sign * this.magnitude * pow10(this.exponent));
    }
    const down = -this.exponent;
    if (down >= 19) return sign;
    return sign * ceilDivPositive(this.magnitude, pow10(down));
  }

  /**
   * The arbitrary-precision path converts nano units to an integer the way Go's scaledValue does:
   * a truncating division plus one when there is a remainder (so -1.5 gives 0, not -2), and the
   * low 64 bits of anything larger than an int64.
   */
  private decimalValue(): bigint {
    const units = this.negative ? -this.magnitude : this.magnitude;
    if (this.exponent === 0) return wrapInt64(units); // capped at 2^63-1, already an integer
    if (this.magnitude < INT64_MAX) {
      const quotient = units / NANO_PER_UNIT;
      return units % NANO_PER_UNIT !== 0n ? quotient + 1n : quotient;
    }
    // Euclidean division, as big.Int.DivMod does: the remainder is never negative.
    let quotient = units / NANO_PER_UNIT;
    let remainder = units % NANO_PER_UNIT;
    if (remainder < 0n) {
      quotient -= 1n;
      remainder += NANO_PER_UNIT;
    }
    return wrapInt64(wrapInt64(quotient) + (remainder !== 0n ? 1n : 0n));
  }

  /** Powers of 1024, or null when the value must be shown as DecimalSI instead. */
  private binaryString(): string | null {
    if (this.exponent < 0) {
      const unit = pow10(-this.exponent);
      if (this.magnitude % unit !== 0n) return null; // a fraction: not shown in base 1024
      return this.binaryStringOf(this.magnitude / unit);
    }
    return this.binaryStringOf(this.magnitude * pow10(this.exponent));
  }

  private binaryStringOf(integer: bigint): string | null {
    if (integer < 1024n) return null; // -1024 < v < 1024 is shown as DecimalSI
    let mantissa = integer;
    let power = 0;
    while (mantissa >= 1024n && mantissa % 1024n === 0n && power < BINARY_SUFFIXES.length - 1) {
      mantissa /= 1024n;
      power += 1;
    }
    return `${this.negative ? '-' : ''}${mantissa}${BINARY_SUFFIXES[power]}`;
  }

  private decimalString(format: 'DecimalSI' | 'DecimalExponent'): string {
    let digits = this.magnitude.toString();
    let exponent = this.exponent;
    let end = digits.length;
    while (end > 1 && digits.charCodeAt(end - 1) === 48 /* '0' */) end -= 1;
    exponent += digits.length - end;
    digits = digits.slice(0, end);
    // Lower the exponent to a multiple of 3, moving its factors into the integer mantissa.
    const excess = ((exponent % 3) + 3) % 3;
    if (excess > 0) {
      digits += '0'.repeat(excess);
      exponent -= excess;
    }
    let suffix: string | undefined;
    if (format === 'DecimalSI') suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
    // Beyond E (10^18) DecimalSI has no suffix; Quantity then falls back to an exponent.
    if (suffix === undefined) suffix = exponent === 0 ? '' : `e${exponent}`;
    return `${this.negative ? '-' : ''}${digits}${suffix}`;
  }
}

/** The pieces of a quantity's text, scanned as Quantity's own scanner does. */
interface ScannedQuantity {
  negative: boolean;
  /** The numeric part as written, sign included (what the arbitrary-precision path reads). */
  numericText: string;
  /** Integer digits without leading zeros ("0" when there are none). */
  integerDigits: string;
  fractionDigits: string;
  suffix: string;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const SUFFIX_LETTERS = 'eEinumkKMGTP';

const scanQuantity = (text: string): ScannedQuantity | null => {
  const end = text.length;
  let pos = 0;
  let negative = false;
  if (text[0] === '-') {
    negative = true;
    pos = 1;
  } else if (text[0] === '+') {
    pos = 1;
  }
  while (pos < end && text[pos] === '0') pos += 1;
  if (pos >= end) {
    return { negative, numericText: '0', integerDigits: '0', fractionDigits: '', suffix: '' };
  }
  const integerStart = pos;
  while (pos < end && isDigit(text.charCodeAt(pos))) pos += 1;
  const integerDigits = text.slice(integerStart, pos) || '0';
  let fractionDigits = '';
  if (pos < end && text[pos] === '.') {
    pos += 1;
    const fractionStart = pos;
    while (pos < end && isDigit(text.charCodeAt(pos))) pos += 1;
    fractionDigits = text.slice(fractionStart, pos);
  }
  const numericText = text.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_LETTERS.includes(text[pos])) pos += 1;
  if (pos < end && (text[pos] === '-' || text[pos] === '+')) pos += 1;
  while (pos < end && isDigit(text.charCodeAt(pos))) pos += 1;
  if (pos < end) return null;
  return { negative, numericText, integerDigits, fractionDigits, suffix: text.slice(suffixStart) };
};

interface SuffixMeaning {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const interpretSuffix = (suffix: string): SuffixMeaning | null => {
  if (Object.hasOwn(DECIMAL_SUFFIX_EXPONENTS, suffix)) {
    return { base: 10, exponent: DECIMAL_SUFFIX_EXPONENTS[suffix], format: 'DecimalSI' };
  }
  if (Object.hasOwn(BINARY_SUFFIX_EXPONENTS, suffix)) {
    return { base: 2, exponent: BINARY_SUFFIX_EXPONENTS[suffix], format: 'BinarySI' };
  }
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const exponentText = suffix.slice(1);
    if (!/^[+-]?\d+$/.test(exponentText)) return null;
    const parsed = BigInt(exponentText);
    if (parsed > INT64_MAX || parsed < INT64_MIN) return null; // strconv.ParseInt's range
    // Quantity keeps the exponent in an int32, truncating a larger one.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return null;
};

/** Go's strings.TrimSpace, which Quantity's JSON decoding applies first. */
const trimGoSpace = (s: string): string =>
  s
    .replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/, '')
    .replace(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/, '');

/**
 * The fast path: a short mantissa whose value fits an int64 at a scale no finer than nano. When
 * the text already looks canonical, Quantity keeps it as its String().
 */
const parseFastPath = (
  text: string,
  scanned: ScannedQuantity,
  meaning: SuffixMeaning,
): Quantity | null => {
  const { integerDigits, fractionDigits, negative } = scanned;
  let scale = 0;
  let multiplier = 1n;
  let precision: number;
  if (meaning.base === 10) {
    scale = meaning.exponent;
    precision = FAST_PATH_MAX_DIGITS - (integerDigits.length + fractionDigits.length);
  } else if (fractionDigits.length === 0) {
    multiplier = 1n << BigInt(meaning.exponent);
    // A binary suffix 2^e carries about e×0.3 decimal digits.
    precision = 15 - integerDigits.length - Math.trunc((meaning.exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision < 0) return null;
  scale -= fractionDigits.length;
  if (scale < NANO_EXPONENT) return null;
  const shifted = integerDigits + fractionDigits;
  const mantissa = BigInt(shifted);
  const product = mantissa * multiplier;
  if (product > INT64_MAX) return null; // int64 overflow: the arbitrary-precision path takes it
  const keptText =
    meaning.base === 2
      ? (mantissa & 7n) !== 0n
      : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return Quantity.create(meaning.format, negative, product, scale, 'int64', keptText ? text : null);
};

const digitCount = (v: bigint): number => (v === 0n ? 1 : v.toString().length);

/** The arbitrary-precision path: exact decimal arithmetic, then rounding to nano. */
const parseDecimalPath = (scanned: ScannedQuantity, meaning: SuffixMeaning): ParsedQuantity => {
  const digits = scanned.numericText.replace(/[^0-9]/g, '');
  if (digits.length === 0) return { ok: false, error: ERR_NUMERIC };
  let numerator = BigInt(digits);
  let exponent10 = -scanned.fractionDigits.length;
  if (meaning.base === 10) exponent10 += meaning.exponent;
  else numerator <<= BigInt(meaning.exponent);
  let format = meaning.format;
  if (numerator === 0n)
    return { ok: true, quantity: Quantity.create(format, false, 0n, 0, 'decimal', null) };

  // Nano units, rounded away from zero (the sign is applied afterwards).
  const shift = exponent10 - NANO_EXPONENT;
  let nanos: bigint;
  if (shift >= 0) {
    if (digitCount(numerator) + shift > MAX_MATERIALIZED_DIGITS)
      return { ok: false, error: ERR_TOO_LARGE };
    nanos = numerator * pow10(shift);
  } else if (-shift > digitCount(numerator)) {
    nanos = 1n; // smaller than one nano: rounds up to it
  } else {
    nanos = ceilDivPositive(numerator, pow10(-shift));
  }
  if (format === 'BinarySI' && nanos > INT64_MAX * NANO_PER_UNIT) {
    return {
      ok: true,
      quantity: Quantity.create(format, scanned.negative, INT64_MAX, 0, 'decimal', null),
    };
  }
  if (format === 'BinarySI' && nanos < NANO_PER_UNIT) format = 'DecimalSI';
  return {
    ok: true,
    quantity: Quantity.create(format, scanned.negative, nanos, NANO_EXPONENT, 'decimal', null),
  };
};

const parseText = (text: string): ParsedQuantity => {
  if (text.length === 0) return { ok: false, error: ERR_FORMAT };
  if (text === '0')
    return { ok: true, quantity: Quantity.create('DecimalSI', false, 0n, 0, 'int64', '0') };
  const scanned = scanQuantity(text);
  if (!scanned) return { ok: false, error: ERR_FORMAT };
  const meaning = interpretSuffix(scanned.suffix);
  if (!meaning) return { ok: false, error: ERR_SUFFIX };
  const fast = parseFastPath(text, scanned, meaning);
  return fast ? { ok: true, quantity: fast } : parseDecimalPath(scanned, meaning);
};

/**
 * Parses a quantity as the MCO receives it from a manifest: a string (surrounding white space
 * ignored, as Quantity's JSON decoding does) or a JSON number.
 */
export const parseQuantity = (input: string | number | ExactInteger): ParsedQuantity => {
  let text: string;
  if (input instanceof ExactInteger) {
    text = input.toString();
  } else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, error: ERR_NUMERIC };
    text = String(input);
  } else if (typeof input === 'string') {
    text = trimGoSpace(input);
  } else {
    return { ok: false, error: ERR_FORMAT };
  }
  return parseText(text);
};

/** Parses a quantity, throwing an Error with the parser's message on bad input. */
export const mustParseQuantity = (input: string | number | ExactInteger): Quantity => {
  const parsed = parseQuantity(input);
  if (!parsed.ok)
    throw new Error(`cannot parse quantity ${JSON.stringify(input)}: ${parsed.error}`);
  return parsed.quantity;
};
