/**
 * The watches' state as the console's k8s reducer keeps it, one entry per watch id:
 * `{ data, loaded, loadError }` with `loadError: ''` while there is no error.
 *
 * - A list starts empty and not loaded. Its first page replaces its items (objects missing from a
 *   new list are dropped) and marks it loaded; later pages are added. Watch events add, modify
 *   (only when the object is at least as new as the one held, and differs in more than its
 *   resourceVersion) or delete; other event types (ERROR) are only logged.
 * - A single object starts as `{}` (read as `null` data) and not loaded; each read or watch event
 *   replaces it, unless only its resourceVersion changed.
 * - An error is kept next to the last data and loaded state, which stay.
 *
 * Lists are held in an Immutable map, as in the console, so items come in the map's order and
 * an unchanged list or object is the same array or object on every read.
 */
import { fromJS, is, Map as ImmutableMap } from 'immutable';

type K8sObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
  status?: { catalogSource?: string };
};

export interface WatchEvent {
  type: string;
  object: K8sObject;
}

type Immutable = ImmutableMap<string, unknown>;

export interface WatchEntry {
  readonly data: Immutable | Record<string, never>;
  readonly loaded: boolean;
  readonly loadError: unknown;
}

const entries = new Map<string, WatchEntry>();
const listeners = new Set<() => void>();

export const getEntry = (id: string): WatchEntry | undefined => entries.get(id);

export const subscribeStore = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

const set = (id: string, entry: WatchEntry | undefined) => {
  const before = entries.get(id);
  if (before === entry) return;
  if (entry) entries.set(id, entry);
  else entries.delete(id);
  listeners.forEach((l) => l());
};

const isImmutable = (data: unknown): data is Immutable =>
  typeof (data as { toJSON?: unknown } | null)?.toJSON === 'function' && ImmutableMap.isMap(data);

/** Name and namespace (the catalog source too, for PackageManifests, as the console keys them). */
const qualifiedName = (o: K8sObject): string => {
  const { name = '', namespace } = o.metadata ?? {};
  if (o.apiVersion === 'packages.operators.coreos.com/v1' && o.kind === 'PackageManifest')
    return `(${o.status?.catalogSource})-${name}`;
  return (namespace ? `(${namespace})-` : '') + name;
};

const metadataOf = (o: Immutable) =>
  (o.get('metadata') as Immutable).toJS() as K8sObject['metadata'];

/** Whether `a` is newer than `b`: by creation time for different objects, else resourceVersion. */
const moreRecent = (a: Immutable, b: Immutable): boolean => {
  const metaA = metadataOf(a) ?? {};
  const metaB = metadataOf(b) ?? {};
  if (metaA.uid !== metaB.uid)
    return new Date(metaA.creationTimestamp ?? 0) > new Date(metaB.creationTimestamp ?? 0);
  return parseInt(metaA.resourceVersion ?? '', 10) > parseInt(metaB.resourceVersion ?? '', 10);
};

const withoutVersion = (o: Immutable) => o.deleteIn(['metadata', 'resourceVersion']);

const updateList = (list: Immutable, object: K8sObject): Immutable => {
  const key = qualifiedName(object);
  const current = list.get(key) as Immutable | undefined;
  const next = fromJS(object) as Immutable;
  if (!current) return list.set(key, next);
  if (!moreRecent(next, current)) return list;
  if (is(withoutVersion(current), withoutVersion(next))) return list;
  return list.set(key, next);
};

const loadList = (old: Immutable, items: K8sObject[]): Immutable => {
  const existing = new Set<string>(old.keySeq().toArray());
  return old.withMutations((list) => {
    for (const item of items) {
      const key = qualifiedName(item);
      existing.delete(key);
      const next = fromJS(item) as Immutable;
      const current = list.get(key) as Immutable | undefined;
      if (!current || moreRecent(next, current)) list.set(key, next);
    }
    existing.forEach((key) => {
      const meta = metadataOf(list.get(key) as Immutable);
      if (!meta?.deletionTimestamp)
        console.warn(`${meta?.namespace}-${meta?.name} is gone with no deletion timestamp!`);
      list.delete(key);
    });
  });
};

export const startList = (id: string): void => {
  if (entries.has(id)) return;
  set(id, { data: ImmutableMap(), loaded: false, loadError: '' });
};

export const startObject = (id: string): void =>
  set(id, { data: {}, loaded: false, loadError: '' });

export const stopWatch = (id: string): void => set(id, undefined);

export const errored = (id: string, error: unknown): void => {
  const entry = entries.get(id);
  if (entry) set(id, { ...entry, loadError: error });
};

export const loaded = (id: string, items: K8sObject[]): void => {
  const entry = entries.get(id);
  if (!entry || !isImmutable(entry.data)) return;
  set(id, { data: loadList(entry.data, items), loaded: true, loadError: '' });
};

export const bulkAddToList = (id: string, items: K8sObject[]): void => {
  const entry = entries.get(id);
  if (!entry || !isImmutable(entry.data)) return;
  const added = ImmutableMap<string, unknown>().withMutations((m) => {
    for (const item of items) m.set(qualifiedName(item), fromJS(item));
  });
  set(id, { ...entry, data: entry.data.merge(added) });
};

export const updateListFromWS = (id: string, events: WatchEvent[]): void => {
  const entry = entries.get(id);
  if (!entry || !isImmutable(entry.data)) return;
  let list = entry.data;
  for (const { type, object } of events) {
    switch (type) {
      case 'DELETED':
        list = list.delete(qualifiedName(object));
        break;
      case 'ADDED':
      case 'MODIFIED':
        list = updateList(list, object);
        break;
      default:
        console.warn(`unknown websocket action: ${type}`);
    }
  }
  if (list !== entry.data) set(id, { ...entry, data: list });
};

export const modifyObject = (id: string, object: K8sObject): void => {
  const entry = entries.get(id) ?? { data: {}, loaded: false, loadError: '' };
  if (isImmutable(entry.data)) {
    const current = entry.data.setIn(
      ['metadata', 'resourceVersion'],
      object?.metadata?.resourceVersion,
    );
    if (is(current, fromJS(object))) return;
  }
  set(id, { data: fromJS(object) as Immutable, loaded: true, loadError: '' });
};

const arrays = new WeakMap<Immutable, unknown[]>();
const objects = new WeakMap<Immutable, unknown>();

/** What the hooks return as data: the list's items, the object, or null before it is read. */
export const readData = (data: WatchEntry['data'] | undefined, isList: boolean): unknown => {
  if (!data || !isImmutable(data)) return null;
  if (isList) {
    let array = arrays.get(data);
    if (!array) {
      array = data.toArray().map((item) => {
        const o = item as Immutable;
        let js = objects.get(o);
        if (js === undefined) objects.set(o, (js = o.toJS()));
        return js;
      });
      arrays.set(data, array);
    }
    return array;
  }
  let js = objects.get(data);
  if (js === undefined) objects.set(data, (js = data.toJS()));
  return js;
};
