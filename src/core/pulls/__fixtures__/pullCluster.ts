/**
 * Test support: nodes of the sample cluster's pools in the states that decide how they pull, and
 * the kubelet's image events about them, worded as the kubelet words them.
 */
import { buildDashboard } from '../../dashboard/buildDashboard';
import {
  mcoAnnotations,
  NOW,
  sampleConfigs,
  sampleNode,
  samplePools,
} from '../../dashboard/__fixtures__/sampleCluster';
import type { DashboardNode } from '../../dashboard/types';
import type { CoreEvent } from '../pullEvents';

/** A node of pool gpu or worker, on its pool's config and Done unless `mco` says otherwise. */
export const poolNode = (
  name: string,
  pool: 'gpu' | 'worker',
  agent: Record<string, string>,
  mco = mcoAnnotations('Done', `rendered-${pool}-new`),
): DashboardNode =>
  sampleNode(name, pool === 'gpu' ? ['worker', 'gpu'] : ['worker'], { ...mco, ...agent });

/** The dashboard of the sample pools and configuration with these nodes, at NOW. */
export const dashboardOf = (nodes: DashboardNode[]) =>
  buildDashboard({ nodes, pools: samplePools(), configs: sampleConfigs(), now: NOW });

export const minutesAgo = (minutes: number): string =>
  new Date(NOW - minutes * 60_000).toISOString();

/** An event of the kubelet on `node`, about a pod. */
export const kubeletEvent = (
  reason: string,
  node: string,
  message: string,
  minutes = 10,
): CoreEvent => ({
  reason,
  message,
  involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
  source: { component: 'kubelet', host: node },
  lastTimestamp: minutesAgo(minutes),
});

/** A `Pulled` event of a pull that took `duration` (a Go duration), with the size when given. */
export const pulledEvent = (
  node: string,
  image: string,
  duration: string,
  size: number | null,
  minutes = 10,
): CoreEvent =>
  kubeletEvent(
    'Pulled',
    node,
    `Successfully pulled image "${image}" in ${duration} (${duration} including waiting)` +
      (size === null ? '' : `. Image size: ${size} bytes.`),
    minutes,
  );
