import {
  answerCreate,
  schemaFor,
  unknownFieldWarnings,
  type ApiValidationOptions,
} from './apiServer';
import { isPlainObject } from './crd/schema';
import { validateMco } from './mco';
import type { FieldError } from './types';

export interface ConfigCheck {
  /**
   * Everything that would stop a ContainerRuntimeConfig from taking effect: first what the API
   * server rejects on write (its causes, as kubectl prints them), then what the MCO rejects
   * after, then a warning for each field the API server would drop.
   */
  errors: FieldError[];
  /** The CRD's CEL rules must run and no engine was given: their findings are missing. */
  rulesPending: boolean;
  /**
   * The fields the API server does not know (e.g. `spec.lazyPull`): it drops them, or refuses
   * the whole object when the client asks for strict field validation.
   */
  unknownFields: string[];
}

/**
 * Checks a ContainerRuntimeConfig as the API server and then the MCO would. MCO checks run on the
 * object as the server would store it, and only on fields the API server accepts, since the MCO
 * never sees a field the API server refused.
 */
export const checkContainerRuntimeConfig = (
  obj: unknown,
  options: ApiValidationOptions = {},
): ConfigCheck => {
  const answer = answerCreate(obj, schemaFor(options), options.cel);
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
  return {
    errors: [...answer.errors, ...mco, ...unknownFieldWarnings(answer)],
    rulesPending: answer.rulesPending,
    unknownFields: answer.unknownFields,
  };
};

/** Errors only (warnings such as pruned unknown fields do not stop an apply). */
export const blockingErrors = (errors: FieldError[]): FieldError[] =>
  errors.filter((e) => e.severity === 'error');
