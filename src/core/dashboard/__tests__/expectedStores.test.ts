import { buildDashboard } from '../buildDashboard';
import { MC_NAME_SUFFIX_ANNOTATION } from '../../render/machineConfig';
import { expectedStoresByPool, generatedMachineConfigNameOf } from '../expectedStores';
import { storeDrift } from '../nodeEntry';
import {
  agentAnnotations,
  mcoAnnotations,
  notConfiguredReport,
  NOW,
  sampleConfig,
  sampleNode,
  samplePool,
  samplePools,
  sampleReport,
  sampleStore,
  STARGZ_STORE,
} from '../__fixtures__/sampleCluster';
import type { ContainerRuntimeConfig } from '../../model/types';

const NYDUS = '/var/lib/nydus-store/store';
const failedConfig = (config: ContainerRuntimeConfig): ContainerRuntimeConfig => ({
  ...config,
  status: {
    conditions: [
      { type: 'Success', status: 'True' },
      { type: 'Failure', status: 'True', message: 'Error: invalid' },
    ],
  },
});

describe('layer stores a pool should have', () => {
  it.each([
    ['no configuration', [], { gpu: [], worker: [], master: [] }],
    [
      'a configuration for gpu only',
      [sampleConfig('a', 'gpu', [STARGZ_STORE])],
      { gpu: [STARGZ_STORE], worker: [], master: [] },
    ],
    // The gpu pool takes worker's MachineConfigs too (its machineConfigSelector includes the worker role).
    [
      'worker’s configuration reaches the custom pool',
      [sampleConfig('w', 'worker', [NYDUS])],
      { gpu: [NYDUS], worker: [NYDUS], master: [] },
    ],
    // The MCO's MergeMachineConfigs merges worker-role MachineConfigs first and the pool's own
    // after them (since 4.15), so gpu's storage.conf wins on gpu nodes although 99-worker-…
    // sorts after 99-gpu-… by name.
    [
      'a custom pool’s own storage.conf wins over the one it inherits from worker',
      [sampleConfig('g', 'gpu', [STARGZ_STORE]), sampleConfig('w', 'worker', [NYDUS])],
      { gpu: [STARGZ_STORE], worker: [NYDUS], master: [] },
    ],
    [
      'a configuration without storage.conf settings does not override',
      [sampleConfig('g', 'gpu', [STARGZ_STORE]), sampleConfig('w', 'worker', [])],
      { gpu: [STARGZ_STORE], worker: [], master: [] },
    ],
    [
      'a failed configuration is not applied',
      [failedConfig(sampleConfig('g', 'gpu', [STARGZ_STORE]))],
      { gpu: [], worker: [], master: [] },
    ],
    [
      'a configuration selecting no pool',
      [sampleConfig('x', 'nope', [STARGZ_STORE])],
      { gpu: [], worker: [], master: [] },
    ],
  ])('%s', (_label, configs, expected) => {
    const byPool = expectedStoresByPool(samplePools(), configs);
    for (const [pool, stores] of Object.entries(expected))
      expect(byPool.get(pool)?.layerStores).toEqual(stores);
  });

  it('names the winning configuration, the overridden and the failed ones', () => {
    const byPool = expectedStoresByPool(samplePools(), [
      sampleConfig('g', 'gpu', [STARGZ_STORE]),
      sampleConfig('w', 'worker', [NYDUS]),
      failedConfig(sampleConfig('broken', 'gpu', ['/x'])),
    ]);
    expect(byPool.get('gpu')).toEqual({
      layerStores: [STARGZ_STORE],
      source: 'g',
      machineConfig: '99-gpu-generated-containerruntime',
      overridden: ['w'],
      failed: ['broken'],
    });
  });

  it('orders a pool’s several configurations by their MachineConfig suffix', () => {
    const first = sampleConfig('first', 'gpu', [STARGZ_STORE], {});
    const second: ContainerRuntimeConfig = {
      ...sampleConfig('second', 'gpu', [NYDUS]),
      metadata: { name: 'second', annotations: { [MC_NAME_SUFFIX_ANNOTATION]: '1' } },
    };
    expect(generatedMachineConfigNameOf(second, 'gpu')).toBe('99-gpu-generated-containerruntime-1');
    expect(
      expectedStoresByPool([samplePool('gpu')], [second, first]).get('gpu')?.layerStores,
    ).toEqual([NYDUS]);
  });
});

describe('drift', () => {
  it.each([
    [[STARGZ_STORE], [STARGZ_STORE], { missing: [], extra: [] }],
    [[STARGZ_STORE], [], { missing: [STARGZ_STORE], extra: [] }],
    [[], [STARGZ_STORE], { missing: [], extra: [STARGZ_STORE] }],
    [[STARGZ_STORE], [NYDUS], { missing: [STARGZ_STORE], extra: [NYDUS] }],
    // A trailing slash is a different path to CRI-O: the MCO writes paths exactly as given.
    [
      [STARGZ_STORE],
      [`${STARGZ_STORE}/`],
      { missing: [STARGZ_STORE], extra: [`${STARGZ_STORE}/`] },
    ],
  ])('%j expected, %j on the node', (expected, actual, drift) => {
    expect(storeDrift(expected, actual)).toEqual(drift);
  });

  const dashboard = (annotations: Record<string, string>, roles: string[]) =>
    buildDashboard({
      nodes: [
        sampleNode('n', roles, { ...mcoAnnotations('Done', 'rendered-gpu-new'), ...annotations }),
      ],
      pools: samplePools(),
      configs: [sampleConfig('lazy-pull-gpu', 'gpu', [STARGZ_STORE])],
      now: NOW,
    });

  it('compares storage.conf’s layer stores with the pool’s', () => {
    const snapshot = dashboard(agentAnnotations(notConfiguredReport()), ['worker', 'gpu']);
    expect(snapshot.node('n')?.drift).toEqual({ missing: [STARGZ_STORE], extra: [] });
    expect(snapshot.total.drifted).toBe(1);
  });

  it('sees a store on a node whose pool asks for none', () => {
    const snapshot = dashboard(agentAnnotations(sampleReport({ stores: [sampleStore()] })), [
      'worker',
    ]);
    expect(snapshot.node('n')?.drift).toEqual({ missing: [], extra: [STARGZ_STORE] });
  });

  it('cannot tell without a pool or without a report', () => {
    expect(dashboard(agentAnnotations(sampleReport()), ['edge']).node('n')?.drift).toBeNull();
    expect(dashboard({}, ['worker', 'gpu']).node('n')?.drift).toBeNull();
  });
});
