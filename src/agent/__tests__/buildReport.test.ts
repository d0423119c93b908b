/**
 * The whole node check on host-tree fixtures: inspectNode (with the store probe run in-process)
 * and buildReport, one scenario per row.
 */
import { chmodSync } from 'node:fs';
import {
  decideHealth,
  HEALTH_ANNOTATION,
  type HealthCheck,
  type LazyPullHealth,
  type NodeHealthReport,
  parseNodeAnnotations,
  REPORT_ANNOTATION,
  REPORT_MAX_BYTES,
  serializeReport,
} from '../../core/health/report';
import { utf8ByteLength } from '../../core/health/utf8ByteLength';
import { inspectNode, type NodeInspection, type StoreProbing } from '../inspect/inspectNode';
import { inspectStoreTree, type StoreTreeInspection } from '../probe/inspectStoreTree';
import type { StoreProbeOutcome } from '../probe/storeProber';
import { buildReport, publishableState } from '../report/buildReport';
import {
  createHostTree,
  healthyNodeSpec,
  type HostTreeSpec,
  mountinfoLine,
  mountinfoWith,
  STARGZ_STORE,
  storageConfNaming,
} from '../__test-support__/hostTree';

const AT = new Date('2026-03-01T12:00:00Z');
const CONTEXT = { at: AT, agentVersion: '0.1.0', heartbeatSeconds: 600 };

const inProcessProber: StoreProbing = {
  probe: async (request) => ({ kind: 'answered', inspection: inspectStoreTree(request) }),
};

/** The test's own mount table must not stand in for a fixture's missing one. */
const NO_OWN_MOUNTINFO = '/nonexistent/mountinfo';

type HostTree = Awaited<ReturnType<typeof createHostTree>>;

/** Inspects a host tree (which a test may have changed after creating it), then removes it. */
const inspectCreatedTree = async (
  tree: HostTree,
  prober: StoreProbing = inProcessProber,
): Promise<NodeInspection> => {
  try {
    return await inspectNode({
      hostRoot: tree.root,
      prober,
      maxImagesPerStore: 10,
      ownMountInfoPath: NO_OWN_MOUNTINFO,
    });
  } finally {
    tree.cleanup();
  }
};

const inspectTree = async (
  spec: HostTreeSpec,
  prober: StoreProbing = inProcessProber,
): Promise<NodeInspection> => inspectCreatedTree(await createHostTree(spec), prober);

const check = (report: NodeHealthReport, id: string, store?: number): HealthCheck | undefined =>
  report.checks.find((c) => c.id === id && c.store === store);

const statusesOf = (report: NodeHealthReport) =>
  Object.fromEntries(
    report.checks.map((c) => [c.store === undefined ? c.id : `${c.id}[${c.store}]`, c.status]),
  );

describe('a healthy stargz node', () => {
  it('produces the full report', async () => {
    const report = buildReport(await inspectTree(healthyNodeSpec()), CONTEXT);
    expect(report).toEqual({
      v: 1,
      at: '2026-03-01T12:00:00.000Z',
      agentVersion: '0.1.0',
      heartbeatSeconds: 600,
      storageConf: { layerStores: [{ path: STARGZ_STORE, ref: true }], imageStores: [] },
      stores: [
        {
          path: STARGZ_STORE,
          plugin: 'stargz',
          mounted: true,
          fs: 'fuse.rawBridge',
          responsive: true,
          latencyMs: expect.any(Number),
          layers: 5,
          images: ['ghcr.io/stargz-containers/python:3.7-esgz', 'quay.io/example/vllm:0.6-estargz'],
          imagesOmitted: 0,
          socket: true,
          process: true,
        },
      ],
      checks: [
        {
          id: 'storage-conf',
          status: 'pass',
          message: '/etc/containers/storage.conf names 1 additional layer store.',
        },
        {
          id: 'auth-helper',
          status: 'pass',
          message:
            'additional-layer-store-auth-helper is "stargz-store-helper" (set in /etc/containers/registries.conf).',
        },
        {
          id: 'mounted',
          status: 'pass',
          store: 0,
          message: `${STARGZ_STORE} is mounted (fuse.rawBridge, source stargzstore).`,
        },
        {
          id: 'fs-type',
          status: 'pass',
          store: 0,
          message: `${STARGZ_STORE} is a fuse.rawBridge mount with source stargzstore, as stargz-store mounts it.`,
        },
        {
          id: 'responsive',
          status: 'pass',
          store: 0,
          message: expect.stringMatching(
            /^Listing \/var\/lib\/stargz-store\/store answered in [\d.]+ ms; it serves 5 layers\.$/,
          ),
        },
        {
          id: 'socket',
          status: 'pass',
          store: 0,
          message: "stargz-store's control socket /var/lib/stargz-store/store.sock exists.",
        },
        {
          id: 'process',
          status: 'pass',
          store: 0,
          message: 'A stargz-store process runs on the host.',
        },
      ],
      fuseMounts: [{ path: STARGZ_STORE, fs: 'fuse.rawBridge', source: 'stargzstore' }],
      fuseMountsOmitted: 0,
    });
    expect(decideHealth(report)).toBe('Healthy');
  });
});

type Scenario = [string, HostTreeSpec, LazyPullHealth, Record<string, string>, RegExp | undefined];

const healthy = healthyNodeSpec();
const scenarios: Scenario[] = [
  [
    'no storage.conf',
    { ...healthy, storageConf: undefined },
    'NotConfigured',
    { 'storage-conf': 'warn' },
    /does not exist/,
  ],
  [
    'no layer stores',
    { ...healthy, storageConf: storageConfNaming([], ['/mnt/images']) },
    'NotConfigured',
    { 'storage-conf': 'pass' },
    /names no additional layer store/,
  ],
  [
    'garbage storage.conf',
    { ...healthy, storageConf: '[storage\ndriver = ' },
    'Unhealthy',
    { 'storage-conf': 'fail' },
    /is broken, and CRI-O's storage may not start: storage\.conf is not valid TOML/,
  ],
  [
    'a relative store path',
    { ...healthy, storageConf: '[storage.options]\nadditionallayerstores = ["store:ref"]\n' },
    'Unhealthy',
    { 'storage-conf': 'fail', 'mounted[0]': 'fail', 'responsive[0]': 'fail' },
    /not an absolute path/,
  ],
  [
    'the store not mounted',
    { ...healthy, mountinfo: mountinfoWith() },
    'Unhealthy',
    { 'mounted[0]': 'fail', 'responsive[0]': 'pass' },
    /is not a mount point: the storage plugin is not running/,
  ],
  [
    'the plugin root configured instead of the mount point',
    { ...healthy, storageConf: storageConfNaming(['/var/lib/stargz-store']) },
    'Unhealthy',
    { 'mounted[0]': 'fail', 'mount-point[0]': 'fail' },
    /\/var\/lib\/stargz-store looks like the plugin's root directory, not its FUSE mount point: the store path should be \/var\/lib\/stargz-store\/store\./,
  ],
  [
    'the plugin root, with nothing mounted yet',
    {
      ...healthy,
      storageConf: storageConfNaming(['/var/lib/stargz-store']),
      mountinfo: mountinfoWith(),
    },
    'Unhealthy',
    { 'mount-point[0]': 'fail' },
    /should be \/var\/lib\/stargz-store\/store\./,
  ],
  [
    'another filesystem over the store',
    { ...healthy, mountinfo: mountinfoWith(mountinfoLine(STARGZ_STORE, 'xfs', '/dev/sdb1')) },
    'Degraded',
    { 'fs-type[0]': 'warn' },
    /is a xfs mount, not a FUSE store \(fuse\.rawBridge with source stargzstore\): it serves nothing lazily/,
  ],
  [
    'another FUSE filesystem over the store',
    {
      ...healthy,
      mountinfo: mountinfoWith(mountinfoLine(STARGZ_STORE, 'fuse.sshfs', 'me@host:/x')),
    },
    'Degraded',
    { 'fs-type[0]': 'warn' },
    /fuse\.sshfs mount with source me@host:\/x, not fuse\.rawBridge with source stargzstore/,
  ],
  [
    'a FUSE mount of another type with the source stargzstore',
    {
      ...healthy,
      mountinfo: mountinfoWith(mountinfoLine(STARGZ_STORE, 'fuse', 'stargzstore')),
    },
    'Healthy',
    { 'fs-type[0]': 'pass' },
    /is a fuse mount with source stargzstore, as stargz-store mounts it/,
  ],
  [
    // A guess at stargz-store's type that no real daemon makes (../shared/lab/README.md).
    'a fuse.stargzstore mount with another source',
    {
      ...healthy,
      mountinfo: mountinfoWith(mountinfoLine(STARGZ_STORE, 'fuse.stargzstore', 'other')),
    },
    'Degraded',
    { 'fs-type[0]': 'warn' },
    /not fuse\.rawBridge with source stargzstore: another FUSE filesystem/,
  ],
  [
    // Daemons before v0.16 open no control socket: information, not a fault.
    'no control socket',
    { ...healthy, stores: [{ ...healthy.stores![0], socket: false }] },
    'Healthy',
    { 'socket[0]': 'pass' },
    /There is no control socket at \/var\/lib\/stargz-store\/store\.sock\. Daemons before v0\.16 open none; from v0\.16 on stargz-store listens there unless its --addr names another path\./,
  ],
  [
    'no plugin process',
    { ...healthy, processes: ['crio', 'kubelet'] },
    'Unhealthy',
    { 'process[0]': 'fail' },
    /No stargz-store process runs on the host: nothing serves \/var\/lib\/stargz-store\/store, so CRI-O pulls every image in full, or fails to start containers while a dead mount is left there\. Start stargz-store\.service\./,
  ],
  [
    // A killed daemon is a zombie until reaped, and its comm is still stargz-store.
    'only a zombie of the plugin process',
    { ...healthy, processes: ['crio'], zombies: ['stargz-store'] },
    'Unhealthy',
    { 'process[0]': 'fail' },
    /No stargz-store process runs on the host/,
  ],
  [
    'the plugin unit running, seen through its cgroup (no host /proc, as in the DaemonSet)',
    { ...healthy, noProc: true, units: { 'stargz-store.service': [0, 0] } },
    'Healthy',
    { 'process[0]': 'pass' },
    /The unit stargz-store\.service runs 2 processes\./,
  ],
  [
    'the plugin unit with no process left',
    { ...healthy, noProc: true, units: { 'stargz-store.service': [], 'crio.service': [7] } },
    'Unhealthy',
    { 'process[0]': 'fail' },
    /The unit stargz-store\.service has no processes: nothing serves/,
  ],
  [
    // No systemd unit is known for nydus-store: its process is not looked for, not warned about.
    'nydus-store alone, with no host /proc',
    {
      ...healthy,
      storageConf: storageConfNaming(['/var/lib/nydus-store/store']),
      mountinfo: mountinfoWith(
        mountinfoLine('/var/lib/nydus-store/store', 'fuse.nydus-store', 'nydus'),
      ),
      noProc: true,
      units: { 'crio.service': [7] },
      stores: [
        { path: '/var/lib/nydus-store/store', images: [{ ref: 'ghcr.io/x/y:nydus', layers: 2 }] },
      ],
    },
    'Healthy',
    { 'mounted[0]': 'pass', 'responsive[0]': 'pass' },
    undefined,
  ],
  [
    'the plugin unit not running at all',
    { ...healthy, noProc: true, units: { 'crio.service': [7] } },
    'Unhealthy',
    { 'process[0]': 'fail' },
    /The unit stargz-store\.service is not running \(it has no cgroup\)/,
  ],
  [
    'no auth helper',
    { ...healthy, registriesConf: 'unqualified-search-registries = ["docker.io"]\n' },
    'Degraded',
    { 'auth-helper': 'warn' },
    /private images are pulled in full, not lazily/,
  ],
  [
    'no registries.conf at all',
    { ...healthy, registriesConf: undefined },
    'Degraded',
    { 'auth-helper': 'warn' },
    undefined,
  ],
  [
    'the auth helper in a drop-in',
    {
      ...healthy,
      registriesConf: '',
      registriesDropIns: {
        '50-stargz.conf': 'additional-layer-store-auth-helper = "stargz-store-helper"\n',
        README: 'x',
      },
    },
    'Healthy',
    { 'auth-helper': 'pass' },
    /set in \/etc\/containers\/registries\.conf\.d\/50-stargz\.conf/,
  ],
  [
    'a garbage registries.conf with the helper in a drop-in',
    {
      ...healthy,
      registriesConf: '[[[',
      registriesDropIns: { 'a.conf': 'additional-layer-store-auth-helper = "h"' },
    },
    'Degraded',
    { 'auth-helper': 'warn' },
    /Problems reading the registries configuration: \/etc\/containers\/registries\.conf is not valid TOML/,
  ],
  [
    'the store mounted on the host but not visible to the agent',
    { ...healthy, stores: [] },
    'Degraded',
    { 'responsive[0]': 'warn' },
    /listing failed: ENOENT\. The host has it mounted but the agent cannot see it/,
  ],
  [
    'no mount table',
    { ...healthy, mountinfo: undefined },
    'Unhealthy',
    { 'mounted[0]': 'fail' },
    /Could not tell whether .* is mounted/,
  ],
  [
    'garbage mount table',
    { ...healthy, mountinfo: 'nonsense\n\u0000\n' },
    'Unhealthy',
    { 'mounted[0]': 'fail' },
    /is not a mount point/,
  ],
  [
    'a nydus store next to a stargz one',
    {
      ...healthy,
      storageConf: storageConfNaming(['/var/lib/nydus-store/store', STARGZ_STORE]),
      mountinfo: mountinfoWith(
        mountinfoLine(STARGZ_STORE, 'fuse.rawBridge', 'stargzstore'),
        mountinfoLine('/var/lib/nydus-store/store', 'fuse.nydus-store', 'nydus'),
      ),
      processes: ['stargz-store', 'nydus-store'],
      stores: [
        ...healthy.stores!,
        {
          path: '/var/lib/nydus-store/store',
          images: [{ ref: 'ghcr.io/dragonflyoss/image-service/nginx:nydus-latest', layers: 4 }],
        },
      ],
    },
    'Healthy',
    {
      'mounted[0]': 'pass',
      'fs-type[0]': 'pass',
      'process[0]': 'pass',
      'mounted[1]': 'pass',
      'socket[1]': 'pass',
    },
    undefined,
  ],
  [
    'an unknown plugin on a FUSE mount',
    {
      ...healthy,
      storageConf: storageConfNaming(['/mnt/lazy/store']),
      mountinfo: mountinfoWith(mountinfoLine('/mnt/lazy/store', 'fuse.overlaybd', 'obd')),
      stores: [{ path: '/mnt/lazy/store' }],
    },
    'Healthy',
    { 'mounted[0]': 'pass', 'fs-type[0]': 'pass', 'responsive[0]': 'pass' },
    undefined,
  ],
];

describe('scenarios', () => {
  it.each(scenarios)('%s', async (_name, spec, health, expectedStatuses, message) => {
    const report = buildReport(await inspectTree(spec), CONTEXT);
    expect(decideHealth(report)).toBe(health);
    expect(statusesOf(report)).toMatchObject(expectedStatuses);
    if (message !== undefined)
      expect(report.checks.map((c) => c.message).join('\n')).toMatch(message);
    // Whatever the node looks like, what the agent writes, a reader reads back as it was meant.
    const published = publishableState(await inspectTree(spec), CONTEXT);
    expect(
      parseNodeAnnotations(
        {
          [HEALTH_ANNOTATION]: published.health,
          [REPORT_ANNOTATION]: serializeReport(published.report),
        },
        AT,
      ),
    ).toMatchObject({
      kind: 'ok',
      health,
    });
  });

  it('reports each store of a nydus + stargz node with its own plugin kind and socket rule', async () => {
    const [, spec] = scenarios.find(([name]) => name.startsWith('a nydus store'))!;
    const report = buildReport(await inspectTree(spec), CONTEXT);
    expect(report.stores.map((s) => [s.path, s.plugin, s.socket, s.process, s.layers])).toEqual([
      ['/var/lib/nydus-store/store', 'nydus', null, true, 4],
      [STARGZ_STORE, 'stargz', true, true, 5],
    ]);
    expect(check(report, 'socket', 0)).toBeUndefined();
  });

  it('reports an unknown plugin without socket or process checks', async () => {
    const [, spec] = scenarios.find(([name]) => name.startsWith('an unknown plugin'))!;
    const report = buildReport(await inspectTree(spec), CONTEXT);
    expect(report.stores[0]).toMatchObject({ plugin: 'unknown', socket: null, process: null });
    expect(check(report, 'process', 0)).toBeUndefined();
  });

  it('probes a store named twice only once', async () => {
    const probes: string[] = [];
    const counting: StoreProbing = {
      probe: async (request) => (probes.push(request.dir), inProcessProber.probe(request)),
    };
    const report = buildReport(
      await inspectTree(
        { ...healthy, storageConf: storageConfNaming([STARGZ_STORE, `${STARGZ_STORE}/`]) },
        counting,
      ),
      CONTEXT,
    );
    expect(probes).toHaveLength(1);
    expect(report.stores).toHaveLength(2);
  });
});

describe("the agent's own mount table as a fallback", () => {
  it('reads mounts under the host root as host mounts', async () => {
    const tree = await createHostTree({ ...healthy, mountinfo: undefined });
    tree.write(
      '/own-mountinfo',
      `${mountinfoLine(`${tree.root}${STARGZ_STORE}`, 'fuse.rawBridge', 'stargzstore')}\n`,
    );
    const inspection = await inspectNode({
      hostRoot: tree.root,
      prober: inProcessProber,
      maxImagesPerStore: 10,
      ownMountInfoPath: tree.at('/own-mountinfo'),
    });
    tree.cleanup();
    expect(inspection.mountTable).toMatchObject({
      kind: 'read',
      source: tree.at('/own-mountinfo'),
    });
    expect(decideHealth(buildReport(inspection, CONTEXT))).toBe('Healthy');
  });
});

describe('a dead mount, and the census', () => {
  const answered = (inspection: Partial<StoreTreeInspection>): StoreProbeOutcome => ({
    kind: 'answered',
    inspection: {
      ...inspectStoreTree({ dir: '/nonexistent', socketPath: null, maxImages: 1 }),
      ...inspection,
    },
  });

  it('says what an admin does about a dead mount (ENOTCONN), as the lab daemon leaves one', async () => {
    const report = buildReport(
      await inspectTree(
        { ...healthy, processes: ['crio'] },
        { probe: async () => answered({ listed: false, error: 'ENOTCONN', socket: true }) },
      ),
      CONTEXT,
    );
    expect(decideHealth(report)).toBe('Unhealthy');
    expect(check(report, 'responsive', 0)).toEqual({
      id: 'responsive',
      status: 'fail',
      store: 0,
      message: `${STARGZ_STORE}: listing failed: ENOTCONN. stargz-store died and left its mount dead: restart stargz-store.service; its unit unmounts first.`,
    });
    expect(check(report, 'process', 0)?.status).toBe('fail');
  });

  it('reports a census stopped at its bound as a lower bound, not as a problem', async () => {
    const report = buildReport(
      await inspectTree(healthy, {
        probe: async () =>
          answered({
            listed: true,
            latencyMs: 0.4,
            layers: 19_000,
            partial: true,
            stoppedBecause: 'it read 20000 entries',
            socket: true,
          }),
      }),
      CONTEXT,
    );
    expect(decideHealth(report)).toBe('Healthy');
    expect(report.stores[0]).toMatchObject({ layers: 19_000, censusPartial: true });
    expect(check(report, 'responsive', 0)?.message).toBe(
      `Listing ${STARGZ_STORE} answered in 0.4 ms; it serves at least 19000 layers (the count stopped because it read 20000 entries).`,
    );
  });
});

describe('a store outside what the agent has mounted', () => {
  it('is neither probed nor called unmounted: the agent says it cannot see it', async () => {
    const tree = await createHostTree({
      ...healthy,
      storageConf: storageConfNaming(['/data/lazy/store']),
      mountinfo: undefined,
      stores: [{ path: '/data/lazy/store' }],
    });
    // The DaemonSet's own view: /etc/containers and the plugins' directories, not /data.
    tree.write(
      '/own-mountinfo',
      [
        mountinfoLine(`${tree.root}/etc/containers`, 'xfs', '/dev/sda4'),
        mountinfoLine(`${tree.root}/var/lib/stargz-store`, 'xfs', '/dev/sda4'),
        '',
      ].join('\n'),
    );
    const probed: string[] = [];
    const inspection = await inspectNode({
      hostRoot: tree.root,
      prober: {
        probe: async (request) => (probed.push(request.dir), inProcessProber.probe(request)),
      },
      maxImagesPerStore: 10,
      ownMountInfoPath: tree.at('/own-mountinfo'),
    });
    tree.cleanup();
    const report = buildReport(inspection, CONTEXT);
    expect(probed).toEqual([]);
    expect(decideHealth(report)).toBe('Degraded');
    expect(statusesOf(report)).toMatchObject({ 'mounted[0]': 'warn', 'responsive[0]': 'warn' });
    expect(check(report, 'mounted', 0)?.message).toBe(
      'Could not tell whether /data/lazy/store is mounted: it is not mounted into the agent pod: add a hostPath volume for its plugin directory to the agent (mountPropagation HostToContainer).',
    );
  });
});

describe('unresponsive stores', () => {
  const outcomes: [string, StoreProbeOutcome, RegExp][] = [
    [
      'timed out',
      { kind: 'timedOut', timeoutMs: 3000 },
      /listing did not answer within 3000 ms\. The FUSE mount may be hung, which can stall CRI-O/,
    ],
    [
      'still stuck',
      { kind: 'stillStuck', sinceMs: AT.getTime() - 95_000 },
      /an earlier listing has not answered for 95 s/,
    ],
    [
      'worker failure',
      { kind: 'failed', error: 'probe worker exited with code 1' },
      /could not probe: probe worker exited with code 1/,
    ],
  ];
  it.each(outcomes)('%s → Unhealthy, socket unknown', async (_name, outcome, message) => {
    const report = buildReport(await inspectTree(healthy, { probe: async () => outcome }), CONTEXT);
    expect(decideHealth(report)).toBe('Unhealthy');
    expect(report.stores[0]).toMatchObject({
      responsive: false,
      latencyMs: null,
      layers: 0,
      images: [],
      socket: null,
    });
    expect(check(report, 'responsive', 0)?.message).toMatch(message);
    expect(check(report, 'socket', 0)).toBeUndefined();
  });
});

describe('unreadable host files', () => {
  const asRoot = process.getuid?.() === 0;
  const itUnlessRoot = asRoot ? it.skip : it;
  itUnlessRoot('fails storage-conf when the file cannot be read', async () => {
    const tree = await createHostTree(healthy);
    chmodSync(tree.at('/etc/containers/storage.conf'), 0);
    const report = buildReport(await inspectCreatedTree(tree), CONTEXT);
    expect(check(report, 'storage-conf')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/could not be read \(EACCES\)/),
    });
  });

  it('fails storage-conf when it is a directory', async () => {
    const tree = await createHostTree({ ...healthy, storageConf: undefined });
    tree.write('/etc/containers/storage.conf/oops', '');
    const report = buildReport(await inspectCreatedTree(tree), CONTEXT);
    expect(check(report, 'storage-conf')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/could not be read \(EISDIR\)/),
    });
  });

  it('fails storage-conf when it is absurdly large', async () => {
    const tree = await createHostTree({
      ...healthy,
      storageConf: `# ${'x'.repeat(1024 * 1024)}\n`,
    });
    const report = buildReport(await inspectCreatedTree(tree), CONTEXT);
    expect(check(report, 'storage-conf')?.message).toMatch(/larger than 1048576 bytes/);
  });

  it('warns when neither the host processes nor the units can be read', async () => {
    const tree = await createHostTree({ ...healthy, noProc: true });
    const report = buildReport(await inspectCreatedTree(tree), CONTEXT);
    expect(report.stores[0].process).toBeNull();
    expect(check(report, 'process', 0)).toMatchObject({
      status: 'warn',
      message:
        'Could not tell whether stargz-store runs: neither /proc nor /sys/fs/cgroup/system.slice is readable (ENOENT).',
    });
  });
});

describe('five stores, at the limits', () => {
  it('fits the annotation without trimming, with ten long image references per store', async () => {
    const paths = [0, 1, 2, 3, 4].map((i) => `/var/lib/stargz-store-${i}/store`);
    const longRef = (s: number, i: number) =>
      `registry.example.com/machine-learning/team-${s}/inference-${i}:v2.4.1@sha256:${'b'.repeat(64)}`;
    const spec: HostTreeSpec = {
      ...healthy,
      storageConf: storageConfNaming(paths),
      mountinfo: mountinfoWith(
        ...paths.map((p) => mountinfoLine(p, 'fuse.rawBridge', 'stargzstore')),
      ),
      stores: paths.map((path, s) => ({
        path,
        // One socket for them all: the daemons' default --addr (a sixth would need its own).
        socket: s === 0,
        images: Array.from({ length: 12 }, (_, i) => ({ ref: longRef(s, i), layers: 1 })),
      })),
    };
    const report = buildReport(await inspectTree(spec), CONTEXT);
    expect(
      report.stores.every((store) => store.images.length === 10 && store.imagesOmitted === 2),
    ).toBe(true);
    expect(utf8ByteLength(JSON.stringify(report))).toBeLessThan(REPORT_MAX_BYTES);
  });
});
