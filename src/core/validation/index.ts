import {
  apiServerAnswer,
  schemaFor,
  unknownFieldWarnings,
  type ApiValidationOptions,
} from './apiServer';
import { isPlainObject } from './crd/schema';
import { validateMco } from './mco';
import type { FieldError } from './types';

export type { FieldError } from './types';
export { formatFieldError } from './types';
export { validateMco, mcoValidationError } from './mco';
export {
  apiServerAnswer,
  withoutStoreLists,
  PATH_PATTERN_MESSAGE,
  PATH_SLASHES_MESSAGE,
  type ApiValidationOptions,
} from './apiServer';
export { STORE_LIST_MAX_ITEMS } from './storePaths';

/**
 * Everything that would stop a ContainerRuntimeConfig from taking effect: first what the API
 * server rejects on write (its causes, as kubectl prints them), then what the MCO rejects after,
 * then a warning for each field the API server would drop. MCO checks run on the object as the
 * server would store it, and only on fields the API server accepts, since the MCO never sees a
 * field the API server refused.
 */
export const validateContainerRuntimeConfig = (
  obj: unknown,
  options: ApiValidationOptions = {},
): FieldError[] => {
  const answer = apiServerAnswer(obj, schemaFor(options));
  const refused = answer.errors.map((e) => e.field);
  const spec = isPlainObject(answer.object) ? answer.object.spec : undefined;
  const cfg = isPlainObject(spec) ? spec.containerRuntimeConfig : undefined;
  const mco = isPlainObject(cfg)
    ? validateMco(cfg).filter(
        (e) =>
          !refused.some(
            (f) => f === e.field || e.field.startsWith(`${f}.`) || e.field.startsWith(`${f}[`),
          ),
      )
    : [];
  return [...answer.errors, ...mco, ...unknownFieldWarnings(answer)];
};

/** Errors only (warnings such as pruned unknown fields do not stop an apply). */
export const blockingErrors = (errors: FieldError[]): FieldError[] =>
  errors.filter((e) => e.severity === 'error');
