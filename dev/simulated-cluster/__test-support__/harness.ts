import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import {
  createSimulatedCluster,
  ManualScheduler,
  type SimulatedCluster,
  type SimulatedClusterOptions,
} from '../index';

/**
 * A simulated cluster on a real HTTP server on 127.0.0.1 (random port), with a manual clock and
 * the MCO stepped by the test, plus small clients for requests and watches.
 */

const MCO = '/api/kubernetes/apis/machineconfiguration.openshift.io/v1';
export const PATHS = {
  nodes: '/api/kubernetes/api/v1/nodes',
  ctrcfgs: `${MCO}/containerruntimeconfigs`,
  pools: `${MCO}/machineconfigpools`,
  machineConfigs: `${MCO}/machineconfigs`,
  machineConfigNodes: `${MCO}/machineconfignodes`,
  featureGates: '/api/kubernetes/apis/config.openshift.io/v1/featuregates',
  ssar: '/api/kubernetes/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
};

export const METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
export const METADATA_ACCEPT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

export type Json = any;

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  contentType?: string;
  accept?: string;
}

export interface WatchEventJson {
  type: string;
  object: Json;
}

export interface WatchClient {
  events: WatchEventJson[];
  /** Resolves once `count` events have arrived (all of them so far). */
  waitFor(count: number, timeoutMs?: number): Promise<WatchEventJson[]>;
  /**
   * Resolves once the server has answered the watch request, by which time it has registered
   * the watch: it starts the watch before it sends the response headers or the upgrade.
   */
  opened: Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export interface TestCluster {
  cluster: SimulatedCluster;
  scheduler: ManualScheduler;
  baseUrl: string;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  watchHttp(path: string, headers?: Record<string, string>): WatchClient;
  watchWebSocket(path: string, protocols?: string[]): WatchClient;
  close(): Promise<void>;
}

const eventCollector = (): Omit<WatchClient, 'close' | 'ended' | 'opened'> & {
  push(e: WatchEventJson): void;
} => {
  const events: WatchEventJson[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    events,
    push(e) {
      events.push(e);
      for (const w of [...waiters]) {
        if (events.length >= w.count) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    waitFor(count, timeoutMs = 3000) {
      if (events.length >= count) return Promise.resolve(events);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `expected ${count} watch events, got ${events.length}: ${JSON.stringify(events.map((e) => e.type))}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(events);
          },
        });
      });
    },
  };
};

export const startTestCluster = async (
  options: SimulatedClusterOptions = {},
): Promise<TestCluster> => {
  const scheduler = new ManualScheduler('2026-03-02T09:00:00Z');
  const cluster = createSimulatedCluster({ scheduler, mco: { autoRun: false }, ...options });
  const server: Server = createServer((req, res) => {
    if (!cluster.handleRequest(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (!cluster.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const openClients = new Set<() => void>();

  const request = async (
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = {};
    if (options.accept) headers.Accept = options.accept;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: Json;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  const watchHttp = (path: string, headers: Record<string, string> = {}): WatchClient => {
    const collector = eventCollector();
    let response: IncomingMessage | undefined;
    let resolveEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => {
      resolveEnded = resolve;
    });
    let resolveOpened: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => {
      resolveOpened = resolve;
    });
    const req = get(`${baseUrl}${path}`, { headers }, (res) => {
      response = res;
      resolveOpened();
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line.trim() !== '') collector.push(JSON.parse(line) as WatchEventJson);
          newline = buffered.indexOf('\n');
        }
      });
      res.on('end', resolveEnded);
      res.on('close', resolveEnded);
    });
    req.on('error', resolveEnded);
    const close = (): void => {
      response?.destroy();
      req.destroy();
    };
    openClients.add(close);
    return { ...collector, opened, ended, close };
  };

  const watchWebSocket = (path: string, protocols?: string[]): WatchClient => {
    const collector = eventCollector();
    const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}${path}`, protocols);
    const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
    const ended = new Promise<void>((resolve) => {
      ws.on('close', () => resolve());
      ws.on('error', () => resolve());
    });
    ws.on('message', (data: WebSocket.RawData) => {
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(data);
      let text = bytes.toString('utf8');
      if (ws.protocol === 'base64.binary.k8s.io')
        text = Buffer.from(text, 'base64').toString('utf8');
      collector.push(JSON.parse(text) as WatchEventJson);
    });
    const close = (): void => ws.terminate();
    openClients.add(close);
    return { ...collector, opened, ended, close };
  };

  return {
    cluster,
    scheduler,
    baseUrl,
    request,
    watchHttp,
    watchWebSocket,
    async close() {
      for (const close of openClients) close();
      cluster.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** A ContainerRuntimeConfig for a pool with the given configuration. */
export const ctrcfg = (
  name: string,
  pool: string,
  containerRuntimeConfig: Record<string, unknown>,
): Json => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { [`pools.operator.machineconfiguration.openshift.io/${pool}`]: '' },
    },
    containerRuntimeConfig: structuredClone(containerRuntimeConfig),
  },
});

export const STARGZ = { additionalLayerStores: [{ path: '/var/lib/stargz-store/store' }] };
