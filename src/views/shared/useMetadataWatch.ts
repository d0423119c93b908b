import { consoleFetch, type K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { useSyncExternalStore } from 'react';
import { MetadataWatch, type MetadataWatchState } from './metadataWatch';

/** Dispatched on window after each batch of watch events: `detail` is `{ path, events }`. */
export const FLUSH_EVENT = 'lazy-pull:watch-flush';

const watches = new Map<string, MetadataWatch>();

/** The console's proxy path of a cluster-scoped collection. */
export const collectionPath = (model: K8sModel): string =>
  model.apiGroup
    ? `/api/kubernetes/apis/${model.apiGroup}/${model.apiVersion}/${model.plural}`
    : `/api/kubernetes/api/${model.apiVersion}/${model.plural}`;

/** One watch per collection for the whole page, whichever components ask for it. */
const watchOf = (path: string): MetadataWatch => {
  let watch = watches.get(path);
  if (watch === undefined) {
    watch = new MetadataWatch({
      path,
      fetch: (url, init) => consoleFetch(url, init),
      // When a batch is applied, for anyone timing the page (a profiler, the browser benchmark).
      onFlush: (events) =>
        window.dispatchEvent(new CustomEvent(FLUSH_EVENT, { detail: { path, events } })),
    });
    watches.set(path, watch);
  }
  return watch;
};

/**
 * A cluster-scoped collection in metadata only, through the console's proxy. Every component of
 * the page that asks for the same collection shares one list and watch, which stops (and lets its
 * data go) when the last of them unmounts.
 */
export const useMetadataWatch = (model: K8sModel): MetadataWatchState => {
  const watch = watchOf(collectionPath(model));
  return useSyncExternalStore(watch.subscribe, watch.getSnapshot);
};
