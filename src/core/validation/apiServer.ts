import {
  DEFAULT_RUNTIMES,
  STORE_FIELDS,
  type ContainerRuntimeConfiguration,
  type StoreField,
} from '../model/types';
import { parseQuantity } from '../quantity';
import {
  STORE_LIST_MAX_ITEMS,
  STORE_PATH_MAX_LENGTH,
  characterLength,
  storePathProblems,
} from './storePaths';
import type { FieldError } from './types';

/**
 * What the API server checks when a ContainerRuntimeConfig is written: the CRD's structural
 * schema (types, enums, the store lists' item limits, path rules and uniqueness) with the API
 * server's own wording. Unknown fields are reported as warnings: the server prunes them silently,
 * or rejects them when the request carries fieldValidation=Strict, which this plugin always sends.
 */

export const CONFIG_PATH = 'spec.containerRuntimeConfig';

export const PATH_PATTERN_MESSAGE =
  "path must be absolute and contain only alphanumeric characters, '/', '.', '_', and '-'";
export const PATH_SLASHES_MESSAGE = 'path must not contain consecutive forward slashes';

const KNOWN_CONFIG_FIELDS = new Set<string>([
  ...STORE_FIELDS,
  'pidsLimit',
  'logLevel',
  'logSizeMax',
  'overlaySize',
  'defaultRuntime',
]);

export interface ApiValidationOptions {
  /** Whether the AdditionalStorageConfig feature gate is on (the store fields exist only then). */
  gateEnabled: boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const typeName = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
};

const apiError = (field: string, message: string): FieldError => ({
  field,
  message,
  source: 'api',
  severity: 'error',
});

const typeError = (field: string, value: unknown, expected: string): FieldError =>
  apiError(field, `Invalid value: "${typeName(value)}": must be of type ${expected}`);

const unknownField = (field: string, why: string): FieldError => ({
  field,
  message: `unknown field "${field}": ${why}`,
  source: 'api',
  severity: 'warning',
});

const validateStoreList = (field: StoreField, value: unknown): FieldError[] => {
  const listPath = `${CONFIG_PATH}.${field}`;
  if (!Array.isArray(value)) return [typeError(listPath, value, 'array')];
  const errors: FieldError[] = [];
  const max = STORE_LIST_MAX_ITEMS[field];
  if (value.length === 0) {
    errors.push(apiError(listPath, 'Invalid value: 0: should have at least 1 items'));
  }
  if (value.length > max) {
    errors.push(apiError(listPath, `Too many: ${value.length}: must have at most ${max} items`));
  }
  const seen = new Set<string>();
  let duplicate = false;
  value.forEach((item, i) => {
    const itemPath = `${listPath}[${i}]`;
    if (!isPlainObject(item)) {
      errors.push(typeError(itemPath, item, 'object'));
      return;
    }
    for (const key of Object.keys(item)) {
      if (key !== 'path') {
        errors.push(unknownField(`${itemPath}.${key}`, 'a store entry has only a path'));
      }
    }
    const pathField = `${itemPath}.path`;
    const path = item.path;
    if (path === undefined || path === null) {
      errors.push(apiError(pathField, 'Required value'));
      return;
    }
    if (typeof path !== 'string') {
      errors.push(typeError(pathField, path, 'string'));
      return;
    }
    if (path === '') {
      errors.push(apiError(pathField, 'Invalid value: "": should be at least 1 chars long'));
      return;
    }
    if (characterLength(path) > STORE_PATH_MAX_LENGTH) {
      errors.push(
        apiError(pathField, `Too long: may not be more than ${STORE_PATH_MAX_LENGTH} bytes`),
      );
    }
    for (const problem of storePathProblems(path)) {
      errors.push(
        apiError(pathField, problem === 'pattern' ? PATH_PATTERN_MESSAGE : PATH_SLASHES_MESSAGE),
      );
    }
    if (seen.has(path)) duplicate = true;
    seen.add(path);
  });
  if (duplicate) errors.push(apiError(listPath, `${field} must not contain duplicate paths`));
  return errors;
};

const validateQuantityField = (field: string, value: unknown): FieldError[] => {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return [typeError(field, value, 'integer or string')];
  }
  const parsed = parseQuantity(value);
  return parsed.ok
    ? []
    : [
        apiError(
          field,
          `Invalid value: "${String(value)}": must be a quantity such as 64Mi, 10G or 1.5Gi (${parsed.error})`,
        ),
      ];
};

export const validateApiServer = (cfg: unknown, options: ApiValidationOptions): FieldError[] => {
  if (cfg === undefined || cfg === null) return [apiError(CONFIG_PATH, 'Required value')];
  if (!isPlainObject(cfg)) return [typeError(CONFIG_PATH, cfg, 'object')];
  const c = cfg as ContainerRuntimeConfiguration;
  const errors: FieldError[] = [];

  for (const key of Object.keys(c)) {
    if (!KNOWN_CONFIG_FIELDS.has(key)) {
      errors.push(
        unknownField(`${CONFIG_PATH}.${key}`, 'ContainerRuntimeConfig has no such field'),
      );
    }
  }
  for (const field of STORE_FIELDS) {
    if (c[field] === undefined) continue;
    if (!options.gateEnabled) {
      errors.push(
        unknownField(
          `${CONFIG_PATH}.${field}`,
          'this field exists only while the AdditionalStorageConfig feature gate is enabled',
        ),
      );
      continue;
    }
    errors.push(...validateStoreList(field, c[field]));
  }
  if (
    c.pidsLimit !== undefined &&
    !(typeof c.pidsLimit === 'number' && Number.isInteger(c.pidsLimit))
  ) {
    errors.push(typeError(`${CONFIG_PATH}.pidsLimit`, c.pidsLimit, 'integer'));
  }
  if (c.logLevel !== undefined && typeof c.logLevel !== 'string') {
    errors.push(typeError(`${CONFIG_PATH}.logLevel`, c.logLevel, 'string'));
  }
  if (c.logSizeMax !== undefined) {
    errors.push(...validateQuantityField(`${CONFIG_PATH}.logSizeMax`, c.logSizeMax));
  }
  if (c.overlaySize !== undefined) {
    errors.push(...validateQuantityField(`${CONFIG_PATH}.overlaySize`, c.overlaySize));
  }
  if (c.defaultRuntime !== undefined) {
    const v = c.defaultRuntime;
    if (typeof v !== 'string') {
      errors.push(typeError(`${CONFIG_PATH}.defaultRuntime`, v, 'string'));
    } else if (!(DEFAULT_RUNTIMES as readonly string[]).includes(v)) {
      errors.push(
        apiError(
          `${CONFIG_PATH}.defaultRuntime`,
          `Unsupported value: "${v}": supported values: ${DEFAULT_RUNTIMES.map((r) => `"${r}"`).join(', ')}`,
        ),
      );
    }
  }
  return errors;
};
