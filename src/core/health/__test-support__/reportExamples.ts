/** Reports for tests: a realistic one that uses every field, and helpers to vary it. */
import { type NodeHealthReport, REPORT_VERSION, type StoreReport } from '../reportFormat';

export const EXAMPLE_AT = '2026-03-01T12:00:00.000Z';

export const stargzStore = (overrides: Partial<StoreReport> = {}): StoreReport => ({
  path: '/var/lib/stargz-store/store',
  plugin: 'stargz',
  mounted: true,
  fs: 'fuse.rawBridge',
  responsive: true,
  latencyMs: 1.4,
  layers: 12,
  images: ['quay.io/example/vllm:0.6-estargz', 'registry.example.com/ml/pytorch:2.4-esgz'],
  imagesOmitted: 0,
  socket: true,
  process: true,
  ...overrides,
});

/** Healthy apart from the second store, which hangs: every field of the format appears. */
export const exampleReport = (): NodeHealthReport => ({
  v: REPORT_VERSION,
  at: EXAMPLE_AT,
  agentVersion: '0.1.0',
  heartbeatSeconds: 600,
  storageConf: {
    layerStores: [
      { path: '/var/lib/stargz-store/store', ref: true },
      { path: '/var/lib/nydus-store/store', ref: true },
    ],
    imageStores: ['/mnt/nfs-images'],
  },
  stores: [
    stargzStore(),
    {
      path: '/var/lib/nydus-store/store',
      plugin: 'nydus',
      mounted: true,
      fs: 'fuse.nydus-store',
      responsive: false,
      latencyMs: null,
      error: 'listing did not answer within 3000 ms',
      layers: 0,
      images: [],
      imagesOmitted: 0,
      socket: null,
      process: true,
    },
  ],
  checks: [
    {
      id: 'storage-conf',
      status: 'pass',
      message: '/etc/containers/storage.conf names 2 additional layer stores.',
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
      message: '/var/lib/stargz-store/store is mounted (fuse.rawBridge, source stargzstore).',
      store: 0,
    },
    {
      id: 'responsive',
      status: 'pass',
      message: 'Listing /var/lib/stargz-store/store answered in 1.4 ms; it serves 12 layers.',
      store: 0,
    },
    {
      id: 'mounted',
      status: 'pass',
      message: '/var/lib/nydus-store/store is mounted (fuse.nydus-store, source nydus).',
      store: 1,
    },
    {
      id: 'responsive',
      status: 'fail',
      message:
        '/var/lib/nydus-store/store: listing did not answer within 3000 ms. The FUSE mount may be hung, which can stall CRI-O on the whole node.',
      store: 1,
    },
  ],
  fuseMounts: [
    { path: '/var/lib/nydus-store/store', fs: 'fuse.nydus-store', source: 'nydus' },
    { path: '/var/lib/stargz-store/store', fs: 'fuse.rawBridge', source: 'stargzstore' },
  ],
  fuseMountsOmitted: 0,
});

/** A healthy single-store report. */
export const healthyReport = (overrides: Partial<NodeHealthReport> = {}): NodeHealthReport => ({
  ...exampleReport(),
  storageConf: {
    layerStores: [{ path: '/var/lib/stargz-store/store', ref: true }],
    imageStores: [],
  },
  stores: [stargzStore()],
  checks: [
    { id: 'storage-conf', status: 'pass', message: 'ok' },
    { id: 'mounted', status: 'pass', message: 'ok', store: 0 },
  ],
  ...overrides,
});
