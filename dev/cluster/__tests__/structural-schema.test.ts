import { containerRuntimeConfigSchema } from '../ctrcfg-schema';
import { pruneBySchema } from '../structural-schema';

const object = (cfg: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'ContainerRuntimeConfig',
  metadata: { name: 'x', labels: { a: 'b' } },
  spec: { machineConfigPoolSelector: { matchLabels: { p: '' } }, containerRuntimeConfig: cfg },
  ...extra,
});

describe('pruning a ContainerRuntimeConfig by its structural schema', () => {
  it('keeps every declared field and drops the rest, reporting their paths', () => {
    const input = object(
      { additionalLayerStores: [{ path: '/s', extra: 1 }], logLevel: 'debug', lazyPull: true },
      { status: { observedGeneration: 1, bogus: 2 }, top: 1 },
    );
    const out = pruneBySchema(input, containerRuntimeConfigSchema(true));
    expect(out.unknownFields).toEqual([
      'spec.containerRuntimeConfig.additionalLayerStores[0].extra',
      'spec.containerRuntimeConfig.lazyPull',
      'status.bogus',
      'top',
    ]);
    expect(out.value).toEqual(
      object(
        { additionalLayerStores: [{ path: '/s' }], logLevel: 'debug' },
        { status: { observedGeneration: 1 } },
      ),
    );
    expect(out.typeErrors).toEqual([]);
  });

  it('drops the store lists while the gate is off', () => {
    const out = pruneBySchema(
      object({ additionalImageStores: [{ path: '/i' }], pidsLimit: 100 }),
      containerRuntimeConfigSchema(false),
    );
    expect(out.unknownFields).toEqual(['spec.containerRuntimeConfig.additionalImageStores']);
    expect(out.value).toEqual(object({ pidsLimit: 100 }));
  });

  it('drops nulls silently and reports values of the wrong type without descending into them', () => {
    const out = pruneBySchema(
      object({ pidsLimit: null, overlaySize: true, additionalLayerStores: 'x' }),
      containerRuntimeConfigSchema(true),
    );
    expect(out.unknownFields).toEqual([]);
    expect(out.typeErrors.map((e) => e.field)).toEqual([
      'spec.containerRuntimeConfig.overlaySize',
      'spec.containerRuntimeConfig.additionalLayerStores',
    ]);
    expect(out.typeErrors[0].message).toBe(
      'Invalid value: "boolean": spec.containerRuntimeConfig.overlaySize in body must be of type integer or string: "boolean"',
    );
  });
});
