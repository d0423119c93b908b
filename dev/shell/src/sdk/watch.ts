/**
 * useK8sWatchResource / useK8sWatchResources, returning what the console's return:
 *
 * - `[undefined, true, undefined]` for a null resource;
 * - before the watch has state: `[[] or {}, false, undefined]`, or a NoModelError (loaded) when
 *   the kind is unknown;
 * - then `[data, loaded, loadError]` from the watch's state (./watch/store.ts), where `loadError`
 *   is `''` while there is no error and `data` is `null` for an object not read yet.
 *
 * Watches are shared by id: the model's reference plus the query (namespace, selectors, name,
 * limit), not `partialMetadata`, so the first hook to start a watch decides its representation.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { CustomError } from '@openshift-console/dynamic-plugin-sdk/lib/utils/error/custom-error';
import { getReferenceForModel } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { findModel } from './models';
import { stopK8sWatch, watchK8sList, watchK8sObject, type WatchQuery } from './watch/actions';
import { getEntry, readData, subscribeStore } from './watch/store';

export { watchDebug } from './watch/actions';

type K8sModel = SDK.K8sModel;
type WatchK8sResource = SDK.WatchK8sResource;

export class NoModelError extends CustomError {
  constructor() {
    super('Model does not exist');
  }
}

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  (typeof v === 'object' && Object.keys(v).length === 0);

/** The query of a watch, in the console's key order (its id depends on it). */
export const makeQuery = (resource: WatchK8sResource): WatchQuery => {
  const query: WatchQuery = {};
  if (!isEmpty(resource.selector)) query.labelSelector = resource.selector;
  if (!isEmpty(resource.namespace)) query.ns = resource.namespace;
  if (!isEmpty(resource.name)) query.name = resource.name;
  if (resource.fieldSelector) query.fieldSelector = resource.fieldSelector;
  if (resource.limit) query.limit = resource.limit;
  return query;
};

export const makeWatchId = (model: K8sModel, query: WatchQuery): string =>
  `${getReferenceForModel(model)}${isEmpty(query) ? '' : `---${JSON.stringify(query)}`}`;

interface Resolved {
  resource: WatchK8sResource;
  model?: K8sModel;
  id?: string;
}

const resolve = (resource: WatchK8sResource): Resolved => {
  const model = findModel(resource.groupVersionKind ?? resource.kind);
  return { resource, model, id: model ? makeWatchId(model, makeQuery(resource)) : undefined };
};

const start = ({ resource, model, id }: Resolved): (() => void) | undefined => {
  if (!model || !id) return undefined;
  // The console hands the action a fresh query object every time.
  const query = makeQuery(resource);
  if (resource.isList) watchK8sList(id, query, model, !!resource.partialMetadata);
  else
    watchK8sObject(
      id,
      resource.name ?? '',
      resource.namespace,
      query,
      model,
      !!resource.partialMetadata,
    );
  return () => stopK8sWatch(id);
};

interface Result {
  data: unknown;
  loaded: boolean;
  loadError: unknown;
}

const resultOf = ({ resource, model, id }: Resolved): Result => {
  const empty = resource.isList ? [] : {};
  // The shell discovers models before it renders anything.
  if (!model) return { data: empty, loaded: true, loadError: new NoModelError() };
  const entry = id ? getEntry(id) : undefined;
  if (!entry) return { data: empty, loaded: false, loadError: undefined };
  return {
    data: readData(entry.data, !!resource.isList),
    loaded: entry.loaded,
    loadError: entry.loadError,
  };
};

export const useK8sWatchResource: typeof SDK.useK8sWatchResource = <
  R extends SDK.K8sResourceCommon | SDK.K8sResourceCommon[],
>(
  initResource: WatchK8sResource | null,
) => {
  const key = JSON.stringify(initResource ?? null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const resolved = useMemo(() => (initResource ? resolve(initResource) : null), [key]);
  useEffect(() => (resolved ? start(resolved) : undefined), [resolved]);
  const entry = useSyncExternalStore(subscribeStore, () =>
    resolved?.id ? getEntry(resolved.id) : undefined,
  );
  return useMemo(() => {
    if (!resolved) return [undefined, true, undefined];
    const { data, loaded, loadError } = resultOf(resolved);
    return [data, loaded, loadError];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resolved, entry]) as SDK.WatchK8sResult<R>;
};

export const useK8sWatchResources: typeof SDK.useK8sWatchResources = (initResources) => {
  const key = JSON.stringify(initResources);
  const entries = useMemo(
    () => Object.entries(initResources).map(([k, r]) => [k, resolve(r)] as const),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  useEffect(() => {
    const stops = entries.flatMap(([, r]) => {
      const stop = start(r);
      return stop ? [stop] : [];
    });
    return () => stops.forEach((stop) => stop());
  }, [entries]);
  const cache = useRef<{ states: unknown[]; result: any } | null>(null);
  const getSnapshot = useCallback(() => {
    const states = entries.map(([, r]) => (r.id ? getEntry(r.id) : undefined));
    const prev = cache.current;
    if (
      prev &&
      prev.states.length === states.length &&
      prev.states.every((s, i) => s === states[i])
    )
      return prev.result;
    const result = Object.fromEntries(entries.map(([k, r]) => [k, resultOf(r)]));
    cache.current = { states, result };
    return result;
  }, [entries]);
  return useSyncExternalStore(subscribeStore, getSnapshot);
};
