import { mcoValidationError, validateContainerRuntimeConfig, validateMco } from '..';

describe('the MCO controller checks', () => {
  it.each([
    [{ pidsLimit: 10 }, 'invalid PidsLimit 10'],
    [{ pidsLimit: -1 }, 'invalid PidsLimit -1'],
    [{ pidsLimit: 19 }, 'invalid PidsLimit 19'],
    [{ pidsLimit: 0 }, null],
    [{ pidsLimit: 20 }, null],
    [{ logSizeMax: '8Ki' }, 'invalid LogSizeMax "8Ki", cannot be less than 8kB'],
    [{ logSizeMax: 8192 }, 'invalid LogSizeMax "8192", cannot be less than 8kB'],
    [{ logSizeMax: '8k' }, 'invalid LogSizeMax "8k", cannot be less than 8kB'],
    [{ logSizeMax: '8193' }, null],
    [{ logSizeMax: '-1' }, null],
    [{ logSizeMax: '0' }, null],
    [{ overlaySize: '-1G' }, 'invalid overlaySize "-1G", cannot be less than 0'],
    [{ overlaySize: '0' }, null],
    [
      { logLevel: 'verbose' },
      'invalid LogLevel "verbose", must be one of error, fatal, panic, warn, info, debug, or trace',
    ],
    [
      { logLevel: 'Debug' },
      'invalid LogLevel "Debug", must be one of error, fatal, panic, warn, info, debug, or trace',
    ],
    [{ logLevel: 'trace' }, null],
    [{ defaultRuntime: 'kata' }, 'invalid DefaultRuntime "kata", must be one of crun, runc'],
    [
      { additionalLayerStores: [{ path: '/var/lib//stargz-store/store' }] },
      'invalid AdditionalLayerStores path "/var/lib//stargz-store/store": must not contain consecutive forward slashes',
    ],
    [
      { additionalImageStores: [{ path: 'relative' }] },
      `invalid AdditionalImageStores path "relative": must be an absolute path containing only alphanumeric characters, '/', '.', '_', and '-'`,
    ],
    [
      { additionalArtifactStores: [{ path: '/a:b' }] },
      `invalid AdditionalArtifactStores path "/a:b": must be an absolute path containing only alphanumeric characters, '/', '.', '_', and '-'`,
    ],
  ])('%j → %s', (cfg, expected) => {
    expect(mcoValidationError(cfg)).toBe(expected);
  });

  it('stops at the first failure in the controller order', () => {
    const cfg = {
      defaultRuntime: 'kata',
      logLevel: 'loud',
      overlaySize: '-1',
      logSizeMax: '1k',
      pidsLimit: 5,
      additionalLayerStores: [{ path: 'x' }],
    };
    expect(validateMco(cfg).map((e) => e.message.split(' ')[1])).toEqual([
      'PidsLimit',
      'LogSizeMax',
      'overlaySize',
      'LogLevel',
      'DefaultRuntime',
      'AdditionalLayerStores',
    ]);
    expect(mcoValidationError(cfg)).toBe('invalid PidsLimit 5');
  });

  it('checks layer stores before image and artifact stores', () => {
    const cfg = {
      additionalArtifactStores: [{ path: 'a' }],
      additionalImageStores: [{ path: 'b' }],
      additionalLayerStores: [{ path: 'c' }],
    };
    expect(validateMco(cfg).map((e) => e.field)).toEqual([
      'spec.containerRuntimeConfig.additionalLayerStores[0].path',
      'spec.containerRuntimeConfig.additionalImageStores[0].path',
      'spec.containerRuntimeConfig.additionalArtifactStores[0].path',
    ]);
  });

  it('are reported by the full validation as MCO findings, which the API server lets through', () => {
    const errors = validateContainerRuntimeConfig(
      {
        kind: 'ContainerRuntimeConfig',
        metadata: { name: 'x' },
        spec: { containerRuntimeConfig: { pidsLimit: 10, logLevel: 'debug' } },
      },
      { gateEnabled: true },
    );
    expect(errors).toEqual([
      {
        field: 'spec.containerRuntimeConfig.pidsLimit',
        message: 'invalid PidsLimit 10',
        source: 'mco',
        severity: 'error',
      },
    ]);
  });
});
