import { NODES } from '../resources';
import {
  ctrcfg,
  METADATA_ACCEPT,
  METADATA_LIST_ACCEPT,
  PATHS,
  startTestCluster,
  STARGZ,
  type TestCluster,
} from '../__test-support__/harness';

/** Read and write semantics of the simulated API server, over real HTTP. */

let t: TestCluster;
beforeEach(async () => {
  t = await startTestCluster();
});
afterEach(async () => {
  await t.close();
});

const CTRCFG = (name: string) => `${PATHS.ctrcfgs}/${name}`;

describe('reads', () => {
  it('serves discovery for the groups the console looks up', async () => {
    const groups = await t.request('GET', '/api/kubernetes/apis');
    expect(groups.body.kind).toBe('APIGroupList');
    expect(groups.body.groups.map((g: { name: string }) => g.name)).toEqual([
      'apiextensions.k8s.io',
      'authorization.k8s.io',
      'config.openshift.io',
      'machineconfiguration.openshift.io',
    ]);
    const mco = await t.request('GET', '/api/kubernetes/apis/machineconfiguration.openshift.io/v1');
    const ctr = mco.body.resources.find(
      (r: { name: string }) => r.name === 'containerruntimeconfigs',
    );
    expect(ctr).toMatchObject({
      kind: 'ContainerRuntimeConfig',
      namespaced: false,
      shortNames: ['ctrcfg'],
    });
    expect(ctr.verbs).toEqual(
      expect.arrayContaining(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']),
    );
    const core = await t.request('GET', '/api/kubernetes/api/v1');
    expect(core.body.resources.map((r: { name: string }) => r.name)).toEqual([
      'nodes',
      'nodes/status',
      'events',
    ]);
  });

  it('answers a missing object with a NotFound Status and an unknown path with 404', async () => {
    const missing = await t.request('GET', CTRCFG('nope'));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'containerruntimeconfigs.machineconfiguration.openshift.io "nope" not found',
      reason: 'NotFound',
      details: {
        name: 'nope',
        group: 'machineconfiguration.openshift.io',
        kind: 'containerruntimeconfigs',
      },
      code: 404,
    });
    const node = await t.request('GET', `${PATHS.nodes}/nope`);
    expect(node.body.message).toBe('nodes "nope" not found');
    expect((await t.request('GET', '/api/kubernetes/apis/example.com/v1/widgets')).status).toBe(
      404,
    );
  });

  it('lists with label and field selectors', async () => {
    const gpu = await t.request(
      'GET',
      `${PATHS.nodes}?labelSelector=${encodeURIComponent('node-role.kubernetes.io/gpu')}`,
    );
    expect(gpu.body.kind).toBe('NodeList');
    expect(gpu.body.items).toHaveLength(t.cluster.seeded.gpuNodes);
    const notGpuWorkers = await t.request(
      'GET',
      `${PATHS.nodes}?labelSelector=${encodeURIComponent('node-role.kubernetes.io/worker,!node-role.kubernetes.io/gpu')}`,
    );
    expect(notGpuWorkers.body.items).toHaveLength(t.cluster.seeded.workers);
    const inSet = await t.request(
      'GET',
      `${PATHS.pools}?labelSelector=${encodeURIComponent('machineconfiguration.openshift.io/mco-built-in')}`,
    );
    expect(inSet.body.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      'master',
      'worker',
    ]);
    const one = await t.request('GET', `${PATHS.pools}?fieldSelector=metadata.name%3Dgpu`);
    expect(one.body.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      'gpu',
    ]);
    const bad = await t.request('GET', `${PATHS.pools}?fieldSelector=spec.paused%3Dtrue`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('field label not supported: spec.paused');
  });

  it('paginates with limit and continue, every page from the first page’s snapshot', async () => {
    const first = await t.request('GET', `${PATHS.nodes}?limit=5`, {
      accept: METADATA_LIST_ACCEPT,
    });
    expect(first.body.items).toHaveLength(5);
    expect(first.body.metadata.remainingItemCount).toBe(t.cluster.store.count(NODES) - 5);
    const rv = first.body.metadata.resourceVersion;
    // A node on a later page changes between the pages.
    const names = t.cluster.store.list(NODES).map((n) => n.metadata.name);
    const later = names[names.length - 1];
    await t.request('PATCH', `${PATHS.nodes}/${later}`, {
      body: { metadata: { labels: { touched: 'yes' } } },
      contentType: 'application/merge-patch+json',
    });
    const seen: { metadata: { name: string; labels: Record<string, string> } }[] = [
      ...first.body.items,
    ];
    let token = first.body.metadata.continue;
    while (token) {
      const page = await t.request(
        'GET',
        `${PATHS.nodes}?limit=5&continue=${encodeURIComponent(token)}`,
        { accept: METADATA_LIST_ACCEPT },
      );
      expect(page.body.metadata.resourceVersion).toBe(rv);
      seen.push(...page.body.items);
      token = page.body.metadata.continue;
    }
    expect(seen.map((n) => n.metadata.name)).toEqual(names);
    expect(seen.find((n) => n.metadata.name === later)!.metadata.labels.touched).toBeUndefined();
  });

  it('returns metadata only when asked with PartialObjectMetadata(List)', async () => {
    const full = await t.request('GET', PATHS.nodes);
    const partial = await t.request('GET', PATHS.nodes, { accept: METADATA_LIST_ACCEPT });
    expect(partial.body.kind).toBe('PartialObjectMetadataList');
    expect(partial.body.apiVersion).toBe('meta.k8s.io/v1');
    expect(partial.body.items).toHaveLength(full.body.items.length);
    for (const item of partial.body.items) {
      expect(Object.keys(item).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
      expect(item.kind).toBe('PartialObjectMetadata');
    }
    expect(partial.body.items[0].metadata).toEqual(full.body.items[0].metadata);
    expect(partial.text.length).toBeLessThan(full.text.length / 2);

    const one = await t.request('GET', `${PATHS.nodes}/${full.body.items[0].metadata.name}`, {
      accept: METADATA_ACCEPT,
    });
    expect(one.body).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: full.body.items[0].metadata,
    });
    // The console's header: metadata first, plain JSON as the fallback.
    const consoleAccept = await t.request('GET', PATHS.nodes, {
      accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json',
    });
    expect(consoleAccept.body.kind).toBe('PartialObjectMetadataList');
    const tableOnly = await t.request('GET', PATHS.nodes, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    });
    expect(tableOnly.status).toBe(406);
  });
});

describe('writes', () => {
  it('creates with uid, creationTimestamp, generation 1 and the next resourceVersion; refuses a taken name', async () => {
    const before = t.cluster.store.resourceVersion;
    const created = await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('w', 'worker', STARGZ) });
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({
      name: 'w',
      generation: 1,
      resourceVersion: String(before + 1),
      creationTimestamp: '2026-03-02T09:00:00Z',
    });
    expect(created.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const again = await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('w', 'worker', STARGZ) });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'AlreadyExists',
      code: 409,
      message: 'containerruntimeconfigs.machineconfiguration.openshift.io "w" already exists',
    });
  });

  it('refuses an update from a stale resourceVersion with 409 Conflict', async () => {
    const created = (
      await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('x', 'worker', STARGZ) })
    ).body;
    const first = {
      ...created,
      spec: { ...created.spec, containerRuntimeConfig: { ...STARGZ, logLevel: 'debug' } },
    };
    const ok = await t.request('PUT', CTRCFG('x'), { body: first });
    expect(ok.status).toBe(200);
    expect(Number(ok.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(created.metadata.resourceVersion),
    );
    // A second writer still holds the old resourceVersion.
    const stale = {
      ...created,
      spec: { ...created.spec, containerRuntimeConfig: { ...STARGZ, logLevel: 'info' } },
    };
    const conflict = await t.request('PUT', CTRCFG('x'), { body: stale });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on containerruntimeconfigs.machineconfiguration.openshift.io "x": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: {
        name: 'x',
        group: 'machineconfiguration.openshift.io',
        kind: 'containerruntimeconfigs',
      },
      code: 409,
    });
    expect((await t.request('GET', CTRCFG('x'))).body.spec.containerRuntimeConfig.logLevel).toBe(
      'debug',
    );
  });

  it('requires a resourceVersion on a custom resource update', async () => {
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('y', 'worker', STARGZ) });
    const res = await t.request('PUT', CTRCFG('y'), { body: ctrcfg('y', 'worker', STARGZ) });
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: 0x0: must be specified for an update',
        field: 'metadata.resourceVersion',
      },
    ]);
  });

  it('bumps generation on spec changes only, and keeps status on main-resource writes', async () => {
    const created = (
      await t.request('POST', PATHS.ctrcfgs, {
        body: { ...ctrcfg('g', 'worker', STARGZ), status: { observedGeneration: 99 } },
      })
    ).body;
    expect(created.status).toBeUndefined();
    const labelled = await t.request('PATCH', CTRCFG('g'), {
      body: { metadata: { labels: { team: 'ml' } } },
      contentType: 'application/merge-patch+json',
    });
    expect(labelled.body.metadata.generation).toBe(1);
    expect(Number(labelled.body.metadata.resourceVersion)).toBe(
      Number(created.metadata.resourceVersion) + 1,
    );
    const specChanged = await t.request('PATCH', CTRCFG('g'), {
      body: [{ op: 'add', path: '/spec/containerRuntimeConfig/logLevel', value: 'warn' }],
      contentType: 'application/json-patch+json',
    });
    expect(specChanged.status).toBe(200);
    expect(specChanged.body.metadata.generation).toBe(2);
    expect(specChanged.body.spec.containerRuntimeConfig).toEqual({ ...STARGZ, logLevel: 'warn' });
  });

  it('applies merge patches (null removes) and JSON patches (a failed test is 422, nothing changes)', async () => {
    const node = t.cluster.store.list(NODES)[0].metadata.name;
    const merged = await t.request('PATCH', `${PATHS.nodes}/${node}`, {
      body: {
        metadata: {
          annotations: {
            'example.com/a': '1',
            'volumes.kubernetes.io/controller-managed-attach-detach': null,
          },
        },
      },
      contentType: 'application/merge-patch+json',
    });
    expect(merged.status).toBe(200);
    expect(merged.body.metadata.annotations['example.com/a']).toBe('1');
    expect(merged.body.metadata.annotations).not.toHaveProperty(
      'volumes.kubernetes.io/controller-managed-attach-detach',
    );
    const rv = merged.body.metadata.resourceVersion;
    const failed = await t.request('PATCH', `${PATHS.nodes}/${node}`, {
      body: [
        { op: 'test', path: '/metadata/annotations/example.com~1a', value: '2' },
        { op: 'replace', path: '/metadata/annotations/example.com~1a', value: '3' },
      ],
      contentType: 'application/json-patch+json',
    });
    expect(failed.status).toBe(422);
    const after = await t.request('GET', `${PATHS.nodes}/${node}`);
    expect(after.body.metadata.resourceVersion).toBe(rv);
    expect(after.body.metadata.annotations['example.com/a']).toBe('1');
    const wrongType = await t.request('PATCH', CTRCFG('gpu-lazy-pull'), {
      body: {},
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(wrongType.status).toBe(415);
  });

  it('a patch carrying a stale resourceVersion conflicts', async () => {
    const created = (
      await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('p', 'worker', STARGZ) })
    ).body;
    await t.request('PATCH', CTRCFG('p'), {
      body: { metadata: { labels: { a: 'b' } } },
      contentType: 'application/merge-patch+json',
    });
    const stale = await t.request('PATCH', CTRCFG('p'), {
      body: { metadata: { resourceVersion: created.metadata.resourceVersion, labels: { a: 'c' } } },
      contentType: 'application/merge-patch+json',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
  });

  it('dryRun=All validates and answers as if written, but stores nothing, bumps nothing and emits no event', async () => {
    const rv = t.cluster.store.resourceVersion;
    const watch = t.watchHttp(`${PATHS.ctrcfgs}?watch=true&resourceVersion=${rv}`);
    const created = await t.request('POST', `${PATHS.ctrcfgs}?dryRun=All`, {
      body: ctrcfg('dry', 'worker', STARGZ),
    });
    expect(created.status).toBe(201);
    expect(created.body.metadata.name).toBe('dry');
    expect(created.body.metadata.uid).toBeDefined();
    expect((await t.request('GET', CTRCFG('dry'))).status).toBe(404);

    const existing = (await t.request('GET', CTRCFG('gpu-lazy-pull'))).body;
    const changed = {
      ...existing,
      spec: { ...existing.spec, containerRuntimeConfig: { ...STARGZ, logLevel: 'debug' } },
    };
    const updated = await t.request('PUT', `${CTRCFG('gpu-lazy-pull')}?dryRun=All`, {
      body: changed,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.spec.containerRuntimeConfig.logLevel).toBe('debug');
    expect(updated.body.metadata.generation).toBe(Number(existing.metadata.generation) + 1);
    const invalid = await t.request('PUT', `${CTRCFG('gpu-lazy-pull')}?dryRun=All`, {
      body: {
        ...existing,
        spec: {
          ...existing.spec,
          containerRuntimeConfig: { additionalLayerStores: [{ path: 'relative' }] },
        },
      },
    });
    expect(invalid.status).toBe(422);
    const deleted = await t.request('DELETE', `${CTRCFG('gpu-lazy-pull')}?dryRun=All`);
    expect(deleted.status).toBe(202);

    expect((await t.request('GET', CTRCFG('gpu-lazy-pull'))).body).toEqual(existing);
    expect(t.cluster.store.resourceVersion).toBe(rv);
    // A real write afterwards is the first event the watch sees.
    await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('real', 'worker', STARGZ) });
    const events = await watch.waitFor(1);
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([['ADDED', 'real']]);
  });

  it('deletes through finalizers: marked with a deletionTimestamp, gone when the last finalizer is removed', async () => {
    const created = (
      await t.request('POST', PATHS.ctrcfgs, {
        body: {
          ...ctrcfg('f', 'worker', STARGZ),
          metadata: { name: 'f', finalizers: ['example.com/keep'] },
        },
      })
    ).body;
    const del = await t.request('DELETE', CTRCFG('f'));
    expect(del.status).toBe(202);
    expect(del.body.metadata.deletionTimestamp).toBe('2026-03-02T09:00:00Z');
    expect(del.body.metadata.generation).toBe(Number(created.metadata.generation) + 1);
    const marked = (await t.request('GET', CTRCFG('f'))).body;
    expect(marked.metadata.finalizers).toEqual(['example.com/keep']);
    const addFinalizer = await t.request('PUT', CTRCFG('f'), {
      body: {
        ...marked,
        metadata: { ...marked.metadata, finalizers: ['example.com/keep', 'example.com/more'] },
      },
    });
    expect(addFinalizer.status).toBe(422);
    const released = await t.request('PUT', CTRCFG('f'), {
      body: { ...marked, metadata: { ...marked.metadata, finalizers: [] } },
    });
    expect(released.status).toBe(200);
    expect((await t.request('GET', CTRCFG('f'))).status).toBe(404);

    const node = t.cluster.store.list(NODES)[0].metadata.name;
    const nodeDel = await t.request('DELETE', `${PATHS.nodes}/${node}`);
    expect(nodeDel.status).toBe(200);
    expect(nodeDel.body).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: node, kind: 'nodes' },
    });
  });

  it('checks delete preconditions', async () => {
    const created = (
      await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('pre', 'worker', STARGZ) })
    ).body;
    const res = await t.request('DELETE', CTRCFG('pre'), {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '1' } },
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      `Operation cannot be fulfilled on containerruntimeconfigs.machineconfiguration.openshift.io "pre": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${created.metadata.resourceVersion}`,
    );
  });

  it('refuses a body of another kind or apiVersion, and a name that differs from the URL', async () => {
    const wrongKind = await t.request('POST', PATHS.ctrcfgs, {
      body: { ...ctrcfg('k', 'worker', STARGZ), kind: 'KubeletConfig' },
    });
    expect(wrongKind.status).toBe(400);
    const wrongVersion = await t.request('POST', PATHS.ctrcfgs, {
      body: {
        ...ctrcfg('k', 'worker', STARGZ),
        apiVersion: 'machineconfiguration.openshift.io/v2',
      },
    });
    expect(wrongVersion.status).toBe(400);
    const existing = (await t.request('GET', CTRCFG('gpu-lazy-pull'))).body;
    const renamed = await t.request('PUT', CTRCFG('gpu-lazy-pull'), {
      body: { ...existing, metadata: { ...existing.metadata, name: 'other' } },
    });
    expect(renamed.status).toBe(400);
    expect(renamed.body.message).toBe(
      'the name of the object (other) does not match the name on the URL (gpu-lazy-pull)',
    );
  });

  it('writes status only through the status subresource', async () => {
    const existing = (await t.request('GET', CTRCFG('gpu-lazy-pull'))).body;
    const viaMain = await t.request('PUT', CTRCFG('gpu-lazy-pull'), {
      body: { ...existing, status: { observedGeneration: 42, conditions: [] } },
    });
    expect(viaMain.body.status).toEqual(existing.status);
    const viaStatus = await t.request('PUT', `${CTRCFG('gpu-lazy-pull')}/status`, {
      body: {
        ...viaMain.body,
        status: { observedGeneration: 42, conditions: [] },
        spec: { containerRuntimeConfig: {} },
      },
    });
    expect(viaStatus.status).toBe(200);
    expect(viaStatus.body.status).toEqual({ observedGeneration: 42, conditions: [] });
    expect(viaStatus.body.spec).toEqual(existing.spec);
  });
});
