/**
 * Test support: programs the SDK mock's consoleFetch to answer the node list and watch as the
 * API server does for a metadata-only client (PartialObjectMetadataList pages cut by `limit`, a
 * continue token and `remainingItemCount` on every page but the last, then a watch that stays open
 * and streams newline-delimited events), so that view tests run the page's real watch.
 */
import { consoleFetch, type K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { ReadableStream } from 'node:stream/web';

export interface NodeListServer {
  /** Sends a watch event to every open watch. */
  send(event: { type: string; object: unknown }): void;
}

export interface NodeListOptions {
  nodes: readonly K8sResourceCommon[];
  /**
   * More than `nodes`: the page after `nodes` never comes; null: the server does not say how
   * many remain.
   */
  total?: number | null;
  /** The list request fails with this (consoleFetch's rejection). */
  listError?: unknown;
  /** The list answers, the watch request fails with this. */
  watchError?: unknown;
  /** false: no request is ever answered (a list still loading). */
  answer?: boolean;
}

const NODES = '/api/kubernetes/api/v1/nodes';
const never = () => new Promise<never>(() => undefined);

/** consoleFetch rejects with Errors (HttpError carries `code`, `json`): a plain object becomes one. */
const asError = (e: unknown): Error =>
  e instanceof Error
    ? e
    : Object.assign(new Error(String((e as { message?: unknown }).message ?? e)), e);

const asPartial = (node: K8sResourceCommon) => ({
  kind: 'PartialObjectMetadata',
  apiVersion: 'meta.k8s.io/v1',
  metadata: { resourceVersion: '1', ...node.metadata },
});

export const mockNodeList = (options: NodeListOptions): NodeListServer => {
  const open = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  jest.mocked(consoleFetch).mockImplementation((url: string, init?: RequestInit) => {
    const [path, search = ''] = url.split('?');
    if (path !== NODES) return Promise.reject(new Error(`unexpected request ${url}`));
    if (options.answer === false) return never();
    const query = new URLSearchParams(search);
    if (query.get('watch') === 'true') {
      if (options.watchError !== undefined) return Promise.reject(asError(options.watchError));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          open.add(controller);
          init?.signal?.addEventListener('abort', () => {
            open.delete(controller);
            controller.error(new DOMException('The operation was aborted.', 'AbortError'));
          });
        },
      });
      return Promise.resolve({ body } as unknown as Response);
    }
    if (options.listError !== undefined) return Promise.reject(asError(options.listError));
    const offset = Number(query.get('continue') ?? '0');
    if (offset > 0 && offset >= options.nodes.length) return never();
    const limit = Number(query.get('limit') ?? '0') || options.nodes.length;
    const total = options.total === undefined ? options.nodes.length : options.total;
    const page = options.nodes.slice(offset, offset + limit);
    const end = offset + page.length;
    const more = total === null || total > end;
    const list = {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {
        resourceVersion: '1',
        ...(more ? { continue: String(end) } : {}),
        ...(more && total !== null ? { remainingItemCount: total - end } : {}),
      },
      items: page.map(asPartial),
    };
    return Promise.resolve({ json: () => Promise.resolve(list) } as unknown as Response);
  });
  return {
    send(event) {
      const line = encoder.encode(`${JSON.stringify(event)}\n`);
      for (const controller of open) controller.enqueue(line);
    },
  };
};
