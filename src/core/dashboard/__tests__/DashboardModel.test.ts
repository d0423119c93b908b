import fc from 'fast-check';
import * as report from '../../health/report';
import { buildDashboard } from '../buildDashboard';
import { DashboardModel } from '../DashboardModel';
import {
  agentAnnotations,
  degradedReport,
  mcoAnnotations,
  notConfiguredReport,
  NOW,
  sampleConfig,
  sampleConfigs,
  sampleNode,
  samplePool,
  samplePools,
  sampleReport,
  STARGZ_STORE,
  unhealthyReport,
} from '../__fixtures__/sampleCluster';
import type { DashboardNode, DashboardSnapshot } from '../types';

// The real parser, counted: the model must not parse annotations that did not change.
jest.mock('../../health/report', () => {
  const actual = jest.requireActual<typeof report>('../../health/report');
  return { ...actual, parseNodeAnnotations: jest.fn(actual.parseNodeAnnotations) };
});
const parseSpy = report.parseNodeAnnotations as jest.MockedFunction<
  typeof report.parseNodeAnnotations
>;

/** A snapshot as plain data, in a fixed order, to compare two ways of getting it. */
const plain = (s: DashboardSnapshot) => ({
  nodes: [...s.nodes].sort((a, b) => (a.name < b.name ? -1 : 1)),
  pools: s.pools,
  total: s.total,
  layerStoresConfigured: s.layerStoresConfigured,
});

const gpuNode = (name: string, annotations: Record<string, string>) =>
  sampleNode(name, ['worker', 'gpu'], {
    ...mcoAnnotations('Done', 'rendered-gpu-new'),
    ...annotations,
  });

const loaded = (nodes: DashboardNode[]) => {
  const model = new DashboardModel(NOW);
  model.setPools(samplePools(), sampleConfigs());
  model.syncNodes(nodes);
  return model;
};

describe('DashboardModel', () => {
  const a = gpuNode('a', agentAnnotations(sampleReport()));
  const b = gpuNode('b', agentAnnotations(degradedReport()));
  const c = gpuNode('c', agentAnnotations(unhealthyReport()));

  it('changes only the changed node’s entry, keeping the others identical', () => {
    const model = loaded([a, b, c]);
    const before = model.snapshot();
    const b2 = gpuNode('b', agentAnnotations(sampleReport()));
    expect(model.syncNodes([a, b2, c])).toBe(true);
    const after = model.snapshot();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.node('a')).toBe(before.node('a'));
    expect(after.node('c')).toBe(before.node('c'));
    expect(after.node('b')).not.toBe(before.node('b'));
    expect(after.node('b')?.health).toBe('Healthy');
    expect(after.total.health).toMatchObject({ Healthy: 2, Degraded: 0, Unhealthy: 1 });
  });

  it('leaves published snapshots as they were', () => {
    const model = loaded([a, b]);
    const before = model.snapshot();
    const nodes = before.nodes;
    model.syncNodes([a, c]);
    expect(before.nodes).toBe(nodes);
    expect(before.nodes.map((n) => n.name).sort()).toEqual(['a', 'b']);
    expect(before.total.nodes).toBe(2);
    expect(before.node('b')?.health).toBe('Degraded');
    expect(before.pools.find((p) => p.name === 'gpu')?.counts.health.Degraded).toBe(1);
    expect(model.snapshot().node('b')).toBeUndefined();
    expect(model.snapshot().pools.find((p) => p.name === 'gpu')?.counts.health.Degraded).toBe(0);
  });

  it('returns the same snapshot until something changes', () => {
    const model = loaded([a, b]);
    const first = model.snapshot();
    expect(model.syncNodes([a, b])).toBe(false);
    expect(model.snapshot()).toBe(first);
  });

  it('ignores changes the dashboard does not show (a new object, same annotations and labels)', () => {
    const model = loaded([a]);
    const first = model.snapshot();
    const copy: DashboardNode = {
      metadata: { ...a.metadata, annotations: { ...a.metadata?.annotations, unrelated: 'x' } },
    };
    expect(model.upsertNode(copy)).toBe(false);
    expect(model.snapshot()).toBe(first);
  });

  it('does not parse annotations again unless they changed', () => {
    const model = loaded([a]);
    parseSpy.mockClear();
    model.upsertNode({
      metadata: { ...a.metadata, labels: { 'node-role.kubernetes.io/worker': '' } },
    });
    model.setPools([...samplePools(), samplePool('infra')], sampleConfigs());
    expect(parseSpy).not.toHaveBeenCalled();
    expect(model.snapshot().node('a')?.pool).toBe('worker');
    model.upsertNode(gpuNode('a', agentAnnotations(degradedReport())));
    expect(parseSpy).toHaveBeenCalledTimes(1);
  });

  it('ignores pool status churn', () => {
    const model = loaded([a]);
    const first = model.snapshot();
    const pools = samplePools().map((p) => ({
      ...p,
      status: { machineCount: 9, updatedMachineCount: 3 },
    }));
    expect(model.setPools(pools, sampleConfigs())).toBe(false);
    expect(model.snapshot()).toBe(first);
  });

  it('re-judges every node when the configurations change', () => {
    const model = loaded([gpuNode('n', agentAnnotations(notConfiguredReport()))]);
    expect(model.snapshot().node('n')?.drift).toEqual({ missing: [STARGZ_STORE], extra: [] });
    model.setPools(samplePools(), [sampleConfig('other', 'master', [STARGZ_STORE])]);
    expect(model.snapshot().node('n')?.drift).toEqual({ missing: [], extra: [] });
  });

  it('deletes nodes, from the middle too', () => {
    const model = loaded([a, b, c]);
    expect(model.deleteNode('a')).toBe(true);
    expect(model.deleteNode('a')).toBe(false);
    expect(model.size).toBe(2);
    const snapshot = model.snapshot();
    expect(snapshot.nodes.map((n) => n.name).sort()).toEqual(['b', 'c']);
    expect(snapshot.node('c')?.health).toBe('Unhealthy');
    model.upsertNode(gpuNode('c', agentAnnotations(sampleReport())));
    expect(model.snapshot().node('c')?.health).toBe('Healthy');
  });

  it('keeps the published counts and pool list when a heartbeat changes no count', () => {
    const model = loaded([a, b, c]);
    const before = model.snapshot();
    const pools = before.pools;
    const at = new Date(NOW - 1000).toISOString();
    model.syncNodes([gpuNode('a', agentAnnotations(sampleReport({ at }))), b, c]);
    const after = model.snapshot();
    expect(after.node('a')).not.toBe(before.node('a'));
    expect(after.node('a')?.checkedAtMs).toBe(NOW - 1000);
    expect(after.total).toBe(before.total);
    expect(after.pools).toBe(pools);
    // A change of health makes new counts, right ones.
    model.syncNodes([gpuNode('a', agentAnnotations(unhealthyReport())), b, c]);
    const changed = model.snapshot();
    expect(changed.total).not.toBe(before.total);
    expect(changed.total.health).toMatchObject({ Healthy: 0, Degraded: 1, Unhealthy: 2 });
    expect(changed.pools).not.toBe(pools);
    expect(changed.pools.find((p) => p.name === 'gpu')?.counts.health.Unhealthy).toBe(2);
  });

  it('publishes nothing new for a clock tick that makes no report stale', () => {
    const model = loaded([a, b, c]);
    const before = model.snapshot();
    expect(model.setNow(NOW + 30_000)).toBe(false);
    expect(model.snapshot()).toBe(before);
  });

  it('turns reports stale as time passes, and back when a fresh one comes', () => {
    const model = loaded([a]);
    const at = Date.parse(
      JSON.parse(a.metadata?.annotations?.[report.REPORT_ANNOTATION] ?? '{}').at as string,
    );
    model.setNow(at + 1_800_000);
    expect(model.snapshot().node('a')?.health).toBe('Healthy');
    model.setNow(at + 1_800_001);
    expect(model.snapshot().node('a')?.health).toBe('Stale');
    expect(model.snapshot().total.health.Stale).toBe(1);
    const fresh = gpuNode(
      'a',
      agentAnnotations(sampleReport({ at: new Date(at + 1_800_000).toISOString() })),
    );
    model.upsertNode(fresh);
    expect(model.snapshot().node('a')?.health).toBe('Healthy');
  });

  it('reads a report from the future again once its time has come', () => {
    const ahead = gpuNode(
      'f',
      agentAnnotations(sampleReport({ at: new Date(NOW + 3600_000).toISOString() })),
    );
    const model = loaded([ahead]);
    expect(model.snapshot().node('f')?.unknown?.problem).toBe('future-time');
    model.setNow(NOW + 3600_000);
    expect(model.snapshot().node('f')?.health).toBe('Healthy');
  });

  it('ignores nameless nodes', () => {
    const model = loaded([{ metadata: {} }, {}]);
    expect(model.size).toBe(0);
  });

  it('takes the last of two nodes with one name', () => {
    const model = loaded([a, gpuNode('a', agentAnnotations(unhealthyReport()))]);
    expect(model.size).toBe(1);
    expect(model.snapshot().node('a')?.health).toBe('Unhealthy');
    expect(model.snapshot().total.nodes).toBe(1);
  });
});

// ------------------------------------------------------------------------------------------
// Property: whatever the order of changes, the model equals a recompute from the final inputs.

const REPORTS = [
  () => agentAnnotations(sampleReport()),
  () => agentAnnotations(degradedReport()),
  () => agentAnnotations(unhealthyReport()),
  () => agentAnnotations(notConfiguredReport()),
  () => agentAnnotations(sampleReport({ at: new Date(NOW - 20 * 60_000).toISOString() })),
  () => agentAnnotations(sampleReport({ at: new Date(NOW + 4 * 60_000).toISOString() })),
  () => ({ [report.HEALTH_ANNOTATION]: 'Healthy', [report.REPORT_ANNOTATION]: '{' }),
  () => ({}),
];
const MCO = [
  mcoAnnotations('Done', 'rendered-gpu-new'),
  mcoAnnotations('Done', 'rendered-worker-old'),
  mcoAnnotations('Working', 'a', 'b'),
  mcoAnnotations('Rebooting', 'a', 'b'),
  mcoAnnotations('Degraded', 'a', 'b', 'x'),
  {},
];
const ROLES = [['worker'], ['worker', 'gpu'], ['master'], ['edge'], ['worker', 'gpu', 'infra']];
const CONFIG_SETS = [
  [],
  sampleConfigs(),
  [sampleConfig('w', 'worker', ['/var/lib/nydus-store/store'])],
  [...sampleConfigs(), sampleConfig('w', 'worker', [STARGZ_STORE])],
];
const POOL_SETS = [samplePools(), [...samplePools(), samplePool('infra')], [samplePool('worker')]];

const nodeArb = fc
  .record({
    name: fc.constantFrom('n0', 'n1', 'n2', 'n3', 'n4', 'n5'),
    report: fc.nat(REPORTS.length - 1),
    mco: fc.nat(MCO.length - 1),
    roles: fc.nat(ROLES.length - 1),
  })
  .map(({ name, report: r, mco, roles }) =>
    sampleNode(name, ROLES[roles], { ...MCO[mco], ...REPORTS[r]() }),
  );

type Op =
  | { op: 'upsert'; node: DashboardNode }
  | { op: 'delete'; name: string }
  | { op: 'sync'; nodes: DashboardNode[] }
  | { op: 'pools'; pools: number; configs: number }
  | { op: 'time'; advance: number }
  | { op: 'snapshot' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: nodeArb.map((node) => ({ op: 'upsert' as const, node })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('n0', 'n1', 'n2', 'n9')
      .map((name) => ({ op: 'delete' as const, name })),
  },
  {
    weight: 1,
    arbitrary: fc.array(nodeArb, { maxLength: 6 }).map((nodes) => ({ op: 'sync' as const, nodes })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ pools: fc.nat(POOL_SETS.length - 1), configs: fc.nat(CONFIG_SETS.length - 1) })
      .map((p) => ({ op: 'pools' as const, ...p })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 40 * 60_000 })
      .map((advance) => ({ op: 'time' as const, advance })),
  },
  { weight: 2, arbitrary: fc.constant({ op: 'snapshot' as const }) },
);

describe('incremental updates', () => {
  it('equal a full recompute of the final inputs', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const model = new DashboardModel(NOW);
        let now = NOW;
        let pools = POOL_SETS[0];
        let configs = CONFIG_SETS[0];
        model.setPools(pools, configs);
        const nodes = new Map<string, DashboardNode>();
        const published: [DashboardSnapshot, ReturnType<typeof plain>][] = [];
        for (const op of ops) {
          switch (op.op) {
            case 'upsert':
              model.upsertNode(op.node);
              nodes.set(op.node.metadata?.name as string, op.node);
              break;
            case 'delete':
              model.deleteNode(op.name);
              nodes.delete(op.name);
              break;
            case 'sync':
              model.syncNodes(op.nodes);
              nodes.clear();
              for (const n of op.nodes) nodes.set(n.metadata?.name as string, n);
              break;
            case 'pools':
              pools = POOL_SETS[op.pools];
              configs = CONFIG_SETS[op.configs];
              model.setPools(pools, configs);
              break;
            case 'time':
              now += op.advance;
              model.setNow(now);
              break;
            case 'snapshot': {
              const s = model.snapshot();
              published.push([s, structuredClone(plain(s))]);
              break;
            }
          }
        }
        const expected = buildDashboard({ nodes: [...nodes.values()], pools, configs, now });
        expect(plain(model.snapshot())).toEqual(plain(expected));
        // Snapshots handed out earlier did not change under later updates.
        for (const [snapshot, copy] of published) expect(plain(snapshot)).toEqual(copy);
      }),
      { numRuns: 300 },
    );
  });
});
