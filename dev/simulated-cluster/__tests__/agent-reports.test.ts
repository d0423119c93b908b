/**
 * The simulated agents write what the real agent (src/agent) would write for the same host. The
 * host of a simulated node is rebuilt here as a real host tree, the agent's own inspectNode reads
 * it as the agent in its DaemonSet does (its own mount table, unit cgroups, no host /proc), and
 * buildReport's report must be the one the simulated agent published.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  HEALTH_ANNOTATION,
  parseNodeAnnotations,
  REPORT_ANNOTATION,
  serializeReport,
  type NodeHealthReport,
} from '../../../src/core/health/report';
import {
  createHostTree,
  type HostTreeSpec,
  type StoreImage,
  mountinfoLine,
  mountinfoWith,
  storageConfNaming,
} from '../../../src/agent/__test-support__/hostTree';
import { inspectNode, type StoreProbing } from '../../../src/agent/inspect/inspectNode';
import { inspectStoreTree } from '../../../src/agent/probe/inspectStoreTree';
import { publishableState } from '../../../src/agent/report/buildReport';
import {
  AGENT_HOST_VOLUMES,
  AGENT_VERSION,
  agentAnnotations,
  simulatedHostOf,
  type SimulatedHost,
} from '../agent-reports';
import { createSimulatedCluster } from '../index';
import { NODE_CURRENT_CONFIG } from '../pools';
import { MACHINE_CONFIGS, NODES } from '../resources';

const STARGZ = '/var/lib/stargz-store/store';
const NOW = new Date('2026-03-02T09:00:00Z');

/** The hostPath volumes of the agent's DaemonSet, as its manifest declares them. */
const daemonSetHostPaths = (): string[] => {
  const manifest = parse(
    readFileSync(join(__dirname, '../../../deploy/agent/daemonset.yaml'), 'utf8'),
  ) as { spec: { template: { spec: { volumes: { hostPath?: { path: string } }[] } } } };
  return manifest.spec.template.spec.volumes.flatMap((v) => (v.hostPath ? [v.hostPath.path] : []));
};

describe('the simulated agent host', () => {
  it("sees the host through the DaemonSet's volumes", () => {
    expect(AGENT_HOST_VOLUMES.map((v) => v.mountPoint).sort()).toEqual(daemonSetHostPaths().sort());
  });
});

const hostWith = (layerStores: string[], fuse: string[], units: string[]): SimulatedHost => ({
  files: new Map([['/etc/containers/storage.conf', storageConfNaming(layerStores)]]),
  fuseMounts: fuse.map((path) => ({ path, fs: 'fuse', source: 'x' })),
  runningUnits: new Set(units),
});

const reportOf = (annotations: Record<string, string> | null): NodeHealthReport =>
  JSON.parse(annotations![REPORT_ANNOTATION]) as NodeHealthReport;

/**
 * The simulated agents report each store's socket and daemon as the real agent in its DaemonSet
 * does (src/agent/__tests__/buildReport.test.ts: "nydus-store alone, with no host /proc").
 */
describe('the simulated agent reports', () => {
  const paths = [STARGZ, '/var/lib/nydus-store/store', '/mnt/layers'];

  it('know the socket and the daemon only where the plugin table does', () => {
    const host = hostWith(paths, paths, ['stargz-store.service']);
    const { stores } = reportOf(agentAnnotations('Healthy', host, NOW, 0));
    expect(stores.map((s) => [s.path, s.plugin, s.socket, s.process])).toEqual([
      [STARGZ, 'stargz', true, true],
      ['/var/lib/nydus-store/store', 'nydus', null, null],
      ['/mnt/layers', 'unknown', null, null],
    ]);
  });

  it('report a stopped daemon as such where it can be seen', () => {
    const { stores } = reportOf(agentAnnotations('Healthy', hostWith(paths, [], []), NOW, 0));
    expect(stores.map((s) => [s.mounted, s.socket, s.process])).toEqual([
      [false, false, false],
      [false, null, null],
      [false, null, null],
    ]);
  });
});

/** A gpu node of a seeded simulated cluster: the rendered config its host is made from. */
const gpuRenderedConfig = () => {
  const cluster = createSimulatedCluster({ nodes: 4, pullEvents: 'none' });
  try {
    const gpu = cluster.store
      .list(NODES)
      .find((n) => n.metadata.labels?.['node-role.kubernetes.io/gpu'] !== undefined)!;
    return cluster.store.get(MACHINE_CONFIGS, gpu.metadata.annotations![NODE_CURRENT_CONFIG])!;
  } finally {
    cluster.close();
  }
};

/** What the install guide's MachineConfig and the base configs put on a stargz node. */
const REGISTRIES_CONF = "unqualified-search-registries = ['registry.access.redhat.com']\n";
const AUTH_HELPER_DROP_IN = {
  '99-stargz-store-auth-helper.conf':
    'additional-layer-store-auth-helper = "/usr/local/bin/stargz-store-helper"\n',
};

/**
 * The agent's report for a host tree, the DaemonSet's way: no host /proc, so the mount table is
 * the agent's own (the volumes under HOST_ROOT, and the FUSE mounts propagated into them). Store
 * directories are real; their probe's time cannot be, so it is the simulated one.
 */
const realAgentReport = async (
  spec: HostTreeSpec,
  fuse: boolean,
  simulated: NodeHealthReport,
): Promise<{ health: string; report: NodeHealthReport }> => {
  const tree = await createHostTree({ ...spec, noProc: true });
  const ownMountInfo = `${tree.root}.mountinfo`;
  writeFileSync(
    ownMountInfo,
    mountinfoWith(
      ...daemonSetHostPaths().map((path) => mountinfoLine(`${tree.root}${path}`, 'xfs')),
      ...(fuse ? [mountinfoLine(`${tree.root}${STARGZ}`, 'fuse.rawBridge', 'stargzstore')] : []),
    ),
  );
  const prober: StoreProbing = {
    probe: async (request) => ({
      kind: 'answered',
      inspection: { ...inspectStoreTree(request), latencyMs: simulated.stores[0].latencyMs },
    }),
  };
  try {
    const inspection = await inspectNode({
      hostRoot: tree.root,
      prober,
      maxImagesPerStore: 10,
      ownMountInfoPath: ownMountInfo,
    });
    return publishableState(inspection, {
      at: new Date(simulated.at),
      agentVersion: AGENT_VERSION,
      heartbeatSeconds: simulated.heartbeatSeconds,
    });
  } finally {
    tree.cleanup();
    rmSync(ownMountInfo, { force: true });
  }
};

/** The store's images on disk, their layers adding up to what the simulated census counted. */
const imagesOf = (report: NodeHealthReport): StoreImage[] => {
  const { images, layers } = report.stores[0];
  return images.map((ref, i) => ({
    ref,
    layers: i === 0 ? layers - (images.length - 1) : 1,
  }));
};

describe('a simulated report is the real agent report for the same host', () => {
  const host = simulatedHostOf(gpuRenderedConfig());

  const expectSame = (
    annotations: Record<string, string> | null,
    real: { health: string; report: NodeHealthReport },
  ) => {
    expect(annotations).toEqual({
      [HEALTH_ANNOTATION]: real.health,
      [REPORT_ANNOTATION]: serializeReport(real.report),
    });
    expect(parseNodeAnnotations(annotations, NOW).kind).toBe('ok');
  };

  const STOPPED: Record<string, number[]> = { 'crio.service': [812], 'kubelet.service': [907] };
  const RUNNING: Record<string, number[]> = {
    'crio.service': [812],
    'stargz-store.service': [4242],
  };
  it.each([
    ['Healthy', 'stargz-store serving', 3, AUTH_HELPER_DROP_IN, RUNNING],
    ['Degraded', 'the auth helper drop-in gone', 0, {}, RUNNING],
    [
      'Degraded',
      'a broken registries drop-in',
      1,
      {
        ...AUTH_HELPER_DROP_IN,
        '50-mirrors.conf': '[[registry]\nlocation = "mirror.example.com"\n',
      },
      RUNNING,
    ],
    // stargz-store.service has no cgroup, its mount is gone, its empty directory (from the
    // tmpfiles entry) is left.
    ['Unhealthy', 'stargz-store stopped', 7, AUTH_HELPER_DROP_IN, STOPPED],
  ] as const)('%s: %s', async (state, _, variant, dropIns, units) => {
    const annotations = agentAnnotations(state, host, NOW, variant);
    const simulated = reportOf(annotations);
    const running = 'stargz-store.service' in units;
    const real = await realAgentReport(
      {
        storageConf: storageConfNaming([STARGZ]),
        registriesConf: REGISTRIES_CONF,
        registriesDropIns: dropIns,
        units,
        stores: [
          running ? { path: STARGZ, socket: true, images: imagesOf(simulated) } : { path: STARGZ },
        ],
      },
      running,
      simulated,
    );
    expect(real.health).toBe(state);
    expectSame(annotations, real);
  });
});
