import { buildDashboard } from '../../../src/core/dashboard/buildDashboard';
import type { ContainerRuntimeConfig } from '../../../src/core/model/types';
import { parseGoDuration } from '../../../src/core/pulls/goDuration';
import { summarizePulls } from '../../../src/core/pulls/pullComparison';
import { type CoreEvent, readImageEvent } from '../../../src/core/pulls/pullEvents';
import { formatGoDuration } from '../pull-events';
import { CONTAINER_RUNTIME_CONFIGS, EVENTS, MACHINE_CONFIG_POOLS, NODES } from '../resources';
import {
  ctrcfg,
  PATHS,
  startTestCluster,
  STARGZ,
  type TestCluster,
} from '../__test-support__/harness';

const EVENTS_PATH = '/api/kubernetes/api/v1/events';
const selected = (selector: string) =>
  `${EVENTS_PATH}?fieldSelector=${encodeURIComponent(selector)}`;

let t: TestCluster;
afterEach(async () => {
  // The formatting tests start no cluster.

  await t?.close();
});

describe('formatGoDuration', () => {
  // Go's Duration.String() for these values, as Go prints them.
  it.each([
    [0, '0s'],
    [523, '523ms'],
    [1000, '1s'],
    [1018, '1.018s'],
    [1500, '1.5s'],
    [60_000, '1m0s'],
    [64_004, '1m4.004s'],
    [3_600_000, '1h0m0s'],
    [3_723_500, '1h2m3.5s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
    expect(parseGoDuration(text)).toBe(ms);
  });
});

describe('the API server selects events as the real one does', () => {
  beforeEach(async () => {
    t = await startTestCluster({ nodes: 40 });
  });

  it('lists only the events a field selector names', async () => {
    const all = (await t.request('GET', EVENTS_PATH)).body.items as readonly CoreEvent[];
    expect(new Set(all.map((e) => e.reason))).toEqual(
      new Set(['Pulling', 'Pulled', 'Failed', 'BackOff']),
    );
    const pulled = await t.request('GET', selected('reason=Pulled'));
    expect(pulled.status).toBe(200);
    expect(pulled.body.kind).toBe('EventList');
    expect(pulled.body.items.length).toBe(all.filter((e) => e.reason === 'Pulled').length);
    expect(pulled.body.items.every((e: CoreEvent) => e.reason === 'Pulled')).toBe(true);
    // `source` and `involvedObject.kind` narrow further: the pre-puller's events go.
    const kubelet = await t.request(
      'GET',
      selected('reason=Pulled,source=kubelet,involvedObject.kind=Pod'),
    );
    const prepuller = all.filter((e) => e.source?.component === 'image-prefetcher');
    expect(prepuller.length).toBeGreaterThan(0);
    expect(kubelet.body.items.length).toBe(pulled.body.items.length - prepuller.length);
    const notPulled = await t.request('GET', selected('reason!=Pulled'));
    expect(notPulled.body.items.length).toBe(all.length - pulled.body.items.length);
  });

  it.each([
    ['message=x', 'field label not supported: message'],
    [
      'reason in (Pulled,Failed)',
      "invalid selector: 'reason in (Pulled,Failed)'; can't understand 'reason in (Pulled'",
    ],
    ['source.host=a', 'field label not supported: source.host'],
  ])('refuses %s with a 400', async (selector, message) => {
    const res = await t.request('GET', selected(selector));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', message });
  });

  it('still refuses event fields on other types', async () => {
    const res = await t.request('GET', `${PATHS.nodes}?fieldSelector=reason%3DPulled`);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('field label not supported: reason');
  });

  it('serves events as a namespaced, read-here-only type', async () => {
    const core = await t.request('GET', '/api/kubernetes/api/v1');
    expect(core.body.resources.find((r: { name: string }) => r.name === 'events')).toMatchObject({
      kind: 'Event',
      namespaced: true,
    });
    const post = await t.request('POST', EVENTS_PATH, { body: { metadata: { name: 'x' } } });
    expect(post.status).toBe(405);
  });

  it('watches with a field selector: only new pulls, not their Pulling', async () => {
    const list = await t.request('GET', selected('reason=Pulled'));
    const client = t.watchHttp(
      `${selected('reason=Pulled')}&watch=true&resourceVersion=${list.body.metadata.resourceVersion}`,
    );
    await client.opened;
    t.scheduler.advance(20_000);
    const [event] = await client.waitFor(1);
    expect(event.type).toBe('ADDED');
    expect(event.object.reason).toBe('Pulled');
    expect(readImageEvent(event.object as CoreEvent).kind).toBe('pulled');
    client.close();
  });

  it('expires events after three hours', async () => {
    const seeded = new Set(t.cluster.store.list(EVENTS).map((e) => e.metadata.name));
    t.scheduler.advance(3 * 3600_000 + 60_000);
    const left = t.cluster.store.list(EVENTS) as readonly CoreEvent[];
    expect(left.filter((e) => seeded.has(e.metadata!.name!))).toEqual([]);
    // A pull every 20 s since: Pulling and Pulled each, less the first minute's, expired.
    expect(left.length).toBeGreaterThan(2 * 500);
    const oldest = Math.min(...left.map((e) => Date.parse(e.lastTimestamp!)));
    expect(oldest).toBeGreaterThanOrEqual(t.scheduler.now().getTime() - 3 * 3600_000 - 60_000);
  });
});

describe('the pulls it simulates, read by the core', () => {
  it('are readable, lazy ones fast, full ones slow, with the planted oddities unreadable or foreign', async () => {
    t = await startTestCluster({ nodes: 200 });
    const { store } = t.cluster;
    const events = store.list(EVENTS) as readonly CoreEvent[];
    const facts = events.map(readImageEvent);
    const kinds = new Map<string, number>();
    for (const f of facts) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    expect(kinds.get('pulled')).toBeGreaterThan(200);
    expect(kinds.get('present')).toBeGreaterThan(10);
    expect(kinds.get('failed')).toBeGreaterThan(0);
    expect(kinds.get('backoff')).toBeGreaterThan(0);
    expect(kinds.get('foreign')).toBeGreaterThan(0);
    const unreadable = facts.filter((f) => f.kind === 'unreadable');
    expect(unreadable.length).toBeGreaterThan(0);
    expect(unreadable.length).toBeLessThan(facts.length * 0.02);

    const snapshot = buildDashboard({
      nodes: store.list(NODES),
      pools: store.list(MACHINE_CONFIG_POOLS),
      configs: store.list(CONTAINER_RUNTIME_CONFIGS) as unknown as ContainerRuntimeConfig[],
      now: t.scheduler.now().getTime(),
    });
    const summary = summarizePulls(facts, snapshot);
    const gpu = summary.pools.find((p) => p.pool === 'gpu')!;
    const worker = summary.pools.find((p) => p.pool === 'worker')!;
    expect(gpu.lazy.pulls).toBeGreaterThan(20);
    expect(gpu.lazy.p90Ms).toBeLessThanOrEqual(3500);
    expect(worker.full.pulls).toBeGreaterThan(50);
    expect(worker.lazy.pulls).toBe(0);
    expect(worker.full.p50Ms!).toBeGreaterThan(gpu.lazy.p50Ms!);
    expect(summary.sameImage.length).toBeGreaterThan(0);
    for (const same of summary.sameImage) expect(same.full.p50Ms).toBeGreaterThan(same.lazy.p50Ms);
    expect(summary.window!.toMs - summary.window!.fromMs).toBeGreaterThan(2.5 * 3600_000);
  });

  it('says `Starting kubelet.` on each node the MCO reboots', async () => {
    t = await startTestCluster({ nodes: 6 });
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('lazy-pull-worker', 'worker', STARGZ) });
    t.cluster.mco.settle();
    const starts = (t.cluster.store.list(EVENTS) as readonly CoreEvent[]).filter(
      (e) => e.reason === 'Starting',
    );
    const workers = t.cluster.store
      .list(NODES)
      .filter((n) => !('node-role.kubernetes.io/gpu' in (n.metadata.labels ?? {})))
      .filter((n) => 'node-role.kubernetes.io/worker' in (n.metadata.labels ?? {}));
    expect(starts.map((e) => e.involvedObject?.name).sort()).toEqual(
      workers.map((n) => n.metadata.name).sort(),
    );
    expect(starts.every((e) => readImageEvent(e).kind === 'started')).toBe(true);
  });

  it('answers 403 to every request for events when the roles leave them out', async () => {
    t = await startTestCluster({ nodes: 6, pullEvents: 'forbidden' });
    const res = await t.request('GET', selected('reason=Pulled'));
    expect(res.status).toBe(403);
    expect(res.body.message).toBe(
      'events is forbidden: User "dev-admin" cannot list resource "events" in API group "" at the cluster scope',
    );
  });
});
