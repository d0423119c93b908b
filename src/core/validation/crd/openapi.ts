import { ExactInteger } from '../../model/exactInteger';
import {
  duplicate,
  goFloat,
  goQuote,
  invalid,
  NIL_PATH,
  notSupported,
  required,
  tooLong,
  tooMany,
  typeInvalid,
} from '../fieldErrors';
import type { FieldError } from '../types';
import {
  additionalSchema,
  forEachChild,
  isPlainObject,
  jsonKind,
  numberValue,
  type JSONSchemaProps,
  type JsonKind,
} from './schema';

/**
 * The API server's OpenAPI validation of a custom resource: k8s.io/kube-openapi's validator,
 * walked as it walks a schema (every applicable check of a node runs, a type error included; a
 * string stops at its first length or pattern failure), with its messages, converted to field
 * errors as apiextensions-apiserver converts them. Paths in messages are the validator's own
 * (`spec.x[0].y`, map keys after a dot); the error's field is that path.
 */

interface Result {
  errors: FieldError[];
  /** Checks passed, by which anyOf and oneOf pick the branch whose errors they report. */
  matches: number;
}

const IN = 'body';

const fieldOf = (name: string): string => {
  const trimmed = name.startsWith('.') ? name.slice(1) : name;
  return trimmed === '' ? NIL_PATH : trimmed;
};

/** kube-openapi's InvalidType, reported as field.TypeInvalid. */
const invalidType = (path: string, expected: string, actual: string): FieldError =>
  typeInvalid(
    fieldOf(path),
    actual,
    `${path} in ${IN} must be of type ${expected}: ${goQuote(actual)}`,
  );

/** A schema's types: int-or-string is `integer,string`, as the server converts it. */
const typesOf = (s: JSONSchemaProps): string[] =>
  s['x-kubernetes-int-or-string'] ? ['integer', 'string'] : s.type ? [s.type] : [];

const FORMAT_OF: Partial<Record<JsonKind, string>> = { integer: 'int64', number: 'float64' };

const checkType = (s: JSONSchemaProps, data: unknown, path: string): FieldError | null => {
  const types = typesOf(s);
  const format = s.format ?? '';
  if (types.length === 0 && format === '') return null;
  const kind = jsonKind(data);
  if (kind === 'null') {
    return types.length > 0 && !types.includes('null') && !s.nullable
      ? invalidType(path, types.join(','), 'null')
      : null;
  }
  const actualFormat = FORMAT_OF[kind] ?? '';
  const isIntFloat = kind === 'integer' && types.includes('number');
  if (
    kind !== 'string' &&
    kind !== 'array' &&
    format !== '' &&
    !(types.includes(kind) || actualFormat === format || isIntFloat)
  ) {
    return invalidType(path, format, actualFormat);
  }
  if (
    !(types.includes('number') || types.includes('integer')) &&
    format !== '' &&
    (kind === 'string' || kind === 'array')
  ) {
    return null;
  }
  return types.includes(kind) || isIntFloat ? null : invalidType(path, types.join(','), kind);
};

/** utf8.RuneCountInString: the server counts characters, not UTF-16 units. */
const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
};

const compiledPatterns = new Map<string, RegExp | null>();
const patternOf = (pattern: string): RegExp | null => {
  let re = compiledPatterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    compiledPatterns.set(pattern, re);
  }
  return re;
};

const checkString = (s: JSONSchemaProps, data: string, path: string): FieldError | null => {
  const field = fieldOf(path);
  if (s.maxLength !== undefined && runeCount(data) > s.maxLength)
    return tooLong(field, s.maxLength);
  if (s.minLength !== undefined && runeCount(data) < s.minLength) {
    return invalid(field, data, `${path} in ${IN} should be at least ${s.minLength} chars long`);
  }
  if (s.pattern !== undefined && !patternOf(s.pattern)?.test(data)) {
    return invalid(field, data, `${path} in ${IN} should match '${s.pattern}'`);
  }
  return null;
};

const boundText = (n: number): string => (Number.isInteger(n) ? String(n) : goFloat(n));

const checkNumber = (s: JSONSchemaProps, data: unknown, path: string): FieldError[] => {
  const errors: FieldError[] = [];
  const n = numberValue(data);
  const field = fieldOf(path);
  if (s.multipleOf !== undefined && s.multipleOf !== 0 && !Number.isInteger(n / s.multipleOf)) {
    errors.push(
      invalid(field, data, `${path} in ${IN} should be a multiple of ${boundText(s.multipleOf)}`),
    );
  }
  if (s.maximum !== undefined && (s.exclusiveMaximum ? n >= s.maximum : n > s.maximum)) {
    const how = s.exclusiveMaximum ? 'less than' : 'less than or equal to';
    errors.push(invalid(field, data, `${path} in ${IN} should be ${how} ${boundText(s.maximum)}`));
  }
  if (s.minimum !== undefined && (s.exclusiveMinimum ? n <= s.minimum : n < s.minimum)) {
    const how = s.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
    errors.push(invalid(field, data, `${path} in ${IN} should be ${how} ${boundText(s.minimum)}`));
  }
  return errors;
};

/** JSON equality, with an integer equal to the float of the same value. */
const sameValue = (a: unknown, b: unknown): boolean => {
  const ka = jsonKind(a);
  const kb = jsonKind(b);
  const numeric = (k: JsonKind) => k === 'integer' || k === 'number';
  if (numeric(ka) && numeric(kb)) {
    if (a instanceof ExactInteger || b instanceof ExactInteger) return String(a) === String(b);
    return numberValue(a) === numberValue(b);
  }
  if (ka !== kb) return false;
  if (ka === 'array') {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => sameValue(v, y[i]));
  }
  if (ka === 'object') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = Object.keys(x);
    return (
      keys.length === Object.keys(y).length &&
      keys.every((k) => Object.hasOwn(y, k) && sameValue(x[k], y[k]))
    );
  }
  return a === b || (ka === 'null' && kb === 'null');
};

const checkEnum = (s: JSONSchemaProps, data: unknown, path: string): FieldError | null => {
  if (!s.enum || s.enum.length === 0) return null;
  if (s.enum.some((e) => sameValue(data, e))) return null;
  const supported = s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
  return notSupported(fieldOf(path), data ?? null, supported);
};

const mustValidate = (path: string, what: string): FieldError =>
  invalid(NIL_PATH, '', `${goQuote(path)} ${what}`);

const checkCombinators = (s: JSONSchemaProps, data: unknown, path: string): Result => {
  const out: Result = { errors: [], matches: 1 };
  if (s.anyOf && s.anyOf.length > 0) {
    let best: Result | null = null;
    let passed = false;
    for (const branch of s.anyOf) {
      const r = validateNode(branch, data, path);
      if (r.errors.length === 0) {
        passed = true;
        best = null;
        out.matches += r.matches;
        break;
      }
      if (best === null || r.matches > best.matches) best = r;
    }
    if (!passed) out.errors.push(mustValidate(path, 'must validate at least one schema (anyOf)'));
    if (best) out.errors.push(...best.errors);
  }
  if (s.oneOf && s.oneOf.length > 0) {
    let best: Result | null = null;
    let valid = 0;
    for (const branch of s.oneOf) {
      const r = validateNode(branch, data, path);
      if (r.errors.length === 0) {
        valid += 1;
        best = null;
      } else if (valid === 0 && (best === null || r.matches > best.matches)) {
        best = r;
      }
    }
    if (valid !== 1) {
      const found = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
      out.errors.push(
        mustValidate(path, `must validate one and only one schema (oneOf). ${found}`),
      );
      if (best) out.errors.push(...best.errors);
    }
  }
  if (s.allOf && s.allOf.length > 0) {
    let valid = 0;
    for (const branch of s.allOf) {
      const r = validateNode(branch, data, path);
      if (r.errors.length === 0) valid += 1;
      out.errors.push(...r.errors);
    }
    if (valid !== s.allOf.length) {
      out.errors.push(
        mustValidate(
          path,
          `must validate all the schemas (allOf)${valid === 0 ? '. None validated' : ''}`,
        ),
      );
    }
  }
  if (s.not && validateNode(s.not, data, path).errors.length === 0) {
    out.errors.push(mustValidate(path, 'must not validate the schema (not)'));
  }
  return out;
};

const checkArray = (s: JSONSchemaProps, data: unknown[], path: string): Result => {
  const out: Result = { errors: [], matches: 1 };
  if (s.items) {
    data.forEach((item, i) => {
      const r = validateNode(s.items as JSONSchemaProps, item, `${path}[${i}]`);
      out.errors.push(...r.errors);
      out.matches += r.matches;
    });
  }
  const field = fieldOf(path);
  if (s.minItems !== undefined && data.length < s.minItems) {
    out.errors.push(
      invalid(field, data.length, `${path} in ${IN} should have at least ${s.minItems} items`),
    );
  }
  if (s.maxItems !== undefined && data.length > s.maxItems) {
    out.errors.push(tooMany(field, data.length, s.maxItems));
  }
  if (s.uniqueItems && data.some((v, i) => data.slice(0, i).some((w) => sameValue(v, w)))) {
    out.errors.push(invalid(field, '', `${path} in ${IN} shouldn't contain duplicates`));
  }
  return out;
};

const checkObject = (s: JSONSchemaProps, data: Record<string, unknown>, path: string): Result => {
  const out: Result = { errors: [], matches: 1 };
  const count = Object.keys(data).length;
  if (s.minProperties !== undefined && count < s.minProperties) {
    out.errors.push(
      invalid(
        fieldOf(path),
        count,
        `${path} in ${IN} should have at least ${s.minProperties} properties`,
      ),
    );
    return out;
  }
  if (s.maxProperties !== undefined && count > s.maxProperties) {
    out.errors.push(tooMany(fieldOf(path), count, s.maxProperties));
    return out;
  }
  const values = additionalSchema(s);
  for (const [key, value] of Object.entries(data)) {
    const property = s.properties?.[key];
    const schema = property ?? values;
    if (!schema) continue;
    const p = property && path === '' ? key : `${path}.${key}`;
    const r = validateNode(schema, value, p);
    out.errors.push(...r.errors);
    out.matches += r.matches;
  }
  for (const key of s.required ?? []) {
    if (!Object.hasOwn(data, key)) out.errors.push(required(fieldOf(`${path}.${key}`)));
  }
  return out;
};

/** x-kubernetes-list-type set: no value twice (map lists: no key twice). */
const checkListType = (s: JSONSchemaProps, data: unknown[], path: string): FieldError[] => {
  const listType = s['x-kubernetes-list-type'];
  const errors: FieldError[] = [];
  if (listType === 'set') {
    data.forEach((v, i) => {
      if (data.slice(0, i).some((w) => sameValue(v, w))) errors.push(duplicate(`${path}[${i}]`, v));
    });
  } else if (listType === 'map') {
    const keys = s['x-kubernetes-list-map-keys'] ?? [];
    const keyOf = (v: unknown) =>
      isPlainObject(v) ? JSON.stringify(keys.map((k) => v[k] ?? null)) : undefined;
    data.forEach((v, i) => {
      const k = keyOf(v);
      if (k !== undefined && data.slice(0, i).some((w) => keyOf(w) === k)) {
        const shown = isPlainObject(v) ? Object.fromEntries(keys.map((key) => [key, v[key]])) : v;
        errors.push(duplicate(`${path}[${i}]`, shown));
      }
    });
  }
  return errors;
};

function validateNode(s: JSONSchemaProps, data: unknown, path: string): Result {
  const out: Result = { errors: [], matches: 0 };
  const add = (r: Result | FieldError | FieldError[] | null) => {
    if (r === null) {
      out.matches += 1;
    } else if (Array.isArray(r)) {
      out.errors.push(...r);
      if (r.length === 0) out.matches += 1;
    } else if ('errors' in r) {
      out.errors.push(...r.errors);
      out.matches += r.matches;
    } else {
      out.errors.push(r);
    }
  };
  const kind = jsonKind(data);
  if (kind === 'null') {
    add(checkType(s, data, path));
    add(checkEnum(s, data, path));
    return out;
  }
  add(checkType(s, data, path));
  add(checkCombinators(s, data, path));
  if (kind === 'string') add(checkString(s, data as string, path));
  if (kind === 'integer' || kind === 'number') add(checkNumber(s, data, path));
  if (kind === 'array') add(checkArray(s, data as unknown[], path));
  add(checkEnum(s, data, path));
  if (kind === 'object') add(checkObject(s, data as Record<string, unknown>, path));
  return out;
}

/** Every OpenAPI schema error of a whole custom resource (already pruned). */
export const validateAgainstSchema = (schema: JSONSchemaProps, object: unknown): FieldError[] =>
  validateNode(schema, object, '').errors;

/** x-kubernetes-list-type invariants, checked over the whole object after the schema. */
export const validateListTypes = (schema: JSONSchemaProps, object: unknown): FieldError[] => {
  const errors: FieldError[] = [];
  const walk = (s: JSONSchemaProps, v: unknown, path: string) => {
    if (Array.isArray(v)) errors.push(...checkListType(s, v, path));
    forEachChild(s, v, path, walk);
  };
  walk(schema, object, '');
  return errors;
};
