import type { LabelSelector } from '../model/types';

/**
 * Label-selector matching as the MCO applies it to pools (a ContainerRuntimeConfig's
 * machineConfigPoolSelector, a pool's nodeSelector and machineConfigSelector): Kubernetes'
 * semantics, except that a nil or empty selector selects nothing, because the MCO skips empty
 * selectors rather than letting them match everything.
 */
export const selectorMatches = (
  selector: LabelSelector | null | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean => {
  if (!selector || typeof selector !== 'object') return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  const l = labels ?? {};
  const has = (key: string): boolean => Object.hasOwn(l, key);
  if (!matchLabels.every(([key, value]) => has(key) && l[key] === value)) return false;
  return expressions.every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return has(key) && values.includes(l[key]);
      case 'NotIn':
        return !has(key) || !values.includes(l[key]);
      case 'Exists':
        return has(key);
      case 'DoesNotExist':
        return !has(key);
      default:
        return false; // an unknown operator is an invalid selector, which selects nothing
    }
  });
};
