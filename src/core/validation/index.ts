import { validateApiServer, type ApiValidationOptions } from './apiServer';
import { validateMetadata } from './metadata';
import { validateMco } from './mco';
import type { FieldError } from './types';

export type { FieldError, ValidationSource } from './types';
export { formatFieldError } from './types';
export { validateMco, mcoValidationError } from './mco';
export { validateApiServer, PATH_PATTERN_MESSAGE, PATH_SLASHES_MESSAGE } from './apiServer';
export { STORE_LIST_MAX_ITEMS, STORE_PATH_MAX_LENGTH, STORE_PATH_PATTERN } from './storePaths';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Everything that would stop a ContainerRuntimeConfig from taking effect: first what the API
 * server rejects on write, then what the MCO rejects after. MCO checks run only on the fields the
 * API server accepts, since the MCO never sees an object the API server refused.
 */
export const validateContainerRuntimeConfig = (
  obj: unknown,
  options: ApiValidationOptions,
): FieldError[] => {
  if (!isPlainObject(obj)) {
    return [
      {
        field: '',
        message: 'a ContainerRuntimeConfig must be an object',
        source: 'api',
        severity: 'error',
      },
    ];
  }
  const errors: FieldError[] = [...validateMetadata(obj)];
  const spec = obj.spec;
  if (spec === undefined || spec === null) {
    errors.push({ field: 'spec', message: 'Required value', source: 'api', severity: 'error' });
    return errors;
  }
  if (!isPlainObject(spec)) {
    errors.push({
      field: 'spec',
      message: 'Invalid value: must be of type object',
      source: 'api',
      severity: 'error',
    });
    return errors;
  }
  const selector = spec.machineConfigPoolSelector;
  if (selector !== undefined && selector !== null && !isPlainObject(selector)) {
    errors.push({
      field: 'spec.machineConfigPoolSelector',
      message: 'Invalid value: must be of type object',
      source: 'api',
      severity: 'error',
    });
  }
  const apiErrors = validateApiServer(spec.containerRuntimeConfig, options);
  errors.push(...apiErrors);
  // The MCO never sees a field the API server refused, so its findings on those are left out.
  const refused = apiErrors.filter((e) => e.severity === 'error').map((e) => e.field);
  const cfg = spec.containerRuntimeConfig;
  if (isPlainObject(cfg)) {
    errors.push(
      ...validateMco(cfg).filter((e) => !refused.some((f) => f === '' || e.field.startsWith(f))),
    );
  }
  return errors;
};

/** Errors only (warnings such as pruned unknown fields do not stop an apply). */
export const blockingErrors = (errors: FieldError[]): FieldError[] =>
  errors.filter((e) => e.severity === 'error');
