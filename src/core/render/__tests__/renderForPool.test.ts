import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import type { ContainerRuntimeConfig, ContainerRuntimeConfiguration } from '../../model/types';
import { parseQuantity } from '../../quantity';
import { decodeMachineConfigFiles, findFile } from '../../ignition/decodeMachineConfigFiles';
import { renderForPool } from '..';

const ctrcfg = (containerRuntimeConfig: ContainerRuntimeConfiguration): ContainerRuntimeConfig => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name: 'test', uid: 'u' },
  spec: {
    machineConfigPoolSelector: {
      matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
    },
    containerRuntimeConfig,
  },
});

describe('renderForPool: configurations the golden corpus lacks', () => {
  it('overlaySize with an image store and an artifact store: storage.conf, then the artifact drop-in', () => {
    const result = renderForPool(
      ctrcfg({
        overlaySize: '1Ti',
        additionalImageStores: [{ path: '/mnt/images' }],
        additionalArtifactStores: [{ path: '/var/lib/models' }],
      }),
      'gpu',
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.storageConf).toBe(`[storage]
  driver = "overlay"
  runroot = "/run/containers/storage"
  graphroot = "/var/lib/containers/storage"
  [storage.options]
    additionalimagestores = ["/mnt/images"]
    size = "1Ti"
    force_mask = 0
    auto-userns-min-size = 0
    auto-userns-max-size = 0
    [storage.options.overlay]
      skip_mount_home = "true"
    [storage.options.pull_options]
      enable_partial_images = "false"
      ostree_repos = ""
      use_hard_links = "false"
`);
    expect(result.dropIns.map((d) => d.name)).toEqual(['01-ctrcfg-additionalArtifactStores']);
    expect(result.machineConfigName).toBe('99-gpu-generated-containerruntime');
    expect(result.machineConfig.metadata.labels).toEqual({
      'machineconfiguration.openshift.io/role': 'gpu',
    });
    const decoded = decodeMachineConfigFiles(result.machineConfig);
    expect(decoded.files.map((f) => f.path)).toEqual([
      '/etc/containers/storage.conf',
      '/etc/crio/crio.conf.d/01-ctrcfg-additionalArtifactStores',
    ]);
  });

  it('artifact stores alone: no storage.conf, one drop-in', () => {
    const result = renderForPool(
      ctrcfg({ additionalArtifactStores: [{ path: '/a' }, { path: '/b' }] }),
      'worker',
    );
    expect(result.ok && result.storageConf).toBeNull();
    expect(result.ok && result.dropIns.map((d) => d.contents)).toEqual([
      '[crio]\n  [crio.runtime]\n    additional_artifact_stores = ["/a", "/b"]\n',
    ]);
  });

  it('a negative logSizeMax (no limit) passes the MCO and is written as -1', () => {
    const result = renderForPool(ctrcfg({ logSizeMax: '-1' }), 'worker');
    expect(result.ok && result.dropIns).toEqual([
      expect.objectContaining({
        name: '01-ctrcfg-logSizeMax',
        contents: '[crio]\n  [crio.runtime]\n    log_size_max = -1\n',
      }),
    ]);
  });

  it.each([
    [{ pidsLimit: -1 }, 'invalid PidsLimit -1'],
    [{ pidsLimit: 19 }, 'invalid PidsLimit 19'],
    [{ logSizeMax: '8Ki' }, 'invalid LogSizeMax "8Ki", cannot be less than 8kB'],
    [{ logSizeMax: '8192' }, 'invalid LogSizeMax "8192", cannot be less than 8kB'],
    [{ overlaySize: '-1G' }, 'invalid overlaySize "-1G", cannot be less than 0'],
    [
      { logLevel: 'Debug' },
      'invalid LogLevel "Debug", must be one of error, fatal, panic, warn, info, debug, or trace',
    ],
    [{ defaultRuntime: 'kata' }, 'invalid DefaultRuntime "kata", must be one of crun, runc'],
    // The first failure wins, in the MCO's order.
    [{ logLevel: 'loud', pidsLimit: 1 }, 'invalid PidsLimit 1'],
    [
      { additionalImageStores: [{ path: 'relative' }], additionalLayerStores: [{ path: '/a//b' }] },
      'invalid AdditionalLayerStores path "/a//b": must not contain consecutive forward slashes',
    ],
  ])('fails like the MCO for %j', (cfg, error) => {
    expect(renderForPool(ctrcfg(cfg as ContainerRuntimeConfiguration), 'worker')).toEqual({
      ok: false,
      error,
    });
  });

  it('fails, rather than rendering, for a quantity the MCO could not decode', () => {
    const result = renderForPool(ctrcfg({ overlaySize: '10 GB' }), 'worker');
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid overlaySize "10 GB": /),
    });
  });

  it('renders a missing containerRuntimeConfig as an empty one', () => {
    const bare = { ...ctrcfg({}), spec: {} } as unknown as ContainerRuntimeConfig;
    const result = renderForPool(bare, 'worker');
    expect(result.ok && result.dropIns).toEqual([]);
    expect(result.ok && result.storageConf).toBeNull();
  });
});

/* Properties over every configuration the API server and the MCO accept. */

const pathSegment = fc.stringMatching(/^[a-zA-Z0-9._-]{1,40}$/);
const storePath = fc
  .array(pathSegment, { minLength: 1, maxLength: 6 })
  .map((segments) => `/${segments.join('/')}`)
  .filter((p) => p.length <= 256);
const storeList = (max: number) =>
  fc
    .uniqueArray(storePath, { minLength: 1, maxLength: max })
    .map((paths) => paths.map((path) => ({ path })));
const quantity = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.integer({ min: 0, max: 99999 }),
    fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
    fc.constantFrom('', 'k', 'M', 'G', 'T', 'Ki', 'Mi', 'Gi', 'Ti', 'e3', 'e6', 'm'),
  )
  .map(
    ([sign, int, frac, suffix]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${suffix}`,
  );
const value = (q: string): bigint => {
  const parsed = parseQuantity(q);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.quantity.value();
};

const validConfiguration: fc.Arbitrary<ContainerRuntimeConfiguration> = fc.record(
  {
    additionalLayerStores: storeList(5),
    additionalImageStores: storeList(10),
    additionalArtifactStores: storeList(10),
    pidsLimit: fc.oneof(fc.constant(0), fc.integer({ min: 20, max: 2 ** 31 })),
    logLevel: fc.constantFrom('error', 'fatal', 'panic', 'warn', 'info', 'debug', 'trace'),
    logSizeMax: quantity.filter((q) => value(q) <= 0 || value(q) > 8192n),
    overlaySize: quantity.filter((q) => !q.startsWith('-') || value(q) === 0n),
    defaultRuntime: fc.constantFrom('crun', 'runc'),
  },
  { requiredKeys: [] },
);

describe('renderForPool: properties of valid configurations', () => {
  it('renders without throwing, and storage.conf reads back with the same stores and size', () => {
    fc.assert(
      fc.property(validConfiguration, (cfg) => {
        const result = renderForPool(ctrcfg(cfg), 'worker');
        if (!result.ok) throw new Error(`valid configuration rejected: ${result.error}`);
        const layers = (cfg.additionalLayerStores ?? []).map((s) => `${s.path}:ref`);
        const images = (cfg.additionalImageStores ?? []).map((s) => s.path);
        const size =
          cfg.overlaySize !== undefined && value(String(cfg.overlaySize)) !== 0n
            ? String(cfg.overlaySize)
            : undefined;
        if (layers.length === 0 && images.length === 0 && size === undefined) {
          expect(result.storageConf).toBeNull();
          return;
        }
        const options = (
          parseToml(result.storageConf as string) as {
            storage: { options: Record<string, unknown> };
          }
        ).storage.options;
        expect(options.additionallayerstores ?? []).toEqual(layers);
        expect(options.additionalimagestores ?? []).toEqual(images);
        if (size === undefined) expect(options.size).toBeUndefined();
        else {
          const parsed = parseQuantity(options.size as string);
          expect(parsed.ok && parsed.quantity.toString()).toBe(options.size);
          expect(parsed.ok && parsed.quantity.value()).toBe(value(size));
        }
      }),
    );
  });

  it('writes drop-ins that read back to the configured values', () => {
    fc.assert(
      fc.property(validConfiguration, (cfg) => {
        const result = renderForPool(ctrcfg(cfg), 'worker');
        if (!result.ok) throw new Error(result.error);
        const runtime: Record<string, unknown> = {};
        for (const d of result.dropIns) {
          Object.assign(
            runtime,
            (parseToml(d.contents, { integersAsBigInt: true }) as { crio: { runtime: object } })
              .crio.runtime,
          );
        }
        const expected: Record<string, unknown> = {};
        if (cfg.logLevel) expected.log_level = cfg.logLevel;
        if (cfg.pidsLimit !== undefined) expected.pids_limit = BigInt(String(cfg.pidsLimit));
        if (cfg.logSizeMax !== undefined && value(String(cfg.logSizeMax)) !== 0n) {
          expected.log_size_max = value(String(cfg.logSizeMax));
        }
        if (cfg.defaultRuntime) expected.default_runtime = cfg.defaultRuntime;
        if (cfg.additionalArtifactStores)
          expected.additional_artifact_stores = cfg.additionalArtifactStores.map((s) => s.path);
        expect(runtime).toEqual(expected);
      }),
    );
  });

  it('writes a MachineConfig whose files decode back to what was rendered', () => {
    fc.assert(
      fc.property(validConfiguration, (cfg) => {
        const result = renderForPool(ctrcfg(cfg), 'worker');
        if (!result.ok) throw new Error(result.error);
        expect(JSON.parse(result.ignitionJson)).toEqual(result.machineConfig.spec.config);
        const { files, errors } = decodeMachineConfigFiles(result.machineConfig);
        expect(errors).toEqual([]);
        expect(findFile(files, '/etc/containers/storage.conf')?.contents).toBe(
          result.storageConf ?? undefined,
        );
        expect(files.filter((f) => f.path.startsWith('/etc/crio/')).map((f) => f.contents)).toEqual(
          result.dropIns.map((d) => d.contents),
        );
      }),
    );
  });
});
