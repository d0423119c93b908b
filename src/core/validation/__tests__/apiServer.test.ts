import { formatFieldError, validateContainerRuntimeConfig, type FieldError } from '..';

const withConfig = (containerRuntimeConfig: unknown) => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name: 'lazy-pull-worker' },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
    },
    containerRuntimeConfig,
  },
});

const lines = (errors: FieldError[]) => errors.map(formatFieldError);
const check = (cfg: unknown, gateEnabled = true) =>
  lines(
    validateContainerRuntimeConfig(withConfig(cfg), { gateEnabled }).filter(
      (e) => e.severity === 'error',
    ),
  );

const LAYER = 'spec.containerRuntimeConfig.additionalLayerStores';
const PATTERN =
  "path must be absolute and contain only alphanumeric characters, '/', '.', '_', and '-'";

describe('API server rules for the store lists', () => {
  it.each([
    ['a relative path', 'var/lib/stargz-store/store', [`${LAYER}[0].path: ${PATTERN}`]],
    ['a space', '/var/lib/stargz store', [`${LAYER}[0].path: ${PATTERN}`]],
    [
      'a colon (the MCO adds :ref itself)',
      '/var/lib/stargz-store/store:ref',
      [`${LAYER}[0].path: ${PATTERN}`],
    ],
    ['an @', '/var/lib/stargz@store', [`${LAYER}[0].path: ${PATTERN}`]],
    ['non-ASCII', '/var/lib/störe', [`${LAYER}[0].path: ${PATTERN}`]],
    ['the root alone', '/', [`${LAYER}[0].path: ${PATTERN}`]],
    [
      'consecutive slashes',
      '/var/lib//stargz-store/store',
      [`${LAYER}[0].path: path must not contain consecutive forward slashes`],
    ],
    [
      'a leading double slash',
      '//var/lib/store',
      [`${LAYER}[0].path: path must not contain consecutive forward slashes`],
    ],
    [
      'both a bad character and //',
      '/var//lib:x',
      [
        `${LAYER}[0].path: ${PATTERN}`,
        `${LAYER}[0].path: path must not contain consecutive forward slashes`,
      ],
    ],
    ['an empty path', '', [`${LAYER}[0].path: Invalid value: "": should be at least 1 chars long`]],
    ['a trailing slash (accepted)', '/var/lib/stargz-store/store/', []],
    ['dots and underscores (accepted)', '/opt/layer_store-v1.0', []],
  ])('%s', (_what, path, expected) => {
    expect(check({ additionalLayerStores: [{ path }] })).toEqual(expected);
  });

  it('limits a path to 256 characters', () => {
    expect(check({ additionalLayerStores: [{ path: `/${'a'.repeat(255)}` }] })).toEqual([]);
    expect(check({ additionalLayerStores: [{ path: `/${'a'.repeat(256)}` }] })).toEqual([
      `${LAYER}[0].path: Too long: may not be more than 256 bytes`,
    ]);
  });

  it('allows 5 layer stores and 10 image and artifact stores, no more', () => {
    const stores = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ path: `/var/lib/store${i + 1}` }));
    expect(check({ additionalLayerStores: stores(5) })).toEqual([]);
    expect(check({ additionalLayerStores: stores(6) })).toEqual([
      `${LAYER}: Too many: 6: must have at most 5 items`,
    ]);
    expect(
      check({ additionalImageStores: stores(10), additionalArtifactStores: stores(10) }),
    ).toEqual([]);
    expect(check({ additionalImageStores: stores(11) })).toEqual([
      'spec.containerRuntimeConfig.additionalImageStores: Too many: 11: must have at most 10 items',
    ]);
    expect(check({ additionalArtifactStores: stores(11) })).toEqual([
      'spec.containerRuntimeConfig.additionalArtifactStores: Too many: 11: must have at most 10 items',
    ]);
  });

  it.each(['additionalLayerStores', 'additionalImageStores', 'additionalArtifactStores'])(
    'rejects duplicate paths in %s',
    (field) => {
      expect(
        check({ [field]: [{ path: '/mnt/a' }, { path: '/mnt/b' }, { path: '/mnt/a' }] }),
      ).toEqual([
        `spec.containerRuntimeConfig.${field}: ${field} must not contain duplicate paths`,
      ]);
    },
  );

  it('requires a path in each entry', () => {
    expect(check({ additionalImageStores: [{}] })).toEqual([
      'spec.containerRuntimeConfig.additionalImageStores[0].path: Required value',
    ]);
  });

  it('names the index of the bad entry', () => {
    expect(check({ additionalLayerStores: [{ path: '/ok' }, { path: '/var/lib//x' }] })).toEqual([
      `${LAYER}[1].path: path must not contain consecutive forward slashes`,
    ]);
  });

  it('rejects wrong types without throwing', () => {
    expect(check({ additionalLayerStores: '/var/lib/stargz-store/store' })).toEqual([
      `${LAYER}: Invalid value: "string": must be of type array`,
    ]);
    expect(check({ additionalLayerStores: ['/var/lib/x'] })).toEqual([
      `${LAYER}[0]: Invalid value: "string": must be of type object`,
    ]);
    expect(check({ additionalLayerStores: [{ path: 42 }] })).toEqual([
      `${LAYER}[0].path: Invalid value: "integer": must be of type string`,
    ]);
    expect(check({ pidsLimit: '4096' })).toEqual([
      'spec.containerRuntimeConfig.pidsLimit: Invalid value: "string": must be of type integer',
    ]);
    expect(check(null)).toEqual(['spec.containerRuntimeConfig: Required value']);
  });

  it('rejects an empty list (the API requires at least one item)', () => {
    expect(check({ additionalLayerStores: [] })).toEqual([
      `${LAYER}: Invalid value: 0: should have at least 1 items`,
    ]);
  });

  it('checks defaultRuntime against its enum, as the API server does', () => {
    expect(check({ defaultRuntime: 'kata' })).toEqual([
      'spec.containerRuntimeConfig.defaultRuntime: Unsupported value: "kata": supported values: "crun", "runc"',
    ]);
    expect(check({ defaultRuntime: '' })).toEqual([
      'spec.containerRuntimeConfig.defaultRuntime: Unsupported value: "": supported values: "crun", "runc"',
    ]);
  });

  it('rejects a quantity Kubernetes cannot parse', () => {
    const [line] = check({ overlaySize: '10 GB' });
    expect(line).toMatch(
      /^spec\.containerRuntimeConfig\.overlaySize: Invalid value: "10 GB": must be a quantity/,
    );
  });
});

describe('unknown fields and the feature gate', () => {
  it('warns that an unknown field would be pruned, without blocking', () => {
    const all = validateContainerRuntimeConfig(withConfig({ lazyPull: { enabled: true } }), {
      gateEnabled: true,
    });
    expect(all).toEqual([
      expect.objectContaining({
        field: 'spec.containerRuntimeConfig.lazyPull',
        severity: 'warning',
        source: 'api',
      }),
    ]);
  });

  it('reports the store fields as unknown while the gate is off', () => {
    const all = validateContainerRuntimeConfig(
      withConfig({ additionalLayerStores: [{ path: '/var/lib/stargz-store/store' }] }),
      { gateEnabled: false },
    );
    expect(all).toHaveLength(1);
    expect(all[0].field).toBe(LAYER);
    expect(all[0].message).toContain('AdditionalStorageConfig');
  });
});

describe('metadata', () => {
  it('requires a DNS-1123 name', () => {
    const obj = withConfig({});
    obj.metadata.name = 'Lazy_Pull';
    const errors = lines(validateContainerRuntimeConfig(obj, { gateEnabled: true }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^metadata\.name: Invalid value: "Lazy_Pull": a lowercase RFC 1123 subdomain/,
    );
  });

  it('requires spec', () => {
    expect(
      lines(
        validateContainerRuntimeConfig(
          { kind: 'ContainerRuntimeConfig', metadata: { name: 'a' } },
          { gateEnabled: true },
        ),
      ),
    ).toEqual(['spec: Required value']);
  });
});
