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
