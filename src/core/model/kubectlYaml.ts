import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';
import { ExactInteger, INT64_MAX, INT64_MIN, integerValue } from './exactInteger';

/**
 * YAML as kubectl and oc read it. They decode YAML 1.1 with sigs.k8s.io/yaml (go-yaml v2 beneath)
 * and send the result to the API server as JSON, which reads numbers back as int64 or float64. So:
 *
 * - plain `y`, `yes`, `on`, `true` (in three casings) are true, `n`, `no`, `off`, `false` false;
 *   `~`, `null` and an empty value are null;
 * - integers follow Go's strconv.ParseInt with base 0 once underscores are removed: `010000` is
 *   octal (4096), `0x10`, `0o10` and `0b10` work, `4_096` is 4096; past int64 an integer is read
 *   as uint64, and past that as a float;
 * - floats are YAML 1.1's (`1.5`, `.5`, `1e3`, `.inf`, `.nan`); once written as JSON, a float
 *   without a fraction is an integer again (`1e3` is 1000), and infinities or NaN cannot be
 *   written at all;
 * - a plain scalar shaped like a date (`2024-01-02`, `2024-01-02T10:00:00Z`) is a timestamp,
 *   which reaches the server as an RFC 3339 string;
 * - `<<: *base` merges a mapping.
 *
 * Integers are kept exact (see ExactInteger). The same schema writes YAML: a string that would
 * read back as something else is quoted.
 */

/** A float kubectl cannot send: json.Marshal refuses infinities and NaN. */
export class UnsendableFloat {
  constructor(readonly text: string) {}
}

type Resolved =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'timestamp'; value: string }
  | { kind: 'str' };

const TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const NULLS = ['', '~', 'null', 'Null', 'NULL'];
const NAN = ['.nan', '.NaN', '.NAN'];
const POS_INF = ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'];
const NEG_INF = ['-.inf', '-.Inf', '-.INF'];

const BY_TEXT = new Map<string, Resolved>([
  ...TRUE.map((s): [string, Resolved] => [s, { kind: 'bool', value: true }]),
  ...FALSE.map((s): [string, Resolved] => [s, { kind: 'bool', value: false }]),
  ...NULLS.map((s): [string, Resolved] => [s, { kind: 'null' }]),
  ...NAN.map((s): [string, Resolved] => [s, { kind: 'float', value: NaN }]),
  ...POS_INF.map((s): [string, Resolved] => [s, { kind: 'float', value: Infinity }]),
  ...NEG_INF.map((s): [string, Resolved] => [s, { kind: 'float', value: -Infinity }]),
]);

const UINT64_MAX = (1n << 64n) - 1n;
const DIGITS: Record<number, RegExp> = {
  2: /^[01]+$/,
  8: /^[0-7]+$/,
  10: /^[0-9]+$/,
  16: /^[0-9a-fA-F]+$/,
};
const PREFIX: Record<number, string> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };

/** Go's strconv.ParseInt(s, 0, 64) (signed) or ParseUint(s, 0, 64), without underscores. */
const parseGoInteger = (s: string, signed: boolean): bigint | null => {
  let text = s;
  let negative = false;
  if (signed && (text[0] === '+' || text[0] === '-')) {
    negative = text[0] === '-';
    text = text.slice(1);
  }
  let base = 10;
  let digits = text;
  if (text.length > 1 && text[0] === '0') {
    const p = text[1];
    if (p === 'x' || p === 'X') [base, digits] = [16, text.slice(2)];
    else if (p === 'o' || p === 'O') [base, digits] = [8, text.slice(2)];
    else if (p === 'b' || p === 'B') [base, digits] = [2, text.slice(2)];
    else [base, digits] = [8, text.slice(1)];
  }
  if (!DIGITS[base].test(digits)) return null;
  const magnitude = BigInt(`${PREFIX[base]}${digits}`);
  const value = negative ? -magnitude : magnitude;
  if (signed) return value >= INT64_MIN && value <= INT64_MAX ? value : null;
  return value <= UINT64_MAX ? value : null;
};

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?))?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A timestamp as Go's time.Time writes itself in JSON (RFC 3339 with nanoseconds), or null. */
const parseTimestamp = (s: string): string | null => {
  const m = TIMESTAMP.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const zoned = m[4] !== undefined;
  const hour = Number(zoned ? m[5] : (m[10] ?? 0));
  const minute = Number(zoned ? m[6] : (m[11] ?? 0));
  const second = Number(zoned ? m[7] : (m[12] ?? 0));
  const fraction = (zoned ? m[8] : m[13]) ?? '';
  const zone = zoned ? m[9] : 'Z';
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (hour > 23 || minute > 59 || second > 59 || fraction.length > 9) return null;
  const nanos = fraction.replace(/0+$/, '');
  const offset = zone === 'Z' || zone === '+00:00' || zone === '-00:00' ? 'Z' : zone;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${nanos ? `.${nanos}` : ''}${offset}`;
};

/** go-yaml v2's resolution of a plain scalar. */
const resolvePlain = (text: string): Resolved => {
  const first = text[0];
  const hint =
    text === ''
      ? 'N'
      : first === '+' || first === '-'
        ? 'S'
        : first >= '0' && first <= '9'
          ? 'D'
          : 'yYnNtTfFoO~'.includes(first)
            ? 'M'
            : first === '.'
              ? '.'
              : '';
  if (hint === '') return { kind: 'str' };
  const known = BY_TEXT.get(text);
  if (known) return known;
  if (hint === '.') {
    return DOT_FLOAT.test(text) ? { kind: 'float', value: Number(text) } : { kind: 'str' };
  }
  if (hint === 'D' || hint === 'S') {
    const timestamp = parseTimestamp(text);
    if (timestamp !== null) return { kind: 'timestamp', value: timestamp };
    const plain = text.replace(/_/g, '');
    const signed = parseGoInteger(plain, true);
    if (signed !== null) return { kind: 'int', value: signed };
    const unsigned = parseGoInteger(plain, false);
    if (unsigned !== null) return { kind: 'int', value: unsigned };
    if (YAML_STYLE_FLOAT.test(plain)) return { kind: 'float', value: Number(plain) };
  }
  return { kind: 'str' };
};

/**
 * What the API server reads when kubectl sends `value` as JSON: encoding/json writes a float
 * with its shortest digits (plain below 1e21), and the server reads digits that fit an int64 as
 * an integer.
 */
const floatAsSent = (value: number): number | ExactInteger | UnsendableFloat => {
  if (Number.isNaN(value)) return new UnsendableFloat('NaN');
  if (!Number.isFinite(value)) return new UnsendableFloat(value > 0 ? '+Inf' : '-Inf');
  if (!Number.isInteger(value) || Math.abs(value) >= 1e21) return value;
  const integer = BigInt(String(value));
  return integer >= INT64_MIN && integer <= INT64_MAX ? integerValue(integer) : value;
};

/** An integer as the server reads it: an int64 exactly, a uint64 beyond that as a float's text. */
const integerAsSent = (value: bigint): number | ExactInteger =>
  value > INT64_MAX ? new ExactInteger(value) : integerValue(value);

const scalar = (kind: Resolved['kind']) => (data: unknown) =>
  typeof data === 'string' && resolvePlain(data).kind === kind;

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: scalar('null'),
  construct: () => null,
  predicate: (v: unknown) => v === null,
  represent: () => 'null',
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: scalar('bool'),
  construct: (data: string) => TRUE.includes(data),
  predicate: (v: unknown) => typeof v === 'boolean',
  represent: (v: object) => (v ? 'true' : 'false'),
});

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: scalar('int'),
  construct: (data: string) => integerAsSent((resolvePlain(data) as { value: bigint }).value),
  predicate: (v: unknown) =>
    v instanceof ExactInteger || (typeof v === 'number' && Number.isInteger(v)),
  represent: (v: object) => (v as ExactInteger | number).toString(),
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: scalar('float'),
  construct: (data: string) => floatAsSent((resolvePlain(data) as { value: number }).value),
  predicate: (v: unknown) =>
    (typeof v === 'number' && !Number.isInteger(v)) || v instanceof UnsendableFloat,
  represent: (v: object) => {
    if (v instanceof UnsendableFloat) return v.text === 'NaN' ? '.nan' : `${v.text[0]}.inf`;
    const n = v as unknown as number;
    if (Number.isNaN(n)) return '.nan';
    if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
    return String(n);
  },
});

const timestampType = new Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: scalar('timestamp'),
  construct: (data: string) => (resolvePlain(data) as { value: string }).value,
});

/** `<<` merges the mapping (or mappings) it names into the one it is in. */
const mergeType = new Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (data: unknown) => data === '<<',
});

/** The schema of YAML as kubectl reads it (see the file comment). */
export const KUBECTL_YAML_SCHEMA: Schema = FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType, timestampType, mergeType],
});
