/**
 * Starting and stopping watches as the console's k8s actions do, one per watch id however many
 * hooks ask for it (counted references):
 *
 * - a list is read in pages of 250 (the resource's own `limit` overrides it), with the metadata-
 *   only Accept header when `partialMetadata` is set; the first page marks it loaded, the next
 *   ones are added. Then a WebSocket watches from the list's resourceVersion (whole objects: a
 *   WebSocket sends no Accept header), flushed every 500 ms, 1,000 events at most.
 * - The list is read again only 15 s after a failed read, or 15 s after the socket closed
 *   abnormally (1006) or gave up reconnecting (60 s); any other close reconnects at the first
 *   list's resourceVersion. Watch ERROR events (a 410 Gone too) are only logged.
 * - A single object is read, then again every 30 s, and watched with a name field selector;
 *   every event's object (an ERROR's Status too) replaces the object held.
 * - A model without the `watch` verb is polled: a list every 15 s.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { getReferenceForModel } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { serverFlags } from '../../server-flags';
import { k8sGetRaw, k8sListRaw, resourceURL, selectorToString } from '../k8s-resource';
import { WatchSocket } from './socket';
import * as store from './store';

type K8sModel = SDK.K8sModel;

export interface WatchQuery {
  labelSelector?: SDK.Selector;
  ns?: string;
  name?: string;
  fieldSelector?: string;
  limit?: number;
}

export const PARTIAL_OBJECT_METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';
export const PARTIAL_OBJECT_METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,application/json';

const PAGE_SIZE = 250;
const RELIST_MS = 15_000;
const OBJECT_POLL_MS = 30_000;
const LIST_SOCKET_TIMEOUT_MS = 60_000;
const BUFFER_MAX = 1000;

const refCounts = new Map<string, number>();
const sockets = new Map<string, WatchSocket>();
const polls = new Map<string, ReturnType<typeof setTimeout>>();

const canWatch = (model: K8sModel) => (model.verbs ?? ['watch']).includes('watch');

/** The watch's socket, on the list endpoint with the query's selectors. */
const openSocket = (
  model: K8sModel,
  query: WatchQuery & { resourceVersion?: string },
  timeout?: number,
) => {
  const queryParams: Record<string, string> = { watch: 'true' };
  const labelSelector = query.labelSelector
    ? encodeURIComponent(selectorToString(query.labelSelector))
    : '';
  if (labelSelector) queryParams.labelSelector = labelSelector;
  if (query.fieldSelector) queryParams.fieldSelector = encodeURIComponent(query.fieldSelector);
  if (query.resourceVersion)
    queryParams.resourceVersion = encodeURIComponent(query.resourceVersion);
  return new WatchSocket({
    path: resourceURL(model, { ns: query.ns, queryParams }),
    reconnect: true,
    bufferMax: BUFFER_MAX,
    flushIntervalMs: serverFlags.watchFlushIntervalMs,
    timeout,
  });
};

/** Tells the page (the browser benchmark) that a batch of a watch's events was applied. */
const announceFlush = (id: string, events: number) =>
  window.dispatchEvent(new CustomEvent('console-shell:watch-flush', { detail: { id, events } }));

const stopAll = (id: string) => {
  sockets.get(id)?.destroy();
  sockets.delete(id);
  const poll = polls.get(id);
  if (poll !== undefined) {
    clearTimeout(poll);
    clearInterval(poll);
  }
  polls.delete(id);
  refCounts.delete(id);
  store.stopWatch(id);
};

const acquired = (id: string): boolean => {
  const count = refCounts.get(id);
  if (count !== undefined) {
    refCounts.set(id, count + 1);
    return false;
  }
  refCounts.set(id, 1);
  return true;
};

export const stopK8sWatch = (id: string): void => {
  const count = (refCounts.get(id) ?? 0) - 1;
  if (count > 0) {
    refCounts.set(id, count);
    return;
  }
  stopAll(id);
};

/** The request's Accept header when the watch asked for metadata only; the default otherwise. */
const metadataOnlyInit = (partialMetadata: boolean, accept: string): RequestInit =>
  partialMetadata ? { headers: { Accept: accept } } : {};

export const watchK8sList = (
  id: string,
  query: WatchQuery,
  model: K8sModel,
  partialMetadata = false,
): void => {
  if (!acquired(id)) return;
  store.startList(id);
  const requestInit = metadataOnlyInit(partialMetadata, PARTIAL_OBJECT_METADATA_LIST_ACCEPT);

  const incrementallyLoad = async (continueToken = ''): Promise<string | null> => {
    if (!refCounts.has(id)) return null;
    const response = await k8sListRaw(
      model,
      { limit: PAGE_SIZE, ...query, ...(continueToken ? { continue: continueToken } : {}) },
      true,
      requestInit,
    );
    if (!refCounts.has(id)) return null;
    if (!continueToken) store.loaded(id, response.items);
    else store.bulkAddToList(id, response.items);
    if (response.metadata?.continue) return incrementallyLoad(response.metadata.continue);
    return response.metadata?.resourceVersion as string;
  };

  const later = () => {
    if (!polls.has(id))
      polls.set(
        id,
        setTimeout(() => void pollAndWatch(), RELIST_MS),
      );
  };

  const pollAndWatch = async () => {
    polls.delete(id);
    let resourceVersion: string | null;
    try {
      resourceVersion = await incrementallyLoad();
    } catch (e) {
      if (!refCounts.has(id)) return;
      store.errored(id, e);
      later();
      return;
    }
    if (!refCounts.has(id) || sockets.has(id)) return;
    if (!canWatch(model)) {
      console.warn(
        `${getReferenceForModel(model)} does not support watching, falling back to polling.`,
      );
      later();
      return;
    }
    const socket = openSocket(
      model,
      { ...query, resourceVersion: resourceVersion ?? undefined },
      LIST_SOCKET_TIMEOUT_MS,
    );
    sockets.set(id, socket);
    socket
      .onclose((event) => {
        if (event.code === 1006) socket.destroy(true);
      })
      .ondestroy((timedOut) => {
        if (!timedOut) return;
        sockets.delete(id);
        later();
      })
      .onbulkmessage((events) => {
        store.updateListFromWS(id, events as store.WatchEvent[]);
        announceFlush(id, events.length);
      });
  };
  void pollAndWatch();
};

export const watchK8sObject = (
  id: string,
  name: string,
  namespace: string | undefined,
  query: WatchQuery,
  model: K8sModel,
  partialMetadata = false,
): void => {
  if (!acquired(id)) return;
  store.startObject(id);
  const requestInit = metadataOnlyInit(partialMetadata, PARTIAL_OBJECT_METADATA_ACCEPT);
  const poller = () => {
    k8sGetRaw(model, name, namespace, {}, requestInit).then(
      (o: store.WatchEvent['object']) => store.modifyObject(id, o),
      (e: unknown) => store.errored(id, e),
    );
  };
  polls.set(id, setInterval(poller, OBJECT_POLL_MS));
  poller();
  if (!canWatch(model)) {
    console.warn(`${getReferenceForModel(model)} does not support watching`);
    return;
  }
  if (model.namespaced && query.name && !query.ns) {
    console.error('Namespace required to watch namespaced resource: ', model.kind, query.name);
    return;
  }
  const { name: byName, ...rest } = query;
  const socket = openSocket(model, {
    ...rest,
    ...(byName ? { fieldSelector: `metadata.name=${byName}` } : {}),
  });
  sockets.set(id, socket);
  socket.onbulkmessage((events) => {
    for (const e of events as store.WatchEvent[]) store.modifyObject(id, e.object);
    announceFlush(id, events.length);
  });
};

/**
 * For tests (window.__consoleShell.watches): the open watches, and a way to close their sockets
 * as a network hiccup would, so that reconnecting can be exercised.
 */
export const watchDebug = {
  ids: (): string[] => [...refCounts.keys()],
  dropSockets: (code = 1000): number =>
    [...sockets.values()].reduce((n, s) => n + (s.drop(code) ? 1 : 0), 0),
};
