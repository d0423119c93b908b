import { agentAnnotations, configuredStoresOf } from './agent-reports';
import type { Scheduler } from './clock';
import type { KubeObject } from './kube-object';
import { storageConfOf } from './machine-configs';
import { fuseMountsOf } from './storage-plugins';
import type { ObjectStore } from './object-store';
import { annotationOf, NODE_CURRENT_CONFIG } from './pools';
import { MACHINE_CONFIGS, NODES } from './resources';

/**
 * The node agents of the simulated cluster. After a node reboots onto a new rendered config, its
 * agent reads the storage.conf that config put on the node and reports its stores, and the FUSE
 * mounts of the storage plugins that config installs: a configured store works where its plugin
 * is mounted (Healthy) and fails where none is (Unhealthy); with no layer store configured the
 * node is NotConfigured.
 */

/** A stable number per node (FNV-1a of its name), so that each node's report details differ but repeat. */
export const nodeVariant = (name: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

export class SimulatedAgents {
  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: Scheduler,
  ) {}

  /** The node came back from a reboot: its agent reports what the node's current config configures. */
  reportAfterReboot(nodeName: string): void {
    const node = this.store.get(NODES, nodeName);
    if (!node) return;
    const annotations = this.annotationsFor(node);
    this.store.mutate(NODES, nodeName, (draft) => {
      draft.metadata.annotations = { ...(draft.metadata.annotations ?? {}), ...annotations };
    });
  }

  private annotationsFor(node: KubeObject): Record<string, string> {
    const current = annotationOf(node, NODE_CURRENT_CONFIG);
    const rendered = current ? this.store.get(MACHINE_CONFIGS, current) : undefined;
    const storage = configuredStoresOf(storageConfOf(rendered));
    return agentAnnotations(
      'Healthy',
      storage,
      this.scheduler.now(),
      nodeVariant(node.metadata.name),
      fuseMountsOf(rendered),
    )!;
  }
}
