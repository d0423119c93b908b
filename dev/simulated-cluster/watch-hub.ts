import { badRequest, tooOldResourceVersion } from './api-errors';
import type { Scheduler, TimerHandle } from './clock';
import type { KubeObject } from './kube-object';
import type { ObjectStore, StoreEvent } from './object-store';
import { presentObject, type Representation } from './representation';
import { apiVersionOf, type ResourceType } from './resources';
import { fieldSelectorOf, parseLabelSelector, type ObjectPredicate } from './selectors';

/**
 * Watches: the store's change events for one resource type, filtered by selectors and turned into
 * the events a client sees, from a resourceVersion on. Transports (HTTP chunked, WebSocket) only
 * serialize what a WatchSink receives.
 */

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: unknown;
}

export interface WatchSink {
  send(event: WatchEvent): void;
  /** The watch is over (timeout, 410, server closing); the transport ends its stream. */
  end(): void;
}

export interface WatchRequest {
  resource: ResourceType;
  /** Absent, '' or '0': first an ADDED event per current object, then changes. */
  resourceVersion?: string | null;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  representation: Representation;
  allowBookmarks?: boolean;
  timeoutSeconds?: number;
}

export interface WatchHubOptions {
  store: ObjectStore;
  scheduler: Scheduler;
  bookmarkIntervalMs: number;
  /**
   * The API server's --min-request-timeout: a watch that asks for no timeoutSeconds ends after a
   * random time between this and twice this, so that clients spread their re-watches.
   */
  minRequestTimeoutSeconds: number;
  /** In [0, 1); Math.random unless a test fixes it. */
  random?: () => number;
}

const withResourceVersion = (obj: KubeObject, rv: number): KubeObject => ({
  ...obj,
  metadata: { ...obj.metadata, resourceVersion: String(rv) },
});

export class WatchHub {
  private readonly open = new Set<() => void>();

  constructor(private readonly options: WatchHubOptions) {}

  get activeWatches(): number {
    return this.open.size;
  }

  /**
   * Checks a watch's parameters and returns the function that starts it. Bad parameters throw
   * here, so that a transport can answer them as an HTTP error before it commits to a stream; a
   * resourceVersion older than the retained window is reported in the stream, as an ERROR event
   * with a 410 Status (as the real server does), which then ends.
   */
  prepare(req: WatchRequest): (sink: WatchSink) => () => void {
    const labels = parseLabelSelector(req.labelSelector);
    const fields = fieldSelectorOf(req.resource, req.fieldSelector);
    const selected: ObjectPredicate = (o) => labels(o) && fields(o);
    const rvText = req.resourceVersion ?? '';
    if (rvText !== '' && !/^\d+$/.test(rvText)) {
      throw badRequest(
        `resourceVersion: Invalid value: "${rvText}": must be a non-negative integer`,
      );
    }
    return (sink) => this.start(req, selected, rvText, sink);
  }

  private start(
    req: WatchRequest,
    selected: ObjectPredicate,
    rvText: string,
    sink: WatchSink,
  ): () => void {
    const { store, scheduler } = this.options;
    const present = (obj: KubeObject): unknown =>
      presentObject(req.resource, obj, req.representation, this.options.store);

    let stopped = false;
    let bookmarkTimer: TimerHandle | undefined;
    // Set once the watch has started; stop() may run before that (a 410).
    const timeout: { timer?: TimerHandle } = {};
    let unsubscribe: () => void = () => undefined;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      if (bookmarkTimer) scheduler.clearTimeout(bookmarkTimer);
      if (timeout.timer) scheduler.clearTimeout(timeout.timer);
      this.open.delete(stop);
      sink.end();
    };

    const translate = (e: StoreEvent): WatchEvent | undefined => {
      if (e.resource !== req.resource) return undefined;
      if (e.type === 'ADDED')
        return selected(e.object) ? { type: 'ADDED', object: present(e.object) } : undefined;
      if (e.type === 'DELETED')
        return selected(e.object) ? { type: 'DELETED', object: present(e.object) } : undefined;
      const now = selected(e.object);
      const before = e.previous !== undefined && selected(e.previous);
      if (now && before) return { type: 'MODIFIED', object: present(e.object) };
      if (now) return { type: 'ADDED', object: present(e.object) };
      // An object that stops matching the selector is gone as far as this watch is concerned.
      if (before)
        return {
          type: 'DELETED',
          object: present(withResourceVersion(e.previous!, e.resourceVersion)),
        };
      return undefined;
    };

    this.open.add(stop);
    if (rvText === '' || rvText === '0') {
      for (const obj of store.list(req.resource)) {
        if (selected(obj)) sink.send({ type: 'ADDED', object: present(obj) });
      }
    } else {
      const since = Number(rvText);
      const backlog = store.eventsSince(since);
      if (!backlog) {
        sink.send({
          type: 'ERROR',
          object: tooOldResourceVersion(since, store.oldestWatchableResourceVersion + 1).toStatus(),
        });
        stop();
        return stop;
      }
      for (const e of backlog) {
        const out = translate(e);
        if (out) sink.send(out);
      }
    }
    unsubscribe = store.subscribe((e) => {
      const out = translate(e);
      if (out && !stopped) sink.send(out);
    });

    if (req.allowBookmarks) {
      const bookmark = (): void => {
        if (stopped) return;
        const kind =
          req.representation === 'metadata' ? 'PartialObjectMetadata' : req.resource.kind;
        const apiVersion =
          req.representation === 'metadata' ? 'meta.k8s.io/v1' : apiVersionOf(req.resource);
        sink.send({
          type: 'BOOKMARK',
          object: {
            kind,
            apiVersion,
            metadata: { resourceVersion: String(store.resourceVersion) },
          },
        });
        bookmarkTimer = scheduler.setTimeout(bookmark, this.options.bookmarkIntervalMs);
      };
      bookmarkTimer = scheduler.setTimeout(bookmark, this.options.bookmarkIntervalMs);
    }
    const random = this.options.random ?? Math.random;
    const timeoutSeconds =
      req.timeoutSeconds !== undefined && req.timeoutSeconds > 0
        ? req.timeoutSeconds
        : this.options.minRequestTimeoutSeconds * (1 + random());
    timeout.timer = scheduler.setTimeout(stop, timeoutSeconds * 1000);
    return stop;
  }

  /** Ends every open watch (server shutdown). */
  closeAll(): void {
    for (const stop of [...this.open]) stop();
  }
}
