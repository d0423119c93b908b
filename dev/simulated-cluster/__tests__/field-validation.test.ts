import { withoutStoreLists } from '../../../src/core/validation';
import { BUILTIN_SCHEMA } from '../../../src/core/validation/crd/builtinSchema';
import { CTRCFG_CRD_NAME, readCrdSchema } from '../../../src/core/validation/crd/crdObject';
import { CUSTOM_RESOURCE_DEFINITIONS } from '../resources';
import {
  ctrcfg,
  PATHS,
  startTestCluster,
  STARGZ,
  type TestCluster,
} from '../__test-support__/harness';

/**
 * Decoding and validation of ContainerRuntimeConfig: unknown fields (pruned, warned about, or
 * refused under fieldValidation=Strict), the store fields that exist only with the
 * AdditionalStorageConfig gate on, and the CRD rules answered as 422 Invalid with causes.
 */

let t: TestCluster;
afterEach(async () => {
  await t.close();
});

const withLazyPull = (name: string) =>
  ctrcfg(name, 'worker', { ...STARGZ, lazyPull: { enabled: true } });

describe('unknown fields', () => {
  beforeEach(async () => {
    t = await startTestCluster();
  });

  it('fieldValidation=Strict refuses them with 400 BadRequest and stores nothing', async () => {
    const res = await t.request('POST', `${PATHS.ctrcfgs}?fieldValidation=Strict`, {
      body: withLazyPull('s'),
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'strict decoding error: unknown field "spec.containerRuntimeConfig.lazyPull"',
      reason: 'BadRequest',
      code: 400,
    });
    expect((await t.request('GET', `${PATHS.ctrcfgs}/s`)).status).toBe(404);
  });

  it('lists every unknown field, nested ones and metadata too', async () => {
    const body = withLazyPull('s');
    body.metadata.owner = 'me';
    body.spec.containerRuntimeConfig.additionalLayerStores[0].readOnly = true;
    const res = await t.request('POST', `${PATHS.ctrcfgs}?fieldValidation=Strict`, { body });
    expect(res.body.message).toBe(
      'strict decoding error: unknown field "metadata.owner", unknown field "spec.containerRuntimeConfig.additionalLayerStores[0].readOnly", unknown field "spec.containerRuntimeConfig.lazyPull"',
    );
  });

  it('by default prunes them silently from what is stored, with a Warning header', async () => {
    const res = await t.request('POST', PATHS.ctrcfgs, { body: withLazyPull('d') });
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toBe(
      '299 - "unknown field \\"spec.containerRuntimeConfig.lazyPull\\""',
    );
    expect(res.body.spec.containerRuntimeConfig).toEqual(STARGZ);
    expect((await t.request('GET', `${PATHS.ctrcfgs}/d`)).body.spec.containerRuntimeConfig).toEqual(
      STARGZ,
    );
  });

  it('with fieldValidation=Ignore prunes them without a warning', async () => {
    const res = await t.request('POST', `${PATHS.ctrcfgs}?fieldValidation=Ignore`, {
      body: withLazyPull('i'),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('warning')).toBeNull();
    expect(res.body.spec.containerRuntimeConfig).toEqual(STARGZ);
  });

  it('prunes on patches as well', async () => {
    const res = await t.request('PATCH', `${PATHS.ctrcfgs}/gpu-lazy-pull?fieldValidation=Strict`, {
      body: { spec: { containerRuntimeConfig: { lazyPull: true } } },
      contentType: 'application/merge-patch+json',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'strict decoding error: unknown field "spec.containerRuntimeConfig.lazyPull"',
    );
  });

  it('accepts other kinds as they are', async () => {
    const node = (await t.request('GET', PATHS.nodes)).body.items[0];
    const res = await t.request(
      'PUT',
      `${PATHS.nodes}/${node.metadata.name}?fieldValidation=Strict`,
      {
        body: { ...node, spec: { ...node.spec, somethingNew: 1 } },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.spec.somethingNew).toBe(1);
  });
});

describe('the AdditionalStorageConfig gate', () => {
  it('when off, the store fields are not in the schema: pruned by default, refused under Strict', async () => {
    t = await startTestCluster({ storageGateEnabled: false });
    const gate = (await t.request('GET', `${PATHS.featureGates}/cluster`)).body;
    expect(gate.spec).toEqual({});
    expect(gate.status.featureGates[0].disabled).toContainEqual({
      name: 'AdditionalStorageConfig',
    });

    const strict = await t.request('POST', `${PATHS.ctrcfgs}?fieldValidation=Strict`, {
      body: ctrcfg('off', 'worker', { ...STARGZ, logLevel: 'info' }),
    });
    expect(strict.status).toBe(400);
    expect(strict.body.message).toBe(
      'strict decoding error: unknown field "spec.containerRuntimeConfig.additionalLayerStores"',
    );

    const pruned = await t.request('POST', PATHS.ctrcfgs, {
      body: ctrcfg('off', 'worker', { ...STARGZ, logLevel: 'info' }),
    });
    expect(pruned.status).toBe(201);
    expect(pruned.body.spec.containerRuntimeConfig).toEqual({ logLevel: 'info' });
    expect(pruned.headers.get('warning')).toContain('additionalLayerStores');
  });

  it('when on, the store fields are kept; the dev toggle turns the gate off and reads prune them', async () => {
    t = await startTestCluster();
    const gate = (await t.request('GET', `${PATHS.featureGates}/cluster`)).body;
    expect(gate.spec).toEqual({ featureSet: 'TechPreviewNoUpgrade' });
    expect(gate.status.featureGates[0]).toMatchObject({ version: '4.22.0' });
    expect(gate.status.featureGates[0].enabled).toContainEqual({ name: 'AdditionalStorageConfig' });
    const created = await t.request('POST', `${PATHS.ctrcfgs}?fieldValidation=Strict`, {
      body: ctrcfg('on', 'worker', STARGZ),
    });
    expect(created.status).toBe(201);
    expect(created.body.spec.containerRuntimeConfig).toEqual(STARGZ);

    const toggled = await t.request('PUT', '/api/dev/feature-gate', { body: { enabled: false } });
    expect(toggled.body).toEqual({ enabled: false });
    expect((await t.request('GET', `${PATHS.featureGates}/cluster`)).body.spec).toEqual({});
    expect(
      (await t.request('GET', `${PATHS.ctrcfgs}/on`)).body.spec.containerRuntimeConfig,
    ).toEqual({});
    const refused = await t.request('POST', `${PATHS.ctrcfgs}?fieldValidation=Strict`, {
      body: ctrcfg('later', 'worker', STARGZ),
    });
    expect(refused.status).toBe(400);
  });
});

describe('CRD rules', () => {
  beforeEach(async () => {
    t = await startTestCluster();
  });

  it('answers broken store lists with 422 Invalid listing each cause', async () => {
    const body = ctrcfg('bad', 'worker', {
      additionalLayerStores: [
        { path: '/var/lib/stargz-store/store' },
        { path: '/var/lib/stargz-store/store' },
        { path: 'relative/path' },
        { path: '/a//b' },
        { path: `/${'x'.repeat(256)}` },
        { path: '/six' },
      ],
    });
    const res = await t.request('POST', PATHS.ctrcfgs, { body });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Invalid',
      code: 422,
    });
    expect(res.body.details).toMatchObject({
      name: 'bad',
      group: 'machineconfiguration.openshift.io',
      kind: 'ContainerRuntimeConfig',
    });
    const causes = res.body.details.causes as { field: string; message: string; reason: string }[];
    const list = 'spec.containerRuntimeConfig.additionalLayerStores';
    // Too many items and a too long path block the CEL rules (pattern, //, duplicates), as the
    // API server's answers show (../shared/golden/apiserver, x-layer-6-stores).
    expect(causes).toEqual([
      {
        field: `${list}[4].path`,
        reason: 'FieldValueTooLong',
        message: 'Too long: may not be more than 256 bytes',
      },
      {
        field: list,
        reason: 'FieldValueTooMany',
        message: 'Too many: 6: must have at most 5 items',
      },
      {
        field: '<nil>',
        reason: 'FieldValueInvalid',
        message:
          'Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      },
    ]);
    // Without a blocking error the rules run, each at its field.
    const rules = await t.request('POST', PATHS.ctrcfgs, {
      body: ctrcfg('rules', 'worker', {
        additionalLayerStores: [
          { path: '/a' },
          { path: '/a' },
          { path: 'relative/path' },
          { path: '/a//b' },
        ],
      }),
    });
    expect(rules.status).toBe(422);
    expect(rules.body.details.causes).toEqual(
      expect.arrayContaining([
        {
          field: list,
          reason: 'FieldValueInvalid',
          message: 'Invalid value: "array": additionalLayerStores must not contain duplicate paths',
        },
        {
          field: `${list}[2].path`,
          reason: 'FieldValueInvalid',
          message: `Invalid value: "string": path must be absolute and contain only alphanumeric characters, '/', '.', '_', and '-'`,
        },
        {
          field: `${list}[3].path`,
          reason: 'FieldValueInvalid',
          message: 'Invalid value: "string": path must not contain consecutive forward slashes',
        },
      ]),
    );
    expect(
      res.body.message.startsWith(
        'ContainerRuntimeConfig.machineconfiguration.openshift.io "bad" is invalid: [',
      ),
    ).toBe(true);
    expect(res.body.message).toContain(`${list}: Too many: 6: must have at most 5 items`);
  });

  it('refuses a missing path, a wrong type and an unsupported defaultRuntime', async () => {
    const res = await t.request('POST', PATHS.ctrcfgs, {
      body: ctrcfg('bad2', 'worker', {
        additionalImageStores: [{}],
        pidsLimit: '100',
        defaultRuntime: 'kata',
      }),
    });
    expect(res.status).toBe(422);
    const byField = Object.fromEntries(
      res.body.details.causes.map((c: { field: string; message: string }) => [c.field, c.message]),
    );
    expect(byField['spec.containerRuntimeConfig.additionalImageStores[0].path']).toBe(
      'Required value',
    );
    expect(byField['spec.containerRuntimeConfig.pidsLimit']).toMatch(
      /^Invalid value: "string": .*integer/,
    );
    expect(byField['spec.containerRuntimeConfig.defaultRuntime']).toBe(
      'Unsupported value: "kata": supported values: "crun", "runc"',
    );
  });

  it('stores what only the MCO refuses (its checks fail later, in status)', async () => {
    const res = await t.request('POST', PATHS.ctrcfgs, {
      body: ctrcfg('mco-only', 'worker', { pidsLimit: 10, logLevel: 'verbose' }),
    });
    expect(res.status).toBe(201);
  });

  it('refuses a name that is not a DNS subdomain and a wrongly typed selector', async () => {
    const badName = await t.request('POST', PATHS.ctrcfgs, {
      body: ctrcfg('Bad_Name', 'worker', STARGZ),
    });
    expect(badName.status).toBe(422);
    expect(badName.body.details.causes[0].field).toBe('metadata.name');
    const body = ctrcfg('sel', 'worker', STARGZ);
    body.spec.machineConfigPoolSelector = { matchLabels: { a: 1 } };
    const badSelector = await t.request('POST', PATHS.ctrcfgs, { body });
    expect(badSelector.status).toBe(422);
    // kube-openapi names a map's value after a dot.
    expect(badSelector.body.details.causes).toContainEqual({
      field: 'spec.machineConfigPoolSelector.matchLabels.a',
      reason: 'FieldValueTypeInvalid',
      message:
        'Invalid value: "integer": spec.machineConfigPoolSelector.matchLabels.a in body must be of type string: "integer"',
    });
  });

  it('serves the ContainerRuntimeConfig CRD of its feature set, and validates writes with it', async () => {
    const path =
      '/api/kubernetes/apis/apiextensions.k8s.io/v1/customresourcedefinitions/containerruntimeconfigs.machineconfiguration.openshift.io';
    const on = await t.request('GET', path);
    expect(on.status).toBe(200);
    expect(on.body.metadata.annotations['release.openshift.io/feature-set']).toBe(
      'TechPreviewNoUpgrade',
    );
    expect(readCrdSchema(on.body)).toEqual({
      ok: true,
      schema: BUILTIN_SCHEMA,
      featureSet: 'TechPreviewNoUpgrade',
    });
    t.cluster.setStorageGateEnabled(false);
    const off = await t.request('GET', path);
    expect(off.body.metadata.annotations['release.openshift.io/feature-set']).toBe('Default');
    expect(readCrdSchema(off.body)).toMatchObject({ schema: withoutStoreLists(BUILTIN_SCHEMA) });
    // A later release's field is known to a cluster whose CRD has it.
    const crd = t.cluster.store.get(CUSTOM_RESOURCE_DEFINITIONS, CTRCFG_CRD_NAME)!;
    const later = structuredClone(crd) as any;
    later.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.containerRuntimeConfig.properties.containerGomaxprocsBehavior =
      { type: 'string' };
    t.cluster.store.update(CUSTOM_RESOURCE_DEFINITIONS, later);
    const created = await t.request('POST', `${PATHS.ctrcfgs}?fieldValidation=Strict`, {
      body: ctrcfg('later', 'worker', { containerGomaxprocsBehavior: 'Auto' }),
    });
    expect(created.status).toBe(201);
    expect(created.body.spec.containerRuntimeConfig).toEqual({
      containerGomaxprocsBehavior: 'Auto',
    });
  });
});
