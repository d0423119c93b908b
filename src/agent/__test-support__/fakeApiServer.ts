/**
 * A local double of the Kubernetes API server for Node objects: records every request exactly
 * as received, keeps each Node's annotations, and applies merge patches to them. Responses can
 * be scripted, to test refusals and backoff.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface FakeApiServer {
  url: string;
  requests: RecordedRequest[];
  patches(): RecordedRequest[];
  annotations: Map<string, Record<string, string>>;
  /** Responses to use, in order, before falling back to normal behaviour. */
  script(...responses: ScriptedResponse[]): void;
  /** Resolves when the server has received `count` PATCH requests in all. */
  waitForPatches(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const NODE_PATH = /^\/api\/v1\/nodes\/([^/?]+)(\?.*)?$/;

const mergePatch = (target: Record<string, string>, patch: Record<string, string | null>) => {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else target[key] = value;
  }
};

export const startFakeApiServer = async (nodes: string[]): Promise<FakeApiServer> => {
  const requests: RecordedRequest[] = [];
  const annotations = new Map<string, Record<string, string>>(
    nodes.map((n) => [n, { 'kubernetes.io/hostname': n }]),
  );
  const scripted: ScriptedResponse[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const patchCount = () => requests.filter((r) => r.method === 'PATCH').length;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      const next = scripted.shift();
      if (next !== undefined)
        reply(
          next.status,
          next.body ?? { kind: 'Status', message: `scripted ${next.status}` },
          next.headers,
        );
      else {
        const match = NODE_PATH.exec(recorded.url);
        const name = match === null ? undefined : decodeURIComponent(match[1]);
        const current = name === undefined ? undefined : annotations.get(name);
        if (current === undefined) reply(404, { kind: 'Status', message: 'nodes not found' });
        else if (recorded.method === 'GET')
          reply(200, { kind: 'Node', apiVersion: 'v1', metadata: { name, annotations: current } });
        else if (recorded.method === 'PATCH') {
          const patch = JSON.parse(recorded.body) as {
            metadata?: { annotations?: Record<string, string | null> };
          };
          mergePatch(current, patch.metadata?.annotations ?? {});
          reply(200, { kind: 'Node', apiVersion: 'v1', metadata: { name, annotations: current } });
        } else reply(405, { kind: 'Status', message: 'method not allowed' });
      }
      for (const waiter of [...waiters]) {
        if (patchCount() >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    patches: () => requests.filter((r) => r.method === 'PATCH'),
    annotations,
    script: (...responses) => scripted.push(...responses),
    waitForPatches: (count, timeoutMs = 10_000) =>
      patchCount() >= count
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`only ${patchCount()} of ${count} patches arrived`)),
              timeoutMs,
            );
            waiters.push({
              count,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            });
          }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
