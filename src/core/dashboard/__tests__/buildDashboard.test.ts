import { buildDashboard } from '../buildDashboard';
import { parseNodeAnnotations } from '../../health/report';
import {
  agentAnnotations,
  mcoAnnotations,
  notConfiguredReport,
  NOW,
  sampleCluster,
  sampleConfigs,
  sampleNode,
  samplePools,
  sampleReport,
  unhealthyReport,
} from '../__fixtures__/sampleCluster';
import { HEALTH_STATES, ROLLOUT_STATES } from '../types';

describe('the dashboard of a cluster', () => {
  const snapshot = buildDashboard({
    nodes: [
      sampleNode('m0', ['master'], mcoAnnotations('Done', 'rendered-master-new')),
      sampleNode('g1', ['worker', 'gpu'], {
        ...mcoAnnotations('Done', 'rendered-gpu-new'),
        ...agentAnnotations(sampleReport()),
      }),
      sampleNode('g2', ['worker', 'gpu'], {
        ...mcoAnnotations('Rebooting', 'rendered-gpu-old', 'rendered-gpu-new'),
        ...agentAnnotations(unhealthyReport()),
      }),
      sampleNode('w1', ['worker'], {
        ...mcoAnnotations('Done', 'rendered-worker-new'),
        ...agentAnnotations(notConfiguredReport()),
      }),
      sampleNode('e1', ['edge'], {}),
      sampleNode('x1', ['worker', 'gpu', 'infra'], {}),
      { metadata: { labels: {} } },
    ],
    pools: [
      ...samplePools(),
      {
        metadata: { name: 'infra' },
        spec: { nodeSelector: { matchLabels: { 'node-role.kubernetes.io/infra': '' } } },
      },
    ],
    configs: sampleConfigs(),
    now: NOW,
  });

  it('has one entry per named node', () => {
    expect(snapshot.nodes.map((n) => n.name).sort()).toEqual(['e1', 'g1', 'g2', 'm0', 'w1', 'x1']);
  });

  it('counts per pool by health and by rollout', () => {
    const gpu = snapshot.pools.find((p) => p.name === 'gpu');
    expect(gpu?.counts).toMatchObject({ nodes: 2, drifted: 0, withStores: 2, layersServed: 12 });
    expect(gpu?.counts.health).toMatchObject({ Healthy: 1, Unhealthy: 1, Degraded: 0 });
    expect(gpu?.counts.rollout).toMatchObject({ UpToDate: 1, Rebooting: 1 });
    expect(gpu?.expected?.layerStores).toEqual(['/var/lib/stargz-store/store']);
  });

  it('lists every pool by name, empty ones too, then the nodes no pool manages', () => {
    expect(snapshot.pools.map((p) => p.name)).toEqual(['gpu', 'infra', 'master', 'worker', null]);
    expect(snapshot.pools.find((p) => p.name === 'infra')?.counts.nodes).toBe(0);
    expect(snapshot.pools.at(-1)?.counts.nodes).toBe(2);
    expect(snapshot.node('x1')?.placement).toEqual({
      kind: 'conflict',
      pools: ['gpu', 'infra', 'worker'],
    });
  });

  it('adds up to the total', () => {
    const sum = (pick: (c: (typeof snapshot)['total']) => number) =>
      snapshot.pools.reduce((acc, p) => acc + pick(p.counts), 0);
    expect(sum((c) => c.nodes)).toBe(snapshot.total.nodes);
    for (const h of HEALTH_STATES) expect(sum((c) => c.health[h])).toBe(snapshot.total.health[h]);
    for (const r of ROLLOUT_STATES)
      expect(sum((c) => c.rollout[r])).toBe(snapshot.total.rollout[r]);
    expect(snapshot.total.health).toMatchObject({
      Healthy: 1,
      Unhealthy: 1,
      NotConfigured: 1,
      NoReport: 3,
    });
  });

  it('knows layer stores are configured', () => {
    expect(snapshot.layerStoresConfigured).toBe(true);
  });
});

describe('layer stores configured anywhere', () => {
  it.each([
    ['no configuration, no node with stores', [], [notConfiguredReport()], false],
    ['a configuration asks for a store', sampleConfigs(), [notConfiguredReport()], true],
    ['a node reports a store nobody configured', [], [sampleReport()], true],
  ])('%s', (_label, configs, reports, configured) => {
    const snapshot = buildDashboard({
      nodes: reports.map((r, i) => sampleNode(`n${i}`, ['worker'], agentAnnotations(r))),
      pools: samplePools(),
      configs,
      now: NOW,
    });
    expect(snapshot.layerStoresConfigured).toBe(configured);
  });
});

describe('a realistic cluster', () => {
  it('shows every health state and never malformed data as healthy', () => {
    const snapshot = buildDashboard({ ...sampleCluster(200), now: NOW });
    for (const state of HEALTH_STATES) expect(snapshot.total.health[state]).toBeGreaterThan(0);
    const healthy = snapshot.nodes.filter((n) => n.health === 'Healthy');
    expect(
      healthy.every(
        (n) =>
          n.agentAnnotations !== null &&
          parseNodeAnnotations(n.agentAnnotations, NOW).kind === 'ok' &&
          n.unknown === null,
      ),
    ).toBe(true);
  });
});
