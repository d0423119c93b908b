/** @jest-environment node */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import {
  METADATA_LIST_ACCEPT,
  PATHS,
  startTestCluster,
  type TestCluster,
} from '../../../../dev/simulated-cluster/__test-support__/harness';
import { type FetchResponse, MetadataWatch, type MetadataWatchState } from '../metadataWatch';

/**
 * The watch against the simulated cluster's real HTTP server, through the dev shell's
 * consoleFetch (written from the console's: HttpError with `code` on a non-OK answer).
 */

let consoleFetch: typeof SDK.consoleFetch;
beforeAll(async () => {
  // The shell's fetch reads the console's server flags (once) and CSRF cookie from the page.
  Object.assign(globalThis, { window: {}, document: { cookie: '' } });
  ({ consoleFetch } = await import('../../../../dev/shell/src/sdk/fetch'));
  Reflect.deleteProperty(globalThis, 'window');
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

let t: TestCluster;
let watch: MetadataWatch | undefined;
let unsubscribe: (() => void) | undefined;
afterEach(async () => {
  unsubscribe?.();
  unsubscribe = undefined;
  watch = undefined;
  await t.close();
});

interface Traffic {
  fetch: FetchResponse;
  urls: string[];
  /** Everything the watch streams have delivered so far, as text. */
  streamed(): string;
  /** Holds the next request whose URL matches until the returned function is called. */
  hold(match: RegExp): () => void;
  /** Fails requests whose URL matches, as fetch does when the network is down, until undone. */
  failNetwork(match: RegExp): () => void;
}

const traffic = (): Traffic => {
  const urls: string[] = [];
  const holds: { match: RegExp; release: Promise<void> }[] = [];
  const failing = new Set<RegExp>();
  let streamed = '';
  const decoder = new TextDecoder();
  return {
    urls,
    streamed: () => streamed,
    fetch: async (url, init) => {
      urls.push(url.slice(t.baseUrl.length));
      const held = holds.findIndex((h) => h.match.test(url));
      if (held >= 0) await holds.splice(held, 1)[0].release;
      for (const f of failing) if (f.test(url)) throw new TypeError('Failed to fetch');
      const response = await consoleFetch(url, init);
      if (!url.includes('watch=true') || !response.body) return response;
      // The watch reads what it would have read; the test sees it arrive.
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            streamed += decoder.decode(chunk, { stream: true });
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(body, { status: response.status, headers: response.headers });
    },
    hold(match) {
      let release: () => void = () => undefined;
      holds.push({ match, release: new Promise<void>((r) => (release = r)) });
      return () => release();
    },
    failNetwork(match) {
      failing.add(match);
      return () => failing.delete(match);
    },
  };
};

const open = (
  net: Traffic,
  path = PATHS.nodes,
  options: Partial<ConstructorParameters<typeof MetadataWatch>[0]> = {},
): MetadataWatch => {
  watch = new MetadataWatch({
    path: `${t.baseUrl}${path}`,
    fetch: net.fetch,
    pageSize: 5,
    flushMs: 20,
    retryMs: 20,
    maxRetryMs: 80,
    ...options,
  });
  unsubscribe = watch.subscribe(() => undefined);
  return watch;
};

const until = async (
  w: MetadataWatch,
  check: (s: MetadataWatchState) => boolean,
  timeoutMs = 3000,
): Promise<MetadataWatchState> => {
  const deadline = Date.now() + timeoutMs;
  while (!check(w.getSnapshot())) {
    if (Date.now() > deadline)
      throw new Error(`timed out; state ${JSON.stringify({ ...w.getSnapshot(), items: '…' })}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return w.getSnapshot();
};

const mergePatch = (name: string, metadata: unknown) =>
  t.request('PATCH', `${PATHS.nodes}/${name}`, {
    body: { metadata },
    contentType: 'application/merge-patch+json',
  });

/** Waits until the server has `count` watches open (one whose request was just sent, say). */
const watchesOpen = async (count: number, timeoutMs = 3000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (t.cluster.activeWatches() !== count) {
    if (Date.now() > deadline)
      throw new Error(`timed out: ${t.cluster.activeWatches()} watches open, not ${count}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const names = (s: MetadataWatchState) => s.items.map((n) => n.metadata.name).sort();
const watchUrls = (net: Traffic) => net.urls.filter((u) => u.includes('watch=true'));
const listUrls = (net: Traffic) => net.urls.filter((u) => !u.includes('watch=true'));

describe('MetadataWatch against the simulated API server', () => {
  it('lists in pages, keeps only what the pages read, and knows the total from the first page', async () => {
    t = await startTestCluster({ nodes: 12 });
    const expected = await t.request('GET', PATHS.nodes, { accept: METADATA_LIST_ACCEPT });
    const net = traffic();
    const w = open(net);
    const state = await until(w, (s) => s.listed);
    // 15 nodes (12 + 3 control plane) in pages of 5: the first page already said 15.
    expect(state.total).toBe(15);
    expect(listUrls(net)).toHaveLength(3);
    expect(listUrls(net)[0]).toBe('/api/kubernetes/api/v1/nodes?limit=5');
    expect(names(state)).toEqual(
      expected.body.items.map((n: { metadata: { name: string } }) => n.metadata.name).sort(),
    );
    const first = expected.body.items[0].metadata;
    const kept = state.items.find((n) => n.metadata.name === first.name);
    expect(kept).toEqual({
      metadata: {
        name: first.name,
        uid: first.uid,
        labels: first.labels,
        annotations: first.annotations,
      },
    });
    // Then a watch from the list's resourceVersion, in metadata only, with bookmarks.
    await until(w, () => watchUrls(net).length === 1);
    expect(watchUrls(net)[0]).toBe(
      `/api/kubernetes/api/v1/nodes?watch=true&resourceVersion=${expected.body.metadata.resourceVersion}&allowWatchBookmarks=true`,
    );
  });

  it('applies events in batches: a new list in which unchanged nodes are the same objects', async () => {
    t = await startTestCluster({ nodes: 4 });
    const net = traffic();
    const flushes: number[] = [];
    const w = open(net, PATHS.nodes, { flushMs: 1500, onFlush: (n) => flushes.push(n) });
    const before = await until(w, (s) => s.listed);
    await until(w, () => watchUrls(net).length === 1);
    const [a, b] = names(before);
    await mergePatch(a, { annotations: { one: '1' } });
    await mergePatch(b, { annotations: { two: '2' } });
    await new Promise((r) => setTimeout(r, 100));
    // Both events wait for the batch.
    expect(w.getSnapshot()).toBe(before);
    const after = await until(w, (s) => s !== before, 5000);
    const byName = (s: MetadataWatchState, n: string) => s.items.find((i) => i.metadata.name === n);
    expect(byName(after, a)?.metadata.annotations?.one).toBe('1');
    expect(byName(after, b)?.metadata.annotations?.two).toBe('2');
    for (const n of names(before).slice(2)) expect(byName(after, n)).toBe(byName(before, n));
    expect(flushes).toEqual([2]);
    // A change the pages do not read (only the resourceVersion moves) keeps the object.
    await t.request('PATCH', `${PATHS.nodes}/${a}/status`, {
      body: { status: { conditions: [{ type: 'Ready', status: 'False' }] } },
      contentType: 'application/merge-patch+json',
    });
    await mergePatch(b, { annotations: { two: null } });
    const third = await until(w, (s) => s !== after, 5000);
    expect(byName(third, a)).toBe(byName(after, a));
    expect(byName(third, b)?.metadata.annotations?.two).toBeUndefined();
  });

  it('watches again from the last resourceVersion seen when the server ends the watch', async () => {
    t = await startTestCluster({
      nodes: 4,
      minRequestTimeoutSeconds: 60,
      bookmarkIntervalMs: 10_000,
      heartbeats: false,
      pullEvents: 'none',
    });
    const net = traffic();
    const w = open(net);
    await until(w, (s) => s.listed);
    await until(w, () => watchUrls(net).length === 1);
    await watchesOpen(1);
    // Another resource moves the cluster's resourceVersion; a bookmark carries it.
    await t.request('PATCH', `${PATHS.pools}/worker`, {
      body: { metadata: { labels: { moved: 'yes' } } },
      contentType: 'application/merge-patch+json',
    });
    const bookmarked = String(t.cluster.store.resourceVersion);
    t.scheduler.advance(10_000);
    await until(w, () => net.streamed().includes('"BOOKMARK"'));
    t.scheduler.advance(110_000);
    await until(w, () => watchUrls(net).length === 2);
    expect(watchUrls(net)[1]).toContain(`resourceVersion=${bookmarked}&`);
    expect(listUrls(net).filter((u) => u.endsWith('?limit=5'))).toHaveLength(1);
    // The new watch delivers.
    const [a] = names(w.getSnapshot());
    await mergePatch(a, { labels: { after: 'rewatch' } });
    const s = await until(w, (x) => x.items.some((n) => n.metadata.labels?.after === 'rewatch'));
    expect(s.error).toBeUndefined();
  });

  it('lists again when the watch answers 410 Expired (an ERROR event)', async () => {
    t = await startTestCluster({
      nodes: 4,
      eventWindow: 10,
      minRequestTimeoutSeconds: 60,
      heartbeats: false,
    });
    const net = traffic();
    const w = open(net);
    const listed = await until(w, (s) => s.listed);
    await until(w, () => watchUrls(net).length === 1);
    await watchesOpen(1);
    const release = net.hold(/watch=true/);
    t.scheduler.advance(120_000);
    await until(w, () => watchUrls(net).length === 2);
    // While the re-watch waits, the cluster moves past the event window; a node goes away.
    const [gone, kept] = names(listed);
    await t.request('DELETE', `${PATHS.nodes}/${gone}`);
    for (let i = 0; i < 40; i += 1) await mergePatch(kept, { labels: { n: String(i) } });
    release();
    const relisted = await until(w, (s) => !names(s).includes(gone));
    expect(listUrls(net).filter((u) => u.endsWith('limit=5'))).toHaveLength(2);
    expect(relisted.items.find((n) => n.metadata.name === kept)?.metadata.labels?.n).toBe('39');
    expect(relisted.error).toBeUndefined();
    // Nodes that did not change keep their objects across the new list.
    const same = names(listed).filter((n) => n !== gone && n !== kept)[0];
    expect(relisted.items.find((n) => n.metadata.name === same)).toBe(
      listed.items.find((n) => n.metadata.name === same),
    );
  });

  it('lists from the start when a continue token has expired (HTTP 410)', async () => {
    t = await startTestCluster({ nodes: 12, eventWindow: 10, heartbeats: false });
    const net = traffic();
    const release = net.hold(/continue=/);
    const w = open(net);
    await until(w, (s) => s.settled);
    expect(w.getSnapshot()).toMatchObject({ listed: false, total: 15 });
    expect(w.getSnapshot().items).toHaveLength(5);
    const node = names(w.getSnapshot())[0];
    for (let i = 0; i < 40; i += 1) await mergePatch(node, { labels: { n: String(i) } });
    release();
    const state = await until(w, (s) => s.listed);
    expect(state.items).toHaveLength(15);
    expect(state.error).toBeUndefined();
    expect(listUrls(net).filter((u) => u.endsWith('?limit=5'))).toHaveLength(2);
  });

  it('keeps the last data and reports a network failure, then recovers by itself', async () => {
    t = await startTestCluster({ nodes: 4, minRequestTimeoutSeconds: 60, heartbeats: false });
    const net = traffic();
    const w = open(net);
    const listed = await until(w, (s) => s.listed);
    await until(w, () => watchUrls(net).length === 1);
    await watchesOpen(1);
    const restore = net.failNetwork(/watch=true/);
    t.scheduler.advance(120_000);
    const failed = await until(w, (s) => s.error !== undefined);
    expect(String(failed.error)).toContain('Failed to fetch');
    expect(failed.items).toBe(listed.items);
    // It keeps trying, with growing delays.
    await until(w, () => watchUrls(net).length >= 4);
    restore();
    const recovered = await until(w, (s) => s.error === undefined);
    expect(recovered.items).toBe(listed.items);
  });

  it('reports a 403 on the list with its code, and retries', async () => {
    t = await startTestCluster({ pullEvents: 'forbidden' });
    const net = traffic();
    const w = open(net, '/api/kubernetes/api/v1/events');
    const state = await until(w, (s) => s.settled);
    expect(state).toMatchObject({ items: [], listed: false, error: { code: 403 } });
    await until(w, () => listUrls(net).length >= 2);
  });

  it('runs one list and watch for every subscriber, and stops with the last', async () => {
    t = await startTestCluster({ nodes: 4 });
    const net = traffic();
    const w = open(net);
    const second = w.subscribe(() => undefined);
    await until(w, (s) => s.listed);
    await until(w, () => watchUrls(net).length === 1);
    expect(listUrls(net).filter((u) => u.endsWith('?limit=5'))).toHaveLength(1);
    second();
    expect(w.running).toBe(true);
    unsubscribe?.();
    unsubscribe = undefined;
    expect(w.running).toBe(false);
    expect(w.getSnapshot()).toMatchObject({ items: [], settled: false });
    await watchesOpen(0);
    expect(watchUrls(net)).toHaveLength(1);
  });
});
