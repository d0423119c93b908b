import {
  getGroupVersionKindForModel,
  type K8sResourceCommon,
  useK8sWatchResources,
  type WatchK8sResource,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { type CoreEvent, PULL_EVENT_SELECTORS } from '../../core/pulls/pullEvents';
import { loadErrorOf } from '../shared/loadError';
import { EventModel } from '../shared/models';

export interface PullEvents {
  /** Every event of every watch, in no particular order; a watch that failed adds none. */
  events: readonly CoreEvent[];
  /** Every watch has loaded or failed. */
  settled: boolean;
  /** The first failure of a watch, if any (the others failed alike, as a rule). */
  error: unknown;
}

const RESOURCES: Record<string, WatchK8sResource> = Object.fromEntries(
  PULL_EVENT_SELECTORS.map((fieldSelector, i) => [
    `events${i}`,
    {
      groupVersionKind: getGroupVersionKindForModel(EventModel),
      isList: true,
      fieldSelector,
    },
  ]),
);

/**
 * The kubelet's image events, one cluster-wide watch per reason with a field selector, so that the
 * page reads the events it counts and not every event of the cluster.
 */
export const usePullEvents = (): PullEvents => {
  const results = useK8sWatchResources<Record<string, K8sResourceCommon[]>>(RESOURCES);
  return useMemo(() => {
    const lists = Object.values(results);
    let error: unknown;
    const events: CoreEvent[] = [];
    let settled = true;
    for (const r of lists) {
      const failure = loadErrorOf(r.loadError);
      if (failure !== undefined && error === undefined) error = failure;
      if (!r.loaded && failure === undefined) settled = false;
      if (Array.isArray(r.data)) for (const e of r.data) events.push(e);
    }
    return { events, settled, error };
  }, [results]);
};
