import { isPlainObject } from './kube-object';

/**
 * Structural schemas, as a CustomResourceDefinition declares them, and what the API server does
 * with one when an object is written: drop (prune) every field the schema does not declare,
 * reporting each so that fieldValidation=Strict can reject instead; drop nulls of non-nullable
 * fields; and report values of the wrong type.
 */

export type Schema =
  | { type: 'object'; properties: Record<string, Schema> }
  /** An object with arbitrary keys (additionalProperties), such as labels. */
  | { type: 'map'; values: Schema }
  | { type: 'array'; items: Schema }
  | { type: 'string' | 'integer' | 'number' | 'boolean' }
  /** x-kubernetes-int-or-string, as quantities are declared. */
  | { type: 'int-or-string' }
  /** x-kubernetes-preserve-unknown-fields: anything is kept as it is. */
  | { type: 'any' };

export interface SchemaTypeError {
  field: string;
  message: string;
}

export interface PruneResult {
  value: unknown;
  /** Paths of the dropped fields, e.g. `spec.containerRuntimeConfig.lazyPull`, sorted. */
  unknownFields: string[];
  typeErrors: SchemaTypeError[];
}

const jsonType = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
};

const fits = (schema: Schema, v: unknown): boolean => {
  switch (schema.type) {
    case 'object':
    case 'map':
      return isPlainObject(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'int-or-string':
      return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
    case 'any':
      return true;
  }
};

const expectedName = (schema: Schema): string =>
  schema.type === 'map'
    ? 'object'
    : schema.type === 'int-or-string'
      ? 'integer or string'
      : schema.type;

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

const walk = (value: unknown, schema: Schema, path: string, out: PruneResult): unknown => {
  if (!fits(schema, value)) {
    const actual = jsonType(value);
    out.typeErrors.push({
      field: path,
      message: `Invalid value: "${actual}": ${path} in body must be of type ${expectedName(schema)}: "${actual}"`,
    });
    return value;
  }
  switch (schema.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const child = schema.properties[key];
        if (!child) {
          out.unknownFields.push(join(path, key));
          continue;
        }
        if (v === null) continue;
        result[key] = walk(v, child, join(path, key), out);
      }
      return result;
    }
    case 'map': {
      const result: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === null) continue;
        result[key] = walk(v, schema.values, `${path}[${key}]`, out);
      }
      return result;
    }
    case 'array':
      return (value as unknown[]).map((item, i) => walk(item, schema.items, `${path}[${i}]`, out));
    default:
      return value;
  }
};

/** Prunes `value` by `schema`; the input is not changed. */
export const pruneBySchema = (value: unknown, schema: Schema): PruneResult => {
  const out: PruneResult = { value: undefined, unknownFields: [], typeErrors: [] };
  out.value = walk(value, schema, '', out);
  out.unknownFields.sort();
  return out;
};

const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const strings: Schema = { type: 'array', items: str };
const stringMap: Schema = { type: 'map', values: str };

/** ObjectMeta as the API server decodes it: fields it does not know are dropped from metadata too. */
export const OBJECT_META_SCHEMA: Schema = {
  type: 'object',
  properties: {
    name: str,
    generateName: str,
    namespace: str,
    selfLink: str,
    uid: str,
    resourceVersion: str,
    generation: int,
    creationTimestamp: str,
    deletionTimestamp: str,
    deletionGracePeriodSeconds: int,
    labels: stringMap,
    annotations: stringMap,
    finalizers: strings,
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          apiVersion: str,
          kind: str,
          name: str,
          uid: str,
          controller: bool,
          blockOwnerDeletion: bool,
        },
      },
    },
    managedFields: { type: 'array', items: { type: 'any' } },
  },
};

export const LABEL_SELECTOR_SCHEMA: Schema = {
  type: 'object',
  properties: {
    matchLabels: stringMap,
    matchExpressions: {
      type: 'array',
      items: { type: 'object', properties: { key: str, operator: str, values: strings } },
    },
  },
};

/** A custom resource's envelope around the given spec and status schemas. */
export const customResourceSchema = (spec: Schema, status: Schema): Schema => ({
  type: 'object',
  properties: { apiVersion: str, kind: str, metadata: OBJECT_META_SCHEMA, spec, status },
});
