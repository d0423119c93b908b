/**
 * consoleFetch / consoleFetchJSON / consoleFetchText as the console implements them: same-origin
 * requests through the console's proxy, a timeout, and the console's error contract — a non-OK
 * response becomes an `HttpError` (the SDK's own class) whose message is the Status body's first
 * cause (`Error "<message>" for field "<field>".`), else its message, and which carries `.code`,
 * `.response` and `.json` (the whole Status), so that plugins can tell 403, 409 and 422 apart.
 *
 * Also as the console: a 429 is retried at once, up to three attempts in all (a 409 of a POST
 * that a resource quota caused too); a 401 from the API server (not from a proxied service) logs
 * the user out; non-GET requests to the console's own server carry the `X-CSRFToken` header from
 * the `csrf-token` cookie; a failure is logged as a warning; every request has the 60 s timeout
 * unless the caller passes 0.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import {
  HttpError,
  RetryError,
  TimeoutError,
} from '@openshift-console/dynamic-plugin-sdk/lib/utils/error/http-error';
import { serverFlags } from '../server-flags';

export { HttpError, TimeoutError };

const DEFAULT_TIMEOUT_MS = 60_000;

type StatusJson = {
  message?: string;
  error?: string;
  details?: { kind?: string; causes?: { message?: string; field?: string }[] };
};

const MAX_ATTEMPTS = 3;

/** A 401 from the API server ends the session; one from a service behind its proxy does not. */
export const shouldLogout = (url: string): boolean => {
  const base = serverFlags.basePath;
  if (!url.startsWith(`${base}api/kubernetes/`)) return false;
  if (url.startsWith(`${base}api/kubernetes/api/v1/proxy/`)) return false;
  return !new RegExp(`^${base}api/kubernetes/api/v1/namespaces/\\w+/services/\\w+/proxy/`).test(
    url,
  );
};

/**
 * What the console does after a 401: it sends the user to log in again. The shell has no login, so
 * it says so where the browser tests look.
 */
const logout = (url: string) =>
  console.error(`401 Unauthorized from ${url}: the console would log the user out now`);

export const csrfToken = (): string | undefined =>
  document.cookie
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c.startsWith('csrf-token='))
    .map((c) => c.slice('csrf-token='.length))
    .pop();

const validateStatus = async (
  response: Response,
  url: string,
  method: string | undefined,
  retry: boolean,
): Promise<Response> => {
  if (response.ok || response.status === 304) return response;
  if (retry && response.status === 429) throw new RetryError();
  if (response.status === 401 && shouldLogout(url)) logout(url);
  const contentType = response.headers.get('content-type');
  if (!contentType || !contentType.includes('json')) {
    throw new HttpError(response.statusText, response.status, response);
  }
  const json = (await response.json()) as StatusJson;
  if (
    retry &&
    method === 'POST' &&
    response.status === 409 &&
    ['resourcequotas', 'clusterresourcequotas'].includes(json.details?.kind ?? '')
  )
    throw new RetryError();
  if (response.status === 403) {
    throw new HttpError(
      json.message || 'Access denied due to cluster policy.',
      response.status,
      response,
      json,
    );
  }
  const cause = json.details?.causes?.[0];
  const reason =
    (cause ? `Error "${cause.message}" for field "${cause.field}".` : undefined) ||
    json.message ||
    json.error ||
    response.statusText;
  throw new HttpError(reason, response.status, response, json);
};

const mergeHeaders = (...sources: (HeadersInit | undefined)[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const source of sources) {
    if (!source) continue;
    new Headers(source).forEach((value, key) => {
      out[key] = value;
    });
  }
  return out;
};

export const consoleFetch: typeof SDK.consoleFetch = async (
  url,
  options = {},
  timeout = DEFAULT_TIMEOUT_MS,
) => {
  const headers = mergeHeaders(options.headers);
  const token = csrfToken();
  if (token && options.method && options.method !== 'GET' && !url.includes('://'))
    headers['X-CSRFToken'] = token;
  const init: RequestInit = { credentials: 'same-origin', ...options, headers };
  const attempt = async (n: number): Promise<Response> => {
    try {
      const response = await fetch(url, init);
      return await validateStatus(response, url, init.method, n < MAX_ATTEMPTS);
    } catch (e) {
      if (e instanceof RetryError) return attempt(n + 1);
      console.warn(`consoleFetch failed for url ${url}`, e);
      throw e;
    }
  };
  const fetchPromise = attempt(1);
  if (timeout <= 0) return fetchPromise;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeoutPromise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(url, timeout)), timeout);
  });
  try {
    return await Promise.race([fetchPromise, timeoutPromise]);
  } finally {
    clearTimeout(timer);
  }
};

const fetchCommon = async (
  url: string,
  method: string,
  options: RequestInit,
  timeout?: number,
): Promise<any> => {
  const response = await consoleFetch(url, { ...options, method }, timeout);
  const text = await response.text();
  if (!text) return {};
  return response.headers.get('Content-Type') === 'text/plain' ? text : JSON.parse(text);
};

const fetchJSON = (
  url: string,
  method = 'GET',
  options: RequestInit = {},
  timeout?: number,
): Promise<any> =>
  fetchCommon(
    url,
    method,
    { ...options, headers: mergeHeaders({ Accept: 'application/json' }, options.headers) },
    timeout,
  );

const sendJSON = (
  url: string,
  method: string,
  json: unknown,
  options: RequestInit = {},
  timeout?: number,
) => {
  const headers = mergeHeaders(
    {
      Accept: 'application/json',
      'Content-Type': method === 'PATCH' ? 'application/json-patch+json' : 'application/json',
    },
    options.headers,
  );
  const body = json === null || json === undefined ? undefined : JSON.stringify(json);
  return fetchJSON(
    url,
    method,
    { ...options, headers, ...(body !== undefined ? { body } : {}) },
    timeout,
  );
};

export const consoleFetchJSON: typeof SDK.consoleFetchJSON = Object.assign(fetchJSON, {
  delete: (url: string, json: unknown = null, options?: RequestInit, timeout?: number) =>
    sendJSON(url, 'DELETE', json, options, timeout),
  post: (url: string, json: unknown, options?: RequestInit, timeout?: number) =>
    sendJSON(url, 'POST', json, options, timeout),
  put: (url: string, json: unknown, options?: RequestInit, timeout?: number) =>
    sendJSON(url, 'PUT', json, options, timeout),
  patch: (url: string, json: unknown, options?: RequestInit, timeout?: number) =>
    sendJSON(url, 'PATCH', json, options, timeout),
});

export const consoleFetchText: typeof SDK.consoleFetchText = async (url, options = {}, timeout) => {
  const response = await consoleFetch(url, options, timeout);
  return response.text();
};
