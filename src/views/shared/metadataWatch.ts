/**
 * A list and watch of one cluster-scoped resource in metadata only (PartialObjectMetadata), kept
 * to the fields the pages read. It speaks the API server's list/watch protocol over plain HTTP
 * through the fetch it is given (the console's consoleFetch in the pages), without React.
 */

/** Metadata only, and only what the pages read of it. */
export interface MetadataObject {
  metadata: {
    name: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

export interface MetadataWatchState {
  /** Every object seen so far; a new array per change, unchanged objects keep their identity. */
  items: readonly MetadataObject[];
  /** The first page has arrived, or the first list failed: the page can show something. */
  settled: boolean;
  /** The whole list has been read at least once: `items` is not a prefix of it any more. */
  listed: boolean;
  /** How many objects the first page said there are; null when the server did not say. */
  total: number | null | undefined;
  /** Why the last request failed; cleared by the next one that succeeds. */
  error: unknown;
}

/** The console's consoleFetch: rejects on a non-OK response with an error carrying `code`. */
export type FetchResponse = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<Pick<Response, 'json' | 'body'>>;

export interface MetadataWatchOptions {
  /** The collection's path, e.g. `/api/kubernetes/api/v1/nodes`. */
  path: string;
  fetch: FetchResponse;
  pageSize?: number;
  /** How long watch events are gathered before the list changes (the console's watches: 500 ms). */
  flushMs?: number;
  /** The first retry's delay after a failure; doubled per failure up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Called after each batch of watch events is applied, with how many events it held. */
  onFlush?: (events: number) => void;
}

export const LIST_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
export const WATCH_ACCEPT =
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

interface RawObject {
  metadata?: {
    name?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

interface RawList {
  items?: RawObject[];
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

interface RawEvent {
  type?: string;
  object?: RawObject & { code?: number; reason?: string; message?: string };
}

/** The resourceVersion is too old (HTTP 410 or an ERROR event with code 410): list again. */
class Expired extends Error {
  readonly code = 410;
}

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

const isAbort = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { name?: unknown }).name === 'AbortError';

const sameRecord = (
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): boolean => {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
};

/**
 * The part of an object the pages read, or `previous` when that part has not changed (a Node's
 * status updates change its resourceVersion and nothing the pages show).
 */
export const keptOf = (raw: RawObject, previous?: MetadataObject): MetadataObject | undefined => {
  const m = raw.metadata;
  if (m?.name === undefined || m.name === '') return undefined;
  if (
    previous !== undefined &&
    previous.metadata.uid === m.uid &&
    sameRecord(previous.metadata.labels, m.labels) &&
    sameRecord(previous.metadata.annotations, m.annotations)
  )
    return previous;
  return { metadata: { name: m.name, uid: m.uid, labels: m.labels, annotations: m.annotations } };
};

/** Reads newline-delimited JSON from a stream, one parsed value per line. */
export async function* jsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.trim() !== '') yield JSON.parse(line);
        newline = buffered.indexOf('\n');
      }
    }
    buffered += decoder.decode();
    if (buffered.trim() !== '') yield JSON.parse(buffered);
  } finally {
    reader.releaseLock();
  }
}

const INITIAL: MetadataWatchState = {
  items: [],
  settled: false,
  listed: false,
  total: undefined,
  error: undefined,
};

/** A watch that ended sooner than this after it opened is retried with the back-off. */
const SHORT_WATCH_MS = 1000;

/**
 * Lists in pages, then watches from the list's resourceVersion, for as long as anyone is
 * subscribed: re-watches from the last resourceVersion seen when a watch ends, lists again when
 * that resourceVersion has expired (410), and after a failed request keeps the last data, reports
 * the error and retries with a growing delay.
 */
export class MetadataWatch {
  private state: MetadataWatchState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private byName = new Map<string, MetadataObject>();
  /** Events not applied yet: the object, or null for a deletion. */
  private pending = new Map<string, MetadataObject | null>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private resourceVersion: string | undefined;
  private readonly pageSize: number;
  private readonly flushMs: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly options: MetadataWatchOptions) {
    this.pageSize = options.pageSize ?? 500;
    this.flushMs = options.flushMs ?? 500;
    this.retryMs = options.retryMs ?? 1000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
  }

  readonly getSnapshot = (): MetadataWatchState => this.state;

  /** Starts the watch with the first subscriber and stops it, dropping its data, with the last. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      if (!this.listeners.delete(listener)) return;
      if (this.listeners.size === 0) this.stop();
    };
  };

  get running(): boolean {
    return this.controller !== undefined;
  }

  private start(): void {
    const controller = new AbortController();
    this.controller = controller;
    void this.run(controller.signal);
  }

  private stop(): void {
    this.controller?.abort();
    this.controller = undefined;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending = new Map();
    this.byName = new Map();
    this.resourceVersion = undefined;
    this.state = INITIAL;
  }

  private publish(next: Partial<MetadataWatchState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of [...this.listeners]) listener();
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (this.resourceVersion === undefined) await this.list(signal);
        const opened = Date.now();
        await this.watch(signal);
        if (Date.now() - opened >= SHORT_WATCH_MS) {
          failures = 0;
          continue;
        }
      } catch (error) {
        if (signal.aborted || isAbort(error)) return;
        if (error instanceof Expired || codeOf(error) === 410) {
          this.resourceVersion = undefined;
          continue;
        }
        this.flush();
        this.publish({ error, settled: true });
      }
      const delay = Math.min(this.maxRetryMs, this.retryMs * 2 ** failures);
      failures += 1;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * Reads the whole list, page by page from one snapshot. The first list is shown page by page;
   * a list made again after a 410 replaces the shown one once it is whole.
   */
  private async list(signal: AbortSignal): Promise<void> {
    const first = !this.state.listed;
    const previous = this.byName;
    const next = new Map<string, MetadataObject>();
    let token: string | undefined;
    let listRv: string | undefined;
    do {
      const query = `limit=${this.pageSize}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      const response = await this.options.fetch(`${this.options.path}?${query}`, {
        headers: { Accept: LIST_ACCEPT },
        signal,
      });
      const page = (await response.json()) as RawList;
      if (signal.aborted) return;
      for (const raw of page.items ?? []) {
        const name = raw.metadata?.name ?? '';
        const kept = keptOf(raw, previous.get(name));
        if (kept !== undefined) next.set(name, kept);
      }
      listRv = page.metadata?.resourceVersion;
      token = page.metadata?.continue || undefined;
      if (first) {
        const update: Partial<MetadataWatchState> = {
          items: [...next.values()],
          settled: true,
          listed: token === undefined,
          error: undefined,
        };
        if (this.state.total === undefined) {
          const remaining = page.metadata?.remainingItemCount;
          update.total =
            token === undefined
              ? next.size
              : typeof remaining === 'number'
                ? next.size + remaining
                : null;
        }
        this.publish(update);
      }
    } while (token !== undefined);
    this.byName = next;
    this.pending = new Map();
    this.resourceVersion = listRv ?? '';
    if (!first) this.publish({ items: [...next.values()], listed: true, error: undefined });
  }

  /** Watches until the stream ends; throws Expired on a 410, or the request's error. */
  private async watch(signal: AbortSignal): Promise<void> {
    const rv = this.resourceVersion ?? '';
    const response = await this.options.fetch(
      `${this.options.path}?watch=true&resourceVersion=${encodeURIComponent(rv)}&allowWatchBookmarks=true`,
      { headers: { Accept: WATCH_ACCEPT }, signal },
    );
    if (this.state.error !== undefined) this.publish({ error: undefined });
    if (response.body === null) return;
    try {
      for await (const value of jsonLines(response.body)) {
        this.apply(value as RawEvent);
      }
    } catch (error) {
      if (error instanceof Expired || signal.aborted) throw error;
      // A stream cut mid-way (a proxy, the network) is a watch that ended: watch again.
    } finally {
      this.flush();
    }
  }

  private apply(event: RawEvent): void {
    const object = event.object;
    if (event.type === 'ERROR') {
      if (object?.code === 410) throw new Expired(object.message ?? 'Expired');
      throw Object.assign(new Error(object?.message ?? 'The watch failed'), {
        code: object?.code,
        json: object,
      });
    }
    const rv = object?.metadata?.resourceVersion;
    if (rv !== undefined && rv !== '') this.resourceVersion = rv;
    const name = object?.metadata?.name;
    if (event.type === 'BOOKMARK' || object === undefined || !name) return;
    if (event.type === 'DELETED') this.pending.set(name, null);
    else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      const kept = keptOf(object, this.pending.get(name) ?? this.byName.get(name));
      if (kept !== undefined) this.pending.set(name, kept);
    }
    this.flushTimer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Applies the gathered events: a new list in which unchanged objects are the same ones. */
  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0) return;
    const events = this.pending.size;
    let changed = false;
    for (const [name, object] of this.pending) {
      const current = this.byName.get(name);
      if (object === null) {
        if (current !== undefined) {
          this.byName.delete(name);
          changed = true;
        }
      } else if (current !== object) {
        this.byName.set(name, object);
        changed = true;
      }
    }
    this.pending = new Map();
    if (changed) this.publish({ items: [...this.byName.values()] });
    this.options.onFlush?.(events);
  }
}
