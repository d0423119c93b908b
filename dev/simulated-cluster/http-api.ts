import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parse as parseYaml } from 'yaml';
import {
  asApiError,
  badRequest,
  methodNotAllowed,
  requestEntityTooLarge,
  unknownPath,
  unsupportedMediaType,
} from './api-errors';
import {
  apiGroup,
  apiGroupList,
  type HiddenGroups,
  apiResourceList,
  coreApiVersions,
  VERSION_INFO,
} from './discovery';
import type { KubeApi, WriteOptions } from './kube-api';
import { listJsonChunks } from './list-serializer';
import { JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH } from './patch';
import { negotiateRepresentation } from './representation';
import { findResource, type ResourceType } from './resources';
import type { WatchEvent, WatchHub, WatchSink } from './watch-hub';

/**
 * HTTP and WebSocket transport of the simulated API server, under the console's proxy layout
 * (`/api/kubernetes/api/v1/nodes`, `/api/kubernetes/apis/<group>/<version>/<plural>/<name>`).
 */

export const API_PREFIX = '/api/kubernetes';

/** The API server refuses request bodies above 3 MiB. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

const BODY_TYPES = [
  'application/json',
  'application/yaml',
  MERGE_PATCH,
  JSON_PATCH,
  STRATEGIC_MERGE_PATCH,
];

type Target =
  | { kind: 'document'; body: unknown }
  | { kind: 'resource'; resource: ResourceType; name?: string; subresource?: string };

/** What a path under /api/kubernetes names: a discovery document, or a resource (collection, object, subresource). */
export const parseApiPath = (pathname: string, hidden: HiddenGroups = new Set()): Target => {
  const segments = pathname
    .slice(API_PREFIX.length)
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  const [root, ...rest] = segments;
  let group: string;
  let version: string;
  let resourcePath: string[];
  if (root === 'version' && rest.length === 0) return { kind: 'document', body: VERSION_INFO };
  if (root === 'api') {
    if (rest.length === 0) return { kind: 'document', body: coreApiVersions() };
    [version, ...resourcePath] = rest;
    group = '';
  } else if (root === 'apis') {
    if (rest.length === 0) return { kind: 'document', body: apiGroupList(hidden) };
    if (hidden.has(rest[0])) throw unknownPath();
    if (rest.length === 1) {
      const doc = apiGroup(rest[0], hidden);
      if (!doc) throw unknownPath();
      return { kind: 'document', body: doc };
    }
    [group, version, ...resourcePath] = rest;
  } else {
    throw unknownPath();
  }
  if (resourcePath.length === 0) {
    const doc = apiResourceList(group, version);
    if (!doc) throw unknownPath();
    return { kind: 'document', body: doc };
  }
  // Resources are served at their cluster-wide paths only (Events, the one namespaced type, are
  // read across namespaces), so namespaced paths name nothing.
  if (resourcePath.length > 3) throw unknownPath();
  const [plural, name, subresource] = resourcePath;
  const resource = findResource(group, version, plural);
  if (!resource) throw unknownPath();
  if (subresource !== undefined && !(subresource === 'status' && resource.hasStatusSubresource))
    throw unknownPath();
  return { kind: 'resource', resource, name, subresource };
};

const isTrue = (v: string | null): boolean => v === 'true' || v === '1';

const writeOptions = (query: URLSearchParams): WriteOptions => {
  const dryRun = query.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) {
    throw badRequest(
      `dryRun: Unsupported value: "${dryRun.find((d) => d !== 'All')}": supported values: "All"`,
    );
  }
  const fv = query.get('fieldValidation') ?? 'Warn';
  if (fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore') {
    throw badRequest(
      `fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Warn", "Strict"`,
    );
  }
  return { dryRun: dryRun.length > 0, fieldValidation: fv };
};

const mediaType = (header: string | undefined): string =>
  (header ?? '').split(';')[0].trim().toLowerCase();

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(requestEntityTooLarge(MAX_BODY_BYTES));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const decodeBody = (text: string, contentType: string): unknown => {
  if (text.trim() === '') return undefined;
  if (contentType === 'application/yaml') {
    try {
      return parseYaml(text);
    } catch (e) {
      throw badRequest(`yaml: ${(e as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`json parse error: ${(e as Error).message}`);
  }
};

const warningHeader = (w: string): string => `299 - ${JSON.stringify(w)}`;

export const sendJson = (
  res: ServerResponse,
  code: number,
  body: unknown,
  warnings: string[] = [],
): void => {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(text),
    ...(warnings.length > 0 ? { Warning: warnings.map(warningHeader) } : {}),
  });
  res.end(text);
};

export const sendError = (res: ServerResponse, err: unknown): void => {
  const e = asApiError(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, e.code, e.toStatus());
};

/** Writes chunks, waiting for the socket to drain when its buffer fills. */
const writeChunks = async (res: ServerResponse, chunks: Iterable<string>): Promise<void> => {
  for (const chunk of chunks) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
      if (res.destroyed) return;
    }
  }
};

const serializeEvent = (e: WatchEvent): string => JSON.stringify(e);

export interface HttpApiOptions {
  api: KubeApi;
  watches: WatchHub;
  /** API groups this cluster does not serve (answered 404, left out of discovery). */
  hiddenGroups?: HiddenGroups;
}

export class HttpApi {
  private readonly wss = new WebSocketServer({
    noServer: true,
    // The API server speaks plain JSON text frames, or base64 text frames when asked for
    // `base64.binary.k8s.io`; other offered subprotocols (the console's impersonation ones) are
    // acknowledged so that browsers accept the connection.
    handleProtocols: (protocols) => {
      if (protocols.has('base64.binary.k8s.io')) return 'base64.binary.k8s.io';
      const [first] = protocols;
      return first ?? false;
    },
  });

  constructor(private readonly options: HttpApiOptions) {}

  /** Serves requests under /api/kubernetes; false for any other path. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return false;
    this.serve(req, res, url).catch((err: unknown) => sendError(res, err));
    return true;
  }

  /** Accepts WebSocket watches under /api/kubernetes; false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) return false;
    let start: (sink: WatchSink) => () => void;
    try {
      const target = parseApiPath(url.pathname, this.options.hiddenGroups);
      if (
        target.kind !== 'resource' ||
        target.subresource ||
        !isTrue(url.searchParams.get('watch'))
      ) {
        throw badRequest('only watch requests (?watch=true) can be made over a WebSocket');
      }
      start = this.prepareWatch(req, url, target.resource, target.name);
    } catch (err) {
      const e = asApiError(err);
      const body = JSON.stringify(e.toStatus());
      socket.end(
        `HTTP/1.1 ${e.code} ${e.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const base64 = ws.protocol === 'base64.binary.k8s.io';
      const stop = start({
        send: (e) => {
          const text = serializeEvent(e);
          if (ws.readyState === ws.OPEN)
            ws.send(base64 ? Buffer.from(text).toString('base64') : text);
        },
        end: () => {
          if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000);
        },
      });
      ws.on('close', stop);
      ws.on('error', stop);
    });
    return true;
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const target = parseApiPath(url.pathname, this.options.hiddenGroups);
    const method = req.method ?? 'GET';
    if (target.kind === 'document') {
      if (method !== 'GET') throw methodNotAllowed();
      sendJson(res, 200, target.body);
      return;
    }
    const { resource, name, subresource } = target;
    const { api } = this.options;
    const query = url.searchParams;
    const accept = req.headers.accept;

    if (method === 'GET') {
      if (isTrue(query.get('watch'))) {
        this.watchOverHttp(req, res, this.prepareWatch(req, url, resource, name));
        return;
      }
      if (name !== undefined) {
        sendJson(res, 200, api.get(resource, name, negotiateRepresentation(accept, 'get')));
        return;
      }
      if (resource.virtual) throw methodNotAllowed();
      const limitText = query.get('limit');
      const list = api.list(
        resource,
        {
          labelSelector: query.get('labelSelector'),
          fieldSelector: query.get('fieldSelector'),
          limit: limitText ? Number(limitText) : undefined,
          continueToken: query.get('continue'),
        },
        negotiateRepresentation(accept, 'list'),
      );
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-cache, private',
      });
      await writeChunks(res, listJsonChunks(list));
      res.end();
      return;
    }

    // Namespaced objects are written under their namespace's path, which is not served here.
    if (resource.namespaced) throw methodNotAllowed();
    const contentType = mediaType(req.headers['content-type']);
    const options = writeOptions(query);
    if (method === 'POST' && name === undefined) {
      const body = await this.readRequestBody(req, contentType, [
        'application/json',
        'application/yaml',
      ]);
      const result = api.create(resource, body, options);
      sendJson(res, result.code, result.body, result.warnings);
      return;
    }
    if (name === undefined || resource.virtual) throw methodNotAllowed();
    if (method === 'PUT') {
      const body = await this.readRequestBody(req, contentType, [
        'application/json',
        'application/yaml',
      ]);
      const result = api.update(resource, name, subresource, body, options);
      sendJson(res, result.code, result.body, result.warnings);
      return;
    }
    if (method === 'PATCH') {
      const body = await this.readRequestBody(req, contentType, [
        MERGE_PATCH,
        JSON_PATCH,
        STRATEGIC_MERGE_PATCH,
      ]);
      const result = api.patch(resource, name, subresource, contentType, body, options);
      sendJson(res, result.code, result.body, result.warnings);
      return;
    }
    if (method === 'DELETE' && subresource === undefined) {
      const body = await this.readRequestBody(req, contentType || 'application/json', [
        'application/json',
      ]);
      const result = api.delete(resource, name, body, options.dryRun);
      sendJson(res, result.code, result.body, result.warnings);
      return;
    }
    throw methodNotAllowed();
  }

  private async readRequestBody(
    req: IncomingMessage,
    contentType: string,
    accepted: string[],
  ): Promise<unknown> {
    const text = await readBody(req);
    if (text.trim() === '') return undefined;
    const type = contentType || 'application/json';
    if (!accepted.includes(type))
      throw unsupportedMediaType(
        type,
        accepted.filter((t) => BODY_TYPES.includes(t)),
      );
    return decodeBody(text, type === 'application/yaml' ? type : 'application/json');
  }

  /**
   * Checks a watch request (authorization, selectors, Accept) and returns the function that starts
   * it, so that errors are answered before a transport commits to a stream.
   */
  private prepareWatch(
    req: IncomingMessage,
    url: URL,
    resource: ResourceType,
    name: string | undefined,
  ): (sink: WatchSink) => () => void {
    const { api, watches } = this.options;
    if (resource.virtual) throw methodNotAllowed();
    api.authorize('watch', resource, name);
    const representation = negotiateRepresentation(req.headers.accept, 'watch');
    const query = url.searchParams;
    const fieldSelector = [
      query.get('fieldSelector'),
      name !== undefined ? `metadata.name=${name}` : null,
    ]
      .filter((s): s is string => !!s)
      .join(',');
    const timeout = query.get('timeoutSeconds');
    return watches.prepare({
      resource,
      resourceVersion: query.get('resourceVersion'),
      labelSelector: query.get('labelSelector'),
      fieldSelector,
      representation,
      allowBookmarks: isTrue(query.get('allowWatchBookmarks')),
      timeoutSeconds: timeout ? Number(timeout) : undefined,
    });
  }

  private watchOverHttp(
    req: IncomingMessage,
    res: ServerResponse,
    start: (sink: WatchSink) => () => void,
  ): void {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    const stop = start({
      send: (e) => {
        if (!res.writableEnded) res.write(`${serializeEvent(e)}\n`);
      },
      end: () => {
        if (!res.writableEnded) res.end();
      },
    });
    req.on('close', stop);
    res.on('close', stop);
  }
}
