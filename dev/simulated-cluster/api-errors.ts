import { qualifiedKind, qualifiedResource, type ResourceType, type Verb } from './resources';

/**
 * Errors answered as Kubernetes `Status` objects, worded as the real API server words them, so
 * that code written against the simulated cluster handles real errors too.
 */

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

const resourceDetails = (r: ResourceType, name?: string): StatusDetails => ({
  ...(name !== undefined ? { name } : {}),
  ...(r.group ? { group: r.group } : {}),
  kind: r.plural,
});

export const notFound = (r: ResourceType, name: string): ApiError =>
  new ApiError(
    404,
    'NotFound',
    `${qualifiedResource(r)} "${name}" not found`,
    resourceDetails(r, name),
  );

export const unknownPath = (): ApiError =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

export const alreadyExists = (r: ResourceType, name: string): ApiError =>
  new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(r)} "${name}" already exists`,
    resourceDetails(r, name),
  );

export const OPTIMISTIC_LOCK_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

export const conflict = (r: ResourceType, name: string, why = OPTIMISTIC_LOCK_MESSAGE): ApiError =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": ${why}`,
    resourceDetails(r, name),
  );

export const forbidden = (
  r: ResourceType,
  name: string | undefined,
  verb: Verb,
  userName: string,
  subresource?: string,
): ApiError => {
  const subject = name === undefined ? qualifiedResource(r) : `${qualifiedResource(r)} "${name}"`;
  const resource = subresource ? `${r.plural}/${subresource}` : r.plural;
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${userName}" cannot ${verb} resource "${resource}" in API group "${r.group}" at the cluster scope`,
    resourceDetails(r, name),
  );
};

/** Field error types of k8s.io/apimachinery's field package, used as cause reasons. */
export type CauseReason =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTypeInvalid';

export interface InvalidField {
  field: string;
  /** The error body as the server renders it, e.g. `Required value` or `Invalid value: "x": …`. */
  message: string;
  reason: CauseReason;
}

/** 422 Invalid: the message aggregates `field: message` ([a, b] when several), causes list each. */
export const invalid = (r: ResourceType, name: string, errors: InvalidField[]): ApiError => {
  const rendered = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  const aggregate = rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${qualifiedKind(r)} "${name}" is invalid: ${aggregate}`, {
    name,
    ...(r.group ? { group: r.group } : {}),
    kind: r.kind,
    causes: errors.map((e) => ({ reason: e.reason, message: e.message, field: e.field })),
  });
};

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);

export const methodNotAllowed = (): ApiError =>
  new ApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );

export const notAcceptable = (accepted: readonly string[]): ApiError =>
  new ApiError(
    406,
    'NotAcceptable',
    `only the following media types are accepted: ${accepted.join(', ')}`,
  );

export const unsupportedMediaType = (contentType: string, accepted: readonly string[]): ApiError =>
  new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format (${contentType || 'no content type'}) - accepted media types include: ${accepted.join(', ')}`,
  );

export const requestEntityTooLarge = (limit: number): ApiError =>
  new ApiError(413, 'RequestEntityTooLarge', `limit is ${limit}`);

/** 410 for a watch from a resourceVersion older than the retained window. */
export const tooOldResourceVersion = (requested: number, oldest: number): ApiError =>
  new ApiError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);

export const continueTooOld = (): ApiError =>
  new ApiError(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
  );

export const internalError = (err: unknown): ApiError =>
  new ApiError(
    500,
    'InternalError',
    `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`,
  );

export const asApiError = (err: unknown): ApiError =>
  err instanceof ApiError ? err : internalError(err);
