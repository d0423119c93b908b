import { answerCreate, type ApiServerAnswer, type ApiValidationOptions } from './apiServer';
import { checkContainerRuntimeConfig } from './check';
import { celEnvironment } from './crd/celEnvironment';
import type { JSONSchemaProps } from './crd/schema';
import type { FieldError } from './types';

/**
 * Validation with everything it needs, the CEL engine included: for the CLI, the simulated
 * cluster and the tests. The console pages import check.ts and the modules they use instead, and
 * load the CEL engine only when a rule must run.
 */

export type { FieldError } from './types';
export { formatFieldError } from './types';
export { validateMco, mcoValidationError } from './mco';
export {
  withoutStoreLists,
  PATH_PATTERN_MESSAGE,
  PATH_SLASHES_MESSAGE,
  type ApiValidationOptions,
  type ApiServerAnswer,
} from './apiServer';
export { blockingErrors } from './check';

/** The API server's answer to creating `object` with a CRD whose v1 schema is `schema`. */
export const apiServerAnswer = (object: unknown, schema: JSONSchemaProps): ApiServerAnswer =>
  answerCreate(object, schema, celEnvironment);

/** Everything that would stop a ContainerRuntimeConfig from taking effect (see check.ts). */
export const validateContainerRuntimeConfig = (
  obj: unknown,
  options: ApiValidationOptions = {},
): FieldError[] =>
  checkContainerRuntimeConfig(obj, { ...options, cel: options.cel ?? celEnvironment }).errors;
