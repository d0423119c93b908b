/**
 * Whether a pool's nodes have a store mounted, read from reports that the agent's own code
 * writes for real host trees (mount tables as the kernel writes them), so that the reader and
 * the writer are checked against each other, not against a report made up to suit the reader.
 */
import {
  decideHealth,
  HEALTH_ANNOTATION,
  REPORT_ANNOTATION,
  serializeReport,
  type NodeHealthReport,
} from '../../health/report';
import { inspectNode } from '../../../agent/inspect/inspectNode';
import { inspectStoreTree } from '../../../agent/probe/inspectStoreTree';
import { buildReport } from '../../../agent/report/buildReport';
import {
  createHostTree,
  healthyNodeSpec,
  mountinfoLine,
  mountinfoWith,
  STARGZ_STORE,
  type HostTreeSpec,
} from '../../../agent/__test-support__/hostTree';
import type { PlacementPool } from '../../dashboard/placement';
import { allMounted, mountPointOf, storeReadiness } from '../storeReadiness';

const AT = new Date('2026-03-01T12:00:00Z');
const NOW = AT.getTime() + 60_000;

/** What the agent publishes for a host tree. */
const agentReportFor = async (spec: HostTreeSpec): Promise<NodeHealthReport> => {
  const tree = await createHostTree(spec);
  try {
    const inspection = await inspectNode({
      hostRoot: tree.root,
      prober: { probe: async (r) => ({ kind: 'answered', inspection: inspectStoreTree(r) }) },
      maxImagesPerStore: 10,
      ownMountInfoPath: '/nonexistent/mountinfo',
    });
    return buildReport(inspection, { at: AT, agentVersion: '0.1.0', heartbeatSeconds: 600 });
  } finally {
    tree.cleanup();
  }
};

const annotationsOf = (report: NodeHealthReport) => ({
  [HEALTH_ANNOTATION]: decideHealth(report),
  [REPORT_ANNOTATION]: serializeReport(report),
});

const POOLS: PlacementPool[] = [
  { name: 'master', nodeSelector: { matchLabels: { 'node-role.kubernetes.io/master': '' } } },
  { name: 'worker', nodeSelector: { matchLabels: { 'node-role.kubernetes.io/worker': '' } } },
  { name: 'infra', nodeSelector: { matchLabels: { 'node-role.kubernetes.io/infra': '' } } },
];

const node = (name: string, roles: string[], annotations?: Record<string, string>) => ({
  metadata: {
    name,
    labels: Object.fromEntries(roles.map((r) => [`node-role.kubernetes.io/${r}`, ''])),
    annotations,
  },
});

/** A node whose storage.conf names no store yet. */
const unconfigured = (mountinfo: string): HostTreeSpec => ({
  ...healthyNodeSpec(),
  storageConf: '[storage]\n  driver = "overlay"\n',
  mountinfo,
});

describe('storeReadiness', () => {
  it('tells, before the store is configured, which nodes have it mounted', async () => {
    const withStore = await agentReportFor(
      unconfigured(mountinfoWith(mountinfoLine(STARGZ_STORE, 'fuse.rawBridge', 'stargzstore'))),
    );
    const withoutStore = await agentReportFor(unconfigured(mountinfoWith()));
    expect(withStore.stores).toEqual([]);

    const readiness = storeReadiness({
      pool: 'infra',
      pools: POOLS,
      nodes: [
        node('infra-b', ['worker', 'infra'], annotationsOf(withoutStore)),
        node('infra-a', ['worker', 'infra'], annotationsOf(withStore)),
        node('worker-a', ['worker'], annotationsOf(withoutStore)),
        node('infra-c', ['worker', 'infra']),
      ],
      paths: [STARGZ_STORE],
      nowMs: NOW,
    });
    expect(readiness).toEqual({
      nodes: 3,
      stores: [
        {
          path: STARGZ_STORE,
          notMounted: ['infra-b'],
          unknown: [{ node: 'infra-c', reason: 'no-report' }],
        },
      ],
    });
    expect(allMounted(readiness)).toBe(false);
  });

  it('reads a configured store from stores[], mounted or not', async () => {
    const healthy = await agentReportFor(healthyNodeSpec());
    const notMounted = await agentReportFor({ ...healthyNodeSpec(), mountinfo: mountinfoWith() });
    expect(notMounted.stores[0].mounted).toBe(false);
    const readiness = storeReadiness({
      pool: 'worker',
      pools: POOLS,
      nodes: [
        node('worker-a', ['worker'], annotationsOf(healthy)),
        node('worker-b', ['worker'], annotationsOf(notMounted)),
      ],
      // As a user may write it: the same directory as the mount table's.
      paths: [`${STARGZ_STORE}/`],
      nowMs: NOW,
    });
    expect(readiness.stores[0]).toMatchObject({ notMounted: ['worker-b'], unknown: [] });
  });

  it('does not guess where the reports cannot tell', async () => {
    const fresh = await agentReportFor(unconfigured(mountinfoWith()));
    const older = { ...fresh };
    delete older.fuseMounts;
    delete older.fuseMountsOmitted;
    const cutShort = { ...fresh, fuseMountsOmitted: 2 };
    const stale = { ...fresh, at: new Date(NOW - 31 * 60_000).toISOString() };
    const readiness = storeReadiness({
      pool: 'worker',
      pools: POOLS,
      nodes: [
        node('a-older-agent', ['worker'], annotationsOf(older)),
        node('b-cut-short', ['worker'], annotationsOf(cutShort)),
        node('c-stale', ['worker'], annotationsOf(stale)),
        node('d-bad-json', ['worker'], {
          [HEALTH_ANNOTATION]: 'Healthy',
          [REPORT_ANNOTATION]: '{"v":1,',
        }),
        node('e-no-agent', ['worker']),
      ],
      paths: [STARGZ_STORE],
      nowMs: NOW,
    });
    expect(readiness.stores[0]).toEqual({
      path: STARGZ_STORE,
      notMounted: [],
      unknown: [
        { node: 'a-older-agent', reason: 'no-mount-list' },
        { node: 'b-cut-short', reason: 'list-cut-short' },
        { node: 'c-stale', reason: 'stale' },
        { node: 'd-bad-json', reason: 'unreadable' },
        { node: 'e-no-agent', reason: 'no-report' },
      ],
    });
  });

  it('places nodes as the MCO does: a custom pool wins over worker, master over both', () => {
    const readiness = storeReadiness({
      pool: 'worker',
      pools: POOLS,
      nodes: [
        node('w', ['worker']),
        node('i', ['worker', 'infra']),
        node('m', ['master', 'worker']),
      ],
      paths: [STARGZ_STORE],
      nowMs: NOW,
    });
    expect(readiness.nodes).toBe(1);
    expect(readiness.stores[0].unknown.map((u) => u.node)).toEqual(['w']);
  });

  it('is ready when the pool has no nodes, or the configuration names no store', () => {
    expect(
      allMounted(
        storeReadiness({
          pool: 'infra',
          pools: POOLS,
          nodes: [],
          paths: [STARGZ_STORE],
          nowMs: NOW,
        }),
      ),
    ).toBe(true);
    expect(
      allMounted(
        storeReadiness({
          pool: 'worker',
          pools: POOLS,
          nodes: [node('w', ['worker'])],
          paths: [],
          nowMs: NOW,
        }),
      ),
    ).toBe(true);
  });
});

describe('mountPointOf', () => {
  it.each([
    ['/var/lib/stargz-store/store', '/var/lib/stargz-store/store'],
    ['/var/lib/stargz-store/store/', '/var/lib/stargz-store/store'],
    ['/var/lib//stargz-store/./store', '/var/lib/stargz-store/store'],
    ['/var/lib/x/../stargz-store/store', '/var/lib/stargz-store/store'],
    ['/', '/'],
  ])('%s is the mount point %s', (path, expected) => {
    expect(mountPointOf(path)).toBe(expected);
  });
});
