import { kubeTimestamp, type Scheduler } from './clock';
import { jsonEqual, type KubeObject } from './kube-object';
import { resourceKey, type ResourceType } from './resources';

/**
 * The simulated etcd: objects per resource type, one global resourceVersion counter bumped by
 * every write, and a bounded log of change events from which watches replay and from which a
 * paginated list reads a consistent snapshot.
 *
 * Stored objects are never mutated: every write stores a new object. That lets list responses,
 * watch events and snapshots hand out stored objects without copying them.
 */

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceType;
  /** The state after the change; for DELETED the last state, at the deletion's resourceVersion. */
  object: KubeObject;
  /** The state before the change (MODIFIED and DELETED). */
  previous?: KubeObject;
  resourceVersion: number;
}

export type StoreListener = (event: StoreEvent) => void;

export interface ObjectStoreOptions {
  scheduler: Scheduler;
  /** Makes object uids; deterministic in a seeded cluster. */
  newUid: () => string;
  /** How many change events are kept for watches and snapshots; older resourceVersions get 410. */
  eventWindow: number;
}

export interface WriteOptions {
  /** Compute and return the result without storing it (dryRun=All). */
  dryRun?: boolean;
  /**
   * Seeding writes: stored without an event. They raise the oldest watchable resourceVersion,
   * since a watch from before them could not replay them.
   */
  unrecorded?: boolean;
}

export interface DeleteResult {
  object: KubeObject;
  /** False when finalizers keep the object: it is only marked with a deletionTimestamp. */
  deleted: boolean;
}

const byName = (a: KubeObject, b: KubeObject): number =>
  a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;

/** Binary search in a list sorted by name; -1 when absent. */
const indexByName = (sorted: readonly KubeObject[], name: string): number => {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = sorted[mid].metadata.name;
    if (n === name) return mid;
    if (n < name) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
};

/** The object without metadata (and without status when status is a subresource), for generation. */
const specPart = (r: ResourceType, obj: KubeObject): Record<string, unknown> => {
  const rest: Record<string, unknown> = { ...obj };
  delete rest.metadata;
  if (r.hasStatusSubresource) delete rest.status;
  return rest;
};

export class ObjectStore {
  private rv = 0;
  /** A watch or snapshot from a resourceVersion below this one cannot be served. */
  private floor = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly sortedCache = new Map<string, KubeObject[]>();
  private events: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly options: ObjectStoreOptions) {}

  get resourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch may start from. */
  get oldestWatchableResourceVersion(): number {
    return this.floor;
  }

  get(r: ResourceType, name: string): KubeObject | undefined {
    return this.objects.get(resourceKey(r))?.get(name);
  }

  /** The objects of a type, sorted by name (the order of the real server's keys). */
  list(r: ResourceType): readonly KubeObject[] {
    const key = resourceKey(r);
    let sorted = this.sortedCache.get(key);
    if (!sorted) {
      sorted = [...(this.objects.get(key)?.values() ?? [])].sort(byName);
      this.sortedCache.set(key, sorted);
    }
    return sorted;
  }

  count(r: ResourceType): number {
    return this.objects.get(resourceKey(r))?.size ?? 0;
  }

  /**
   * The objects of a type as they were at resourceVersion `at`, sorted by name; undefined when
   * `at` is older than the retained event window.
   */
  listAt(r: ResourceType, at: number): readonly KubeObject[] | undefined {
    if (at < this.floor) return undefined;
    if (at >= this.rv) return this.list(r);
    const key = resourceKey(r);
    const state = new Map(this.objects.get(key) ?? []);
    // Undo the changes after `at`, newest first, so that each name ends at its earliest "before".
    for (let i = this.events.length - 1; i >= 0 && this.events[i].resourceVersion > at; i -= 1) {
      const e = this.events[i];
      if (resourceKey(e.resource) !== key) continue;
      if (e.previous) state.set(e.object.metadata.name, e.previous);
      else state.delete(e.object.metadata.name);
    }
    return [...state.values()].sort(byName);
  }

  /** The change events after resourceVersion `since`, or undefined when `since` is too old. */
  eventsSince(since: number): readonly StoreEvent[] | undefined {
    if (since < this.floor) return undefined;
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid].resourceVersion <= since) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo);
  }

  /**
   * Makes the current state the beginning of history (after seeding): no events are kept, and a
   * watch from any earlier resourceVersion is too old.
   */
  forgetHistory(): void {
    this.events = [];
    this.floor = this.rv;
  }

  /** Called synchronously after every recorded write. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores a new object; the caller has checked that the name is free. */
  create(r: ResourceType, obj: KubeObject, options: WriteOptions = {}): KubeObject {
    const now = kubeTimestamp(this.options.scheduler.now());
    const metadata = { ...obj.metadata };
    metadata.uid = metadata.uid ?? this.options.newUid();
    metadata.creationTimestamp = metadata.creationTimestamp ?? now;
    if (r.tracksGeneration) metadata.generation = 1;
    delete metadata.resourceVersion;
    delete metadata.deletionTimestamp;
    const created: KubeObject = { ...obj, metadata };
    if (options.dryRun) return created;
    return this.commit(r, 'ADDED', created, undefined, options);
  }

  /**
   * Replaces a stored object. System fields the client cannot change (uid, creation time) are
   * kept; generation moves when anything but metadata (and a status subresource) changed. An
   * object being deleted whose last finalizer is gone is removed.
   */
  update(r: ResourceType, obj: KubeObject, options: WriteOptions = {}): KubeObject {
    const old = this.get(r, obj.metadata.name);
    if (!old) throw new Error(`update of missing ${r.plural}/${obj.metadata.name}`);
    const metadata = { ...obj.metadata };
    metadata.uid = old.metadata.uid;
    metadata.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    else delete metadata.deletionTimestamp;
    if (r.tracksGeneration) {
      const gen = old.metadata.generation ?? 1;
      metadata.generation = jsonEqual(specPart(r, old), specPart(r, obj)) ? gen : gen + 1;
    }
    const updated: KubeObject = { ...obj, metadata };
    if (options.dryRun)
      return {
        ...updated,
        metadata: { ...metadata, resourceVersion: old.metadata.resourceVersion },
      };
    if (metadata.deletionTimestamp && (metadata.finalizers ?? []).length === 0) {
      return this.commit(r, 'DELETED', updated, old, options);
    }
    return this.commit(r, 'MODIFIED', updated, old, options);
  }

  /**
   * Deletes an object, or, while it has finalizers, marks it with a deletionTimestamp (once) and
   * leaves its removal to whoever removes the last finalizer.
   */
  delete(r: ResourceType, name: string, options: WriteOptions = {}): DeleteResult {
    const old = this.get(r, name);
    if (!old) throw new Error(`delete of missing ${r.plural}/${name}`);
    if ((old.metadata.finalizers ?? []).length === 0) {
      if (options.dryRun) return { object: old, deleted: true };
      return { object: this.commit(r, 'DELETED', old, old, options), deleted: true };
    }
    if (old.metadata.deletionTimestamp) return { object: old, deleted: false };
    const metadata = {
      ...old.metadata,
      deletionTimestamp: kubeTimestamp(this.options.scheduler.now()),
      deletionGracePeriodSeconds: 0,
    };
    // The API server counts the start of a graceful deletion as a change of generation.
    if (r.tracksGeneration) metadata.generation = (old.metadata.generation ?? 1) + 1;
    const marked: KubeObject = { ...old, metadata };
    if (options.dryRun) return { object: marked, deleted: false };
    return { object: this.commit(r, 'MODIFIED', marked, old, options), deleted: false };
  }

  /** Internal writers (seed, simulated MCO and agents): change a copy of the stored object and store it. */
  mutate(r: ResourceType, name: string, change: (draft: KubeObject) => void): KubeObject {
    const old = this.get(r, name);
    if (!old) throw new Error(`mutate of missing ${r.plural}/${name}`);
    const draft = structuredClone(old);
    change(draft);
    return this.update(r, draft);
  }

  private commit(
    r: ResourceType,
    type: WatchEventType,
    obj: KubeObject,
    previous: KubeObject | undefined,
    options: WriteOptions,
  ): KubeObject {
    this.rv += 1;
    const stored: KubeObject = {
      ...obj,
      metadata: { ...obj.metadata, resourceVersion: String(this.rv) },
    };
    const key = resourceKey(r);
    let byName = this.objects.get(key);
    if (!byName) {
      byName = new Map();
      this.objects.set(key, byName);
    }
    if (type === 'DELETED') byName.delete(stored.metadata.name);
    else byName.set(stored.metadata.name, stored);
    if (type === 'MODIFIED') {
      const cached = this.sortedCache.get(key);
      const i = cached ? indexByName(cached, stored.metadata.name) : -1;
      if (cached && i >= 0) cached[i] = stored;
      else this.sortedCache.delete(key);
    } else {
      this.sortedCache.delete(key);
    }
    if (options.unrecorded) {
      this.floor = this.rv;
      return stored;
    }
    const event: StoreEvent = {
      type,
      resource: r,
      object: stored,
      previous,
      resourceVersion: this.rv,
    };
    this.events.push(event);
    const window = this.options.eventWindow;
    if (this.events.length > window + Math.max(16, window >> 2)) {
      const dropped = this.events.length - window;
      this.floor = this.events[dropped - 1].resourceVersion;
      this.events = this.events.slice(dropped);
    }
    for (const listener of [...this.listeners]) listener(event);
    return stored;
  }
}
