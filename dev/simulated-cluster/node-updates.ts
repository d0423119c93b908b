import { isPlainObject, type KubeObject } from './kube-object';
import {
  NODE_CURRENT_CONFIG,
  NODE_DESIRED_CONFIG,
  NODE_DESIRED_DRAIN,
  NODE_LAST_APPLIED_DRAIN,
  NODE_REASON,
  NODE_STATE,
  type NodeUpdateState,
} from './pools';
import { apiVersionOf, MACHINE_CONFIG_NODES } from './resources';

/**
 * What a node and its MachineConfigNode look like at each phase of a config update, as the
 * machine-config daemon moves them: cordon and drain, write the files (Working), reboot
 * (Rebooting: the kubelet stops posting status), come back on the new config and uncordon (Done).
 */

export type UpdatePhase = 'Working' | 'Rebooting' | 'Done';

const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

interface Condition {
  type: string;
  status: string;
  [k: string]: unknown;
}

const setReady = (node: KubeObject, ready: boolean, now: string): void => {
  const status = isPlainObject(node.status) ? node.status : {};
  const conditions = Array.isArray(status.conditions) ? (status.conditions as Condition[]) : [];
  status.conditions = conditions.map((c) =>
    c.type !== 'Ready'
      ? c
      : ready
        ? {
            ...c,
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
            lastHeartbeatTime: now,
            lastTransitionTime: now,
          }
        : {
            ...c,
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastHeartbeatTime: now,
            lastTransitionTime: now,
          },
  );
  node.status = status;
};

const setCordoned = (node: KubeObject, cordoned: boolean, now: string): void => {
  const spec = isPlainObject(node.spec) ? node.spec : {};
  const taints = (Array.isArray(spec.taints) ? spec.taints : []).filter(
    (t) => !(isPlainObject(t) && t.key === UNSCHEDULABLE_TAINT),
  );
  if (cordoned) {
    spec.unschedulable = true;
    taints.push({ key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule', timeAdded: now });
  } else {
    delete spec.unschedulable;
  }
  if (taints.length > 0) spec.taints = taints;
  else delete spec.taints;
  node.spec = spec;
};

/** The MCO's annotations on a node that has finished its update to `config`, uncordoned. */
export const settledAnnotations = (config: string): Record<string, string> => ({
  [NODE_CURRENT_CONFIG]: config,
  [NODE_DESIRED_CONFIG]: config,
  [NODE_DESIRED_DRAIN]: `uncordon-${config}`,
  [NODE_LAST_APPLIED_DRAIN]: `uncordon-${config}`,
  [NODE_REASON]: '',
  [NODE_STATE]: 'Done' satisfies NodeUpdateState,
});

/** Moves a node (a draft copy) to `phase` of an update to `target`. */
export const applyNodePhase = (
  node: KubeObject,
  phase: UpdatePhase,
  target: string,
  now: string,
  bootId: string,
): void => {
  const a = { ...(node.metadata.annotations ?? {}) };
  const set = (key: string, value: string): void => {
    a[key] = value;
  };
  switch (phase) {
    case 'Working':
      set(NODE_DESIRED_CONFIG, target);
      set(NODE_DESIRED_DRAIN, `drain-${target}`);
      set(NODE_STATE, 'Working' satisfies NodeUpdateState);
      set(NODE_REASON, '');
      setCordoned(node, true, now);
      break;
    case 'Rebooting':
      set(NODE_STATE, 'Rebooting' satisfies NodeUpdateState);
      set(NODE_LAST_APPLIED_DRAIN, `drain-${target}`);
      setReady(node, false, now);
      break;
    case 'Done': {
      Object.assign(a, settledAnnotations(target));
      setReady(node, true, now);
      setCordoned(node, false, now);
      const status = isPlainObject(node.status) ? node.status : {};
      const nodeInfo = isPlainObject(status.nodeInfo) ? status.nodeInfo : {};
      status.nodeInfo = { ...nodeInfo, bootID: bootId };
      node.status = status;
      break;
    }
  }
  node.metadata.annotations = a;
};

const MCN_CONDITION_TYPES = [
  'UpdatePrepared',
  'UpdateExecuted',
  'UpdatePostActionComplete',
  'UpdateComplete',
  'Resumed',
  'Updated',
  'Cordoned',
  'Drained',
  'AppliedFilesAndOS',
  'RebootedNode',
  'NodeDegraded',
] as const;
type McnConditionType = (typeof MCN_CONDITION_TYPES)[number];

/** Which MachineConfigNode conditions are true in each phase. */
const TRUE_IN: Record<UpdatePhase, McnConditionType[]> = {
  Working: ['UpdatePrepared', 'UpdateExecuted', 'Cordoned', 'Drained', 'AppliedFilesAndOS'],
  Rebooting: [
    'UpdatePrepared',
    'UpdateExecuted',
    'Cordoned',
    'Drained',
    'AppliedFilesAndOS',
    'RebootedNode',
  ],
  Done: ['Updated'],
};

const conditionMessage = (
  type: McnConditionType,
  on: boolean,
  phase: UpdatePhase,
  current: string,
  desired: string,
): string => {
  if (!on) return type === 'Updated' ? `Node is updating from ${current} to ${desired}` : '';
  switch (type) {
    case 'Updated':
      return `Node ${desired} Updated`;
    case 'RebootedNode':
      return phase === 'Rebooting' ? `Node will reboot into config ${desired}` : '';
    case 'UpdatePrepared':
      return `Update is prepared: NodeUpdatePrepared from ${current} to ${desired}`;
    default:
      return type;
  }
};

/** The MachineConfigNode's spec and status for a node in `phase`, keeping transition times of unchanged conditions. */
export const machineConfigNodeFor = (
  previous: KubeObject | undefined,
  node: KubeObject,
  pool: string,
  phase: UpdatePhase,
  current: string,
  desired: string,
  now: string,
): KubeObject => {
  const before = new Map<string, Condition>();
  const oldStatus = previous && isPlainObject(previous.status) ? previous.status : {};
  for (const c of Array.isArray(oldStatus.conditions) ? (oldStatus.conditions as Condition[]) : [])
    before.set(c.type, c);
  const conditions = MCN_CONDITION_TYPES.map((type) => {
    const on = TRUE_IN[phase].includes(type);
    const status = on ? 'True' : 'False';
    const old = before.get(type);
    return {
      type,
      status,
      reason: on ? type : 'NotYetOccurred',
      message: conditionMessage(type, on, phase, current, desired),
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
    };
  });
  return {
    apiVersion: apiVersionOf(MACHINE_CONFIG_NODES),
    kind: MACHINE_CONFIG_NODES.kind,
    metadata: {
      ...(previous?.metadata ?? {}),
      name: node.metadata.name,
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid ?? '' },
      ],
    },
    spec: { node: { name: node.metadata.name }, pool: { name: pool }, configVersion: { desired } },
    status: {
      observedGeneration: previous?.metadata.generation ?? 1,
      configVersion: { current, desired },
      conditions,
    },
  };
};
