import {
  ctrcfg,
  METADATA_ACCEPT,
  PATHS,
  startTestCluster,
  STARGZ,
  type TestCluster,
  type WatchClient,
} from '../__test-support__/harness';

/** List + watch from a resourceVersion, over chunked HTTP and over WebSocket, as the console does. */

let t: TestCluster;
afterEach(async () => {
  await t.close();
});

const mergePatch = (path: string, body: unknown) =>
  t.request('PATCH', path, { body, contentType: 'application/merge-patch+json' });

const summary = (client: WatchClient) =>
  client.events.map((e) => [e.type, e.object.metadata?.name]);

describe.each([
  ['HTTP', (path: string, headers?: Record<string, string>) => t.watchHttp(path, headers)],
  ['WebSocket', (path: string) => t.watchWebSocket(path)],
] as const)('watch over %s', (_transport, watch) => {
  beforeEach(async () => {
    t = await startTestCluster();
  });

  it('sends every change after the listed resourceVersion, in order, and none before', async () => {
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('before', 'worker', STARGZ) });
    const list = await t.request('GET', PATHS.ctrcfgs);
    const rv = list.body.metadata.resourceVersion;
    const client = watch(`${PATHS.ctrcfgs}?watch=true&resourceVersion=${rv}`);
    await client.opened;
    const created = await t.request('POST', PATHS.ctrcfgs, {
      body: ctrcfg('after', 'worker', STARGZ),
    });
    await mergePatch(`${PATHS.ctrcfgs}/after`, { metadata: { labels: { a: 'b' } } });
    await t.request('DELETE', `${PATHS.ctrcfgs}/before`);
    await client.waitFor(3);
    expect(summary(client)).toEqual([
      ['ADDED', 'after'],
      ['MODIFIED', 'after'],
      ['DELETED', 'before'],
    ]);
    expect(client.events[0].object.metadata.resourceVersion).toBe(
      created.body.metadata.resourceVersion,
    );
    const rvs = client.events.map((e) => Number(e.object.metadata.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
  });

  it('replays changes made between the list and the watch', async () => {
    const rv = (await t.request('GET', PATHS.pools)).body.metadata.resourceVersion;
    await mergePatch(`${PATHS.pools}/worker`, { spec: { maxUnavailable: 2 } });
    const client = watch(`${PATHS.pools}?watch=true&resourceVersion=${rv}`);
    await client.waitFor(1);
    expect(summary(client)).toEqual([['MODIFIED', 'worker']]);
    expect(client.events[0].object.spec.maxUnavailable).toBe(2);
  });

  it('without a resourceVersion starts with an ADDED event per object', async () => {
    const client = watch(`${PATHS.pools}?watch=true`);
    await client.waitFor(3);
    expect(summary(client)).toEqual([
      ['ADDED', 'gpu'],
      ['ADDED', 'master'],
      ['ADDED', 'worker'],
    ]);
  });

  it('filters by label selector: objects entering and leaving it are ADDED and DELETED', async () => {
    const rv = t.cluster.store.resourceVersion;
    const client = watch(
      `${PATHS.nodes}?watch=true&resourceVersion=${rv}&labelSelector=${encodeURIComponent('example.com/tier=gold')}`,
    );
    await client.opened;
    const nodes = (await t.request('GET', PATHS.nodes)).body.items;
    const [a, b] = nodes.map((n: { metadata: { name: string } }) => n.metadata.name);
    await mergePatch(`${PATHS.nodes}/${b}`, { metadata: { labels: { unrelated: 'x' } } });
    await mergePatch(`${PATHS.nodes}/${a}`, {
      metadata: { labels: { 'example.com/tier': 'gold' } },
    });
    await mergePatch(`${PATHS.nodes}/${a}`, { metadata: { annotations: { note: 'still gold' } } });
    await mergePatch(`${PATHS.nodes}/${a}`, {
      metadata: { labels: { 'example.com/tier': 'silver' } },
    });
    await mergePatch(`${PATHS.nodes}/${b}`, { metadata: { labels: { unrelated: 'y' } } });
    // Events come in order: once this one is in, nothing before it can still arrive.
    await mergePatch(`${PATHS.nodes}/${a}`, {
      metadata: { labels: { 'example.com/tier': 'gold' } },
    });
    await client.waitFor(4);
    expect(summary(client)).toEqual([
      ['ADDED', a],
      ['MODIFIED', a],
      ['DELETED', a],
      ['ADDED', a],
    ]);
  });

  it('answers a resourceVersion older than the retained window with a 410 ERROR event and ends', async () => {
    const client = watch(`${PATHS.ctrcfgs}?watch=true&resourceVersion=1`);
    await client.ended;
    expect(client.events).toHaveLength(1);
    expect(client.events[0].type).toBe('ERROR');
    expect(client.events[0].object).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
    expect(client.events[0].object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });
});

describe('watch details', () => {
  it('410 once the resourceVersion has left a small event window, not before', async () => {
    t = await startTestCluster({ eventWindow: 10 });
    const start = t.cluster.store.resourceVersion;
    const node = (await t.request('GET', PATHS.nodes)).body.items[0].metadata.name;
    for (let i = 0; i < 8; i += 1)
      await mergePatch(`${PATHS.nodes}/${node}`, { metadata: { labels: { n: String(i) } } });
    const recent = t.watchHttp(`${PATHS.nodes}?watch=true&resourceVersion=${start}`);
    await recent.waitFor(8);
    expect(recent.events.every((e) => e.type === 'MODIFIED')).toBe(true);
    for (let i = 0; i < 40; i += 1)
      await mergePatch(`${PATHS.nodes}/${node}`, { metadata: { labels: { n: `x${i}` } } });
    const tooOld = t.watchHttp(`${PATHS.nodes}?watch=true&resourceVersion=${start}`);
    await tooOld.ended;
    expect(tooOld.events.map((e) => [e.type, e.object.code])).toEqual([['ERROR', 410]]);
    const continued = t.watchHttp(
      `${PATHS.nodes}?watch=true&resourceVersion=${t.cluster.store.resourceVersion - 5}`,
    );
    await continued.waitFor(5);
    expect(continued.events).toHaveLength(5);
  });

  it('sends metadata-only objects when asked with as=PartialObjectMetadata', async () => {
    t = await startTestCluster();
    const rv = t.cluster.store.resourceVersion;
    const client = t.watchHttp(`${PATHS.nodes}?watch=true&resourceVersion=${rv}`, {
      Accept: METADATA_ACCEPT,
    });
    await client.opened;
    const node = (await t.request('GET', PATHS.nodes)).body.items[0].metadata.name;
    await mergePatch(`${PATHS.nodes}/${node}`, {
      metadata: { annotations: { 'lazy-pull.openshift.io/health': 'Healthy' } },
    });
    const [event] = await client.waitFor(1);
    expect(event.type).toBe('MODIFIED');
    expect(Object.keys(event.object).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(event.object.kind).toBe('PartialObjectMetadata');
    expect(event.object.metadata.annotations['lazy-pull.openshift.io/health']).toBe('Healthy');
  });

  it('ends at timeoutSeconds and sends bookmarks when allowed', async () => {
    t = await startTestCluster({ bookmarkIntervalMs: 10_000 });
    const rv = t.cluster.store.resourceVersion;
    const client = t.watchHttp(
      `${PATHS.pools}?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=25`,
    );
    await client.opened;
    t.scheduler.advance(10_000);
    const [bookmark] = await client.waitFor(1);
    expect(bookmark).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'MachineConfigPool',
        apiVersion: 'machineconfiguration.openshift.io/v1',
        metadata: { resourceVersion: String(rv) },
      },
    });
    t.scheduler.advance(15_000);
    await client.ended;
    expect(client.events.map((e) => e.type)).toEqual(['BOOKMARK', 'BOOKMARK']);
  });

  it('ends a watch without timeoutSeconds between the min request timeout and twice it', async () => {
    // The API server: timeout = minRequestTimeout * (1 + rand) when the client names none.
    t = await startTestCluster({ minRequestTimeoutSeconds: 60 });
    const rv = t.cluster.store.resourceVersion;
    const client = t.watchHttp(`${PATHS.pools}?watch=true&resourceVersion=${rv}`);
    await client.opened;
    let ended = false;
    void client.ended.then(() => {
      ended = true;
    });
    t.scheduler.advance(59_999);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toBe(false);
    t.scheduler.advance(60_001);
    await client.ended;
    expect(client.events).toEqual([]);
  });

  it('watches one object by name, and by fieldSelector as the console does', async () => {
    t = await startTestCluster();
    const rv = t.cluster.store.resourceVersion;
    const byField = t.watchWebSocket(
      `${PATHS.pools}?watch=true&resourceVersion=${rv}&fieldSelector=${encodeURIComponent('metadata.name=gpu')}`,
    );
    const byPath = t.watchHttp(`${PATHS.pools}/gpu?watch=true&resourceVersion=${rv}`);
    await Promise.all([byField.opened, byPath.opened]);
    await mergePatch(`${PATHS.pools}/worker`, { spec: { maxUnavailable: 3 } });
    await mergePatch(`${PATHS.pools}/gpu`, { spec: { maxUnavailable: 2 } });
    await mergePatch(`${PATHS.pools}/worker`, { spec: { maxUnavailable: 4 } });
    // Events come in order: once this one is in, nothing before it can still arrive.
    await mergePatch(`${PATHS.pools}/gpu`, { spec: { maxUnavailable: 1 } });
    await byField.waitFor(2);
    await byPath.waitFor(2);
    for (const client of [byField, byPath]) {
      expect(summary(client)).toEqual([
        ['MODIFIED', 'gpu'],
        ['MODIFIED', 'gpu'],
      ]);
    }
  });

  it('speaks base64.binary.k8s.io when a WebSocket client asks for it', async () => {
    t = await startTestCluster();
    const client = t.watchWebSocket(`${PATHS.pools}?watch=true`, ['base64.binary.k8s.io']);
    await client.waitFor(3);
    expect(summary(client).map(([type]) => type)).toEqual(['ADDED', 'ADDED', 'ADDED']);
  });

  it('refuses a bad selector before upgrading or streaming', async () => {
    t = await startTestCluster();
    const res = await t.request(
      'GET',
      `${PATHS.nodes}?watch=true&labelSelector=${encodeURIComponent('a in (b')}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.reason).toBe('BadRequest');
    const ws = t.watchWebSocket(
      `${PATHS.nodes}?watch=true&fieldSelector=${encodeURIComponent('spec.unschedulable=true')}`,
    );
    await ws.ended;
    expect(ws.events).toEqual([]);
  });
});
