import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNodeAnnotations } from '../../../src/core/health/report';
import {
  decodeMachineConfigFiles,
  findFile,
} from '../../../src/core/ignition/decodeMachineConfigFiles';
import {
  METADATA_LIST_ACCEPT,
  PATHS,
  startTestCluster,
  type Json,
  type TestCluster,
} from '../__test-support__/harness';
import { createSimulatedCluster, ManualScheduler } from '../index';
import { poolObject } from '../pools';
import { NODES } from '../resources';
import { splitComputeNodes } from '../seed/seed-cluster';
import { itWithShared, sharedPath } from '../../../src/__test-support__/sharedData';

/** The seeded cluster: realistic, deterministic, every agent state present, and fast at 5,000 nodes. */

const GOLDEN = sharedPath('golden', 'mco');
const MCO = 'machineconfiguration.openshift.io/';

let t: TestCluster;
afterEach(async () => {
  await t?.close();
});

const get = async (path: string): Promise<Json> => (await t.request('GET', path)).body;
const storageConfOf = (mc: Json) =>
  findFile(decodeMachineConfigFiles(mc).files, '/etc/containers/storage.conf')?.contents;

describe('pools', () => {
  it('get the pool label only from the MCO, for the pools it ships', () => {
    expect(poolObject('infra', 'infra', ['worker', 'infra']).metadata.labels).toBeUndefined();
    expect(
      poolObject('gpu', 'gpu', ['worker', 'gpu'], { labels: { team: 'ml' } }).metadata.labels,
    ).toEqual({ team: 'ml' });
    expect(poolObject('worker', 'worker', ['worker']).metadata.labels).toHaveProperty([
      `pools.operator.${MCO}worker`,
    ]);
  });
});

describe('the seeded cluster', () => {
  beforeEach(async () => {
    t = await startTestCluster();
  });

  it('has three control-plane nodes, a worker pool and a gpu pool, with pool status from their nodes', async () => {
    const pools = (await get(PATHS.pools)).items as Json[];
    const byName = Object.fromEntries(pools.map((p) => [p.metadata.name, p]));
    expect(Object.keys(byName)).toEqual(['gpu', 'master', 'worker']);
    // master and worker as the MCO's own manifests label them; the gpu pool has only the pool
    // label its admin added (the MCO gives custom pools none).
    expect(byName.master.metadata.labels).toEqual({
      'operator.machineconfiguration.openshift.io/required-for-upgrade': '',
      [`${MCO}mco-built-in`]: '',
      [`pools.operator.${MCO}master`]: '',
    });
    expect(byName.worker.metadata.labels).toEqual({
      [`${MCO}mco-built-in`]: '',
      [`pools.operator.${MCO}worker`]: '',
    });
    expect(byName.gpu.metadata.labels).toEqual({ [`pools.operator.${MCO}gpu`]: '' });
    expect(byName.gpu.spec.nodeSelector).toEqual({
      matchLabels: { 'node-role.kubernetes.io/gpu': '' },
    });
    const { workers, gpuNodes } = splitComputeNodes(12);
    expect([
      byName.master.status.machineCount,
      byName.worker.status.machineCount,
      byName.gpu.status.machineCount,
    ]).toEqual([3, workers, gpuNodes]);
    for (const pool of pools) {
      expect(pool.status.updatedMachineCount).toBe(pool.status.machineCount);
      expect(pool.status.configuration.name).toBe(pool.spec.configuration.name);
      expect(pool.status.conditions.find((c: Json) => c.type === 'Updated').status).toBe('True');
      expect(pool.status.conditions.find((c: Json) => c.type === 'Updating').status).toBe('False');
    }
    const nodes = (await get(PATHS.nodes)).items as Json[];
    expect(nodes).toHaveLength(3 + 12);
    const mcns = (await get(PATHS.machineConfigNodes)).items as Json[];
    expect(mcns.map((m) => m.metadata.name)).toEqual(nodes.map((n) => n.metadata.name));
    for (const node of nodes) {
      const a = node.metadata.annotations;
      expect(a[`${MCO}state`]).toBe('Done');
      expect(a[`${MCO}currentConfig`]).toBe(a[`${MCO}desiredConfig`]);
      expect(a[`${MCO}currentConfig`]).toMatch(/^rendered-(master|worker|gpu)-[0-9a-f]{32}$/);
      expect(node.status.images.length).toBeGreaterThanOrEqual(40);
    }
  });

  itWithShared('golden/mco')(
    'carries the base storage.conf in 00-worker as the percent-encoded data URL the real one has',
    async () => {
      const base = await get(`${PATHS.machineConfigs}/00-worker`);
      const file = base.spec.config.storage.files.find(
        (f: Json) => f.path === '/etc/containers/storage.conf',
      );
      const reference = readFileSync(
        join(GOLDEN, '_reference', 'original-storage.conf.ign-source.txt'),
        'utf8',
      );
      expect(`source: ${file.contents.source}`).toBe(
        reference.split('\n').find((l) => l.startsWith('source: ')),
      );
      const original = readFileSync(join(GOLDEN, '_reference', 'original-storage.conf'), 'utf8');
      const workerTarget = (await get(`${PATHS.pools}/worker`)).spec.configuration.name;
      expect(storageConfOf(await get(`${PATHS.machineConfigs}/${workerTarget}`))).toBe(original);
      const masterTarget = (await get(`${PATHS.pools}/master`)).spec.configuration.name;
      expect(masterTarget).not.toBe(workerTarget.replace('worker', 'master'));
    },
  );

  itWithShared('golden/mco')(
    'has a gpu configuration using stargz-store, synced as the MCO leaves it',
    async () => {
      const cfg = await get(`${PATHS.ctrcfgs}/gpu-lazy-pull`);
      expect(cfg.spec.containerRuntimeConfig).toEqual({
        additionalLayerStores: [{ path: '/var/lib/stargz-store/store' }],
      });
      expect(cfg.metadata.annotations).toEqual({ [`${MCO}mc-name-suffix`]: '' });
      expect(cfg.metadata.finalizers).toEqual(['99-gpu-generated-containerruntime']);
      expect(cfg.status.conditions).toEqual([
        expect.objectContaining({ type: 'Success', status: 'True', message: 'Success' }),
      ]);
      const generated = await get(`${PATHS.machineConfigs}/99-gpu-generated-containerruntime`);
      expect(JSON.stringify(generated.spec.config)).toBe(
        readFileSync(join(GOLDEN, 'case01-layer-store-stargz', 'ignition.json'), 'utf8'),
      );
      const gpuPool = await get(`${PATHS.pools}/gpu`);
      expect(gpuPool.spec.configuration.source.map((s: Json) => s.name)).toEqual(
        expect.arrayContaining(['00-worker', '99-gpu-generated-containerruntime']),
      );
      expect(
        storageConfOf(await get(`${PATHS.machineConfigs}/${gpuPool.spec.configuration.name}`)),
      ).toBe(readFileSync(join(GOLDEN, 'case01-layer-store-stargz', 'storage.conf'), 'utf8'));
    },
  );

  it('shows agent annotations in every state a reader must handle', async () => {
    const now = t.scheduler.now();
    const seen = new Set<string>();
    for (const node of (await get(PATHS.nodes)).items as Json[]) {
      const state = parseNodeAnnotations(node.metadata.annotations, now);
      if (state.kind === 'ok') seen.add(state.stale ? `stale ${state.health}` : state.health);
      else if (state.kind === 'unknown') seen.add(`unknown: ${state.problem}`);
      else seen.add('notReported');
    }
    expect([...seen].sort()).toEqual(
      [
        'Healthy',
        'Degraded',
        'Unhealthy',
        'NotConfigured',
        'stale Healthy',
        'notReported',
        'unknown: bad-json',
        'unknown: unknown-version',
        'unknown: oversized',
        'unknown: wrong-type',
      ].sort(),
    );
  });
});

describe('seeding', () => {
  const nodeList = (seed: number) => {
    const cluster = createSimulatedCluster({
      seed,
      nodes: 20,
      scheduler: new ManualScheduler(),
      mco: { autoRun: false },
    });
    const json = JSON.stringify(cluster.store.list(NODES));
    cluster.close();
    return json;
  };

  it('is deterministic for a seed, and differs between seeds', () => {
    expect(nodeList(7)).toBe(nodeList(7));
    expect(nodeList(7)).not.toBe(nodeList(8));
  });

  it('splits compute nodes about 85 % worker, the rest gpu', () => {
    expect(splitComputeNodes(12)).toEqual({ workers: 8, gpuNodes: 4 });
    expect(splitComputeNodes(5000)).toEqual({ workers: 4250, gpuNodes: 750 });
    expect(splitComputeNodes(1)).toEqual({ workers: 1, gpuNodes: 0 });
  });

  // How fast this is belongs to `npm run bench` (browser.first-rows.5000, watch.bytes.ratio);
  // here only that it works at that scale.
  it('seeds 5,000 nodes and serves their metadata-only list, much smaller than the full one', async () => {
    t = await startTestCluster({ nodes: 5000 });
    const partial = await t.request('GET', PATHS.nodes, { accept: METADATA_LIST_ACCEPT });
    expect(partial.body.items).toHaveLength(5003);

    const sizes = (await t.request('GET', '/api/dev/node-list-sizes')).body;
    expect(sizes.nodes).toBe(5003);
    expect(sizes.metadataOnlyBytes).toBe(Buffer.byteLength(partial.text));
    expect(sizes.fullBytes).toBeGreaterThan(50_000_000);
    expect(sizes.ratio).toBeLessThan(0.35);
  }, 30_000);
});
