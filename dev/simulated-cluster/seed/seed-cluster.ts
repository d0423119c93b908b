import { poolLabelKey } from '../../../src/core/model/types';
import { STARGZ_STORE_PATH } from '../../../src/core/storePlugins';
import {
  agentAnnotations,
  simulatedHostOf,
  type SimulatedAgentState,
  type SimulatedHost,
} from '../agent-reports';
import { kubeTimestamp } from '../clock';
import { containerRuntimeConfigCrd } from '../crd';
import { featureGateObject } from '../feature-gate';
import type { KubeObject } from '../kube-object';
import { baseMachineConfigs } from '../machine-configs';
import type { SimulatedMco } from '../mco';
import { machineConfigNodeFor } from '../node-updates';
import type { ObjectStore } from '../object-store';
import { poolObject } from '../pools';
import { stargzStoreMachineConfig } from '../storage-plugins';
import {
  apiVersionOf,
  CONTAINER_RUNTIME_CONFIGS,
  CUSTOM_RESOURCE_DEFINITIONS,
  FEATURE_GATES,
  MACHINE_CONFIG_NODES,
  MACHINE_CONFIG_POOLS,
  MACHINE_CONFIGS,
  NODES,
} from '../resources';
import { nodeVariant } from '../simulated-agents';
import { NodeImageCatalog } from './node-images';
import { buildNode, type NodeRole } from './nodes';
import { SeededRandom } from './random';

/**
 * The cluster `npm start` shows: three control-plane nodes, a worker pool, a custom `gpu` pool
 * whose nodes already lazy-pull through stargz-store (installed by a MachineConfig, configured by
 * a ContainerRuntimeConfig that the simulated MCO synced, with the MachineConfig, finalizer and
 * annotation the MCO leaves), every node on its pool's rendered config, and node agents reporting
 * every state a reader must handle. Pools are labelled as the MCO labels them; the gpu pool
 * carries the pool label its admin added.
 */

export interface SeedOptions {
  /** Worker plus GPU nodes (control-plane nodes come on top). */
  computeNodes: number;
  seed: number;
  storageGateEnabled: boolean;
}

export interface SeedSummary {
  masters: number;
  workers: number;
  gpuNodes: number;
}
export const SEEDED_CONFIG_NAME = 'gpu-lazy-pull';
const CONTROL_PLANE_NODES = 3;

/** About 85 % workers, the rest GPU nodes; at least a few GPU nodes so that every agent state shows. */
export const splitComputeNodes = (computeNodes: number): { workers: number; gpuNodes: number } => {
  const gpuNodes = Math.max(
    Math.min(4, Math.floor(computeNodes / 2)),
    Math.round(computeNodes * 0.15),
  );
  return { workers: computeNodes - gpuNodes, gpuNodes };
};

/** The first nodes of each role show each state for certain; the rest are drawn by weight. */
const FIRST_STATES: Record<NodeRole, SimulatedAgentState[]> = {
  master: [],
  gpu: ['Healthy', 'Degraded', 'Unhealthy', 'Stale'],
  worker: ['BadJson', 'UnknownVersion', 'Oversized', 'WrongTypes', 'NoAgent'],
};

const STATE_WEIGHTS: Record<NodeRole, [SimulatedAgentState, number][]> = {
  master: [['NotConfigured', 1]],
  gpu: [
    ['Healthy', 0.8],
    ['Degraded', 0.08],
    ['Unhealthy', 0.05],
    ['Stale', 0.03],
    ['NoAgent', 0.02],
    ['BadJson', 0.005],
    ['UnknownVersion', 0.005],
    ['Oversized', 0.005],
    ['WrongTypes', 0.005],
  ],
  worker: [
    ['NotConfigured', 0.94],
    ['Stale', 0.02],
    ['NoAgent', 0.02],
    ['BadJson', 0.005],
    ['UnknownVersion', 0.005],
    ['Oversized', 0.005],
    ['WrongTypes', 0.005],
  ],
};

const agentStateFor = (role: NodeRole, index: number, rng: SeededRandom): SimulatedAgentState => {
  const first = FIRST_STATES[role];
  if (index < first.length) return first[index];
  let r = rng.next();
  for (const [state, weight] of STATE_WEIGHTS[role]) {
    if (r < weight) return state;
    r -= weight;
  }
  return STATE_WEIGHTS[role][0][0];
};

const POOL_OF_ROLE: Record<NodeRole, string> = { master: 'master', worker: 'worker', gpu: 'gpu' };

const seededConfig = (created: string): KubeObject => ({
  apiVersion: apiVersionOf(CONTAINER_RUNTIME_CONFIGS),
  kind: CONTAINER_RUNTIME_CONFIGS.kind,
  metadata: { name: SEEDED_CONFIG_NAME, creationTimestamp: created },
  spec: {
    machineConfigPoolSelector: { matchLabels: { [poolLabelKey('gpu')]: '' } },
    containerRuntimeConfig: { additionalLayerStores: [{ path: STARGZ_STORE_PATH }] },
  },
});

export const seedCluster = (
  store: ObjectStore,
  mco: SimulatedMco,
  now: Date,
  options: SeedOptions,
): SeedSummary => {
  const rng = new SeededRandom(options.seed);
  const installed = kubeTimestamp(new Date(now.getTime() - 180 * 86_400_000));
  const withCreation = (obj: KubeObject, at = installed): KubeObject => ({
    ...obj,
    metadata: { ...obj.metadata, creationTimestamp: at },
  });

  store.create(FEATURE_GATES, withCreation(featureGateObject(options.storageGateEnabled)));
  store.create(
    CUSTOM_RESOURCE_DEFINITIONS,
    withCreation(containerRuntimeConfigCrd(options.storageGateEnabled)),
  );
  for (const mc of [...baseMachineConfigs('master'), ...baseMachineConfigs('worker')])
    store.create(MACHINE_CONFIGS, withCreation(mc));
  // stargz-store runs on the gpu nodes, installed as the install guide installs it.
  store.create(
    MACHINE_CONFIGS,
    withCreation(
      stargzStoreMachineConfig('gpu'),
      kubeTimestamp(new Date(now.getTime() - 31 * 86_400_000)),
    ),
  );
  store.create(MACHINE_CONFIG_POOLS, withCreation(poolObject('master', 'master', ['master'])));
  store.create(MACHINE_CONFIG_POOLS, withCreation(poolObject('worker', 'worker', ['worker'])));
  store.create(
    MACHINE_CONFIG_POOLS,
    withCreation(
      // A custom pool has no pool label of its own; this one's admin added it so that
      // gpu-lazy-pull could select it (`oc label mcp gpu <key>=`).
      poolObject('gpu', 'gpu', ['worker', 'gpu'], { labels: { [poolLabelKey('gpu')]: '' } }),
      kubeTimestamp(new Date(now.getTime() - 90 * 86_400_000)),
    ),
  );
  store.create(
    CONTAINER_RUNTIME_CONFIGS,
    seededConfig(kubeTimestamp(new Date(now.getTime() - 30 * 86_400_000))),
  );

  // The MCO generates the gpu pool's MachineConfig and every pool's rendered config.
  mco.syncContainerRuntimeConfigs();
  mco.renderPools();

  const targets = new Map<string, { name: string; host: SimulatedHost }>();
  for (const pool of store.list(MACHINE_CONFIG_POOLS)) {
    const name = (pool.spec as { configuration: { name: string } }).configuration.name;
    const rendered = store.get(MACHINE_CONFIGS, name);
    targets.set(pool.metadata.name, {
      name,
      host: simulatedHostOf(rendered),
    });
  }

  const { workers, gpuNodes } = splitComputeNodes(options.computeNodes);
  const counts: [NodeRole, number][] = [
    ['master', CONTROL_PLANE_NODES],
    ['worker', workers],
    ['gpu', gpuNodes],
  ];
  const images = new NodeImageCatalog(rng);
  const nowText = kubeTimestamp(now);
  let globalIndex = 0;
  for (const [role, count] of counts) {
    const pool = POOL_OF_ROLE[role];
    const target = targets.get(pool)!;
    for (let index = 0; index < count; index += 1) {
      const node = buildNode({
        role,
        index,
        globalIndex,
        renderedConfig: target.name,
        now,
        rng,
        images,
      });
      globalIndex += 1;
      const state = agentStateFor(role, index, rng);
      const lazyPull = agentAnnotations(state, target.host, now, nodeVariant(node.metadata.name));
      if (lazyPull) node.metadata.annotations = { ...node.metadata.annotations, ...lazyPull };
      const stored = store.create(NODES, node, { unrecorded: true });
      store.create(
        MACHINE_CONFIG_NODES,
        machineConfigNodeFor(undefined, stored, pool, 'Done', target.name, target.name, nowText),
        { unrecorded: true },
      );
    }
  }
  mco.updatePoolStatuses();
  // The seeded state is where history begins: watches from before it get 410.
  store.forgetHistory();
  return { masters: CONTROL_PLANE_NODES, workers, gpuNodes };
};
