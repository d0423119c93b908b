import {
  newContainerRuntimeConfig,
  readStoreSection,
  suggestConfigName,
  withStoreSection,
} from '../storeSection';

const live = {
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name: 'gpu', resourceVersion: '7', annotations: { a: 'b' } },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { 'pools.operator.machineconfiguration.openshift.io/gpu': '' },
    },
    containerRuntimeConfig: {
      pidsLimit: 4096,
      additionalLayerStores: [{ path: '/var/lib/stargz-store/store', vendorNote: 'x' }],
      additionalImageStores: [{ path: '/mnt/nfs' }],
      somethingNew: true,
    },
    extra: 1,
  },
  status: { conditions: [{ type: 'Success', status: 'True' }] },
};

describe('the store section', () => {
  it('reads the three lists as paths', () => {
    expect(readStoreSection(live)).toEqual({
      additionalLayerStores: ['/var/lib/stargz-store/store'],
      additionalImageStores: ['/mnt/nfs'],
      additionalArtifactStores: [],
    });
    expect(
      readStoreSection({
        spec: { containerRuntimeConfig: { additionalLayerStores: [{ path: 3 }, 'x'] } },
      }).additionalLayerStores,
    ).toEqual(['', '']);
    expect(readStoreSection(null).additionalLayerStores).toEqual([]);
  });

  it('replaces the lists and keeps every other field, without touching the input', () => {
    const before = structuredClone(live);
    const next = withStoreSection(live, {
      additionalLayerStores: ['/var/lib/nydus-store/store', '/var/lib/stargz-store/store'],
      additionalImageStores: [],
      additionalArtifactStores: ['/var/lib/models'],
    });
    expect(live).toEqual(before);
    expect(next.spec.containerRuntimeConfig).toEqual({
      pidsLimit: 4096,
      additionalLayerStores: [
        { path: '/var/lib/nydus-store/store' },
        { path: '/var/lib/stargz-store/store', vendorNote: 'x' },
      ],
      additionalArtifactStores: [{ path: '/var/lib/models' }],
      somethingNew: true,
    });
    expect(next.metadata).toEqual(live.metadata);
    expect(next.status).toEqual(live.status);
    expect(next.spec.extra).toBe(1);
  });

  it('turning lazy pulling off removes the list rather than leaving an empty one', () => {
    const off = withStoreSection(live, { ...readStoreSection(live), additionalLayerStores: [] });
    expect('additionalLayerStores' in off.spec.containerRuntimeConfig).toBe(false);
    expect(off.spec.containerRuntimeConfig.additionalImageStores).toEqual([{ path: '/mnt/nfs' }]);
  });

  it('makes a new config that selects one pool', () => {
    const cfg = newContainerRuntimeConfig('lazy-pull-worker', 'worker', {
      additionalLayerStores: ['/var/lib/stargz-store/store'],
      additionalImageStores: [],
      additionalArtifactStores: [],
    });
    expect(cfg).toEqual({
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'ContainerRuntimeConfig',
      metadata: { name: 'lazy-pull-worker' },
      spec: {
        machineConfigPoolSelector: {
          matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
        },
        containerRuntimeConfig: {
          additionalLayerStores: [{ path: '/var/lib/stargz-store/store' }],
        },
      },
    });
  });

  it('suggests a free name', () => {
    expect(suggestConfigName('gpu', [])).toBe('lazy-pull-gpu');
    expect(suggestConfigName('gpu', ['lazy-pull-gpu', 'lazy-pull-gpu-2'])).toBe('lazy-pull-gpu-3');
  });
});
