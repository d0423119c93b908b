import type { LabelSelector } from '../model/types';

/**
 * Kubernetes label-selector semantics. A nil selector selects nothing (as a ContainerRuntimeConfig's
 * machineConfigPoolSelector does); an empty one selects everything.
 */
export const selectorMatches = (
  selector: LabelSelector | null | undefined,
  labels: Record<string, string> | undefined,
): boolean => {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (l[k] !== v) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(l[req.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[req.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // An unknown operator is an invalid selector; the API server treats it as matching nothing.
        return false;
    }
  }
  return true;
};
