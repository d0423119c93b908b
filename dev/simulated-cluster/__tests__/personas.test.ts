import {
  ctrcfg,
  PATHS,
  startTestCluster,
  STARGZ,
  type TestCluster,
} from '../__test-support__/harness';

/** The read-only persona can read and watch but not write; SelfSubjectAccessReview says so. */

let t: TestCluster;
afterEach(async () => {
  await t.close();
});

const review = (
  verb: string,
  resource = 'containerruntimeconfigs',
  group = 'machineconfiguration.openshift.io',
) => ({
  apiVersion: 'authorization.k8s.io/v1',
  kind: 'SelfSubjectAccessReview',
  spec: { resourceAttributes: { group, resource, verb } },
});

describe('read-only persona', () => {
  beforeEach(async () => {
    t = await startTestCluster({ persona: 'read-only' });
  });

  it('refuses every write with a Forbidden Status worded as RBAC words it', async () => {
    const existing = (await t.request('GET', `${PATHS.ctrcfgs}/gpu-lazy-pull`)).body;
    const update = await t.request('PUT', `${PATHS.ctrcfgs}/gpu-lazy-pull`, { body: existing });
    expect(update.status).toBe(403);
    expect(update.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'containerruntimeconfigs.machineconfiguration.openshift.io "gpu-lazy-pull" is forbidden: User "dev-readonly" cannot update resource "containerruntimeconfigs" in API group "machineconfiguration.openshift.io" at the cluster scope',
      reason: 'Forbidden',
      details: {
        name: 'gpu-lazy-pull',
        group: 'machineconfiguration.openshift.io',
        kind: 'containerruntimeconfigs',
      },
      code: 403,
    });

    const create = await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('w', 'worker', STARGZ) });
    expect(create.status).toBe(403);
    expect(create.body.message).toBe(
      'containerruntimeconfigs.machineconfiguration.openshift.io is forbidden: User "dev-readonly" cannot create resource "containerruntimeconfigs" in API group "machineconfiguration.openshift.io" at the cluster scope',
    );
    // Even a dry run is a write the persona may not make.
    expect(
      (
        await t.request('POST', `${PATHS.ctrcfgs}?dryRun=All`, {
          body: ctrcfg('w', 'worker', STARGZ),
        })
      ).status,
    ).toBe(403);

    const patch = await t.request('PATCH', `${PATHS.ctrcfgs}/gpu-lazy-pull`, {
      body: {},
      contentType: 'application/merge-patch+json',
    });
    expect(patch.status).toBe(403);
    expect(patch.body.message).toContain('cannot patch resource "containerruntimeconfigs"');

    const del = await t.request('DELETE', `${PATHS.ctrcfgs}/gpu-lazy-pull`);
    expect(del.status).toBe(403);
    expect(del.body.message).toContain('cannot delete resource');

    const node = (await t.request('GET', PATHS.nodes)).body.items[0].metadata.name;
    const nodePatch = await t.request('PATCH', `${PATHS.nodes}/${node}`, {
      body: {},
      contentType: 'application/merge-patch+json',
    });
    expect(nodePatch.body.message).toBe(
      `nodes "${node}" is forbidden: User "dev-readonly" cannot patch resource "nodes" in API group "" at the cluster scope`,
    );
    expect((await t.request('GET', `${PATHS.ctrcfgs}/gpu-lazy-pull`)).body).toEqual(existing);
  });

  it('reads, lists and watches', async () => {
    expect((await t.request('GET', PATHS.pools)).status).toBe(200);
    expect((await t.request('GET', `${PATHS.pools}/worker`)).status).toBe(200);
    const watch = t.watchHttp(`${PATHS.pools}?watch=true`);
    expect(await watch.waitFor(3)).toHaveLength(3);
  });

  it('is told by SelfSubjectAccessReview that it may read but not write', async () => {
    const canUpdate = await t.request('POST', PATHS.ssar, { body: review('update') });
    expect(canUpdate.status).toBe(201);
    expect(canUpdate.body).toMatchObject({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      spec: review('update').spec,
      status: { allowed: false },
    });
    expect(
      (await t.request('POST', PATHS.ssar, { body: review('create') })).body.status.allowed,
    ).toBe(false);
    expect(
      (await t.request('POST', PATHS.ssar, { body: review('list', 'nodes', '') })).body.status
        .allowed,
    ).toBe(true);
    expect(
      (await t.request('POST', PATHS.ssar, { body: review('watch', 'nodes', '') })).body.status
        .allowed,
    ).toBe(true);
  });
});

describe('admin persona and switching', () => {
  beforeEach(async () => {
    t = await startTestCluster();
  });

  it('may write, and SelfSubjectAccessReview says so', async () => {
    const res = await t.request('POST', PATHS.ssar, { body: review('update') });
    expect(res.body.status.allowed).toBe(true);
    expect(
      (await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('w', 'worker', STARGZ) })).status,
    ).toBe(201);
  });

  it('switches persona through /api/dev/persona', async () => {
    expect((await t.request('GET', '/api/dev/persona')).body).toMatchObject({
      persona: 'admin',
      userName: 'dev-admin',
    });
    const switched = await t.request('PUT', '/api/dev/persona', { body: { persona: 'read-only' } });
    expect(switched.body).toMatchObject({ persona: 'read-only', userName: 'dev-readonly' });
    expect(
      (await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('w', 'worker', STARGZ) })).status,
    ).toBe(403);
    expect(
      (await t.request('POST', PATHS.ssar, { body: review('create') })).body.status.allowed,
    ).toBe(false);
    expect((await t.request('PUT', '/api/dev/persona', { body: { persona: 'root' } })).status).toBe(
      400,
    );
    await t.request('POST', '/api/dev/persona?persona=admin');
    expect(
      (await t.request('POST', PATHS.ctrcfgs, { body: ctrcfg('w', 'worker', STARGZ) })).status,
    ).toBe(201);
  });
});
