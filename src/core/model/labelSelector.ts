import type { LabelSelector } from './types';

/**
 * Label-selector matching as the MCO applies it to pools (a ContainerRuntimeConfig's
 * machineConfigPoolSelector, a pool's nodeSelector and machineConfigSelector): Kubernetes'
 * semantics, except that a nil or empty selector selects nothing, because the MCO skips empty
 * selectors rather than letting them match everything.
 */
export type LabelPredicate = (labels: Readonly<Record<string, string>> | undefined) => boolean;

const SELECTS_NOTHING: LabelPredicate = () => false;

/** One requirement of a selector, as a test of a label set (own keys only). */
const requirement = (
  key: string,
  operator: string,
  values: readonly string[],
): ((l: Readonly<Record<string, string>>) => boolean) => {
  switch (operator) {
    case 'In':
      return (l) => Object.hasOwn(l, key) && values.includes(l[key]);
    case 'NotIn':
      return (l) => !Object.hasOwn(l, key) || !values.includes(l[key]);
    case 'Exists':
      return (l) => Object.hasOwn(l, key);
    case 'DoesNotExist':
      return (l) => !Object.hasOwn(l, key);
    default:
      return () => false; // an unknown operator is an invalid selector, which selects nothing
  }
};

/**
 * A selector prepared once for testing many label sets (the dashboard places thousands of
 * nodes with the same few pool selectors). Same semantics as selectorMatches, which uses it.
 */
export const compileSelector = (selector: LabelSelector | null | undefined): LabelPredicate => {
  if (!selector || typeof selector !== 'object') return SELECTS_NOTHING;
  const { matchLabels, matchExpressions } = selector as Record<string, unknown>;
  // A selector of the wrong shape (a map of expressions, a number) is one the API server
  // refuses; here it selects nothing rather than throwing.
  if (
    (matchLabels !== undefined &&
      (typeof matchLabels !== 'object' || Array.isArray(matchLabels))) ||
    (matchExpressions !== undefined && !Array.isArray(matchExpressions)) ||
    (Array.isArray(matchExpressions) &&
      matchExpressions.some((e) => typeof e !== 'object' || e === null))
  ) {
    return SELECTS_NOTHING;
  }
  const tests = [
    ...Object.entries(selector.matchLabels ?? {}).map(
      ([key, value]) =>
        (l: Readonly<Record<string, string>>) =>
          Object.hasOwn(l, key) && l[key] === value,
    ),
    ...(selector.matchExpressions ?? []).map(({ key, operator, values = [] }) =>
      requirement(key, operator, values),
    ),
  ];
  if (tests.length === 0) return SELECTS_NOTHING;
  return (labels) => {
    const l = labels ?? {};
    for (const test of tests) if (!test(l)) return false;
    return true;
  };
};

export const selectorMatches = (
  selector: LabelSelector | null | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean => compileSelector(selector)(labels);
