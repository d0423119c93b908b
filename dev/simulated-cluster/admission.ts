import { apiServerAnswer } from '../../src/core/validation';
import type { JSONSchemaProps } from '../../src/core/validation/crd/schema';
import { validateObjectName } from '../../src/core/validation/metadata';
import type { CauseReason, InvalidField } from './api-errors';
import { isPlainObject, type KubeObject } from './kube-object';
import { CONTAINER_RUNTIME_CONFIGS, type ResourceType } from './resources';

/**
 * Validation on create and update: what the API server rejects with 422 Invalid. For
 * ContainerRuntimeConfig that is the core's API-server rules (the CRD's schema and CEL rules);
 * the MCO's own checks are not applied here, since the real API server stores such objects and the
 * (simulated) MCO fails them later.
 */

const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const PREFIX_REASONS: [string, CauseReason][] = [
  ['Required value', 'FieldValueRequired'],
  ['Too many:', 'FieldValueTooMany'],
  ['Too long:', 'FieldValueTooLong'],
  ['Unsupported value:', 'FieldValueNotSupported'],
  ['Duplicate value:', 'FieldValueDuplicate'],
  ['Forbidden:', 'FieldValueForbidden'],
  ['Invalid value:', 'FieldValueInvalid'],
];

/** The value at a field path such as `spec.containerRuntimeConfig.additionalLayerStores[1].path`. */
const valueAt = (obj: unknown, field: string): unknown => {
  let node: unknown = obj;
  for (const token of field.split(/\.|\[|\]/).filter((t) => t !== '')) {
    if (Array.isArray(node) && /^\d+$/.test(token)) node = node[Number(token)];
    else if (isPlainObject(node)) node = node[token];
    else return undefined;
  }
  return node;
};

const schemaTypeName = (v: unknown): string =>
  Array.isArray(v)
    ? 'array'
    : v === null
      ? 'null'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'integer'
          : 'number'
        : typeof v;

/**
 * A core message as the API server renders the error body. A CRD's CEL rule message (the path
 * rules, no duplicates) reaches the client as `Invalid value: "<schema type>": <message>`.
 */
export const asInvalidField = (obj: unknown, field: string, message: string): InvalidField => {
  for (const [prefix, reason] of PREFIX_REASONS) {
    if (message.startsWith(prefix)) {
      const typeError = reason === 'FieldValueInvalid' && message.includes('must be of type');
      return { field, message, reason: typeError ? 'FieldValueTypeInvalid' : reason };
    }
  }
  return {
    field,
    message: `Invalid value: "${schemaTypeName(valueAt(obj, field))}": ${message}`,
    reason: 'FieldValueInvalid',
  };
};

export interface AdmissionContext {
  /** The stored object, on update. */
  old?: KubeObject;
  /** For a custom resource: the schema of the CRD the cluster serves. */
  schema?: JSONSchemaProps;
}

const metadataErrors = (
  r: ResourceType,
  obj: KubeObject,
  old: KubeObject | undefined,
): InvalidField[] => {
  const errors: InvalidField[] = [];
  // The core's ContainerRuntimeConfig validation checks its name and annotations itself.
  if (r !== CONTAINER_RUNTIME_CONFIGS) {
    const problem = validateObjectName(obj.metadata.name);
    if (problem) errors.push(asInvalidField(obj, 'metadata.name', problem));
    errors.push(...annotationErrors(obj));
  }
  errors.push(...finalizerErrors(obj, old));
  return errors;
};

const annotationErrors = (obj: KubeObject): InvalidField[] => {
  const errors: InvalidField[] = [];
  const annotations = obj.metadata.annotations ?? {};
  let bytes = 0;
  for (const [k, v] of Object.entries(annotations))
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    errors.push({
      field: 'metadata.annotations',
      message: `Too long: must have at most ${ANNOTATIONS_MAX_BYTES} bytes`,
      reason: 'FieldValueTooLong',
    });
  }
  return errors;
};

const finalizerErrors = (obj: KubeObject, old: KubeObject | undefined): InvalidField[] => {
  const errors: InvalidField[] = [];
  if (old?.metadata.deletionTimestamp) {
    const before = new Set(old.metadata.finalizers ?? []);
    const added = (obj.metadata.finalizers ?? []).filter((f) => !before.has(f));
    if (added.length > 0) {
      errors.push({
        field: 'metadata.finalizers',
        message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
        reason: 'FieldValueForbidden',
      });
    }
  }
  return errors;
};

/** Every reason the API server would refuse to store `obj`; empty when it would store it. */
export const admissionErrors = (
  r: ResourceType,
  obj: KubeObject,
  ctx: AdmissionContext,
): InvalidField[] => {
  const errors = metadataErrors(r, obj, ctx.old);
  if (r === CONTAINER_RUNTIME_CONFIGS && ctx.schema) {
    // The core answers as the API server does, from the served CRD: causes with their reasons.
    for (const e of apiServerAnswer(obj, ctx.schema).errors) {
      errors.push({
        field: e.field,
        message: e.message,
        reason: e.reason ?? 'FieldValueInvalid',
      });
    }
  }
  return errors;
};
