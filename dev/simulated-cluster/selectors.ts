import { badRequest } from './api-errors';
import type { KubeObject } from './kube-object';

/**
 * The query-string selectors of list and watch requests (`labelSelector=a=b,c in (x,y),!d`,
 * `fieldSelector=metadata.name=x`), parsed as the API server parses them. Label selectors given
 * as objects (a pool's nodeSelector, a ContainerRuntimeConfig's machineConfigPoolSelector) are the
 * core's business: see src/core/model/labelSelector.ts.
 */

export type ObjectPredicate = (obj: KubeObject) => boolean;

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: 'gt' | 'lt'; value: number };

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
const VALUE = String.raw`[A-Za-z0-9._-]*`;
const RE_NOT_EXISTS = new RegExp(`^!\\s*(${KEY})$`);
const RE_EXISTS = new RegExp(`^(${KEY})$`);
const RE_EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const RE_SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const RE_NUMERIC = new RegExp(`^(${KEY})\\s*(>|<)\\s*(-?\\d+)$`);
const RE_VALUE = new RegExp(`^${VALUE}$`);

/** Splits on commas that are not inside a `(…)` value set. */
const splitTopLevel = (s: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim());
};

const parseRequirement = (text: string): Requirement => {
  let m = RE_NOT_EXISTS.exec(text);
  if (m) return { key: m[1], op: '!exists' };
  m = RE_SET.exec(text);
  if (m) {
    const values = m[3].split(',').map((v) => v.trim());
    if (values.some((v) => !RE_VALUE.test(v))) {
      throw badRequest(`unable to parse requirement: invalid value in set: "${m[3]}"`);
    }
    return { key: m[1], op: m[2] === 'in' ? 'in' : 'notin', values };
  }
  m = RE_EQUALITY.exec(text);
  if (m) return { key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] };
  m = RE_NUMERIC.exec(text);
  if (m) return { key: m[1], op: m[2] === '>' ? 'gt' : 'lt', value: Number(m[3]) };
  m = RE_EXISTS.exec(text);
  if (m) return { key: m[1], op: 'exists' };
  throw badRequest(`unable to parse requirement: found '${text}', expected: a label requirement`);
};

const matches = (req: Requirement, labels: Record<string, string>): boolean => {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.op) {
    case 'exists':
      return has;
    case '!exists':
      return !has;
    case 'in':
      return has && req.values.includes(labels[req.key]);
    case 'notin':
      return !has || !req.values.includes(labels[req.key]);
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(labels[req.key])) return false;
      const n = Number(labels[req.key]);
      return req.op === 'gt' ? n > req.value : n < req.value;
    }
  }
};

/** Parses a labelSelector query parameter; an empty or missing one selects everything. */
export const parseLabelSelector = (text: string | null | undefined): ObjectPredicate => {
  if (!text || text.trim() === '') return () => true;
  const reqs = splitTopLevel(text).map(parseRequirement);
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return reqs.every((r) => matches(r, labels));
  };
};

/** The fields every type can be selected on: the object's name and namespace ('' when cluster-scoped). */
export const metadataFields = (obj: KubeObject): Record<string, string> => ({
  'metadata.name': obj.metadata.name,
  'metadata.namespace': typeof obj.metadata.namespace === 'string' ? obj.metadata.namespace : '',
});

/**
 * Parses a fieldSelector query parameter against the fields a type can be selected on
 * (`selectable`, an object's values by field name); an empty or missing one selects everything.
 * A field the type does not offer is a 400, as the API server's field label conversion answers.
 */
export const parseFieldSelector = (
  text: string | null | undefined,
  selectable: (obj: KubeObject) => Record<string, string> = metadataFields,
  supported: readonly string[] = ['metadata.name', 'metadata.namespace'],
): ObjectPredicate => {
  if (!text || text.trim() === '') return () => true;
  const terms = text.split(',').map((t) => {
    const m = /^\s*([A-Za-z0-9.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(t);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${t}'`);
    const [, field, op, value] = m;
    if (!supported.includes(field)) throw badRequest(`field label not supported: ${field}`);
    return { field, negate: op === '!=', value };
  });
  return (obj) => {
    const fields = selectable(obj);
    return terms.every((t) => ((fields[t.field] ?? '') === t.value) !== t.negate);
  };
};

/** A field selector's predicate for a type, refusing fields the type cannot be selected on. */
export const fieldSelectorOf = (
  r: {
    fieldSelector?: {
      fields: readonly string[];
      valuesOf: (obj: KubeObject) => Record<string, string>;
    };
  },
  text: string | null | undefined,
): ObjectPredicate =>
  r.fieldSelector
    ? parseFieldSelector(text, r.fieldSelector.valuesOf, r.fieldSelector.fields)
    : parseFieldSelector(text);
