import { STORE_FIELDS } from '../model/types';
import { BUILTIN_SCHEMA } from './crd/builtinSchema';
import { hasCelRules, validateCelRules } from './crd/cel';
import { validateAgainstSchema, validateListTypes } from './crd/openapi';
import { pruneCustomResource, unknownFieldWarning } from './crd/prune';
import { isPlainObject, type JSONSchemaProps } from './crd/schema';
import { isBlocking, RULES_NOT_CHECKED } from './fieldErrors';
import { validateObjectMeta } from './metadata';
import type { FieldError } from './types';

/**
 * What the API server answers when a custom resource is created, worked out from the CRD's
 * structural schema as the server works it out (apiextensions-apiserver):
 *
 * 1. decoding prunes the fields the schema does not declare (warnings `unknown field "…"`, or a
 *    400 under fieldValidation=Strict) and the nulls of non-nullable fields;
 * 2. the status of a resource with a status subresource is not written by a create or update;
 * 3. the metadata checks and the OpenAPI schema checks run, then the list-type invariants;
 * 4. the CEL rules run only when none of those errors blocks them (a required field, too many
 *    items, too long, a wrong type); otherwise the answer says that some rules were not checked.
 *
 * Each error is a cause as kubectl prints it (`<field>: <message>`).
 */

export { CONFIG_PATH } from './storePaths';

export const PATH_PATTERN_MESSAGE =
  "path must be absolute and contain only alphanumeric characters, '/', '.', '_', and '-'";
export const PATH_SLASHES_MESSAGE = 'path must not contain consecutive forward slashes';

export interface ApiServerAnswer {
  /** The object as the server would store it (pruned), when it is accepted. */
  object: unknown;
  /** Fields the server drops, e.g. `spec.containerRuntimeConfig.lazyPull`. */
  unknownFields: string[];
  /** The causes of a 422 Invalid; empty when the server accepts the object. */
  errors: FieldError[];
}

/** The server's answer to creating `object` with a CRD whose v1 schema is `schema`. */
export const apiServerAnswer = (object: unknown, schema: JSONSchemaProps): ApiServerAnswer => {
  const { object: pruned, unknownFields } = pruneCustomResource(object, schema);
  const validated = isPlainObject(pruned) ? { ...pruned } : pruned;
  if (isPlainObject(validated)) delete validated.status;
  const errors: FieldError[] = [
    ...(isPlainObject(validated) ? validateObjectMeta(validated.metadata) : []),
    ...validateAgainstSchema(schema, validated),
    ...validateListTypes(schema, validated),
  ];
  if (hasCelRules(schema)) {
    if (errors.some(isBlocking)) errors.push(RULES_NOT_CHECKED);
    else errors.push(...validateCelRules(schema, validated));
  }
  return { object: pruned, unknownFields, errors };
};

/** The schema a cluster serves with the AdditionalStorageConfig gate off: no store lists. */
export const withoutStoreLists = (schema: JSONSchemaProps): JSONSchemaProps => {
  const spec = schema.properties?.spec;
  const config = spec?.properties?.containerRuntimeConfig;
  if (!spec || !config?.properties) return schema;
  const properties = Object.fromEntries(
    Object.entries(config.properties).filter(
      ([k]) => !(STORE_FIELDS as readonly string[]).includes(k),
    ),
  );
  return {
    ...schema,
    properties: {
      ...schema.properties,
      spec: {
        ...spec,
        properties: { ...spec.properties, containerRuntimeConfig: { ...config, properties } },
      },
    },
  };
};

const BUILTIN_WITHOUT_STORE_LISTS = withoutStoreLists(BUILTIN_SCHEMA);

export interface ApiValidationOptions {
  /** The CRD's v1 schema; by default the built-in 4.22 one. */
  schema?: JSONSchemaProps;
  /**
   * Without a schema: whether the AdditionalStorageConfig gate is on (the built-in schema has the
   * store lists only then). Default on.
   */
  gateEnabled?: boolean;
}

export const schemaFor = (options: ApiValidationOptions = {}): JSONSchemaProps =>
  options.schema ?? (options.gateEnabled === false ? BUILTIN_WITHOUT_STORE_LISTS : BUILTIN_SCHEMA);

/** A warning for each field the server drops. */
export const unknownFieldWarnings = (answer: ApiServerAnswer): FieldError[] =>
  answer.unknownFields.map((field) => ({
    field,
    message: unknownFieldWarning(field),
    source: 'api',
    severity: 'warning',
  }));
