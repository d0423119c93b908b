import { ExactInteger } from '../../model/exactInteger';
import { SERVER_SET_METADATA } from '../../model/objectMeta';
import { additionalSchema, isPlainObject, type JSONSchemaProps } from './schema';

/**
 * What the API server's decoder does to a custom resource before validating it: it drops every
 * field the structural schema does not declare (reporting each, for `unknown field` warnings or,
 * under fieldValidation=Strict, a 400), and drops nulls of fields that are neither nullable nor
 * defaulted. apiVersion and kind are kept at the root; metadata is decoded as ObjectMeta, whose
 * own fields are the known ones there.
 */

/** ObjectMeta's fields (metadata of every object), and those of its lists' items. */
const OBJECT_META: JSONSchemaProps = {
  type: 'object',
  properties: Object.fromEntries(
    ['name', 'generateName', 'namespace', 'finalizers']
      .concat(SERVER_SET_METADATA.filter((k) => k !== 'managedFields'))
      .map((k): [string, JSONSchemaProps] => [k, {}])
      .concat([
        ['labels', { type: 'object', additionalProperties: {} }],
        ['annotations', { type: 'object', additionalProperties: {} }],
        [
          'ownerReferences',
          {
            type: 'array',
            items: {
              type: 'object',
              properties: Object.fromEntries(
                ['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion'].map(
                  (k) => [k, {}],
                ),
              ),
            },
          },
        ],
        [
          'managedFields',
          { type: 'array', items: { 'x-kubernetes-preserve-unknown-fields': true } },
        ],
      ]),
  ),
};

export interface PruneResult {
  /** The object as the server goes on with it; the input is not changed. */
  object: unknown;
  /** The dropped fields, e.g. `spec.containerRuntimeConfig.lazyPull`, in the order found. */
  unknownFields: string[];
}

const child = (path: string, key: string): string => (path ? `${path}.${key}` : key);

const keepsNull = (s: JSONSchemaProps | undefined): boolean =>
  s === undefined || s.nullable === true || s.default !== undefined;

const walk = (
  value: unknown,
  schema: JSONSchemaProps | undefined,
  path: string,
  root: boolean,
  unknown: string[],
): unknown => {
  if (Array.isArray(value)) {
    return value.map((item, i) => walk(item, schema?.items, `${path}[${i}]`, false, unknown));
  }
  if (!isPlainObject(value) || value instanceof ExactInteger) return value;
  if (schema === undefined) return value;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const values = additionalSchema(schema);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const p = child(path, key);
    let s = schema.properties?.[key];
    if ((root || embedded) && key === 'metadata') s = OBJECT_META;
    else if ((root || embedded) && (key === 'apiVersion' || key === 'kind')) s = s ?? {};
    if (s === undefined && values !== undefined) s = values;
    if (s === undefined) {
      if (preserve || schema.additionalProperties === true) out[key] = v;
      else unknown.push(p);
      continue;
    }
    if (v === null && !keepsNull(s)) continue;
    out[key] = walk(v, s, p, false, unknown);
  }
  return out;
};

/** Prunes `object` (a whole custom resource) by its CRD's schema. */
export const pruneCustomResource = (object: unknown, schema: JSONSchemaProps): PruneResult => {
  const unknownFields: string[] = [];
  return { object: walk(object, schema, '', true, unknownFields), unknownFields };
};

/** The warnings (fieldValidation=Warn) for the dropped fields. */
export const unknownFieldWarning = (field: string): string => `unknown field "${field}"`;

/** The 400's message under fieldValidation=Strict, after `<Kind> in version "v1" cannot be handled as a <Kind>: `. */
export const strictDecodingError = (unknownFields: readonly string[]): string =>
  `strict decoding error: ${unknownFields.map(unknownFieldWarning).join(', ')}`;
