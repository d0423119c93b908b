import { ExactInteger } from '../../model/exactInteger';
import { duplicate, forbidden, invalid, required } from '../fieldErrors';
import type { FieldError } from '../types';
import {
  additionalSchema,
  forEachChild,
  isPlainObject,
  jsonKind,
  type JSONSchemaProps,
  type ValidationRule,
} from './schema';

/**
 * A CRD's x-kubernetes-validations, evaluated as the API server evaluates them on create: each
 * rule of each node present in the object, with `self` bound to the node's value (at the root:
 * apiVersion, kind and metadata's name and generateName), rules using `oldSelf` skipped. A rule
 * that is false gives `<path>: Invalid value: "<schema type>": <message>` (or the error its
 * `reason` names, at the path its `fieldPath` names); a rule that fails to compile or evaluate
 * gives the server's corresponding message.
 *
 * CEL itself is an engine the caller gives (celEnvironment.ts: @marcbachmann/cel-js, the CEL
 * language and standard library with the string functions Kubernetes adds), so that a page loads
 * it only when a rule must run.
 */

type Program = (activation: Record<string, unknown>) => unknown;

/** A CEL implementation: compiles an expression into a program, or throws. */
export interface CelEngine {
  parse(expression: string): Program;
}

const compiled = new WeakMap<CelEngine, Map<string, Program | Error>>();

const compile = (engine: CelEngine, expression: string): Program | Error => {
  let programs = compiled.get(engine);
  if (!programs) {
    programs = new Map();
    compiled.set(engine, programs);
  }
  let p = programs.get(expression);
  if (p === undefined) {
    try {
      p = engine.parse(expression);
    } catch (e) {
      p = e instanceof Error ? e : new Error(String(e));
    }
    programs.set(expression, p);
  }
  return p;
};

/** A value as CEL sees it: integers are CEL ints (bigint), other numbers doubles. */
const celValue = (v: unknown): unknown => {
  if (v instanceof ExactInteger) return v.value;
  if (typeof v === 'number') return jsonKind(v) === 'integer' ? BigInt(v) : v;
  // Array.from builds the list in this realm, whatever realm the value came from (CEL checks it).
  if (Array.isArray(v)) return Array.from(v, celValue);
  if (isPlainObject(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, celValue(x)]));
  }
  return v;
};

const usesOldSelf = (rule: string): boolean => /\boldSelf\b/.test(rule);

const ruleText = (rule: ValidationRule): string =>
  rule.message && rule.message.trim() !== '' ? rule.message.trim() : rule.rule.trim();

const messageOf = (rule: ValidationRule): string =>
  rule.message && rule.message.trim() !== ''
    ? rule.message.trim()
    : `failed rule: ${rule.rule.trim()}`;

const firstLine = (e: Error): string => e.message.split('\n')[0];

const errorFor = (path: string, type: string, detail: string, rule: ValidationRule): FieldError => {
  switch (rule.reason) {
    case 'FieldValueForbidden':
      return forbidden(path, detail);
    case 'FieldValueRequired':
      return required(path, detail);
    case 'FieldValueDuplicate':
      return duplicate(path, type);
    default:
      return invalid(path, type, detail);
  }
};

const messageExpressionOf = (
  engine: CelEngine,
  rule: ValidationRule,
  activation: Record<string, unknown>,
) => {
  if (!rule.messageExpression) return null;
  const program = compile(engine, rule.messageExpression);
  if (program instanceof Error) return null;
  try {
    const text = program(activation);
    return typeof text === 'string' && text.trim() !== '' && !text.includes('\n') ? text : null;
  } catch {
    return null;
  }
};

const fieldPathOf = (path: string, rule: ValidationRule): string => {
  const extra = (rule.fieldPath ?? '').replace(/^\./, '');
  if (extra === '') return path;
  return path ? `${path}.${extra}` : extra;
};

/** The rules the server evaluates on create (those without oldSelf). */
const createRules = (schema: JSONSchemaProps): ValidationRule[] =>
  (schema['x-kubernetes-validations'] ?? []).filter((r) => !usesOldSelf(r.rule));

const evaluateRules = (
  engine: CelEngine,
  schema: JSONSchemaProps,
  value: unknown,
  path: string,
  root: boolean,
  errors: FieldError[],
) => {
  const rules = createRules(schema);
  if (rules.length === 0) return;
  const type = schema.type ?? '';
  let self = value;
  if (root && isPlainObject(value)) {
    const meta = isPlainObject(value.metadata) ? value.metadata : {};
    self = {
      ...value,
      metadata: Object.fromEntries(
        ['name', 'generateName'].filter((k) => k in meta).map((k) => [k, meta[k]]),
      ),
    };
  }
  const activation = { self: celValue(self) };
  const at = path || '<nil>';
  for (const rule of rules) {
    const program = compile(engine, rule.rule);
    if (program instanceof Error) {
      errors.push(invalid(at, type, `rule compile error: ${firstLine(program)}`));
      continue;
    }
    let result: unknown;
    try {
      result = program(activation);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      errors.push(invalid(at, type, `${firstLine(error)} evaluating rule: ${ruleText(rule)}`));
      continue;
    }
    if (result === true) continue;
    const detail = messageExpressionOf(engine, rule, activation) ?? messageOf(rule);
    errors.push(errorFor(fieldPathOf(path, rule) || '<nil>', type, detail, rule));
  }
};

type Visit = (schema: JSONSchemaProps, value: unknown, path: string, root: boolean) => void;

/** Every node of the object with its schema (and the schemas of its allOf), present values only. */
const walk = (
  schema: JSONSchemaProps,
  value: unknown,
  path: string,
  root: boolean,
  visit: Visit,
) => {
  if (value === null || value === undefined) return;
  visit(schema, value, path, root);
  for (const branch of schema.allOf ?? []) visit(branch, value, path, false);
  forEachChild(schema, value, path, (s, v, p) => walk(s, v, p, false, visit));
};

/** Every CEL rule failure of a whole custom resource (already pruned and schema-valid). */
export const validateCelRules = (
  engine: CelEngine,
  schema: JSONSchemaProps,
  object: unknown,
): FieldError[] => {
  const errors: FieldError[] = [];
  walk(schema, object, '', true, (s, v, p, root) => evaluateRules(engine, s, v, p, root, errors));
  return errors;
};

/** Whether the server would evaluate any rule on this object (a rule of a node it holds). */
export const hasRulesToRun = (schema: JSONSchemaProps, object: unknown): boolean => {
  if (!hasCelRules(schema)) return false;
  let found = false;
  walk(schema, object, '', true, (s) => {
    found ||= createRules(s).length > 0;
  });
  return found;
};

const ruleCounts = new WeakMap<JSONSchemaProps, boolean>();

/** Whether a schema has any CEL rule (the server runs its CEL validator only then). */
export const hasCelRules = (schema: JSONSchemaProps): boolean => {
  const known = ruleCounts.get(schema);
  if (known !== undefined) return known;
  const values = additionalSchema(schema);
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(values ? [values] : []),
    ...(schema.allOf ?? []),
  ];
  const has = (schema['x-kubernetes-validations'] ?? []).length > 0 || children.some(hasCelRules);
  ruleCounts.set(schema, has);
  return has;
};
