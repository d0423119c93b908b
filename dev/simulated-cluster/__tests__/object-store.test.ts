import { ManualScheduler } from '../clock';
import type { KubeObject } from '../kube-object';
import { ObjectStore } from '../object-store';
import { CONTAINER_RUNTIME_CONFIGS, MACHINE_CONFIGS } from '../resources';

let uid = 0;
const store = (eventWindow = 100) =>
  new ObjectStore({ scheduler: new ManualScheduler(), newUid: () => `uid-${++uid}`, eventWindow });
const cfg = (name: string, spec: unknown = { containerRuntimeConfig: {} }): KubeObject => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name },
  spec,
});

describe('the object store', () => {
  it('bumps one resourceVersion counter across types and sets generation on spec changes', () => {
    const s = store();
    const a = s.create(CONTAINER_RUNTIME_CONFIGS, cfg('a'));
    const mc = s.create(MACHINE_CONFIGS, {
      apiVersion: 'v',
      kind: 'MachineConfig',
      metadata: { name: 'm' },
      spec: {},
    });
    expect([a.metadata.resourceVersion, mc.metadata.resourceVersion]).toEqual(['1', '2']);
    const labelled = s.update(CONTAINER_RUNTIME_CONFIGS, {
      ...a,
      metadata: { ...a.metadata, labels: { x: 'y' } },
    });
    expect(labelled.metadata.generation).toBe(1);
    const withStatus = s.update(CONTAINER_RUNTIME_CONFIGS, {
      ...labelled,
      status: { observedGeneration: 1 },
    });
    expect(withStatus.metadata.generation).toBe(1);
    const changed = s.update(CONTAINER_RUNTIME_CONFIGS, {
      ...withStatus,
      spec: { containerRuntimeConfig: { logLevel: 'info' } },
    });
    expect(changed.metadata.generation).toBe(2);
    // MachineConfigs have no status subresource: a status change is a change of generation.
    expect(s.update(MACHINE_CONFIGS, { ...mc, status: { x: 1 } }).metadata.generation).toBe(2);
    expect(s.resourceVersion).toBe(6);
  });

  it('lists a consistent snapshot of any retained resourceVersion', () => {
    const s = store();
    s.create(CONTAINER_RUNTIME_CONFIGS, cfg('a'));
    s.create(CONTAINER_RUNTIME_CONFIGS, cfg('b'));
    const at = s.resourceVersion;
    s.mutate(CONTAINER_RUNTIME_CONFIGS, 'a', (d) => {
      d.metadata.labels = { changed: 'yes' };
    });
    s.delete(CONTAINER_RUNTIME_CONFIGS, 'b');
    s.create(CONTAINER_RUNTIME_CONFIGS, cfg('c'));
    const then = s.listAt(CONTAINER_RUNTIME_CONFIGS, at)!;
    expect(then.map((o) => [o.metadata.name, o.metadata.labels])).toEqual([
      ['a', undefined],
      ['b', undefined],
    ]);
    expect(s.list(CONTAINER_RUNTIME_CONFIGS).map((o) => o.metadata.name)).toEqual(['a', 'c']);
  });

  it('forgets events beyond its window: older watches and snapshots are refused', () => {
    const s = store(10);
    s.create(CONTAINER_RUNTIME_CONFIGS, cfg('a'));
    for (let i = 0; i < 50; i += 1)
      s.mutate(CONTAINER_RUNTIME_CONFIGS, 'a', (d) => (d.metadata.labels = { i: String(i) }));
    expect(s.eventsSince(1)).toBeUndefined();
    expect(s.listAt(CONTAINER_RUNTIME_CONFIGS, 1)).toBeUndefined();
    const recent = s.eventsSince(s.resourceVersion - 3)!;
    expect(recent.map((e) => e.resourceVersion)).toEqual([49, 50, 51]);
    expect(s.oldestWatchableResourceVersion).toBeGreaterThan(1);
  });

  it('keeps an object with finalizers until the last one is removed', () => {
    const s = store();
    s.create(CONTAINER_RUNTIME_CONFIGS, {
      ...cfg('f'),
      metadata: { name: 'f', finalizers: ['x'] },
    });
    const marked = s.delete(CONTAINER_RUNTIME_CONFIGS, 'f');
    expect(marked.deleted).toBe(false);
    expect(marked.object.metadata.deletionTimestamp).toBeDefined();
    const events: string[] = [];
    s.subscribe((e) => events.push(e.type));
    s.mutate(CONTAINER_RUNTIME_CONFIGS, 'f', (d) => (d.metadata.finalizers = []));
    expect(s.get(CONTAINER_RUNTIME_CONFIGS, 'f')).toBeUndefined();
    expect(events).toEqual(['DELETED']);
  });
});
