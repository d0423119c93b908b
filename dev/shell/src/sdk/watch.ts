/**
 * useK8sWatchResource / useK8sWatchResources, behaving as the console's do:
 *
 * - a list is fetched in pages of 250 (`limit` + `continue`), reported `loaded` after the first page
 *   and grown by the following ones, then watched over a WebSocket from the list's resourceVersion
 *   (`?watch=true&resourceVersion=…`); watch events are buffered and applied in batches (the console
 *   flushes every 500 ms), objects keep their place in the list when modified;
 * - `partialMetadata: true` lists with the metadata-only Accept header (PartialObjectMetadataList);
 *   like the console, the WebSocket watch cannot send that header, so watch events carry whole objects;
 * - a watch that the server ends is resumed from the last resourceVersion seen; `410 Gone` (too old
 *   resourceVersion) or a broken connection re-lists from scratch;
 * - a single object is read with GET, re-read every 30 s, and watched with
 *   `fieldSelector=metadata.name=<name>`;
 * - watches are shared by all hooks asking for the same resource and query, and stopped when the
 *   last one unmounts.
 *
 * The initial results follow the SDK: `[undefined, true, undefined]` for a null resource,
 * `[[] or {}, false, undefined]` while loading, and a NoModelError when the kind is unknown.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { CustomError } from '@openshift-console/dynamic-plugin-sdk/lib/utils/error/custom-error';
import { getReferenceForModel } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { serverFlags } from '../server-flags';
import { k8sGetRaw, k8sListRaw, resourceURL, selectorToString } from './k8s-resource';
import { findModel } from './models';

type K8sModel = SDK.K8sModel;
type K8sObject = SDK.K8sResourceCommon;
type WatchK8sResource = SDK.WatchK8sResource;

export class NoModelError extends CustomError {
  constructor() {
    super('Model does not exist');
  }
}

export const PARTIAL_OBJECT_METADATA_LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';
export const PARTIAL_OBJECT_METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,application/json';

const PAGE_SIZE = 250;
const RETRY_MS = 15_000;
const OBJECT_POLL_MS = 30_000;
const STOP_GRACE_MS = 100;

export interface WatchState {
  data: unknown;
  loaded: boolean;
  loadError: unknown;
}

interface WatchSpec {
  id: string;
  model: K8sModel;
  isList: boolean;
  name?: string;
  namespace?: string;
  selector?: SDK.Selector;
  fieldSelector?: string;
  limit?: number;
  partialMetadata: boolean;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: K8sObject & { code?: number; message?: string };
}

const states = new Map<string, WatchState>();
const listeners = new Map<string, Set<() => void>>();

const setState = (id: string, next: WatchState) => {
  states.set(id, next);
  listeners.get(id)?.forEach((l) => l());
};

const subscribe = (id: string, listener: () => void): (() => void) => {
  let set = listeners.get(id);
  if (!set) listeners.set(id, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(id);
  };
};

const objectKey = (o: K8sObject): string =>
  `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

const wsURL = (path: string): string =>
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${path}`;

class Watch {
  refs = 0;
  private stopped = false;
  private objects = new Map<string, K8sObject>();
  private ws?: WebSocket;
  private buffer: WatchEvent[] = [];
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private flushTimer?: ReturnType<typeof setInterval>;
  private resourceVersion?: string;

  constructor(private readonly spec: WatchSpec) {}

  start() {
    if (this.spec.isList) void this.listAndWatch();
    else this.getAndWatch();
  }

  stop() {
    this.stopped = true;
    this.closeSocket();
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    states.delete(this.spec.id);
  }

  private later(fn: () => void, ms: number) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(t);
  }

  private get current(): WatchState {
    return (
      states.get(this.spec.id) ?? {
        data: this.spec.isList ? [] : {},
        loaded: false,
        loadError: undefined,
      }
    );
  }

  private publishList(loaded = true) {
    setState(this.spec.id, { data: [...this.objects.values()], loaded, loadError: undefined });
  }

  private query(): Record<string, unknown> {
    const { selector, fieldSelector, namespace, limit } = this.spec;
    return {
      ...(selector && Object.keys(selector).length > 0 ? { labelSelector: selector } : {}),
      ...(fieldSelector ? { fieldSelector } : {}),
      ...(namespace ? { ns: namespace } : {}),
      ...(limit ? { limit } : {}),
    };
  }

  private async listAndWatch() {
    this.closeSocket();
    const requestInit: RequestInit = this.spec.partialMetadata
      ? { headers: { Accept: PARTIAL_OBJECT_METADATA_LIST_ACCEPT } }
      : {};
    // The first list shows each page as it arrives (the console marks the list loaded after its
    // first page); a re-list replaces the data only once complete, so rows do not flicker.
    const initial = !this.current.loaded;
    try {
      let continueToken = '';
      const fresh = new Map<string, K8sObject>();
      do {
        const response = await k8sListRaw(
          this.spec.model,
          {
            limit: PAGE_SIZE,
            ...this.query(),
            ...(continueToken ? { continue: continueToken } : {}),
          },
          true,
          requestInit,
        );
        if (this.stopped) return;
        for (const item of response.items as K8sObject[]) fresh.set(objectKey(item), item);
        if (initial) {
          this.objects = fresh;
          this.publishList();
        }
        continueToken = response.metadata?.continue ?? '';
        this.resourceVersion = response.metadata?.resourceVersion;
      } while (continueToken);
      if (!initial) {
        this.objects = fresh;
        this.publishList();
      }
    } catch (e) {
      if (this.stopped) return;
      setState(this.spec.id, { ...this.current, loadError: e });
      this.later(() => void this.listAndWatch(), RETRY_MS);
      return;
    }
    this.openSocket();
  }

  private getAndWatch() {
    const { model, name, namespace, partialMetadata } = this.spec;
    const poll = () => {
      k8sGetRaw(
        model,
        name!,
        namespace,
        {},
        partialMetadata ? { headers: { Accept: PARTIAL_OBJECT_METADATA_ACCEPT } } : {},
      )
        .then((obj: K8sObject) => {
          if (!this.stopped)
            setState(this.spec.id, { data: obj, loaded: true, loadError: undefined });
        })
        .catch((e: unknown) => {
          if (!this.stopped) setState(this.spec.id, { ...this.current, loadError: e });
        });
    };
    const repoll = () => {
      poll();
      this.later(repoll, OBJECT_POLL_MS);
    };
    repoll();
    this.openSocket();
  }

  private socketPath(): string {
    const { model, isList, name, namespace, selector, fieldSelector } = this.spec;
    const params: Record<string, string> = { watch: 'true' };
    const labelSelector = selector ? selectorToString(selector) : '';
    if (labelSelector) params.labelSelector = encodeURIComponent(labelSelector);
    const fs = isList ? fieldSelector : `metadata.name=${name}`;
    if (fs) params.fieldSelector = encodeURIComponent(fs);
    if (isList && this.resourceVersion)
      params.resourceVersion = encodeURIComponent(this.resourceVersion);
    return resourceURL(model, { ns: namespace, queryParams: params });
  }

  private openSocket() {
    if (this.stopped) return;
    const verbs = this.spec.model.verbs;
    if (verbs && verbs.length > 0 && !verbs.includes('watch')) {
      // Like the console: no watch verb, poll instead.
      if (this.spec.isList) this.later(() => void this.listAndWatch(), RETRY_MS);
      return;
    }
    this.closeSocket();
    let opened = false;
    const ws = new WebSocket(wsURL(this.socketPath()));
    this.ws = ws;
    ws.onopen = () => {
      opened = true;
    };
    ws.onmessage = (msg: MessageEvent<string>) => {
      if (this.ws !== ws) return;
      this.buffer.push(JSON.parse(msg.data) as WatchEvent);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws || this.stopped) return;
      this.flush();
      // The last events may have restarted the watch already (an ERROR such as 410 Gone).
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.stopFlushing();
      if (!this.spec.isList) {
        this.later(() => this.openSocket(), opened ? 1000 : RETRY_MS);
      } else if (opened && ev.code === 1000) {
        // The server ended the watch (its timeout): resume from the last resourceVersion seen.
        this.later(() => this.openSocket(), 500);
      } else {
        console.warn(`watch ${this.spec.id} closed (${ev.code}); listing again`);
        this.later(() => void this.listAndWatch(), opened ? 1000 : RETRY_MS);
      }
    };
    this.flushTimer = setInterval(() => this.flush(), serverFlags.watchFlushIntervalMs);
  }

  /** Closes the socket as the network would; the watch resumes by itself. */
  dropSocket(): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.close(1000);
    return true;
  }

  private stopFlushing() {
    if (this.flushTimer !== undefined) clearInterval(this.flushTimer);
    this.flushTimer = undefined;
  }

  private closeSocket() {
    this.stopFlushing();
    this.buffer = [];
    const ws = this.ws;
    this.ws = undefined;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000);
  }

  private flush() {
    if (this.buffer.length === 0 || this.stopped) return;
    const events = this.buffer;
    this.buffer = [];
    let changed = false;
    for (const { type, object } of events) {
      if (type === 'ERROR') {
        const gone = object?.code === 410;
        if (!gone) console.warn(`watch ${this.spec.id}: ${object?.message ?? 'error event'}`);
        // 410 Gone: the resourceVersion is too old to resume from; list again.
        this.resourceVersion = undefined;
        this.closeSocket();
        if (changed && this.spec.isList) this.publishList();
        if (this.spec.isList) this.later(() => void this.listAndWatch(), gone ? 0 : 1000);
        else this.later(() => this.openSocket(), 1000);
        return;
      }
      const rv = object?.metadata?.resourceVersion;
      if (rv) this.resourceVersion = rv;
      if (type === 'BOOKMARK') continue;
      if (!this.spec.isList) {
        if (type === 'DELETED') this.getAndWatchOnce();
        else setState(this.spec.id, { data: object, loaded: true, loadError: undefined });
        continue;
      }
      const key = objectKey(object);
      if (type === 'DELETED') this.objects.delete(key);
      else this.objects.set(key, object);
      changed = true;
    }
    if (changed) this.publishList();
    window.dispatchEvent(
      new CustomEvent('console-shell:watch-flush', {
        detail: { id: this.spec.id, events: events.length },
      }),
    );
  }

  private getAndWatchOnce() {
    const { model, name, namespace } = this.spec;
    k8sGetRaw(model, name!, namespace)
      .then(
        (obj: K8sObject) =>
          !this.stopped &&
          setState(this.spec.id, { data: obj, loaded: true, loadError: undefined }),
      )
      .catch(
        (e: unknown) => !this.stopped && setState(this.spec.id, { ...this.current, loadError: e }),
      );
  }
}

const watches = new Map<string, Watch>();

/**
 * For tests (window.__consoleShell.watches): the open watches, and a way to drop their sockets as a
 * network hiccup would, so that resuming (and 410 → re-list) can be exercised.
 */
export const watchDebug = {
  ids: (): string[] => [...watches.keys()],
  dropSockets: (): number => {
    let n = 0;
    for (const w of watches.values()) n += w.dropSocket() ? 1 : 0;
    return n;
  },
};
const pendingStops = new Map<string, ReturnType<typeof setTimeout>>();

const acquire = (spec: WatchSpec): (() => void) => {
  const pending = pendingStops.get(spec.id);
  if (pending) {
    clearTimeout(pending);
    pendingStops.delete(spec.id);
  }
  let watch = watches.get(spec.id);
  if (!watch) {
    watch = new Watch(spec);
    watches.set(spec.id, watch);
    watch.start();
  }
  watch.refs += 1;
  const w = watch;
  return () => {
    w.refs -= 1;
    if (w.refs > 0) return;
    pendingStops.set(
      spec.id,
      setTimeout(() => {
        pendingStops.delete(spec.id);
        if (w.refs > 0) return;
        w.stop();
        if (watches.get(spec.id) === w) watches.delete(spec.id);
      }, STOP_GRACE_MS),
    );
  };
};

const specFor = (resource: WatchK8sResource, model: K8sModel): WatchSpec => {
  const query: Record<string, unknown> = {};
  if (resource.selector && Object.keys(resource.selector).length > 0)
    query.labelSelector = resource.selector;
  if (resource.namespace) query.ns = resource.namespace;
  if (resource.name) query.name = resource.name;
  if (resource.fieldSelector) query.fieldSelector = resource.fieldSelector;
  if (resource.limit) query.limit = resource.limit;
  const isList = !!resource.isList;
  const partialMetadata = !!resource.partialMetadata;
  return {
    // Like the console's redux ID (reference + query), plus the representation: a metadata-only
    // list must not be served to a hook that asked for whole objects.
    id: `${getReferenceForModel(model)}---${JSON.stringify(query)}${isList ? '' : '---object'}${partialMetadata ? '---partial' : ''}`,
    model,
    isList,
    name: resource.name,
    namespace: resource.namespace,
    selector: resource.selector,
    fieldSelector: resource.fieldSelector,
    limit: resource.limit,
    partialMetadata,
  };
};

type Resolved = { resource: WatchK8sResource; model?: K8sModel; spec?: WatchSpec };

const resolve = (resource: WatchK8sResource): Resolved => {
  const model = findModel(resource.groupVersionKind ?? resource.kind);
  return { resource, model, spec: model ? specFor(resource, model) : undefined };
};

const resultOf = ({ resource, model }: Resolved, state: WatchState | undefined): WatchState => {
  const empty = resource.isList ? [] : {};
  if (!model) return { data: empty, loaded: true, loadError: new NoModelError() };
  return state ?? { data: empty, loaded: false, loadError: undefined };
};

const noopUnsubscribe = () => () => undefined;

export const useK8sWatchResource: typeof SDK.useK8sWatchResource = <
  R extends K8sObject | K8sObject[],
>(
  initResource: WatchK8sResource | null,
) => {
  const key = JSON.stringify(initResource ?? null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const resolved = useMemo(() => (initResource ? resolve(initResource) : null), [key]);
  const spec = resolved?.spec;
  useEffect(() => (spec ? acquire(spec) : undefined), [spec]);
  const subscribeFn = useCallback(
    (cb: () => void) => (spec ? subscribe(spec.id, cb) : noopUnsubscribe()),
    [spec],
  );
  const state = useSyncExternalStore(subscribeFn, () => (spec ? states.get(spec.id) : undefined));
  return useMemo(() => {
    if (!resolved) return [undefined, true, undefined];
    const { data, loaded, loadError } = resultOf(resolved, state);
    return [data, loaded, loadError];
  }, [resolved, state]) as SDK.WatchK8sResult<R>;
};

export const useK8sWatchResources: typeof SDK.useK8sWatchResources = (initResources) => {
  const key = JSON.stringify(initResources);
  const entries = useMemo(
    () => Object.entries(initResources).map(([k, r]) => [k, resolve(r)] as const),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  useEffect(() => {
    const releases = entries.flatMap(([, r]) => (r.spec ? [acquire(r.spec)] : []));
    return () => releases.forEach((release) => release());
  }, [entries]);
  const subscribeFn = useCallback(
    (cb: () => void) => {
      const unsubscribes = entries.flatMap(([, r]) => (r.spec ? [subscribe(r.spec.id, cb)] : []));
      return () => unsubscribes.forEach((u) => u());
    },
    [entries],
  );
  const cache = useRef<{
    entries: typeof entries;
    states: (WatchState | undefined)[];
    result: any;
  } | null>(null);
  const getSnapshot = useCallback(() => {
    const current = entries.map(([, r]) => (r.spec ? states.get(r.spec.id) : undefined));
    const prev = cache.current;
    if (prev && prev.entries === entries && prev.states.every((s, i) => s === current[i]))
      return prev.result;
    const result = Object.fromEntries(entries.map(([k, r], i) => [k, resultOf(r, current[i])]));
    cache.current = { entries, states: current, result };
    return result;
  }, [entries]);
  return useSyncExternalStore(subscribeFn, getSnapshot);
};
