import type { LabelSelector } from '../model/types';

/**
 * MachineConfigPool selection by a ContainerRuntimeConfig's machineConfigPoolSelector.
 *
 * Every pool carries the label `pools.operator.machineconfiguration.openshift.io/<pool>: ""`, and
 * that is how a ContainerRuntimeConfig usually names its pool.
 */

export const POOL_LABEL_PREFIX = 'pools.operator.machineconfiguration.openshift.io/';

/** The labels a pool has when nothing else is known about it: its own pool label. */
export const defaultPoolLabels = (pool: string): Record<string, string> => ({
  [POOL_LABEL_PREFIX + pool]: '',
});

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
  for (const key of Object.keys(selector.matchLabels ?? {})) {
    const pool = poolOfKey(key);
    if (pool) return pool;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    if (requirement?.operator !== 'Exists' && requirement?.operator !== 'In') continue;
    const pool = poolOfKey(requirement.key);
    if (pool) return pool;
  }
  return null;
};

/**
 * Whether a selector selects an object with these labels, as metav1.LabelSelectorAsSelector
 * evaluates it. A null selector selects nothing; so does an empty one here, because the MCO
 * skips empty selectors when it matches ContainerRuntimeConfigs to pools.
 */
export const selectorSelectsPool = (
  selector: LabelSelector | null | undefined,
  labels: Readonly<Record<string, string>>,
): boolean => {
  if (!selector || typeof selector !== 'object') return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  const has = (key: string): boolean => Object.hasOwn(labels, key);
  if (!matchLabels.every(([key, value]) => has(key) && labels[key] === value)) return false;
  return expressions.every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return has(key) && values.includes(labels[key]);
      case 'NotIn':
        return !has(key) || !values.includes(labels[key]);
      case 'Exists':
        return has(key);
      case 'DoesNotExist':
        return !has(key);
      default:
        return false; // an unknown operator is an invalid selector, which selects nothing
    }
  });
};
