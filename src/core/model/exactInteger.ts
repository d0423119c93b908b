/**
 * Integers as a manifest holds them. kubectl reads YAML integers as Go's int64 and the API server
 * stores them so, but a JavaScript number keeps only 53 bits: `pidsLimit: 9223372036854775807`
 * read as a number becomes 9223372036854775808, past int64. The manifest reader keeps such an
 * integer as an ExactInteger, which renders, serializes and validates as the exact value.
 *
 * An ExactInteger may also hold a value beyond int64: the text the server would receive for a
 * YAML integer in uint64's range, or for a float written without a fraction. The API server reads
 * such a number as a float64, and the validator treats it so.
 */

export const INT64_MAX = (1n << 63n) - 1n;
export const INT64_MIN = -(1n << 63n);

interface JsonWithRaw {
  rawJSON?: (text: string) => unknown;
}

export class ExactInteger {
  constructor(readonly value: bigint) {}

  toString(): string {
    return this.value.toString();
  }

  /** Whether the API server reads it as an int64 (else as a float64). */
  get isInt64(): boolean {
    return this.value >= INT64_MIN && this.value <= INT64_MAX;
  }

  /**
   * JSON.stringify writes the digits themselves where the engine can (JSON.rawJSON); elsewhere it
   * refuses rather than send a rounded number the user never wrote.
   */
  toJSON(): unknown {
    const raw = (JSON as unknown as JsonWithRaw).rawJSON;
    if (raw) return raw(this.toString());
    throw new Error(
      `the integer ${this.toString()} cannot be sent exactly from this browser (it is beyond what a JavaScript number holds)`,
    );
  }
}

/** The integer of an int64 field: a safe number, or an ExactInteger in int64's range. */
export const int64Of = (v: unknown): bigint | null => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'bigint') return v >= INT64_MIN && v <= INT64_MAX ? v : null;
  if (v instanceof ExactInteger) return v.isInt64 ? v.value : null;
  return null;
};

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** An integer as the manifest model holds it: a number while exact, else an ExactInteger. */
export const integerValue = (v: bigint): number | ExactInteger =>
  v >= -SAFE_MAX && v <= SAFE_MAX ? Number(v) : new ExactInteger(v);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof ExactInteger);

/**
 * A deep copy of a manifest tree (plain objects, arrays, scalars). ExactIntegers are immutable and
 * shared; structuredClone would turn them into plain objects.
 */
export const cloneManifestValue = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneManifestValue(v)) as T;
  if (!isPlainObject(value)) return value;
  // fromEntries defines own properties, so even a key named "__proto__" survives.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneManifestValue(v)])) as T;
};

/**
 * A manifest tree as plain JSON, to keep it somewhere that holds only JSON (the browser's session
 * storage): an ExactInteger becomes `{"$exactInteger": "<digits>"}`, and an object key that starts
 * with `$` gets one more, so that no key of the manifest can be read back as that tag.
 */
const TAG = '$exactInteger';

export const manifestToJson = (value: unknown): unknown => {
  if (value instanceof ExactInteger) return { [TAG]: value.toString() };
  if (Array.isArray(value)) return value.map(manifestToJson);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.startsWith('$') ? `$${k}` : k, manifestToJson(v)]),
  );
};

/** The manifest tree that manifestToJson wrote. */
export const manifestFromJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(manifestFromJson);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === TAG && typeof value[TAG] === 'string') {
    return /^-?\d+$/.test(value[TAG]) ? new ExactInteger(BigInt(value[TAG])) : value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.startsWith('$') ? k.slice(1) : k,
      manifestFromJson(v),
    ]),
  );
};

/** Whether two manifest trees hold the same values (objects' key order does not count). */
export const manifestsEqual = (a: unknown, b: unknown): boolean => {
  if (a instanceof ExactInteger || b instanceof ExactInteger)
    return a instanceof ExactInteger && b instanceof ExactInteger && a.value === b.value;
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => manifestsEqual(v, b[i]))
    );
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && manifestsEqual(a[k], b[k]))
    );
  }
  return Object.is(a, b);
};
