import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNodeAnnotations } from '../../../src/core/health/report';
import {
  decodeMachineConfigFiles,
  findFile,
} from '../../../src/core/ignition/decodeMachineConfigFiles';
import {
  ctrcfg,
  PATHS,
  startTestCluster,
  STARGZ,
  type Json,
  type TestCluster,
} from '../__test-support__/harness';
import { NODES } from '../resources';
import { stargzStoreMachineConfig } from '../storage-plugins';
import { itWithShared, sharedPath } from '../../../src/__test-support__/sharedData';

/** The simulated MCO, end to end over the API: apply, generate, render, roll out, report, delete. */

const GOLDEN = sharedPath('golden', 'mco', 'case01-layer-store-stargz');
const MCO = 'machineconfiguration.openshift.io/';

let t: TestCluster;
afterEach(async () => {
  await t.close();
});

const get = async (path: string): Promise<Json> => (await t.request('GET', path)).body;
const workerNodes = async (): Promise<Json[]> =>
  (
    await get(
      `${PATHS.nodes}?labelSelector=${encodeURIComponent('node-role.kubernetes.io/worker,!node-role.kubernetes.io/gpu')}`,
    )
  ).items;
const lastCondition = (cfg: Json) => cfg.status.conditions[cfg.status.conditions.length - 1];
const storageConfOf = (mc: Json) =>
  findFile(decodeMachineConfigFiles(mc).files, '/etc/containers/storage.conf')?.contents;

describe('applying a stargz configuration to the worker pool', () => {
  beforeEach(async () => {
    t = await startTestCluster({ nodes: 12 });
  });

  itWithShared('golden/mco')(
    'generates the MachineConfig with the core, then walks the pool to Done, maxUnavailable at a time, and the agents report healthy',
    async () => {
      const maxUnavailable = 3;
      await t.request('PATCH', `${PATHS.pools}/worker`, {
        body: { spec: { maxUnavailable } },
        contentType: 'application/merge-patch+json',
      });
      const seededTarget = (await get(`${PATHS.pools}/worker`)).spec.configuration.name;
      const startRv = t.cluster.store.resourceVersion;
      const nodeWatch = t.watchHttp(`${PATHS.nodes}?watch=true&resourceVersion=${startRv}`);

      // stargz-store's MachineConfig and the configuration together, in one rollout.
      await t.request('POST', PATHS.machineConfigs, { body: stargzStoreMachineConfig('worker') });
      const created = await t.request('POST', PATHS.ctrcfgs, {
        body: ctrcfg('lazy-pull-worker', 'worker', STARGZ),
      });
      expect(created.status).toBe(201);
      t.cluster.mco.step();

      // The generated MachineConfig: the MCO's exact bytes for this configuration.
      const mc = await get(`${PATHS.machineConfigs}/99-worker-generated-containerruntime`);
      expect(JSON.stringify(mc.spec.config)).toBe(
        readFileSync(join(GOLDEN, 'ignition.json'), 'utf8'),
      );
      expect(storageConfOf(mc)).toBe(readFileSync(join(GOLDEN, 'storage.conf'), 'utf8'));
      expect(mc.metadata.labels).toEqual({ [`${MCO}role`]: 'worker' });
      expect(mc.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'ContainerRuntimeConfig',
          name: 'lazy-pull-worker',
          uid: created.body.metadata.uid,
          controller: true,
        }),
      ]);

      // The ContainerRuntimeConfig as the MCO leaves it.
      const synced = await get(`${PATHS.ctrcfgs}/lazy-pull-worker`);
      expect(synced.metadata.annotations).toEqual({ [`${MCO}mc-name-suffix`]: '' });
      expect(synced.metadata.finalizers).toEqual(['99-worker-generated-containerruntime']);
      expect(lastCondition(synced)).toMatchObject({
        type: 'Success',
        status: 'True',
        message: 'Success',
      });
      expect(synced.status.observedGeneration).toBe(1);

      // A new rendered config whose sources include the generated MachineConfig.
      const pool = await get(`${PATHS.pools}/worker`);
      const target: string = pool.spec.configuration.name;
      expect(target).toMatch(/^rendered-worker-[0-9a-f]{32}$/);
      expect(target).not.toBe(seededTarget);
      expect(pool.spec.configuration.source.map((s: Json) => s.name)).toContain(
        '99-worker-generated-containerruntime',
      );
      expect(storageConfOf(await get(`${PATHS.machineConfigs}/${target}`))).toBe(
        readFileSync(join(GOLDEN, 'storage.conf'), 'utf8'),
      );

      // The rollout, step by step.
      const workers = (await workerNodes()).map((n) => n.metadata.name);
      let mostAtOnce = 0;
      let steps = 1;
      for (let more = true; more && steps < 100;) {
        more = t.cluster.mco.step();
        steps += 1;
        const nodes = t.cluster.store.list(NODES).filter((n) => workers.includes(n.metadata.name));
        const updating = nodes.filter(
          (n) =>
            n.metadata.annotations![`${MCO}state`] !== 'Done' ||
            n.metadata.annotations![`${MCO}currentConfig`] !==
              n.metadata.annotations![`${MCO}desiredConfig`],
        );
        expect(updating.length).toBeLessThanOrEqual(maxUnavailable);
        mostAtOnce = Math.max(mostAtOnce, updating.length);
        const status = (await get(`${PATHS.pools}/worker`)).status;
        if (status.updatedMachineCount < workers.length) {
          expect(status.conditions.find((c: Json) => c.type === 'Updating').status).toBe('True');
        }
      }
      expect(mostAtOnce).toBe(maxUnavailable);
      // 8 workers, 3 at a time: three batches; a batch starts (Working), reboots one step later and
      // is Done the step after, when the next batch starts.
      expect(steps).toBe(1 + 2 * Math.ceil(workers.length / maxUnavailable));

      const finalPool = await get(`${PATHS.pools}/worker`);
      expect(finalPool.status).toMatchObject({
        machineCount: workers.length,
        updatedMachineCount: workers.length,
        readyMachineCount: workers.length,
        unavailableMachineCount: 0,
        degradedMachineCount: 0,
        configuration: { name: target },
      });
      expect(finalPool.status.conditions.find((c: Json) => c.type === 'Updated')).toMatchObject({
        status: 'True',
        message: `All nodes are updated with MachineConfig ${target}`,
      });

      const now = t.scheduler.now();
      for (const node of await workerNodes()) {
        const a = node.metadata.annotations;
        expect([a[`${MCO}currentConfig`], a[`${MCO}desiredConfig`], a[`${MCO}state`]]).toEqual([
          target,
          target,
          'Done',
        ]);
        expect(node.spec.unschedulable).toBeUndefined();
        const state = parseNodeAnnotations(a, now);
        expect(state.kind).toBe('ok');
        if (state.kind !== 'ok') continue;
        expect(state.health).toBe('Healthy');
        expect(state.stale).toBe(false);
        expect(state.report.stores.map((s) => [s.path, s.mounted, s.responsive])).toEqual([
          ['/var/lib/stargz-store/store', true, true],
        ]);
        const mcn = await get(`${PATHS.machineConfigNodes}/${node.metadata.name}`);
        expect(mcn.status.configVersion).toEqual({ current: target, desired: target });
        expect(mcn.status.conditions.find((c: Json) => c.type === 'Updated').status).toBe('True');
      }

      // Every worker went Working → Rebooting → Done, in that order, and was not Ready while rebooting.
      const phases = new Map<string, string[]>();
      for (const e of nodeWatch.events) {
        const name = e.object.metadata.name;
        if (!workers.includes(name)) continue;
        const state = e.object.metadata.annotations[`${MCO}state`];
        const seen = phases.get(name) ?? [];
        if (seen[seen.length - 1] !== state) seen.push(state);
        phases.set(name, seen);
        if (state === 'Rebooting') {
          expect(e.object.status.conditions.find((c: Json) => c.type === 'Ready').status).toBe(
            'Unknown',
          );
        }
      }
      for (const name of workers)
        expect(phases.get(name)).toEqual(['Working', 'Rebooting', 'Done']);
    },
  );

  it('defaults maxUnavailable to one node at a time', async () => {
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('one-at-a-time', 'worker', STARGZ) });
    let mostAtOnce = 0;
    while (t.cluster.mco.step()) {
      const updating = (await workerNodes()).filter(
        (n) => n.metadata.annotations[`${MCO}state`] !== 'Done',
      );
      mostAtOnce = Math.max(mostAtOnce, updating.length);
    }
    expect(mostAtOnce).toBe(1);
  });

  it('deleting the configuration removes its MachineConfig through the finalizer and rolls the pool back', async () => {
    const seededTarget = (await get(`${PATHS.pools}/worker`)).spec.configuration.name;
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('lazy-pull-worker', 'worker', STARGZ) });
    t.cluster.mco.settle();
    const applied = (await get(`${PATHS.pools}/worker`)).spec.configuration.name;
    expect(applied).not.toBe(seededTarget);

    const del = await t.request('DELETE', `${PATHS.ctrcfgs}/lazy-pull-worker`);
    expect(del.status).toBe(202);
    expect(del.body.metadata.deletionTimestamp).toBeDefined();
    expect((await t.request('GET', `${PATHS.ctrcfgs}/lazy-pull-worker`)).status).toBe(200);

    t.cluster.mco.step();
    expect((await t.request('GET', `${PATHS.ctrcfgs}/lazy-pull-worker`)).status).toBe(404);
    expect(
      (await t.request('GET', `${PATHS.machineConfigs}/99-worker-generated-containerruntime`))
        .status,
    ).toBe(404);
    const pool = await get(`${PATHS.pools}/worker`);
    expect(pool.spec.configuration.name).toBe(seededTarget);
    expect(pool.spec.configuration.source.map((s: Json) => s.name)).not.toContain(
      '99-worker-generated-containerruntime',
    );

    t.cluster.mco.settle();
    const now = t.scheduler.now();
    for (const node of await workerNodes()) {
      expect(node.metadata.annotations[`${MCO}currentConfig`]).toBe(seededTarget);
      const state = parseNodeAnnotations(node.metadata.annotations, now);
      expect(state.kind === 'ok' && state.health).toBe('NotConfigured');
    }
  });
});

describe('the MCO’s own checks and naming', () => {
  beforeEach(async () => {
    t = await startTestCluster();
  });

  it('appends a Failure condition for what only the MCO refuses, and generates nothing', async () => {
    await t.request('POST', PATHS.ctrcfgs, {
      body: ctrcfg('low-pids', 'worker', { pidsLimit: 10 }),
    });
    t.cluster.mco.step();
    const failed = await get(`${PATHS.ctrcfgs}/low-pids`);
    expect(lastCondition(failed)).toMatchObject({
      type: 'Failure',
      status: 'True',
      message: 'Error: invalid PidsLimit 10',
    });
    expect(failed.metadata.finalizers).toBeUndefined();
    expect(
      (await t.request('GET', `${PATHS.machineConfigs}/99-worker-generated-containerruntime`))
        .status,
    ).toBe(404);
    expect(t.cluster.mco.busy).toBe(false);

    // Fixed: the MCO syncs the new generation and appends Success (the last condition is current).
    await t.request('PATCH', `${PATHS.ctrcfgs}/low-pids`, {
      body: { spec: { containerRuntimeConfig: { pidsLimit: 4096 } } },
      contentType: 'application/merge-patch+json',
    });
    t.cluster.mco.step();
    const fixed = await get(`${PATHS.ctrcfgs}/low-pids`);
    expect(fixed.status.conditions.map((c: Json) => c.type)).toEqual(['Failure', 'Success']);
    expect(fixed.status.observedGeneration).toBe(2);
  });

  it('reports a configuration that selects no pool as the MCO words it', async () => {
    // The controller's pool lookup fails with this message when no pool's labels match.
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('nowhere', 'infra', STARGZ) });
    t.cluster.mco.step();
    expect(lastCondition(await get(`${PATHS.ctrcfgs}/nowhere`)).message).toBe(
      'Error: could not find any MachineConfigPool set for ContainerRuntimeConfig nowhere',
    );
  });

  it('names a second configuration’s MachineConfig with the next suffix', async () => {
    await t.request('POST', PATHS.ctrcfgs, {
      body: ctrcfg('second-gpu', 'gpu', { logLevel: 'debug' }),
    });
    t.cluster.mco.step();
    const second = await get(`${PATHS.ctrcfgs}/second-gpu`);
    expect(second.metadata.annotations).toEqual({ [`${MCO}mc-name-suffix`]: '1' });
    expect(second.metadata.finalizers).toEqual(['99-gpu-generated-containerruntime-1']);
    expect(
      (await t.request('GET', `${PATHS.machineConfigs}/99-gpu-generated-containerruntime-1`))
        .status,
    ).toBe(200);
  });

  it('replaces any annotations a client put on the configuration', async () => {
    const body = ctrcfg('annotated', 'worker', STARGZ);
    body.metadata.annotations = { 'example.com/owner': 'team-a' };
    await t.request('POST', PATHS.ctrcfgs, { body });
    t.cluster.mco.step();
    expect((await get(`${PATHS.ctrcfgs}/annotated`)).metadata.annotations).toEqual({
      [`${MCO}mc-name-suffix`]: '',
    });
  });
});

describe('running by itself', () => {
  it('reacts after its delay and advances one phase per step interval', async () => {
    t = await startTestCluster({
      nodes: 2,
      mco: { autoRun: true, stepIntervalMs: 1000, reactionDelayMs: 200 },
      // Only the MCO's own timers are counted below.
      heartbeats: false,
      pullEvents: 'none',
    });
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('auto', 'worker', STARGZ) });
    expect(
      (await t.request('GET', `${PATHS.machineConfigs}/99-worker-generated-containerruntime`))
        .status,
    ).toBe(404);
    t.scheduler.advance(200);
    expect(
      (await t.request('GET', `${PATHS.machineConfigs}/99-worker-generated-containerruntime`))
        .status,
    ).toBe(200);
    const worker = (await workerNodes())[0].metadata.name;
    expect(t.cluster.store.get(NODES, worker)!.metadata.annotations![`${MCO}state`]).toBe(
      'Working',
    );
    t.scheduler.advance(1000);
    expect(t.cluster.store.get(NODES, worker)!.metadata.annotations![`${MCO}state`]).toBe(
      'Rebooting',
    );
    t.scheduler.advance(1000);
    expect(t.cluster.store.get(NODES, worker)!.metadata.annotations![`${MCO}state`]).toBe('Done');
    t.scheduler.advance(10_000);
    expect(t.cluster.mco.busy).toBe(false);
    expect(t.scheduler.pendingTimers).toBe(0);
  });
});

describe('a node without the storage plugin', () => {
  beforeEach(async () => {
    t = await startTestCluster({ nodes: 12 });
  });

  it('reports the store its configuration names as not mounted', async () => {
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('too-early', 'worker', STARGZ) });
    t.cluster.mco.settle();
    const now = t.scheduler.now();
    const nodes = await workerNodes();
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      const state = parseNodeAnnotations(node.metadata.annotations, now);
      if (state.kind !== 'ok') throw new Error(`${node.metadata.name}: ${JSON.stringify(state)}`);
      expect(state.health).toBe('Unhealthy');
      expect(state.report.stores.map((s) => [s.path, s.mounted])).toEqual([
        ['/var/lib/stargz-store/store', false],
      ]);
      expect(state.report.fuseMounts).toEqual([]);
    }
  });
});

describe('a custom pool', () => {
  beforeEach(async () => {
    t = await startTestCluster({ nodes: 12 });
  });

  /** An admin's custom pool, as Red Hat's documentation writes one: no labels. */
  const infraPool = {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfigPool',
    metadata: { name: 'infra' },
    spec: {
      machineConfigSelector: {
        matchExpressions: [{ key: `${MCO}role`, operator: 'In', values: ['worker', 'infra'] }],
      },
      nodeSelector: { matchLabels: { 'node-role.kubernetes.io/infra': '' } },
    },
  };

  const makeInfra = async (names: string[]) => {
    for (const name of names) {
      await t.request('PATCH', `${PATHS.nodes}/${name}`, {
        body: { metadata: { labels: { 'node-role.kubernetes.io/infra': '' } } },
        contentType: 'application/merge-patch+json',
      });
    }
    expect((await t.request('POST', PATHS.pools, { body: infraPool })).status).toBe(201);
    t.cluster.mco.settle();
  };

  it('takes its nodes from worker, and a configuration by the pool label matches it only once labelled', async () => {
    const names = (await workerNodes()).slice(0, 2).map((n) => n.metadata.name);
    await makeInfra(names);
    const pool = await get(`${PATHS.pools}/infra`);
    expect(pool.metadata.labels).toBeUndefined();
    expect(pool.status).toMatchObject({ machineCount: 2, updatedMachineCount: 2 });
    expect(pool.spec.configuration.name).toMatch(/^rendered-infra-/);

    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('lazy-pull-infra', 'infra', STARGZ) });
    t.cluster.mco.settle();
    expect(lastCondition(await get(`${PATHS.ctrcfgs}/lazy-pull-infra`)).type).toBe('Failure');

    await t.request('PATCH', `${PATHS.pools}/infra`, {
      body: {
        metadata: { labels: { 'pools.operator.machineconfiguration.openshift.io/infra': '' } },
      },
      contentType: 'application/merge-patch+json',
    });
    // A new generation, which the simulated MCO syncs.
    await t.request('PATCH', `${PATHS.ctrcfgs}/lazy-pull-infra`, {
      body: { spec: { containerRuntimeConfig: { logLevel: 'info' } } },
      contentType: 'application/merge-patch+json',
    });
    t.cluster.mco.settle();
    expect(lastCondition(await get(`${PATHS.ctrcfgs}/lazy-pull-infra`))).toMatchObject({
      type: 'Success',
    });
    const labelled = await get(`${PATHS.pools}/infra`);
    expect(labelled.spec.configuration.source.map((s: Json) => s.name)).toContain(
      '99-infra-generated-containerruntime',
    );
    for (const name of names) {
      const node = await get(`${PATHS.nodes}/${name}`);
      expect(node.metadata.annotations[`${MCO}currentConfig`]).toBe(
        labelled.spec.configuration.name,
      );
    }
  });

  it('merges the worker MachineConfigs it inherits first, so its own storage.conf wins', async () => {
    const names = (await workerNodes()).slice(0, 2).map((n) => n.metadata.name);
    await makeInfra(names);
    await t.request('PATCH', `${PATHS.pools}/infra`, {
      body: {
        metadata: { labels: { 'pools.operator.machineconfiguration.openshift.io/infra': '' } },
      },
      contentType: 'application/merge-patch+json',
    });
    const nydus = { additionalLayerStores: [{ path: '/var/lib/nydus-store/store' }] };
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('for-infra', 'infra', STARGZ) });
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('for-worker', 'worker', nydus) });
    t.cluster.mco.settle();
    const infra = await get(`${PATHS.pools}/infra`);
    // By name alone, 99-worker-… would come after 99-infra-… and win.
    expect(infra.spec.configuration.source.map((s: Json) => s.name)).toEqual(
      expect.arrayContaining([
        '99-infra-generated-containerruntime',
        '99-worker-generated-containerruntime',
      ]),
    );
    expect(
      storageConfOf(await get(`${PATHS.machineConfigs}/${infra.spec.configuration.name}`)),
    ).toContain('/var/lib/stargz-store/store:ref');
    const worker = await get(`${PATHS.pools}/worker`);
    expect(
      storageConfOf(await get(`${PATHS.machineConfigs}/${worker.spec.configuration.name}`)),
    ).toContain('/var/lib/nydus-store/store:ref');
  });
});
