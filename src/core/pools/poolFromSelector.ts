import {
  POOL_LABEL_PREFIX,
  type LabelSelector,
  type LabelSelectorRequirement,
} from '../model/types';

/**
 * MachineConfigPool selection by a ContainerRuntimeConfig's machineConfigPoolSelector, where only
 * a pool's name is known (the command line).
 *
 * The MCO gives its own pools (master, worker) the label
 * `pools.operator.machineconfiguration.openshift.io/<pool>: ""`, and that is how a
 * ContainerRuntimeConfig usually names its pool; a custom pool has it once someone added it.
 */

const poolOfKey = (key: unknown): string | null =>
  typeof key === 'string' &&
  key.startsWith(POOL_LABEL_PREFIX) &&
  key.length > POOL_LABEL_PREFIX.length
    ? key.slice(POOL_LABEL_PREFIX.length)
    : null;

/**
 * The pool a selector names through a pool label key, in matchLabels or in an `Exists` or `In`
 * expression; null when it names none (or is null, which selects no pool).
 */
export const poolFromSelector = (selector: LabelSelector | null | undefined): string | null => {
  if (!selector || typeof selector !== 'object') return null;
  const { matchLabels, matchExpressions } = selector as Record<string, unknown>;
  // A manifest may hold anything here; what is not a map or a list names no pool.
  if (typeof matchLabels === 'object' && matchLabels !== null && !Array.isArray(matchLabels)) {
    for (const key of Object.keys(matchLabels)) {
      const pool = poolOfKey(key);
      if (pool) return pool;
    }
  }
  for (const requirement of Array.isArray(matchExpressions)
    ? (matchExpressions as (LabelSelectorRequirement | null)[])
    : []) {
    if (requirement?.operator !== 'Exists' && requirement?.operator !== 'In') continue;
    const pool = poolOfKey(requirement.key);
    if (pool) return pool;
  }
  return null;
};
