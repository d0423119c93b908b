import {
  decideHealth,
  DEFAULT_HEARTBEAT_SECONDS,
  fitReport,
  HEALTH_ANNOTATION,
  REPORT_ANNOTATION,
  REPORT_MAX_BYTES,
  REPORT_VERSION,
  serializeReport,
  type ConfiguredStores,
  type FuseMount,
  type HealthCheck,
  type NodeHealthReport,
  type PluginKind,
  type StoreReport,
} from '../../src/core/health/report';
import { readStorageConfStores } from '../../src/core/storageConf/readStores';
import { identifyStorePlugin } from '../../src/core/storePlugins';

/**
 * The lazy-pull annotations a node agent would write, in every state a reader must handle: the
 * four health values, a stale report, and annotations a reader cannot trust (bad JSON, a version
 * it does not know, oversized, wrong types) or no agent at all. Well-formed reports are written
 * with the core's serializer, exactly as the real agent writes them.
 */

export const SIMULATED_AGENT_STATES = [
  'Healthy',
  'Degraded',
  'Unhealthy',
  'NotConfigured',
  'Stale',
  'BadJson',
  'UnknownVersion',
  'Oversized',
  'WrongTypes',
  'NoAgent',
] as const;
export type SimulatedAgentState = (typeof SIMULATED_AGENT_STATES)[number];

export const AGENT_VERSION = '0.1.0';

/** eStargz images a store might be serving (stargz-snapshotter publishes such images on ghcr.io). */
const LAZY_IMAGES = [
  'ghcr.io/stargz-containers/python:3.10-esgz',
  'ghcr.io/stargz-containers/golang:1.22-esgz',
  'ghcr.io/stargz-containers/node:20-esgz',
  'ghcr.io/stargz-containers/tensorflow:2.15-esgz',
  'ghcr.io/stargz-containers/pytorch:2.3-esgz',
  'registry.example.com/ml/vllm-openai:v0.8.5-esgz',
  'registry.example.com/ml/triton-server:24.08-esgz',
  'registry.example.com/ml/llama-finetune:3.1-esgz',
];

const pluginOf = (path: string): PluginKind => identifyStorePlugin(path)?.kind ?? 'unknown';

/**
 * A store's socket and process as the agent in its DaemonSet reports them: null where the plugin
 * has no known socket, or no known unit to find its daemon by.
 */
const daemonFacts = (path: string, up: boolean): Pick<StoreReport, 'socket' | 'process'> => {
  const plugin = identifyStorePlugin(path);
  return {
    socket: plugin?.socketPath != null ? up : null,
    process: plugin?.unit != null ? up : null,
  };
};

const pluginName = (path: string): string => identifyStorePlugin(path)?.id ?? 'the storage plugin';

/** The stores a node's storage.conf configures (as the agent reads the file). */
export const configuredStoresOf = (storageConf: string | null): ConfiguredStores => {
  if (storageConf === null) return { layerStores: [], imageStores: [] };
  const read = readStorageConfStores(storageConf);
  return { layerStores: read.layerStores, imageStores: read.imageStores };
};

const healthyStore = (path: string, variant: number, mount: FuseMount): StoreReport => {
  const plugin = pluginOf(path);
  const count = 1 + (variant % 4);
  const images = Array.from(
    { length: count },
    (_, i) => LAZY_IMAGES[(variant + i * 3) % LAZY_IMAGES.length],
  );
  return {
    path,
    plugin,
    mounted: true,
    fs: mount.fs,
    responsive: true,
    latencyMs: Math.round((0.6 + (variant % 17) * 0.13) * 10) / 10,
    layers: 6 + ((variant * 7) % 41),
    images: [...new Set(images)].sort(),
    imagesOmitted: 0,
    ...daemonFacts(path, true),
  };
};

/** A configured store with no plugin mounted on it (its directory exists, from the tmpfiles entry). */
const unmountedStore = (path: string): StoreReport => {
  const plugin = pluginOf(path);
  return {
    path,
    plugin,
    mounted: false,
    fs: null,
    responsive: true,
    latencyMs: 0.2,
    layers: 0,
    images: [],
    imagesOmitted: 0,
    ...daemonFacts(path, false),
  };
};

const storeChecks = (stores: StoreReport[]): HealthCheck[] =>
  stores.flatMap((s, i): HealthCheck[] =>
    s.mounted
      ? [
          { id: 'mounted', status: 'pass', message: `Mounted (${s.fs}).`, store: i },
          {
            id: 'responsive',
            status: 'pass',
            message: `Listing answered in ${s.latencyMs} ms.`,
            store: i,
          },
        ]
      : [
          {
            id: 'mounted',
            status: 'fail',
            message: `${s.path} is not a mount point; is ${pluginName(s.path)} running? See journalctl -u ${pluginName(s.path)}.`,
            store: i,
          },
        ],
  );

const baseChecks = (storage: ConfiguredStores): HealthCheck[] => {
  const n = storage.layerStores.length;
  const checks: HealthCheck[] = [
    {
      id: 'storage-conf',
      status: 'pass',
      message:
        n === 0
          ? 'storage.conf names no additional layer stores.'
          : `storage.conf names ${n} additional layer store${n === 1 ? '' : 's'}.`,
    },
  ];
  if (storage.layerStores.some((s) => pluginOf(s.path) === 'stargz')) {
    checks.push({
      id: 'auth-helper',
      status: 'pass',
      message: 'additional-layer-store-auth-helper is "stargz-store-helper".',
    });
  }
  return checks;
};

/**
 * A report for a node with these FUSE mounts: its configured stores work where a plugin is
 * mounted on them, and fail where none is (NotConfigured when storage.conf names no store).
 */
export const healthyReport = (
  storage: ConfiguredStores,
  at: Date,
  variant: number,
  mounts: readonly FuseMount[],
): NodeHealthReport => {
  const stores = storage.layerStores.map((s, i) => {
    const mount = mounts.find((m) => m.path === s.path);
    return mount ? healthyStore(s.path, variant + i, mount) : unmountedStore(s.path);
  });
  return {
    v: REPORT_VERSION,
    at: at.toISOString(),
    agentVersion: AGENT_VERSION,
    heartbeatSeconds: DEFAULT_HEARTBEAT_SECONDS,
    storageConf: storage,
    stores,
    checks: [...baseChecks(storage), ...storeChecks(stores)],
    fuseMounts: [...mounts],
    fuseMountsOmitted: 0,
  };
};

/**
 * A healthy report degraded in one of two ways: private images fall back to full pulls, or
 * listing is slow.
 */
const degraded = (report: NodeHealthReport, variant: number): NodeHealthReport => {
  if (variant % 2 === 0 && report.checks.some((c) => c.id === 'auth-helper')) {
    report.checks = report.checks.map((c) =>
      c.id === 'auth-helper'
        ? {
            ...c,
            status: 'warn',
            message:
              'registries.conf sets no additional-layer-store-auth-helper: private images are pulled in full.',
          }
        : c,
    );
    return report;
  }
  const latency = 650 + (variant % 9) * 100;
  report.stores[0] = { ...report.stores[0], latencyMs: latency };
  report.checks = report.checks.map((c) =>
    c.id === 'responsive' && c.store === 0
      ? {
          ...c,
          status: 'warn',
          message: `Listing took ${latency} ms; a slow store delays every container start.`,
        }
      : c,
  );
  return report;
};

/** A healthy report whose first store is not mounted any more, its plugin not running. */
const unhealthy = (report: NodeHealthReport): NodeHealthReport => {
  const first = report.stores[0];
  report.fuseMounts = report.fuseMounts?.filter((m) => m.path !== first.path);
  const unit = pluginName(first.path);
  report.stores[0] = {
    ...first,
    mounted: false,
    fs: null,
    responsive: false,
    latencyMs: null,
    error: 'not a mount point',
    layers: 0,
    images: [],
    process: first.process === null ? null : false,
  };
  report.checks = report.checks
    .filter((c) => c.store !== 0)
    .concat([
      {
        id: 'mounted',
        status: 'fail',
        message: `${first.path} is not a mount point; is ${unit} running? See journalctl -u ${unit}.`,
        store: 0,
      },
      { id: 'process', status: 'fail', message: `${unit} is not running.`, store: 0 },
    ]);
  return report;
};

const wellFormed = (report: NodeHealthReport): Record<string, string> => ({
  [HEALTH_ANNOTATION]: decideHealth(fitReport(report)),
  [REPORT_ANNOTATION]: serializeReport(report),
});

/** A report's JSON grown past the annotation limit (the agent's trimming bypassed, as a broken agent would). */
const oversizedText = (report: NodeHealthReport): string => {
  const images = Array.from(
    { length: 400 },
    (_, i) => `registry.example.com/ml/model-shard-${String(i).padStart(4, '0')}:v1-esgz`,
  );
  const grown = { ...report, stores: report.stores.map((s) => ({ ...s, images })) };
  const text = JSON.stringify(grown);
  return text.length > REPORT_MAX_BYTES ? text : text + ' '.repeat(REPORT_MAX_BYTES);
};

/**
 * The lazy-pull annotations of a node in `state`, at time `now`, for a node whose storage.conf
 * names `storage` and whose host has the FUSE `mounts`; null for NoAgent (no annotations at all). `variant` varies details (latency,
 * images, which degradation) from node to node. Healthy, Degraded and Unhealthy need a configured
 * layer store; without one the agent reports NotConfigured.
 */
export const agentAnnotations = (
  state: SimulatedAgentState,
  storage: ConfiguredStores,
  now: Date,
  variant: number,
  mounts: readonly FuseMount[],
): Record<string, string> | null => {
  const heartbeatMs = DEFAULT_HEARTBEAT_SECONDS * 1000;
  // A fresh report was written within the last heartbeat; in a settled cluster the reports'
  // times are spread evenly over it.
  const fresh = new Date(now.getTime() - (variant % DEFAULT_HEARTBEAT_SECONDS) * 1000);
  const configured = storage.layerStores.length > 0;
  switch (state) {
    case 'NoAgent':
      return null;
    case 'Healthy':
    case 'NotConfigured':
      return wellFormed(
        healthyReport(
          state === 'NotConfigured'
            ? { layerStores: [], imageStores: storage.imageStores }
            : storage,
          fresh,
          variant,
          mounts,
        ),
      );
    case 'Degraded': {
      const report = healthyReport(storage, fresh, variant, mounts);
      return wellFormed(configured ? degraded(report, variant) : report);
    }
    case 'Unhealthy': {
      const report = healthyReport(storage, fresh, variant, mounts);
      return wellFormed(configured ? unhealthy(report) : report);
    }
    case 'Stale':
      // Older than three heartbeats: the agent stopped writing (node hung, agent crash-looping).
      return wellFormed(
        healthyReport(
          storage,
          new Date(now.getTime() - 3 * heartbeatMs - (1 + (variant % 48)) * 3_600_000),
          variant,
          mounts,
        ),
      );
    case 'BadJson': {
      const text = serializeReport(healthyReport(storage, fresh, variant, mounts));
      return {
        [HEALTH_ANNOTATION]: 'Healthy',
        [REPORT_ANNOTATION]: text.slice(0, Math.floor(text.length / 2)),
      };
    }
    case 'UnknownVersion':
      return {
        [HEALTH_ANNOTATION]: 'Healthy',
        [REPORT_ANNOTATION]: JSON.stringify({
          ...healthyReport(storage, fresh, variant, mounts),
          v: 2,
        }),
      };
    case 'Oversized':
      return {
        [HEALTH_ANNOTATION]: 'Healthy',
        [REPORT_ANNOTATION]: oversizedText(healthyReport(storage, fresh, variant, mounts)),
      };
    case 'WrongTypes':
      return {
        [HEALTH_ANNOTATION]: 'Healthy',
        [REPORT_ANNOTATION]: JSON.stringify({
          ...healthyReport(storage, fresh, variant, mounts),
          stores: 'none',
          heartbeatSeconds: '600',
        }),
      };
  }
};
