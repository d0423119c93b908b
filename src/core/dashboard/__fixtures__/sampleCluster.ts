/**
 * Realistic dashboard inputs for tests and benchmarks: master, worker and a custom gpu pool, a
 * ContainerRuntimeConfig giving the gpu pool stargz-store, and nodes whose agent annotations
 * are written with the core's own serializer (so they are what a real agent writes). The
 * unhealthy and degraded reports are the agent's own (src/agent/report) for the node's host
 * described as its inspection finds it; this test-only module may import the agent, the core
 * itself never does.
 */
import type { NodeInspection } from '../../../agent/inspect/inspectNode';
import { identifyPlugin } from '../../../agent/inspect/pluginProfiles';
import { buildReport } from '../../../agent/report/buildReport';
import type { MachineConfigPool } from '../../pools/machineConfigPool';
import {
  decideHealth,
  HEALTH_ANNOTATION,
  type HealthCheck,
  type NodeHealthReport,
  REPORT_ANNOTATION,
  serializeReport,
  type StoreReport,
} from '../../health/report';
import type { ContainerRuntimeConfig } from '../../model/types';
import {
  MCO_CURRENT_CONFIG_ANNOTATION,
  MCO_DESIRED_CONFIG_ANNOTATION,
  MCO_REASON_ANNOTATION,
  MCO_STATE_ANNOTATION,
} from '../rollout';
import type { DashboardNode } from '../types';

export const STARGZ_STORE = '/var/lib/stargz-store/store';
export const NOW = Date.parse('2026-03-01T12:00:00Z');

const ROLE = 'machineconfiguration.openshift.io/role';

export const samplePool = (
  name: string,
  roles: string[] = [name],
  target = `rendered-${name}-new`,
): MachineConfigPool => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfigPool',
  metadata: { name, labels: { [`pools.operator.machineconfiguration.openshift.io/${name}`]: '' } },
  spec: {
    machineConfigSelector: { matchExpressions: [{ key: ROLE, operator: 'In', values: roles }] },
    nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${name}`]: '' } },
    configuration: { name: target },
  },
});

export const sampleConfig = (
  name: string,
  pool: string,
  layerStores: string[],
  extra: Partial<ContainerRuntimeConfig> = {},
): ContainerRuntimeConfig => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { [`pools.operator.machineconfiguration.openshift.io/${pool}`]: '' },
    },
    containerRuntimeConfig:
      layerStores.length > 0
        ? { additionalLayerStores: layerStores.map((path) => ({ path })) }
        : { pidsLimit: 4096 },
  },
  ...extra,
});

export const samplePools = (): MachineConfigPool[] => [
  samplePool('master'),
  samplePool('worker'),
  samplePool('gpu', ['worker', 'gpu']),
];

export const sampleConfigs = (): ContainerRuntimeConfig[] => [
  sampleConfig('lazy-pull-gpu', 'gpu', [STARGZ_STORE]),
];

export const sampleStore = (overrides: Partial<StoreReport> = {}): StoreReport => ({
  path: STARGZ_STORE,
  plugin: 'stargz',
  mounted: true,
  fs: 'fuse.rawBridge',
  responsive: true,
  latencyMs: 1.2,
  layers: 12,
  images: ['quay.io/example/vllm:0.6', 'quay.io/example/pytorch:2.4'],
  imagesOmitted: 0,
  socket: true,
  process: true,
  ...overrides,
});

const pass = (id: string, message: string, store?: number): HealthCheck =>
  store === undefined ? { id, status: 'pass', message } : { id, status: 'pass', message, store };

export const healthyChecks = (): HealthCheck[] => [
  pass('storage-conf', 'storage.conf names 1 additional layer store.'),
  pass('mounted', `${STARGZ_STORE} is a fuse.rawBridge mount.`, 0),
  pass('responsive', `${STARGZ_STORE} answered in 1.2 ms.`, 0),
  pass('socket', 'The stargz-store control socket exists.', 0),
  pass('process', 'stargz-store is running.', 0),
  pass('auth-helper', 'registries.conf names stargz-store-helper.'),
];

export const sampleReport = (overrides: Partial<NodeHealthReport> = {}): NodeHealthReport => ({
  v: 1,
  at: new Date(NOW - 60_000).toISOString(),
  agentVersion: '0.1.0',
  heartbeatSeconds: 600,
  storageConf: { layerStores: [{ path: STARGZ_STORE, ref: true }], imageStores: [] },
  stores: [sampleStore()],
  checks: healthyChecks(),
  ...overrides,
});

/** The two annotations an agent writes for the report (health agreeing with it). */
export const agentAnnotations = (report: NodeHealthReport): Record<string, string> => ({
  [HEALTH_ANNOTATION]: decideHealth(report),
  [REPORT_ANNOTATION]: serializeReport(report),
});

export const mcoAnnotations = (
  state = 'Done',
  current = 'rendered-worker-new',
  desired = current,
  reason = '',
): Record<string, string> => ({
  [MCO_CURRENT_CONFIG_ANNOTATION]: current,
  [MCO_DESIRED_CONFIG_ANNOTATION]: desired,
  [MCO_STATE_ANNOTATION]: state,
  [MCO_REASON_ANNOTATION]: reason,
});

export const sampleNode = (
  name: string,
  roles: string[],
  annotations: Record<string, string> = {},
  uid = `uid-${name}`,
): DashboardNode => ({
  metadata: {
    name,
    uid,
    labels: Object.fromEntries(roles.map((r) => [`node-role.kubernetes.io/${r}`, ''])),
    annotations,
  },
});

const STARGZ_MOUNT = { mountPoint: STARGZ_STORE, fsType: 'fuse.rawBridge', source: 'stargzstore' };

/**
 * What the agent in its DaemonSet finds on a gpu node: storage.conf naming the stargz store, the
 * auth helper set (or not), stargz-store running and mounted with its store listed (or stopped,
 * its mount gone and its empty directory left).
 */
const stargzNodeInspection = ({
  running,
  authHelper,
}: {
  running: boolean;
  authHelper: boolean;
}): NodeInspection => {
  const mount = running ? STARGZ_MOUNT : undefined;
  const store = sampleStore();
  return {
    storageConf: {
      kind: 'read',
      stores: { layerStores: [{ path: STARGZ_STORE, ref: true }], imageStores: [], errors: [] },
    },
    registries: authHelper
      ? {
          helper: '/usr/local/bin/stargz-store-helper',
          source: '/etc/containers/registries.conf.d/99-stargz-store-auth-helper.conf',
          errors: [],
          unreadable: [],
        }
      : { errors: [], unreadable: [] },
    mountTable: {
      kind: 'read',
      mounts: running ? [STARGZ_MOUNT] : [],
      source: '/proc/self/mountinfo',
      agentView: true,
    },
    stores: [
      {
        entry: { path: STARGZ_STORE, ref: true },
        hostPath: STARGZ_STORE,
        mount,
        mountsBelow: [],
        plugin: identifyPlugin(STARGZ_STORE, mount),
        visible: true,
        process: running
          ? { kind: 'running', evidence: 'The unit stargz-store.service runs 1 process' }
          : {
              kind: 'notRunning',
              evidence: 'The unit stargz-store.service is not running (it has no cgroup)',
            },
        probe: {
          kind: 'answered',
          inspection: running
            ? {
                listed: true,
                latencyMs: store.latencyMs,
                socket: true,
                layers: store.layers,
                images: store.images,
                imagesTotal: store.images.length,
                unknownEntries: 0,
                partial: false,
              }
            : {
                listed: true,
                latencyMs: 0.2,
                socket: false,
                layers: 0,
                images: [],
                imagesTotal: 0,
                unknownEntries: 0,
                partial: false,
              },
        },
      },
    ],
  };
};

const agentReport = (inspection: NodeInspection): NodeHealthReport =>
  buildReport(inspection, {
    at: new Date(NOW - 60_000),
    agentVersion: '0.1.0',
    heartbeatSeconds: 600,
  });

/** The report of a node whose stargz-store stopped: its mount gone, its unit not running. */
export const unhealthyReport = (): NodeHealthReport =>
  agentReport(stargzNodeInspection({ running: false, authHelper: true }));

/** The report of a node whose registries configuration sets no auth helper. */
export const degradedReport = (): NodeHealthReport =>
  agentReport(stargzNodeInspection({ running: true, authHelper: false }));

export const notConfiguredReport = (): NodeHealthReport =>
  sampleReport({
    storageConf: { layerStores: [], imageStores: [] },
    stores: [],
    checks: [pass('storage-conf', 'storage.conf names no additional layer store.')],
  });

/**
 * A cluster of `count` nodes with every health and rollout state represented: mostly gpu and
 * worker nodes, three masters; deterministic for a given count.
 */
export const sampleCluster = (
  count: number,
  now = NOW,
): { nodes: DashboardNode[]; pools: MachineConfigPool[]; configs: ContainerRuntimeConfig[] } => {
  const nodes: DashboardNode[] = [];
  for (let i = 0; i < count; i += 1) {
    const pool = i < 3 ? 'master' : i % 2 === 0 ? 'gpu' : 'worker';
    const roles = pool === 'gpu' ? ['worker', 'gpu'] : [pool];
    const name = `${pool}-${String(i).padStart(5, '0')}.example.com`;
    const at = new Date(now - ((i * 7919) % 500) * 1000).toISOString();
    const images = Array.from(
      { length: 2 + (i % 9) },
      (_, k) => `quay.io/example/model-${k}:v${i % 5}`,
    );
    let agent: Record<string, string>;
    switch (i % 20) {
      case 0:
        agent = agentAnnotations(unhealthyReport());
        break;
      case 1:
        agent = agentAnnotations(degradedReport());
        break;
      case 2:
        agent = agentAnnotations(sampleReport({ at: new Date(now - 3 * 3600_000).toISOString() }));
        break;
      case 3:
        agent = { [HEALTH_ANNOTATION]: 'Healthy', [REPORT_ANNOTATION]: '{"v":1,"at":' };
        break;
      case 4:
        agent = {};
        break;
      default:
        agent = agentAnnotations(
          pool === 'gpu'
            ? sampleReport({ at, stores: [sampleStore({ layers: 10 + (i % 40), images })] })
            : notConfiguredReport(),
        );
    }
    const mco =
      i % 50 === 7
        ? mcoAnnotations(
            'Degraded',
            `rendered-${pool}-old`,
            `rendered-${pool}-new`,
            'failed to drain node',
          )
        : i % 50 === 8
          ? mcoAnnotations('Rebooting', `rendered-${pool}-old`, `rendered-${pool}-new`)
          : i % 50 === 9
            ? mcoAnnotations('Working', `rendered-${pool}-old`, `rendered-${pool}-new`)
            : mcoAnnotations('Done', `rendered-${pool}-new`);
    nodes.push(sampleNode(name, roles, { ...mco, ...agent }));
  }
  return { nodes, pools: samplePools(), configs: sampleConfigs() };
};
