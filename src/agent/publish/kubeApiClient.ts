/**
 * The few API server calls the agent makes, with Node's own http(s): a dependency-free client
 * keeps the image small and the bundle auditable. Authenticates with the pod's service account
 * token, re-read on every call because projected tokens rotate.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeApiTarget } from '../config';

export interface KubeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface KubeRequest {
  method: 'GET' | 'PATCH';
  /** Path and query, e.g. `/api/v1/nodes/worker-0`. */
  path: string;
  body?: string;
  contentType?: string;
}

/** Responses are Node objects: tens of kilobytes. Anything far larger is not worth buffering. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 15_000;

const readIfExists = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/** Rejects on network errors and timeouts; resolves with any HTTP status. */
export const kubeRequest = (target: KubeApiTarget, call: KubeRequest): Promise<KubeResponse> =>
  new Promise((resolve, reject) => {
    const url = new URL(call.path, `${target.url}/`);
    const secure = url.protocol === 'https:';
    const token = readIfExists(target.tokenFile);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'lazy-pull-agent',
    };
    if (token !== undefined && token !== '') headers.authorization = `Bearer ${token}`;
    if (call.body !== undefined) {
      headers['content-type'] = call.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(call.body));
    }
    const options = { method: call.method, headers, timeout: REQUEST_TIMEOUT_MS };
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) response.destroy(new Error('response too large'));
        else chunks.push(chunk);
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    };
    const req = secure
      ? httpsRequest(url, { ...options, ca: readIfExists(target.caFile) }, onResponse)
      : httpRequest(url, options, onResponse);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(call.body);
  });
