import {
  agentAnnotations,
  mcoAnnotations,
  notConfiguredReport,
  NOW,
  sampleReport,
  unhealthyReport,
} from '../../dashboard/__fixtures__/sampleCluster';
import { createPullSummarizer, nearestRank, pullSideOf, summarizePulls } from '../pullComparison';
import { type CoreEvent, readImageEvent } from '../pullEvents';
import {
  dashboardOf,
  kubeletEvent as other,
  minutesAgo as t,
  poolNode,
  pulledEvent as pulled,
} from '../__fixtures__/pullCluster';

const snapshot = dashboardOf([
  poolNode('gpu-a', 'gpu', agentAnnotations(sampleReport())),
  poolNode('gpu-b', 'gpu', agentAnnotations(sampleReport())),
  // Not rebooted into the configuration yet: it still pulls in full, and says so.
  poolNode('gpu-full', 'gpu', agentAnnotations(notConfiguredReport())),
  // Rebooting: its stores may be changing, so its pulls cannot be placed.
  poolNode(
    'gpu-rebooting',
    'gpu',
    agentAnnotations(sampleReport()),
    mcoAnnotations('Rebooting', 'rendered-gpu-old', 'rendered-gpu-new'),
  ),
  poolNode('worker-a', 'worker', agentAnnotations(notConfiguredReport())),
  poolNode('worker-broken', 'worker', agentAnnotations(unhealthyReport())),
  // No agent, and the worker pool asks for no layer store: it pulls in full.
  poolNode('worker-noagent', 'worker', {}),
]);

describe('pullSideOf', () => {
  it.each([
    ['gpu-a', 'lazy'],
    ['gpu-full', 'full'],
    ['gpu-rebooting', 'unknown'],
    ['worker-a', 'full'],
    ['worker-broken', 'unknown'],
    ['worker-noagent', 'full'],
    ['gone', 'unknown'],
  ])('%s pulls %s', (node, side) => {
    expect(pullSideOf(snapshot.node(node))).toBe(side);
  });
});

describe('nearestRank', () => {
  it.each([
    [[5], 50, 5],
    [[1, 2], 50, 1],
    [[1, 2], 90, 2],
    [[1, 2, 3, 4, 10], 50, 3],
    [[1, 2, 3, 4, 10], 90, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[], 50, null],
  ])('of %j at %d is %j', (values, p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });
});

describe('summarizePulls', () => {
  const events: CoreEvent[] = [
    pulled('gpu-a', 'quay.io/ml/vllm:0.6', '1s', 10_000_000, 170),
    pulled('gpu-a', 'quay.io/ml/vllm:0.6', '2s', 10_000_000),
    pulled('gpu-b', 'quay.io/ml/torch:2.4', '3s', 30_000_000),
    pulled('gpu-b', 'quay.io/ml/torch:2.4', '4s', null),
    pulled('gpu-b', 'quay.io/ml/jax:1', '10s', 5_000_000, 5),
    pulled('gpu-full', 'quay.io/ml/vllm:0.6', '48s', 4_800_000_000),
    pulled('gpu-full', 'quay.io/ml/vllm:0.6', '52s', 4_800_000_000),
    pulled('gpu-rebooting', 'quay.io/ml/vllm:0.6', '30s', 1_000),
    pulled('worker-a', 'nginx:1.25', '1m4.004s', 64_004_000),
    pulled('worker-noagent', 'nginx:1.25', '36s', null),
    pulled('worker-broken', 'nginx:1.25', '9s', null),
    pulled('gone', 'nginx:1.25', '9s', null),
    other('Pulled', 'gpu-a', 'Container image "quay.io/ml/vllm:0.6" already present on machine'),
    other('Failed', 'worker-a', 'Failed to pull image "nginx:nope": manifest unknown'),
    other('BackOff', 'worker-a', 'Back-off pulling image "nginx:nope"'),
    other('Failed', 'worker-a', 'Error: ErrImagePull'),
    other('Pulling', 'worker-a', 'Pulling image "nginx:1.25"'),
    other('Pulled', 'worker-a', 'Successfully pulled image "nginx:1.25" in 12 seconds', 300),
  ];
  const summary = summarizePulls(events.map(readImageEvent), snapshot);

  it('compares each pool lazy against full, with figures worked out by hand', () => {
    const gpu = summary.pools.find((p) => p.pool === 'gpu')!;
    // Lazy: 1, 2, 3, 4, 10 s; nearest rank p50 = 3rd, p90 = 5th.
    expect(gpu.lazy).toEqual({
      pulls: 5,
      images: 3,
      p50Ms: 3000,
      p90Ms: 10000,
      // 10 MB/1 s, 10 MB/2 s, 30 MB/3 s, 5 MB/10 s: 0.5, 5, 10, 10 MB/s.
      withSize: 4,
      p50BytesPerSecond: 5_000_000,
      p90BytesPerSecond: 10_000_000,
    });
    expect(gpu.full).toEqual({
      pulls: 2,
      images: 1,
      p50Ms: 48000,
      p90Ms: 52000,
      withSize: 2,
      p50BytesPerSecond: 4_800_000_000 / 52,
      p90BytesPerSecond: 100_000_000,
    });
    // vllm both ways counts once.
    expect(gpu.images).toBe(3);
    expect(gpu.unknownSide).toBe(1);
    expect(gpu.present).toBe(1);
    expect(summary.sameImage).toEqual([
      {
        image: 'quay.io/ml/vllm:0.6',
        lazy: { pulls: 2, p50Ms: 1000 },
        full: { pulls: 2, p50Ms: 48000 },
      },
    ]);
  });

  it('keeps failures, unknown sides and pulls outside any pool apart', () => {
    const worker = summary.pools.find((p) => p.pool === 'worker')!;
    expect(worker.full).toMatchObject({
      pulls: 2,
      images: 1,
      p50Ms: 36000,
      p90Ms: 64004,
      withSize: 1,
    });
    expect(worker.lazy).toMatchObject({ pulls: 0, p50Ms: null, p50BytesPerSecond: null });
    expect(worker).toMatchObject({ unknownSide: 1, failed: 1, backoff: 1, present: 0 });
    expect(summary.outsidePools).toBe(1);
    // In the dashboard's order of pools (master has no events).
    expect(snapshot.pools.map((p) => p.name)).toEqual(['gpu', 'master', 'worker']);
    expect(summary.pools.map((p) => p.pool)).toEqual(['gpu', 'worker']);
  });

  it('counts what it could not read, and the window the events cover', () => {
    expect(summary.unreadable).toBe(1);
    expect(summary.unreadableExamples[0]).toMatchObject({
      node: 'worker-a',
      message: 'Successfully pulled image "nginx:1.25" in 12 seconds',
    });
    // The foreign `Error: ErrImagePull` is not an image event.
    expect(summary.events).toBe(events.length - 1);
    expect(summary.window).toEqual({ fromMs: NOW - 300 * 60_000, toMs: NOW - 5 * 60_000 });
  });

  it("counts a node's pulls before its last kubelet start apart", () => {
    const started = (node: string, minutesAgo: number): CoreEvent => ({
      reason: 'Starting',
      involvedObject: { kind: 'Node', name: node },
      source: { component: 'kubelet', host: node },
      lastTimestamp: t(minutesAgo),
      message: 'Starting kubelet.',
    });
    const restarted = summarizePulls(
      [
        started('gpu-a', 120),
        started('gpu-a', 60),
        pulled('gpu-a', 'quay.io/ml/vllm:0.6', '2s', null, 90),
        pulled('gpu-a', 'quay.io/ml/vllm:0.6', '3s', null, 60),
        pulled('gpu-a', 'quay.io/ml/vllm:0.6', '4s', null, 30),
        pulled('gpu-b', 'quay.io/ml/vllm:0.6', '5s', null, 90),
      ].map(readImageEvent),
      snapshot,
    );
    expect(restarted.pools[0]).toMatchObject({
      pool: 'gpu',
      unknownSide: 2,
      lazy: { pulls: 2, p50Ms: 4000, p90Ms: 5000 },
    });
  });

  it('has no window and no pools without events', () => {
    expect(summarizePulls([], snapshot)).toEqual({
      pools: [],
      window: null,
      events: 0,
      outsidePools: 0,
      unreadable: 0,
      unreadableExamples: [],
      sameImage: [],
    });
  });
});

describe('createPullSummarizer', () => {
  const facts = [
    pulled('gpu-a', 'quay.io/ml/vllm:0.6', '1s', null),
    pulled('worker-a', 'nginx:1.25', '30s', null),
  ].map(readImageEvent);
  const cluster = (gpuAgent: Record<string, string>) =>
    dashboardOf([
      poolNode('gpu-a', 'gpu', gpuAgent),
      poolNode('worker-a', 'worker', agentAnnotations(notConfiguredReport())),
    ]);

  it('keeps its summary while no node changes pool or side, and sums again when one does', () => {
    const summarize = createPullSummarizer();
    const first = summarize(facts, cluster(agentAnnotations(sampleReport())));
    // A heartbeat: a newer report, the same stores. A new snapshot, the same placements.
    const later = sampleReport({ at: new Date(NOW).toISOString() });
    expect(summarize(facts, cluster(agentAnnotations(later)))).toBe(first);
    expect(summarize([...facts], cluster(agentAnnotations(later)))).not.toBe(first);
    // The gpu node's store is gone: its pull moves to the full side.
    const moved = summarize(facts, cluster(agentAnnotations(notConfiguredReport())));
    expect(moved.pools[0]).toMatchObject({ pool: 'gpu', lazy: { pulls: 0 }, full: { pulls: 1 } });
    expect(moved).toEqual(summarizePulls(facts, cluster(agentAnnotations(notConfiguredReport()))));
  });
});
