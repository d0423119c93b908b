import {
  type K8sGroupVersionKind,
  type K8sResourceCommon,
  useK8sWatchResource,
} from '@openshift-console/dynamic-plugin-sdk';
import { loadErrorOf } from '../shared/loadError';

export interface WatchedList {
  /** The objects; an empty list until loaded or when the watch failed. */
  items: readonly K8sResourceCommon[];
  /** Loaded, or failed: nothing more will come until the watch recovers. */
  settled: boolean;
  /** What the watch failed with (the SDK types it as `any`). */
  error: unknown;
}

const EMPTY: readonly K8sResourceCommon[] = [];

/** A cluster-wide list watch through the console (its proxy, its shared websocket per resource). */
export const useWatchedList = (groupVersionKind: K8sGroupVersionKind): WatchedList => {
  const result = useK8sWatchResource<K8sResourceCommon[]>({ groupVersionKind, isList: true });
  const error = loadErrorOf(result[2]);
  return {
    items: Array.isArray(result[0]) ? result[0] : EMPTY,
    settled: result[1] || error !== undefined,
    error,
  };
};
