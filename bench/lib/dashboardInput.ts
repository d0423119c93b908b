/**
 * The node-health page's inputs at 5,000 nodes, as the simulated cluster serves them (so as the
 * API server hands them to the page): the metadata-only node list the page's watch reads first,
 * the pools and configurations, one flush of 1,000 MODIFIED events of the metadata-only watch
 * (each node's agent heartbeat: the same report, dated a minute later), and the kubelets' image
 * events the pull-time section watches. Made under Node, where
 * the simulated cluster runs; handed to the page as JSON text.
 */
import { ManualScheduler } from '../../dev/simulated-cluster/clock';
import { createSimulatedCluster } from '../../dev/simulated-cluster/index';
import { partialObjectMetadata } from '../../dev/simulated-cluster/representation';
import {
  CONTAINER_RUNTIME_CONFIGS,
  EVENTS,
  MACHINE_CONFIG_POOLS,
  NODES,
} from '../../dev/simulated-cluster/resources';
import { fieldSelectorOf } from '../../dev/simulated-cluster/selectors';
import { PULL_EVENT_SELECTORS } from '../../src/core/pulls/pullEvents';
import { heartbeatAnnotations } from '../../dev/simulated-cluster/simulated-agents';

export const COMPUTE_NODES = 5000;
export const FLUSH_EVENTS = 1000;

export interface DashboardInput {
  /** The time the page judges at (ms since the epoch). */
  now: number;
  /** JSON: the MachineConfigPools and the ContainerRuntimeConfigs. */
  pools: string;
  configs: string;
  /** JSON: the items of the metadata-only node list. */
  metadataNodes: string;
  /** JSON: one flush's watch events, `{type: 'MODIFIED', object: PartialObjectMetadata}`. */
  flushEvents: string;
  /**
   * JSON: the events the pull-time section's watches select (one list per field selector, as
   * the simulated API server selects them): the last 3 h of the kubelets' pulls.
   */
  pullEvents: string;
}

export const dashboardInput = (): DashboardInput => {
  const scheduler = new ManualScheduler();
  const cluster = createSimulatedCluster({
    nodes: COMPUTE_NODES,
    scheduler,
    heartbeats: false,
    mco: { autoRun: false },
  });
  try {
    const nodes = cluster.store.list(NODES);
    const beatAt = new Date(scheduler.now().getTime() + 60_000);
    const beating = nodes.flatMap((node) => {
      const written = heartbeatAnnotations(node.metadata.annotations, beatAt);
      return written ? [{ node, written }] : [];
    });
    // Spread over the cluster, as heartbeats are: every k-th node whose agent reports.
    const step = beating.length / FLUSH_EVENTS;
    const events = Array.from({ length: Math.min(FLUSH_EVENTS, beating.length) }, (_, i) => {
      const { node, written } = beating[Math.floor(i * step)];
      return {
        type: 'MODIFIED',
        object: partialObjectMetadata({
          ...node,
          metadata: {
            ...node.metadata,
            resourceVersion: String(Number(node.metadata.resourceVersion ?? 0) + 100_000),
            annotations: { ...node.metadata.annotations, ...written },
          },
        }),
      };
    });
    return {
      now: beatAt.getTime(),
      pools: JSON.stringify(cluster.store.list(MACHINE_CONFIG_POOLS)),
      configs: JSON.stringify(cluster.store.list(CONTAINER_RUNTIME_CONFIGS)),
      metadataNodes: JSON.stringify(nodes.map(partialObjectMetadata)),
      flushEvents: JSON.stringify(events),
      pullEvents: JSON.stringify(
        PULL_EVENT_SELECTORS.map((selector) =>
          cluster.store.list(EVENTS).filter(fieldSelectorOf(EVENTS, selector)),
        ),
      ),
    };
  } finally {
    cluster.close();
  }
};
