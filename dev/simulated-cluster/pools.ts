import { selectorMatches } from '../../src/core/model/labelSelector';
import type { LabelSelector } from '../../src/core/model/types';
import { poolLabelKey, MC_ROLE_LABEL as ROLE_LABEL } from '../../src/core/model/types';
import { isPlainObject, type KubeObject } from './kube-object';
import { apiVersionOf, MACHINE_CONFIG_POOLS } from './resources';

/**
 * MachineConfigPools: which nodes belong to which pool, the MCO's per-node annotations, and the
 * pool status the MCO derives from its nodes.
 */

const MCO_PREFIX = 'machineconfiguration.openshift.io/';
export const NODE_CURRENT_CONFIG = `${MCO_PREFIX}currentConfig`;
export const NODE_DESIRED_CONFIG = `${MCO_PREFIX}desiredConfig`;
export const NODE_STATE = `${MCO_PREFIX}state`;
export const NODE_REASON = `${MCO_PREFIX}reason`;
export const NODE_DESIRED_DRAIN = `${MCO_PREFIX}desiredDrain`;
export const NODE_LAST_APPLIED_DRAIN = `${MCO_PREFIX}lastAppliedDrain`;

export type NodeUpdateState = 'Done' | 'Working' | 'Rebooting' | 'Degraded' | 'Unreconcilable';

export const ROLE_NODE_LABEL_PREFIX = 'node-role.kubernetes.io/';

/**
 * The labels the MCO's own pool manifests carry (manifests/master.machineconfigpool.yaml and
 * worker.machineconfigpool.yaml): only these pools get
 * `pools.operator.machineconfiguration.openshift.io/<pool>`. A custom pool has the labels its
 * author gave it.
 */
export const MCO_POOL_LABELS: Record<'master' | 'worker', Record<string, string>> = {
  master: {
    'operator.machineconfiguration.openshift.io/required-for-upgrade': '',
    'machineconfiguration.openshift.io/mco-built-in': '',
    [poolLabelKey('master')]: '',
  },
  worker: {
    'machineconfiguration.openshift.io/mco-built-in': '',
    [poolLabelKey('worker')]: '',
  },
};

/**
 * A pool as the MCO creates master and worker (labelled as its manifests label them), or as an
 * admin adds a custom one (with `labels`, none by default).
 */
export const poolObject = (
  name: string,
  nodeRole: string,
  machineConfigRoles: string[],
  extra: { labels?: Record<string, string>; maxUnavailable?: number | string } = {},
): KubeObject => ({
  apiVersion: apiVersionOf(MACHINE_CONFIG_POOLS),
  kind: MACHINE_CONFIG_POOLS.kind,
  metadata: {
    name,
    ...(name === 'master' || name === 'worker'
      ? { labels: { ...MCO_POOL_LABELS[name], ...extra.labels } }
      : extra.labels
        ? { labels: { ...extra.labels } }
        : {}),
  },
  spec: {
    machineConfigSelector:
      machineConfigRoles.length === 1
        ? { matchLabels: { [ROLE_LABEL]: machineConfigRoles[0] } }
        : { matchExpressions: [{ key: ROLE_LABEL, operator: 'In', values: machineConfigRoles }] },
    nodeSelector: { matchLabels: { [`${ROLE_NODE_LABEL_PREFIX}${nodeRole}`]: '' } },
    paused: false,
    ...(extra.maxUnavailable !== undefined ? { maxUnavailable: extra.maxUnavailable } : {}),
  },
});

const nodeSelectorOf = (pool: KubeObject): LabelSelector | undefined =>
  isPlainObject(pool.spec) ? (pool.spec.nodeSelector as LabelSelector | undefined) : undefined;

/**
 * The pool a node belongs to, by the MCO's rule: the pools whose nodeSelector matches it; a
 * custom pool wins over worker (custom pools select worker nodes with an extra role label).
 */
export const poolOfNode = (node: KubeObject, pools: readonly KubeObject[]): string | undefined => {
  const matching = pools.filter((p) => selectorMatches(nodeSelectorOf(p), node.metadata.labels));
  const custom = matching.filter((p) => p.metadata.name !== 'worker');
  return (custom[0] ?? matching[0])?.metadata.name;
};

/** Every pool's nodes, in name order, in one pass over the nodes. */
export const nodesByPool = (
  nodes: readonly KubeObject[],
  pools: readonly KubeObject[],
): Map<string, KubeObject[]> => {
  const byPool = new Map<string, KubeObject[]>(pools.map((p) => [p.metadata.name, []]));
  for (const node of nodes) {
    const pool = poolOfNode(node, pools);
    if (pool) byPool.get(pool)!.push(node);
  }
  return byPool;
};

export const annotationOf = (obj: KubeObject, key: string): string | undefined =>
  obj.metadata.annotations?.[key];

/** Up to date: on the target config and Done. */
export const isNodeUpdated = (node: KubeObject, target: string): boolean =>
  annotationOf(node, NODE_CURRENT_CONFIG) === target &&
  annotationOf(node, NODE_DESIRED_CONFIG) === target &&
  annotationOf(node, NODE_STATE) === 'Done';

const isNodeReady = (node: KubeObject): boolean => {
  const status = isPlainObject(node.status) ? node.status : {};
  const conditions = Array.isArray(status.conditions) ? status.conditions : [];
  return conditions.some((c) => isPlainObject(c) && c.type === 'Ready' && c.status === 'True');
};

const isUnschedulable = (node: KubeObject): boolean =>
  isPlainObject(node.spec) && node.spec.unschedulable === true;

export interface PoolCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

const conditionsOf = (pool: KubeObject): PoolCondition[] => {
  const status = isPlainObject(pool.status) ? pool.status : {};
  return Array.isArray(status.conditions) ? (status.conditions as PoolCondition[]) : [];
};

/**
 * The status the MCO's pool controller writes: machine counts from the nodes, the Updated and
 * Updating conditions, and status.configuration, which moves to the target only once every node
 * is on it. A condition keeps its lastTransitionTime while its status does not change.
 */
export const poolStatus = (
  pool: KubeObject,
  nodes: readonly KubeObject[],
  target: { name: string; source: unknown[] },
  now: string,
): Record<string, unknown> => {
  const updated = nodes.filter((n) => isNodeUpdated(n, target.name));
  const degraded = nodes.filter((n) =>
    ['Degraded', 'Unreconcilable'].includes(annotationOf(n, NODE_STATE) ?? ''),
  );
  const ready = updated.filter((n) => isNodeReady(n) && !isUnschedulable(n));
  const unavailable = nodes.filter(
    (n) =>
      !isNodeReady(n) ||
      isUnschedulable(n) ||
      annotationOf(n, NODE_STATE) !== 'Done' ||
      annotationOf(n, NODE_CURRENT_CONFIG) !== annotationOf(n, NODE_DESIRED_CONFIG),
  );
  const allUpdated = updated.length === nodes.length;
  const previous = new Map(conditionsOf(pool).map((c) => [c.type, c]));
  const condition = (type: string, on: boolean, message = '', reason = ''): PoolCondition => {
    const status = on ? 'True' : 'False';
    const before = previous.get(type);
    return {
      type,
      status,
      lastTransitionTime: before && before.status === status ? before.lastTransitionTime : now,
      reason,
      message,
    };
  };
  const oldStatus = isPlainObject(pool.status) ? pool.status : {};
  return {
    observedGeneration: pool.metadata.generation ?? 1,
    configuration: allUpdated ? target : (oldStatus.configuration ?? target),
    machineCount: nodes.length,
    updatedMachineCount: updated.length,
    readyMachineCount: ready.length,
    unavailableMachineCount: unavailable.length,
    degradedMachineCount: degraded.length,
    conditions: [
      condition('RenderDegraded', false),
      condition(
        'NodeDegraded',
        degraded.length > 0,
        degraded.length > 0 ? `${degraded.length} nodes are reporting degraded status on sync` : '',
      ),
      condition('Degraded', degraded.length > 0),
      condition(
        'Updated',
        allUpdated,
        allUpdated ? `All nodes are updated with MachineConfig ${target.name}` : '',
      ),
      condition(
        'Updating',
        !allUpdated && degraded.length === 0,
        !allUpdated && degraded.length === 0
          ? `All nodes are updating to MachineConfig ${target.name}`
          : '',
      ),
    ],
  };
};
