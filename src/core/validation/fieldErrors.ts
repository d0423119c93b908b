import { ExactInteger } from '../model/exactInteger';
import type { CauseReason, FieldError } from './types';

/**
 * The API server's field errors (k8s.io/apimachinery's field.Error) as kubectl prints them:
 * `<field>: <type>[: <value>][: <detail>]`. The value is printed as Go prints it: strings quoted
 * with strconv.Quote, numbers and booleans bare, nothing at all for the types that omit it.
 */

/** The root path, which Go's field.Path prints as `<nil>`. */
export const NIL_PATH = '<nil>';

/** Marks an error whose value is left out (field.OmitValueType). */
export const OMIT = Symbol('omit value');

const isPrintable = (c: string): boolean => c === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c);

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** Go's strconv.Quote. */
export const goQuote = (s: string): string => {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (isPrintable(c)) out += c;
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\v') out += '\\v';
    else if (code < 0x80) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
};

/** Go's %v of a float64 (strconv 'g' with the shortest digits, exponent as e+21). */
export const goFloat = (n: number): string => {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [mantissa, e] = n.toExponential().split('e');
    const sign = e.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${e.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  return String(n);
};

/** A bad value as field.Error prints it. */
export const formatBadValue = (value: unknown): string => {
  if (value === null || value === undefined) return '"null"';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof ExactInteger) return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  return goQuote(JSON.stringify(value) ?? '');
};

const make = (
  field: string,
  reason: CauseReason,
  message: string,
  severity: FieldError['severity'] = 'error',
): FieldError => ({ field, message, reason, source: 'api', severity });

const withDetail = (head: string, detail: string): string => (detail ? `${head}: ${detail}` : head);

export const invalid = (field: string, value: unknown, detail: string): FieldError =>
  make(
    field,
    'FieldValueInvalid',
    withDetail(
      value === OMIT ? 'Invalid value' : `Invalid value: ${formatBadValue(value)}`,
      detail,
    ),
  );

export const typeInvalid = (field: string, value: unknown, detail: string): FieldError => ({
  ...invalid(field, value, detail),
  reason: 'FieldValueTypeInvalid',
});

export const required = (field: string, detail = ''): FieldError =>
  make(field, 'FieldValueRequired', withDetail('Required value', detail));

export const forbidden = (field: string, detail: string): FieldError =>
  make(field, 'FieldValueForbidden', withDetail('Forbidden', detail));

export const duplicate = (field: string, value: unknown): FieldError =>
  make(field, 'FieldValueDuplicate', `Duplicate value: ${formatBadValue(value)}`);

export const notSupported = (field: string, value: unknown, supported: string[]): FieldError =>
  make(
    field,
    'FieldValueNotSupported',
    withDetail(
      `Unsupported value: ${formatBadValue(value)}`,
      supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '',
    ),
  );

/** Newer servers' wording (Kubernetes 1.32 on); 1.26 wrote `may not be longer than N`. */
export const tooLong = (field: string, max: number): FieldError =>
  make(
    field,
    'FieldValueTooLong',
    max >= 0 ? `Too long: may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'Too long',
  );

export const tooMany = (field: string, actual: number, max: number): FieldError =>
  make(
    field,
    'FieldValueTooMany',
    `Too many: ${actual}: ${max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items'}`,
  );

/**
 * Errors of these kinds keep the API server from running the CRD's CEL rules. Unsupported values
 * (enums) do not: the recorded answers of the API server show an enum violation together with
 * the CEL rules' findings and without the "not checked" line.
 */
const BLOCKING: ReadonlySet<CauseReason> = new Set<CauseReason>([
  'FieldValueRequired',
  'FieldValueTooLong',
  'FieldValueTooMany',
  'FieldValueTypeInvalid',
]);

export const isBlocking = (e: FieldError): boolean =>
  e.severity === 'error' && e.reason !== undefined && BLOCKING.has(e.reason);

export const RULES_NOT_CHECKED = invalid(
  NIL_PATH,
  null,
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
);
