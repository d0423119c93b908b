/** useResolvedExtensions with the console's signature (type guards, all of which must hold). */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import {
  useResolvedExtensions as useResolved,
  type Extension,
} from '@openshift/dynamic-plugin-sdk';

type Guard = (e: Extension) => boolean;
type Predicate = (e: Extension) => e is Extension;

/**
 * One predicate per combination of guards, kept for the page's life: callers pass guards inline as
 * arguments, and the library re-resolves whenever the predicate object changes.
 */
const guardIds = new WeakMap<Guard, number>();
let nextGuardId = 0;
const guardId = (g: Guard): number => {
  let id = guardIds.get(g);
  if (id === undefined) guardIds.set(g, (id = nextGuardId++));
  return id;
};
const predicates = new Map<string, Predicate>();
const predicateFor = (guards: Guard[]): Predicate => {
  const key = guards.map(guardId).join(',');
  let predicate = predicates.get(key);
  if (!predicate) {
    predicate = (e: Extension): e is Extension => guards.every((guard) => guard(e));
    predicates.set(key, predicate);
  }
  return predicate;
};

export const useResolvedExtensions: typeof SDK.useResolvedExtensions = (...typeGuards) =>
  useResolved(predicateFor(typeGuards as Guard[])) as never;
