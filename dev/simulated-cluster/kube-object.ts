/**
 * The shape every object in the simulated cluster has. Objects are plain JSON values; the store
 * treats a stored object as immutable (every write stores a new object), which lets lists, watch
 * events and snapshots share objects without copying them.
 */

import type { ObjectMeta as CoreObjectMeta } from '../../src/core/model/types';

/** The core's ObjectMeta, with the name every stored object has and the deletion fields. */
export interface ObjectMeta extends CoreObjectMeta {
  name: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export type JsonObject = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural equality of two JSON values (key order does not matter, as in the API server). */
export const jsonEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
};
