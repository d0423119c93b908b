/**
 * How a ContainerRuntimeConfig selects its MachineConfigPool.
 *
 * `spec.machineConfigPoolSelector` is matched against the pools' own labels (the MCO skips an
 * empty selector). The MCO labels only the pools it ships, master and worker (and arbiter on
 * two-node clusters with an arbiter), with `pools.operator.machineconfiguration.openshift.io/<pool>: ""`;
 * a custom pool carries whatever labels its author gave it, often none. A configuration whose
 * selector matches no pool is reported by the MCO as a Failure and changes nothing.
 *
 * The editor writes one configuration per pool that selects it by that pool label, and, for a
 * pool without it, offers to add the label to the pool first: a change of its own, made only
 * with the user's consent. Why this and not another selector: see ARCHITECTURE.md.
 */
import { poolSelectorFor } from '../model/storeSection';
import {
  MC_ROLE_LABEL,
  poolLabelKey,
  type ContainerRuntimeConfig,
  type LabelSelector,
} from '../model/types';
import { selectorMatches } from '../model/labelSelector';
import type { MachineConfigPool } from './machineConfigPool';

/** One JSON patch (RFC 6902) operation. */
export interface JsonPatchOperation {
  op: 'add' | 'test';
  path: string;
  value: unknown;
}

/** Adding the pool label to a pool that lacks it. */
export interface PoolLabelChange {
  pool: string;
  key: string;
  /** The pool's labels as read, and after the change. */
  before: Record<string, string>;
  after: Record<string, string>;
  /**
   * The patch that adds the label. It first tests that the labels are still those read (or,
   * for a pool that had none, that the pool is still the version read), so that it fails
   * rather than overwrite a label someone changed in between.
   */
  patch: JsonPatchOperation[];
  /**
   * Other ContainerRuntimeConfigs that do not select the pool now and would once it has the
   * label: applying them to the pool too reboots its nodes and may not be wanted.
   */
  alsoSelectedBy: string[];
}

export type PoolSelection =
  /** The pool has the label: the selector names it (with the value it has, normally ""). */
  | { kind: 'has-label'; key: string; selector: LabelSelector }
  /** The pool lacks the label: the selector names it once `change` has added it. */
  | { kind: 'needs-label'; key: string; selector: LabelSelector; change: PoolLabelChange };

/** RFC 6901: `~` and `/` in a key are escaped in a JSON pointer. */
const pointerToken = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

const labelsOf = (pool: MachineConfigPool): Record<string, string> => {
  const labels = pool.metadata.labels;
  return typeof labels === 'object' && labels !== null ? labels : {};
};

/**
 * How the editor selects `pool` in a configuration it creates, and, when the pool lacks the
 * label, the change that adds it. `configs` are every ContainerRuntimeConfig on the cluster;
 * `except` is the one being written.
 */
export const planPoolSelection = (
  pool: MachineConfigPool,
  configs: readonly ContainerRuntimeConfig[],
  except?: string,
): PoolSelection => {
  const name = pool.metadata.name ?? '';
  const key = poolLabelKey(name);
  const before = labelsOf(pool);
  // Someone gave it a value: select on that rather than change a label others may select on.
  if (Object.hasOwn(before, key))
    return { kind: 'has-label', key, selector: { matchLabels: { [key]: before[key] } } };

  const after = { ...before, [key]: '' };
  const hadLabels = pool.metadata.labels !== undefined && pool.metadata.labels !== null;
  const patch: JsonPatchOperation[] = hadLabels
    ? [
        { op: 'test', path: '/metadata/labels', value: before },
        { op: 'add', path: `/metadata/labels/${pointerToken(key)}`, value: '' },
      ]
    : [
        { op: 'test', path: '/metadata/resourceVersion', value: pool.metadata.resourceVersion },
        { op: 'add', path: '/metadata/labels', value: after },
      ];
  const alsoSelectedBy = configs
    .filter((c) => c.metadata.name !== except)
    .filter((c) => {
      const s = c.spec?.machineConfigPoolSelector;
      return !selectorMatches(s, before) && selectorMatches(s, after);
    })
    .map((c) => c.metadata.name ?? '')
    .sort();
  return {
    kind: 'needs-label',
    key,
    selector: poolSelectorFor(name),
    change: { pool: name, key, before, after, patch, alsoSelectedBy },
  };
};

/** What a configuration's selector selects, and why it may not be what its author meant. */
export interface SelectorReading {
  /** The pools it selects, sorted. */
  pools: string[];
  /**
   * It requires `machineconfiguration.openshift.io/role`: the label MachineConfigs carry and
   * pools' machineConfigSelectors match, which pools themselves do not carry.
   */
  usesRoleLabel: boolean;
  /** It is missing or empty, which the MCO takes as selecting no pool. */
  empty: boolean;
}

export const readPoolSelector = (
  selector: LabelSelector | null | undefined,
  pools: readonly MachineConfigPool[],
): SelectorReading => {
  const keys = [
    ...Object.keys(selector?.matchLabels ?? {}),
    ...(selector?.matchExpressions ?? []).map((e) => e?.key),
  ];
  return {
    pools: pools
      .filter((p) => selectorMatches(selector, labelsOf(p)))
      .map((p) => p.metadata.name ?? '')
      .sort(),
    usesRoleLabel: keys.includes(MC_ROLE_LABEL),
    empty: keys.length === 0,
  };
};
