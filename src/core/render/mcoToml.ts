/**
 * A TOML encoder that writes byte for byte what BurntSushi/toml v1.5's Encoder writes for the Go
 * values the MCO encodes (storage.conf and the CRI-O drop-ins), so that a preview can be compared
 * with what lands on a node.
 *
 * The encoder's rules, as they apply here:
 * - a table writes the keys that are not tables first, then its sub-tables;
 * - struct fields keep their declaration order, map keys are sorted (by bytes);
 * - `[a.b]` headers and `key = value` lines are indented two spaces per nesting level below the
 *   first, and a blank line precedes every top-level table but the first;
 * - strings are basic strings ("…") with `"` and `\` escaped, \b \t \n \f \r by name, other
 *   control characters and DEL as \u00XX; everything else, non-ASCII included, is written as is;
 * - arrays are written inline as `[a, b]`; integers in decimal;
 * - a key that is not bare (A–Z a–z 0–9 _ -) is quoted like a string.
 *
 * Go's `omitempty` and nil pointers are the caller's to apply: an entry whose value is undefined is
 * not written.
 */

export type TomlScalar = string | bigint | number | boolean;
export type TomlValue = TomlScalar | readonly TomlScalar[] | TomlTable;

export interface TomlTable {
  readonly kind: 'table';
  readonly entries: ReadonlyArray<readonly [key: string, value: TomlValue | undefined]>;
}

const INDENT = '  ';

/** A Go struct: fields in declaration order; undefined fields are left out. */
export const structTable = (
  entries: ReadonlyArray<readonly [key: string, value: TomlValue | undefined]>,
): TomlTable => ({ kind: 'table', entries });

/** Compares as Go compares strings: by UTF-8 bytes, which is code point order. */
const compareByCodePoint = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i += 1; // both were the same surrogate pair
  }
  return a.length - b.length;
};

/** A Go map: keys written in sorted order. */
export const mapTable = (record: Readonly<Record<string, TomlValue>>): TomlTable =>
  structTable(
    Object.keys(record)
      .sort(compareByCodePoint)
      .map((key) => [key, record[key]] as const),
  );

const isTable = (value: TomlValue): value is TomlTable =>
  typeof value === 'object' && !Array.isArray(value) && (value as TomlTable).kind === 'table';

const escapeCharacter = (code: number): string => {
  switch (code) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x08:
      return '\\b';
    case 0x09:
      return '\\t';
    case 0x0a:
      return '\\n';
    case 0x0c:
      return '\\f';
    case 0x0d:
      return '\\r';
    default:
      return `\\u00${code.toString(16).padStart(2, '0')}`;
  }
};

const needsEscape = (code: number): boolean =>
  code < 0x20 || code === 0x22 || code === 0x5c || code === 0x7f;

/**
 * Printable ASCII other than `"` and `\\`: nothing to escape. (Failing this test does not mean
 * there is something to escape: non-ASCII text is written as is; the loop below decides.)
 */
const PLAIN_ASCII = /^[ !#-[\]-~]*$/;

/** A TOML basic string, escaped as the encoder escapes it. */
export const quoteTomlString = (s: string): string => {
  // Most strings (every valid store path) need no escape: one native scan settles that.
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '';
  let runStart = 0;
  for (let i = 0; i < s.length; i += 1) {
    const code = s.charCodeAt(i);
    if (!needsEscape(code)) continue;
    out += s.slice(runStart, i) + escapeCharacter(code);
    runStart = i + 1;
  }
  return `"${out}${s.slice(runStart)}"`;
};

const BARE_KEY = /^[A-Za-z0-9_-]+$/;
/** Keys are few and fixed (field names), so their written form is computed once. */
const keyCache = new Map<string, string>();

export const tomlKey = (key: string): string => {
  let written = keyCache.get(key);
  if (written === undefined) {
    written = BARE_KEY.test(key) ? key : quoteTomlString(key);
    if (keyCache.size < 1024) keyCache.set(key, written);
  }
  return written;
};

const encodeScalar = (value: TomlScalar): string => {
  switch (typeof value) {
    case 'string':
      return quoteTomlString(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      // Only Go integers reach this encoder; a fraction here is a programming error.
      if (!Number.isSafeInteger(value)) throw new TypeError(`not a TOML integer: ${value}`);
      return String(value);
  }
};

const isList = (value: TomlScalar | readonly TomlScalar[]): value is readonly TomlScalar[] =>
  Array.isArray(value);

const encodeValue = (value: TomlScalar | readonly TomlScalar[]): string => {
  if (!isList(value)) return encodeScalar(value);
  let out = '[';
  for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ', ') + encodeScalar(value[i]);
  return `${out}]`;
};

const INDENTS = Array.from({ length: 8 }, (_, depth) => INDENT.repeat(depth));
const indentOf = (depth: number): string => INDENTS[depth] ?? INDENT.repeat(depth);

/**
 * One `key = value` line of a table whose key path has `depth` parts, as the encoder writes it
 * inside that table. Exported so that renderers can prepare the constant parts of a document once
 * and write only the lines that change.
 */
export const encodeKeyValueLine = (
  depth: number,
  key: string,
  value: TomlScalar | readonly TomlScalar[],
): string => `${indentOf(depth)}${tomlKey(key)} = ${encodeValue(value)}\n`;

/**
 * Writes a table whose key path has `depth` parts and is written `dottedKey` in headers.
 * Returns the text after `written` (what was output before, needed for the blank-line rule).
 */
const encodeTable = (
  table: TomlTable,
  depth: number,
  dottedKey: string,
  written: string,
): string => {
  let out = written;
  if (depth === 1 && out.length > 0) out += '\n';
  if (depth > 0) out += `${indentOf(depth - 1)}[${dottedKey}]\n`;
  let hasSubTables = false;
  for (const [key, value] of table.entries) {
    if (value === undefined) continue;
    if (isTable(value)) {
      hasSubTables = true;
      continue;
    }
    out += encodeKeyValueLine(depth, key, value);
  }
  if (!hasSubTables) return out;
  for (const [key, value] of table.entries) {
    if (value === undefined || !isTable(value)) continue;
    out = encodeTable(
      value,
      depth + 1,
      depth === 0 ? tomlKey(key) : `${dottedKey}.${tomlKey(key)}`,
      out,
    );
  }
  return out;
};

/** Encodes a document whose root is a struct or map, as Encoder.Encode does. */
export const encodeToml = (root: TomlTable): string => encodeTable(root, 0, '', '');
