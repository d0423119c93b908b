import { ExactInteger } from '../../model/exactInteger';

/**
 * A CustomResourceDefinition's structural schema (apiextensions.k8s.io/v1 JSONSchemaProps), the
 * parts of it the API server acts on when a custom resource is written.
 */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

export interface JSONSchemaProps {
  type?: string;
  format?: string;
  description?: string;
  nullable?: boolean;
  default?: unknown;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: boolean | JSONSchemaProps;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  anyOf?: JSONSchemaProps[];
  allOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: ValidationRule[];
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof ExactInteger);

/** The schema of a map's values, when the object is a map (additionalProperties). */
export const additionalSchema = (s: JSONSchemaProps): JSONSchemaProps | undefined =>
  typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;

const TWO_TO_63 = 2 ** 63;

/**
 * The JSON type a value has once the API server has decoded it: integers are int64 (a number
 * without a fraction, or an ExactInteger within int64), every other number is a float64. A
 * JavaScript number without a fraction of magnitude up to 2^63 counts as an integer, since an
 * int64 read by JSON.parse may have been rounded up to 2^63.
 */
export type JsonKind = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export const jsonKind = (v: unknown): JsonKind => {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number')
    return Number.isInteger(v) && Math.abs(v) <= TWO_TO_63 ? 'integer' : 'number';
  if (typeof v === 'bigint') return 'integer';
  if (v instanceof ExactInteger) return v.isInt64 ? 'integer' : 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
};

/** A number's value as a float64 (what the server compares with minimum and maximum). */
export const numberValue = (v: unknown): number =>
  v instanceof ExactInteger ? Number(v.value) : typeof v === 'bigint' ? Number(v) : Number(v);

/**
 * Calls `visit` for each child of a value that its schema declares, with the child's path as the
 * API server's field paths write it: list items `path[i]`, properties `path.key`, map values
 * `path[key]`.
 */
export const forEachChild = (
  schema: JSONSchemaProps,
  value: unknown,
  path: string,
  visit: (schema: JSONSchemaProps, value: unknown, path: string) => void,
): void => {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items) value.forEach((item, i) => visit(items, item, `${path}[${i}]`));
  } else if (isPlainObject(value)) {
    const values = additionalSchema(schema);
    for (const [key, child] of Object.entries(value)) {
      const property = schema.properties?.[key];
      if (property) visit(property, child, path ? `${path}.${key}` : key);
      else if (values) visit(values, child, `${path}[${key}]`);
    }
  }
};
