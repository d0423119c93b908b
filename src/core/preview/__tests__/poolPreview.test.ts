import { readFileSync } from 'node:fs';
import type { MachineConfigPool } from '../../pools/machineConfigPool';
import { newContainerRuntimeConfig } from '../../model/storeSection';
import type { ContainerRuntimeConfig } from '../../model/types';
import { buildIgnitionConfig, type GeneratedFile } from '../../ignition/ignitionConfig';
import { renderForPool } from '../../render';
import { BASE_TEMPLATE_STORAGE_CONF } from '../baseStorageConf';
import { previewPoolChange, type MachineConfigLike } from '../poolPreview';
import { describeWithShared, itWithShared, sharedPath } from '../../../__test-support__/sharedData';

const STARGZ = '/var/lib/stargz-store/store';
const GEN = '99-worker-generated-containerruntime';

/** Every MachineConfig has a role (here: gpu when its name says so, else worker); rendered ones have none. */
const roleOfName = (name: string) =>
  name.startsWith('rendered-') ? undefined : name.includes('gpu') ? 'gpu' : 'worker';

const mc = (name: string, files: GeneratedFile[], role = roleOfName(name)): MachineConfigLike => ({
  metadata: {
    name,
    ...(role ? { labels: { 'machineconfiguration.openshift.io/role': role } } : {}),
  },
  spec: { config: buildIgnitionConfig(files) },
});

const pool = (
  sources: string[],
  extra: Partial<MachineConfigPool['spec']> = {},
  machineCount = 6,
): MachineConfigPool => ({
  metadata: {
    name: 'worker',
    labels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
  },
  spec: {
    ...extra,
    configuration: {
      name: 'rendered-worker-1',
      source: sources.map((name) => ({ kind: 'MachineConfig', name })),
    },
  },
  status: { machineCount, configuration: { name: 'rendered-worker-1' } },
});

const withStores = (paths: string[]): ContainerRuntimeConfig =>
  newContainerRuntimeConfig('lazy-pull-worker', 'worker', {
    additionalLayerStores: paths,
    additionalImageStores: [],
    additionalArtifactStores: [],
  });

const baseMc = mc('00-worker', [
  { path: '/etc/containers/storage.conf', contents: BASE_TEMPLATE_STORAGE_CONF },
]);

const renderedBase = (name: string) =>
  mc(name, [{ path: '/etc/containers/storage.conf', contents: BASE_TEMPLATE_STORAGE_CONF }]);

/** The base storage.conf everywhere: worker's and gpu's rendered configs, and 00-worker. */
const baseMachineConfigs = () =>
  new Map([
    ['00-worker', baseMc],
    ['rendered-worker-1', renderedBase('rendered-worker-1')],
    ['rendered-gpu-1', renderedBase('rendered-gpu-1')],
  ]);

describeWithShared('golden/mco')('BASE_TEMPLATE_STORAGE_CONF', () => {
  it('is the MCO base template byte for byte', () => {
    const golden = readFileSync(
      sharedPath('golden', 'mco', '_reference', 'original-storage.conf'),
      'utf8',
    );
    expect(BASE_TEMPLATE_STORAGE_CONF).toBe(golden);
  });
});

describe('previewPoolChange', () => {
  it('compares the rendered storage.conf with the one the core renders, and counts the reboot', () => {
    const draft = withStores([STARGZ]);
    const rendered = mc('rendered-worker-1', [
      { path: '/etc/containers/storage.conf', contents: BASE_TEMPLATE_STORAGE_CONF },
    ]);
    const preview = previewPoolChange({
      draft,
      pool: pool(['00-worker']),
      configs: [],
      machineConfigs: new Map([
        ['00-worker', baseMc],
        ['rendered-worker-1', rendered],
      ]),
    });
    if (!preview.ok) throw new Error(preview.error);
    const core = renderForPool(draft, 'worker');
    if (!core.ok) throw new Error(core.error);
    expect(preview.machineConfigName).toBe(GEN);
    expect(preview.storageConf.before).toBe(BASE_TEMPLATE_STORAGE_CONF);
    expect(preview.storageConf.beforeOrigin).toEqual({
      kind: 'rendered',
      machineConfig: 'rendered-worker-1',
    });
    expect(preview.storageConf.after).toBe(core.storageConf);
    expect(preview.storageConf.afterOrigin).toEqual({ kind: 'generated', machineConfig: GEN });
    expect(preview.consequence).toEqual({
      pool: 'worker',
      nodes: 6,
      batch: 1,
      reboot: true,
      paused: false,
    });
  });

  itWithShared('golden/mco/case01-layer-store-stargz')(
    'previews the storage.conf the real MCO generated for the same configuration',
    () => {
      const golden = (file: string) =>
        readFileSync(sharedPath('golden', 'mco', 'case01-layer-store-stargz', file), 'utf8');
      const preview = previewPoolChange({
        draft: withStores([STARGZ]),
        pool: pool(['00-worker']),
        configs: [],
        machineConfigs: baseMachineConfigs(),
      });
      if (!preview.ok) throw new Error(preview.error);
      expect(preview.storageConf.after).toBe(golden('storage.conf'));
      expect(preview.generatedStorageConf).toBe(golden('storage.conf'));
      expect(preview.dropIns).toEqual([]);
      expect(golden('notes.txt')).toContain(`MachineConfig ${preview.machineConfigName} (first`);
    },
  );

  it('falls back to the base template when the rendered config cannot be read', () => {
    const preview = previewPoolChange({
      draft: withStores([STARGZ]),
      pool: pool([]),
      configs: [],
      machineConfigs: new Map(),
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.storageConf.beforeOrigin).toEqual({ kind: 'template' });
    expect(preview.storageConf.before).toBe(BASE_TEMPLATE_STORAGE_CONF);
  });

  it('turning lazy pulling off brings back the file of the next MachineConfig that writes it', () => {
    const live = withStores([STARGZ]);
    const liveRender = renderForPool(live, 'worker');
    if (!liveRender.ok || liveRender.storageConf === null) throw new Error('render');
    const generated = mc(GEN, [
      { path: '/etc/containers/storage.conf', contents: liveRender.storageConf },
    ]);
    const rendered = mc('rendered-worker-1', [
      { path: '/etc/containers/storage.conf', contents: liveRender.storageConf },
    ]);
    const preview = previewPoolChange({
      draft: withStores([]),
      pool: pool(['00-worker', GEN], { maxUnavailable: 2 }),
      configs: [live],
      machineConfigs: new Map([
        ['00-worker', baseMc],
        [GEN, generated],
        ['rendered-worker-1', rendered],
      ]),
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.generatedStorageConf).toBeNull();
    expect(preview.storageConf.after).toBe(BASE_TEMPLATE_STORAGE_CONF);
    expect(preview.storageConf.afterOrigin).toEqual({
      kind: 'machineConfig',
      machineConfig: '00-worker',
    });
    expect(preview.consequence).toMatchObject({ reboot: true, batch: 2 });
  });

  it('reports no reboot when nothing on the nodes changes', () => {
    const live = withStores([STARGZ]);
    const liveRender = renderForPool(live, 'worker');
    if (!liveRender.ok || liveRender.storageConf === null) throw new Error('render');
    const rendered = mc('rendered-worker-1', [
      { path: '/etc/containers/storage.conf', contents: liveRender.storageConf },
    ]);
    const preview = previewPoolChange({
      draft: live,
      pool: pool(['00-worker', GEN]),
      configs: [live],
      machineConfigs: new Map([['rendered-worker-1', rendered]]),
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.storageConf.changed).toBe(false);
    expect(preview.consequence.reboot).toBe(false);
    expect(preview.unreadable).toEqual(['00-worker']);
  });

  it('names a later MachineConfig whose storage.conf wins', () => {
    const preview = previewPoolChange({
      draft: withStores([STARGZ]),
      pool: pool(['00-worker', 'zz-custom-storage']),
      configs: [],
      machineConfigs: new Map([
        ['00-worker', baseMc],
        [
          'zz-custom-storage',
          mc('zz-custom-storage', [{ path: '/etc/containers/storage.conf', contents: 'custom\n' }]),
        ],
      ]),
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.storageConfOverriddenBy).toBe('zz-custom-storage');
    expect(preview.storageConf.after).toBe('custom\n');
  });

  it('lists drop-ins that are written and those that go away', () => {
    const draft: ContainerRuntimeConfig = {
      ...withStores([]),
      spec: {
        machineConfigPoolSelector: {
          matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
        },
        containerRuntimeConfig: { additionalArtifactStores: [{ path: '/mnt/artifacts' }] },
      },
    };
    const rendered = mc('rendered-worker-1', [
      { path: '/etc/crio/crio.conf.d/01-ctrcfg-logLevel', contents: '[crio]\n' },
    ]);
    const preview = previewPoolChange({
      draft,
      pool: pool([]),
      configs: [],
      machineConfigs: new Map([['rendered-worker-1', rendered]]),
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.dropInChanges.map((c) => [c.path, c.before !== null, c.after !== null])).toEqual(
      [
        ['/etc/crio/crio.conf.d/01-ctrcfg-additionalArtifactStores', false, true],
        ['/etc/crio/crio.conf.d/01-ctrcfg-logLevel', true, false],
      ],
    );
  });

  it('passes on the MCO error instead of a preview', () => {
    const draft = withStores([STARGZ]);
    draft.spec.containerRuntimeConfig.pidsLimit = 5;
    expect(previewPoolChange({ draft, pool: pool([]), configs: [] })).toEqual({
      ok: false,
      error: 'invalid PidsLimit 5',
    });
  });
});

describe('pools that inherit the generated MachineConfig', () => {
  const gpu = (sources: string[], machineCount = 4): MachineConfigPool => ({
    metadata: {
      name: 'gpu',
      labels: { 'pools.operator.machineconfiguration.openshift.io/gpu': '' },
    },
    spec: {
      // As custom pools do: the worker role's configs and its own.
      machineConfigSelector: {
        matchExpressions: [
          {
            key: 'machineconfiguration.openshift.io/role',
            operator: 'In',
            values: ['worker', 'gpu'],
          },
        ],
      },
      maxUnavailable: 2,
      configuration: {
        name: 'rendered-gpu-1',
        source: sources.map((name) => ({ kind: 'MachineConfig', name })),
      },
    },
    status: { machineCount, configuration: { name: 'rendered-gpu-1' } },
  });
  const master: MachineConfigPool = {
    metadata: { name: 'master' },
    spec: {
      machineConfigSelector: {
        matchLabels: { 'machineconfiguration.openshift.io/role': 'master' },
      },
    },
    status: { machineCount: 3 },
  };

  it('names every other pool whose nodes reboot because it takes the worker role', () => {
    const preview = previewPoolChange({
      draft: withStores([STARGZ]),
      pool: pool(['00-worker']),
      pools: [pool(['00-worker']), gpu(['00-worker']), master],
      configs: [],
      machineConfigs: baseMachineConfigs(),
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.consequence).toMatchObject({ pool: 'worker', nodes: 6, reboot: true });
    expect(preview.alsoAffected).toEqual([
      { pool: 'gpu', nodes: 4, batch: 2, reboot: true, paused: false },
    ]);
  });

  it('leaves out a pool whose own later MachineConfig keeps its storage.conf as it is', () => {
    // gpu merges its own MachineConfigs after the worker ones it inherits (the MCO's merge
    // order), so a gpu MachineConfig writing storage.conf keeps the gpu nodes' file unchanged.
    const own = mc('50-gpu-storage', [
      { path: '/etc/containers/storage.conf', contents: BASE_TEMPLATE_STORAGE_CONF },
    ]);
    const preview = previewPoolChange({
      draft: withStores([STARGZ]),
      pool: pool(['00-worker']),
      pools: [gpu(['00-worker', '50-gpu-storage'])],
      configs: [],
      machineConfigs: new Map([...baseMachineConfigs(), ['50-gpu-storage', own]]),
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.alsoAffected).toEqual([]);
  });
});

describe('a selector that selects several pools', () => {
  const labelled = (name: string, labels: Record<string, string>, machineCount: number) => ({
    metadata: { name, labels },
    spec: {
      machineConfigSelector: {
        matchExpressions: [
          {
            key: 'machineconfiguration.openshift.io/role',
            operator: 'In',
            values: name === 'worker' ? ['worker'] : ['worker', name],
          },
        ],
      },
      configuration: {
        name: `rendered-${name}-1`,
        source: [{ kind: 'MachineConfig', name: '00-worker' }],
      },
    },
    status: { machineCount, configuration: { name: `rendered-${name}-1` } },
  });
  const worker = labelled('worker', { tier: 'compute' }, 6);
  const gpu = labelled('gpu', { tier: 'compute' }, 4);
  const master: MachineConfigPool = { metadata: { name: 'master', labels: {} }, status: {} };

  const draft = {
    ...withStores([STARGZ]),
    spec: {
      ...withStores([STARGZ]).spec,
      machineConfigPoolSelector: { matchLabels: { tier: 'compute' } },
    },
  };

  it('names every other selected pool, each getting a MachineConfig of its own', () => {
    const preview = previewPoolChange({
      draft,
      pool: worker,
      pools: [worker, gpu, master],
      configs: [],
      machineConfigs: baseMachineConfigs(),
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.alsoSelected).toEqual([
      { pool: 'gpu', nodes: 4, batch: 1, reboot: true, paused: false },
    ]);
    // gpu takes worker's MachineConfig too, but its own one decides its files.
    expect(preview.alsoAffected).toEqual([]);
  });

  it('fails when the MCO could not generate for one of the selected pools', () => {
    const full = Array.from({ length: 10 }, (_, i) => ({
      ...newContainerRuntimeConfig(`gpu-${i}`, 'gpu'),
      metadata: {
        name: `gpu-${i}`,
        annotations: {
          'machineconfiguration.openshift.io/mc-name-suffix': i === 0 ? '' : String(i),
        },
      },
      spec: {
        machineConfigPoolSelector: { matchLabels: { tier: 'compute' } },
        containerRuntimeConfig: {},
      },
    }));
    const preview = previewPoolChange({
      draft,
      pool: master,
      pools: [worker, gpu, master],
      configs: full,
    });
    expect(preview).toEqual({
      ok: false,
      error: expect.stringMatching(/max number of supported ctrcfgs \(10\) has been reached/),
    });
  });
});
