/**
 * What went wrong in a call to the API server, read from whatever the console's fetch rejected
 * with: an error carrying the HTTP code and the response body, which for the API server is a
 * metav1.Status with a message, a reason and, for invalid objects, the causes per field.
 */

export interface StatusCause {
  field?: string;
  message?: string;
  reason?: string;
}

export interface ApiFailure {
  /** HTTP status code, when known. */
  code?: number;
  /** The Status message, else the error's own message. */
  message: string;
  /** The Status reason (Conflict, Invalid, Forbidden, AlreadyExists, …). */
  reason?: string;
  causes: StatusCause[];
  /** 409 Conflict on a stale resourceVersion: someone else changed the object. */
  conflict: boolean;
  /** 409 AlreadyExists on create: an object of that name exists. */
  alreadyExists: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

const statusOf = (err: Record<string, unknown>): Record<string, unknown> | undefined => {
  if (isObject(err.json)) return err.json;
  if (err.kind === 'Status') return err;
  return undefined;
};

export const readApiFailure = (err: unknown): ApiFailure => {
  if (!isObject(err)) {
    return {
      message: typeof err === 'string' && err !== '' ? err : String(err),
      causes: [],
      conflict: false,
      alreadyExists: false,
    };
  }
  const status = statusOf(err);
  const response = isObject(err.response) ? err.response : undefined;
  const code = num(status?.code) ?? num(err.code) ?? num(response?.status);
  const reason = str(status?.reason);
  const message =
    str(status?.message) ??
    str(err.message) ??
    (code !== undefined ? `HTTP ${code}` : 'unknown error');
  const details = isObject(status?.details) ? status.details : undefined;
  const causes = Array.isArray(details?.causes)
    ? details.causes
        .filter(isObject)
        .map((c) => ({ field: str(c.field), message: str(c.message), reason: str(c.reason) }))
    : [];
  return {
    code,
    message,
    reason,
    causes,
    conflict: code === 409 && reason !== 'AlreadyExists',
    alreadyExists: code === 409 && reason === 'AlreadyExists',
  };
};
