import {
  DEFAULT_HEARTBEAT_SECONDS,
  DEFAULT_MAX_IMAGES_PER_STORE,
  HEALTH_ANNOTATION,
  REPORT_ANNOTATION,
  REPORT_MAX_BYTES,
  serializeReport,
  type ConfiguredStores,
  type FuseMount,
  type NodeHealthReport,
} from '../../src/core/health/report';
import { decodeMachineConfigFiles } from '../../src/core/ignition/decodeMachineConfigFiles';
import { BASE_TEMPLATE_STORAGE_CONF } from '../../src/core/preview/baseStorageConf';
import { REGISTRIES_CONF_DROP_IN_DIR } from '../../src/core/storageConf/readRegistriesConf';
import { readStorageConfStores, STORAGE_CONF_PATH } from '../../src/core/storageConf/readStores';
import type { MountEntry } from '../../src/agent/host/mountTable';
import {
  type HostReader,
  type NodeInspection,
  type SurveyedStore,
  surveyNode,
} from '../../src/agent/inspect/inspectNode';
import type { StoreProbeOutcome } from '../../src/agent/probe/storeProber';
import { publishableState } from '../../src/agent/report/buildReport';
import type { KubeObject } from './kube-object';
import { enabledUnitsOf } from './machine-configs';
import { fuseMountsOf } from './storage-plugins';

/**
 * The lazy-pull annotations a node agent would write, in every state a reader must handle: the
 * four health values, a stale report, and annotations a reader cannot trust (bad JSON, a version
 * it does not know, oversized, wrong types) or no agent at all. A well-formed report is the real
 * agent's (src/agent): the simulated node is described as the agent finds its host (the files its
 * rendered config writes, its mounts, its running units, what listing each store finds), and the
 * agent's own survey and report builder turn that into the annotations.
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

/** The stores a node's storage.conf configures (as the agent reads the file). */
export const configuredStoresOf = (storageConf: string | null): ConfiguredStores => {
  if (storageConf === null) return { layerStores: [], imageStores: [] };
  const read = readStorageConfStores(storageConf);
  return { layerStores: read.layerStores, imageStores: read.imageStores };
};

/** A node's host as the agent in its DaemonSet (deploy/agent/daemonset.yaml) finds it. */
export interface SimulatedHost {
  /** The files its rendered config writes, by path: storage.conf, registries.conf and drop-ins. */
  files: ReadonlyMap<string, string>;
  /** The FUSE mounts of the storage plugins that run there. */
  fuseMounts: readonly FuseMount[];
  /** The systemd units that run (each cgroup holds a process). */
  runningUnits: ReadonlySet<string>;
}

/** The host of a node on this rendered config, with its storage plugins running. */
export const simulatedHostOf = (rendered: KubeObject | undefined): SimulatedHost => {
  const files = new Map<string, string>();
  // Later entries win, as Ignition writes them.
  if (rendered)
    for (const file of decodeMachineConfigFiles(rendered).files)
      files.set(file.path, file.contents);
  return {
    files,
    fuseMounts: fuseMountsOf(rendered),
    runningUnits: new Set(enabledUnitsOf(rendered)),
  };
};

/**
 * The host's mounts the DaemonSet's agent sees in its own mount table: its hostPath volumes
 * (bind mounts, so the filesystem of the host directory) and, propagated into them, the plugins'
 * FUSE mounts.
 */
export const AGENT_HOST_VOLUMES: readonly MountEntry[] = [
  { mountPoint: '/etc/containers', fsType: 'xfs', source: '/dev/sda4' },
  { mountPoint: '/sys/fs/cgroup/system.slice', fsType: 'cgroup2', source: 'cgroup2' },
  { mountPoint: '/var/lib/stargz-store', fsType: 'xfs', source: '/dev/sda4' },
  { mountPoint: '/var/lib/nydus-store', fsType: 'xfs', source: '/dev/sda4' },
];

/** Directories systemd-tmpfiles creates from the config's /etc/tmpfiles.d files (`d` and `D` lines). */
const tmpfilesDirectories = (files: ReadonlyMap<string, string>): Set<string> => {
  const dirs = new Set<string>();
  for (const [path, text] of files) {
    if (!path.startsWith('/etc/tmpfiles.d/')) continue;
    for (const line of text.split('\n')) {
      const [type, dir] = line.trim().split(/\s+/);
      if ((type === 'd' || type === 'D') && dir !== undefined) dirs.add(dir);
    }
  }
  return dirs;
};

/** What the agent reads from this host. */
const hostReader = (host: SimulatedHost): HostReader => ({
  readFile: (path) => {
    const text = host.files.get(path);
    return text === undefined ? { kind: 'missing' } : { kind: 'read', text };
  },
  listDir: (dir) => {
    const names = [...host.files.keys()]
      .filter((path) => path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes('/'))
      .map((path) => path.slice(dir.length + 1));
    return names.length > 0 ? { kind: 'listed', names } : { kind: 'missing' };
  },
  mountTable: () => ({
    kind: 'read',
    mounts: [
      ...AGENT_HOST_VOLUMES,
      ...host.fuseMounts.map((m) => ({ mountPoint: m.path, fsType: m.fs, source: m.source })),
    ],
    source: '/proc/self/mountinfo',
    agentView: true,
  }),
  // The DaemonSet mounts no host /proc: the agent finds a daemon by its unit's cgroup.
  processes: () => ({
    kind: 'cgroup',
    readUnitProcs: (unit) =>
      host.runningUnits.has(unit) ? { kind: 'read', text: '4242\n' } : { kind: 'missing' },
  }),
});

/**
 * What probing a store finds: a mounted store of a running plugin serves a few images, with
 * details (latency, layers, images) varying by `variant`; an unmounted one is the empty directory
 * the tmpfiles entry made, or no directory at all.
 */
const probeOf = (
  store: SurveyedStore,
  host: SimulatedHost,
  variant: number,
  directories: ReadonlySet<string>,
): StoreProbeOutcome => {
  const serving = store.mount !== undefined && store.mount.fsType.startsWith('fuse');
  const socket =
    store.plugin.socketPath === null
      ? null
      : store.plugin.unit !== null && host.runningUnits.has(store.plugin.unit);
  if (!serving) {
    const exists = store.mount !== undefined || directories.has(store.hostPath);
    return {
      kind: 'answered',
      inspection: exists
        ? { listed: true, latencyMs: 0.2, socket, ...emptyCensus }
        : { listed: false, error: 'ENOENT', latencyMs: null, socket, ...emptyCensus },
    };
  }
  const images = [
    ...new Set(
      Array.from(
        { length: 1 + (variant % 4) },
        (_, i) => LAZY_IMAGES[(variant + i * 3) % LAZY_IMAGES.length],
      ),
    ),
  ].sort();
  return {
    kind: 'answered',
    inspection: {
      listed: true,
      latencyMs: Math.round((0.6 + (variant % 17) * 0.13) * 10) / 10,
      socket,
      layers: 6 + ((variant * 7) % 41),
      images: images.slice(0, DEFAULT_MAX_IMAGES_PER_STORE),
      imagesTotal: images.length,
      unknownEntries: 0,
      partial: false,
    },
  };
};

const emptyCensus = { layers: 0, images: [], imagesTotal: 0, unknownEntries: 0, partial: false };

/** The agent's inspection of this host: its own survey, and the stores' probes as simulated here. */
export const inspectSimulatedHost = (host: SimulatedHost, variant: number): NodeInspection => {
  const survey = surveyNode(hostReader(host));
  const directories = tmpfilesDirectories(host.files);
  return {
    ...survey,
    stores: survey.stores.map((store, i) => ({
      ...store,
      probe: store.probe ?? probeOf(store, host, variant + i, directories),
    })),
  };
};

/** The host with storage.conf as the base template writes it: no layer store. */
const notConfigured = (host: SimulatedHost): SimulatedHost => ({
  ...host,
  files: new Map(host.files).set(STORAGE_CONF_PATH, BASE_TEMPLATE_STORAGE_CONF),
});

/** A drop-in someone left on the node that is not valid TOML. */
const BROKEN_DROP_IN = `${REGISTRIES_CONF_DROP_IN_DIR}/50-mirrors.conf`;

/**
 * The host degraded in one of two ways: the auth helper's drop-in is gone (private images fall
 * back to full pulls), or a drop-in is broken (the registries configuration cannot be read whole).
 */
const degraded = (host: SimulatedHost, variant: number): SimulatedHost => {
  const files = new Map(host.files);
  if (variant % 2 === 0) {
    for (const path of host.files.keys())
      if (path.startsWith(`${REGISTRIES_CONF_DROP_IN_DIR}/`)) files.delete(path);
  } else {
    files.set(BROKEN_DROP_IN, '[[registry]\nlocation = "mirror.example.com"\n');
  }
  return { ...host, files };
};

/** The host with the first configured store's plugin stopped: its unit down, its mount gone. */
const unhealthy = (host: SimulatedHost, first: SurveyedStore): SimulatedHost => {
  const runningUnits = new Set(host.runningUnits);
  if (first.plugin.unit !== null) runningUnits.delete(first.plugin.unit);
  return {
    ...host,
    fuseMounts: host.fuseMounts.filter((m) => m.path !== first.hostPath),
    runningUnits,
  };
};

/** What the agent publishes for this host at `at`: the health and the fitted report. */
const publishedFor = (host: SimulatedHost, at: Date, variant: number) =>
  publishableState(inspectSimulatedHost(host, variant), {
    at,
    agentVersion: AGENT_VERSION,
    heartbeatSeconds: DEFAULT_HEARTBEAT_SECONDS,
  });

/** The annotations as the agent's loop publishes them (src/agent/loop/agentLoop.ts). */
const wellFormed = (host: SimulatedHost, at: Date, variant: number): Record<string, string> => {
  const { health, report } = publishedFor(host, at, variant);
  return { [HEALTH_ANNOTATION]: health, [REPORT_ANNOTATION]: serializeReport(report) };
};

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
 * The lazy-pull annotations of a node in `state`, at time `now`, on `host`; null for NoAgent (no
 * annotations at all). `variant` varies details (latency, images, which degradation) from node
 * to node. Degraded and Unhealthy change the host in a way that makes the agent report them; on
 * a host whose storage.conf names no layer store the agent reports NotConfigured whatever the state.
 */
export const agentAnnotations = (
  state: SimulatedAgentState,
  host: SimulatedHost,
  now: Date,
  variant: number,
): Record<string, string> | null => {
  const heartbeatMs = DEFAULT_HEARTBEAT_SECONDS * 1000;
  // A fresh report was written within the last heartbeat; in a settled cluster the reports'
  // times are spread evenly over it.
  const fresh = new Date(now.getTime() - (variant % DEFAULT_HEARTBEAT_SECONDS) * 1000);
  const report = () => publishedFor(host, fresh, variant).report;
  switch (state) {
    case 'NoAgent':
      return null;
    case 'Healthy':
      return wellFormed(host, fresh, variant);
    case 'NotConfigured':
      return wellFormed(notConfigured(host), fresh, variant);
    case 'Degraded':
      return wellFormed(degraded(host, variant), fresh, variant);
    case 'Unhealthy': {
      const first = surveyNode(hostReader(host)).stores.at(0);
      return wellFormed(first ? unhealthy(host, first) : host, fresh, variant);
    }
    case 'Stale':
      // Older than three heartbeats: the agent stopped writing (node hung, agent crash-looping).
      return wellFormed(
        host,
        new Date(now.getTime() - 3 * heartbeatMs - (1 + (variant % 48)) * 3_600_000),
        variant,
      );
    case 'BadJson': {
      const text = serializeReport(report());
      return {
        [HEALTH_ANNOTATION]: 'Healthy',
        [REPORT_ANNOTATION]: text.slice(0, Math.floor(text.length / 2)),
      };
    }
    case 'UnknownVersion':
      return {
        [HEALTH_ANNOTATION]: 'Healthy',
        [REPORT_ANNOTATION]: JSON.stringify({ ...report(), v: 2 }),
      };
    case 'Oversized':
      return { [HEALTH_ANNOTATION]: 'Healthy', [REPORT_ANNOTATION]: oversizedText(report()) };
    case 'WrongTypes':
      return {
        [HEALTH_ANNOTATION]: 'Healthy',
        [REPORT_ANNOTATION]: JSON.stringify({
          ...report(),
          stores: 'none',
          heartbeatSeconds: '600',
        }),
      };
  }
};
