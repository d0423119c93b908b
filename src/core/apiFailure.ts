/**
 * What went wrong in a call to the API server, read from whatever the console's fetch rejected
 * with: an error carrying the HTTP code and the response body, which for the API server is a
 * metav1.Status with a message, a reason and, for invalid objects, the causes per field; or no
 * answer at all, which must not be read as the server refusing anything.
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
  /**
   * The API server did not answer: the browser's request failed (fetch rejects with a TypeError),
   * the console's fetch timed out, or the console's proxy could not reach the server (its reverse
   * proxy answers 502 with an empty body; a router in front answers 503 or 504 with a page of its
   * own). An answer of the API server itself is always a Status.
   */
  unreachable: boolean;
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

/** What the browsers' fetch rejects with when no response came: Chromium, Firefox, Safari. */
const NETWORK_FAILURE =
  /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|fetch failed)$/;
/** The console's TimeoutError (`Call to <url> timed out after <ms>ms.`), whatever its class is named after minifying. */
const isTimeout = (err: Record<string, unknown>): boolean =>
  (typeof err.ms === 'number' && typeof err.url === 'string') ||
  /^Call to .* timed out after \d+ms\.$/.test(str(err.message) ?? '');
const GATEWAY_CODES = new Set([502, 503, 504]);

export const readApiFailure = (err: unknown): ApiFailure => {
  if (!isObject(err)) {
    return {
      message: typeof err === 'string' && err !== '' ? err : String(err),
      causes: [],
      conflict: false,
      alreadyExists: false,
      unreachable: false,
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
  const noAnswer =
    code === undefined &&
    ((err.name === 'TypeError' && NETWORK_FAILURE.test(str(err.message) ?? '')) || isTimeout(err));
  return {
    code,
    message,
    reason,
    causes,
    conflict: code === 409 && reason !== 'AlreadyExists',
    alreadyExists: code === 409 && reason === 'AlreadyExists',
    unreachable:
      noAnswer || (code !== undefined && GATEWAY_CODES.has(code) && status === undefined),
  };
};
