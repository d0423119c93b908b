import type { ContainerRuntimeConfiguration } from '../../model/types';
import { encodeToml, structTable, type TomlScalar } from '../mcoToml';
import { renderCrioDropIns } from '../crioDropIns';

/** The struct the MCO encodes for one drop-in: `crio.runtime.<key>`. */
const crioDropInStruct = (key: string, value: TomlScalar | readonly TomlScalar[]) =>
  structTable([['crio', structTable([['runtime', structTable([[key, value]])]])]]);

const dropIn = (line: string): string => `[crio]\n  [crio.runtime]\n    ${line}\n`;
const names = (cfg: ContainerRuntimeConfiguration): string[] =>
  renderCrioDropIns(cfg).map((d) => d.name);

describe('renderCrioDropIns', () => {
  it('writes nothing for an empty configuration or store-only settings', () => {
    expect(renderCrioDropIns({})).toEqual([]);
    expect(
      renderCrioDropIns({ additionalLayerStores: [{ path: '/x' }], overlaySize: '1G' }),
    ).toEqual([]);
  });

  it('writes every drop-in in the MCO order, under /etc/crio/crio.conf.d/', () => {
    const all = renderCrioDropIns({
      additionalArtifactStores: [{ path: '/a' }, { path: '/b' }],
      defaultRuntime: 'runc',
      logSizeMax: '1Gi',
      pidsLimit: 1024,
      logLevel: 'info',
    });
    expect(all).toEqual([
      {
        name: '01-ctrcfg-logLevel',
        path: '/etc/crio/crio.conf.d/01-ctrcfg-logLevel',
        contents: dropIn('log_level = "info"'),
      },
      {
        name: '01-ctrcfg-pidsLimit',
        path: '/etc/crio/crio.conf.d/01-ctrcfg-pidsLimit',
        contents: dropIn('pids_limit = 1024'),
      },
      {
        name: '01-ctrcfg-logSizeMax',
        path: '/etc/crio/crio.conf.d/01-ctrcfg-logSizeMax',
        contents: dropIn('log_size_max = 1073741824'),
      },
      {
        name: '01-ctrcfg-defaultRuntime',
        path: '/etc/crio/crio.conf.d/01-ctrcfg-defaultRuntime',
        contents: dropIn('default_runtime = "runc"'),
      },
      {
        name: '01-ctrcfg-additionalArtifactStores',
        path: '/etc/crio/crio.conf.d/01-ctrcfg-additionalArtifactStores',
        contents: dropIn('additional_artifact_stores = ["/a", "/b"]'),
      },
    ]);
  });

  it('writes pidsLimit 0: the field is a pointer and the encoder writes an int64 0', () => {
    expect(renderCrioDropIns({ pidsLimit: 0 })).toEqual([
      expect.objectContaining({ name: '01-ctrcfg-pidsLimit', contents: dropIn('pids_limit = 0') }),
    ]);
  });

  it('writes a negative logSizeMax (no limit) as its integer value', () => {
    expect(renderCrioDropIns({ logSizeMax: '-1' })[0].contents).toBe(dropIn('log_size_max = -1'));
    expect(renderCrioDropIns({ logSizeMax: -1 })[0].contents).toBe(dropIn('log_size_max = -1'));
  });

  it('writes logSizeMax as Value(): rounded up to a whole byte', () => {
    expect(renderCrioDropIns({ logSizeMax: '8.5k' })[0].contents).toBe(
      dropIn('log_size_max = 8500'),
    );
    expect(renderCrioDropIns({ logSizeMax: '10000.5' })[0].contents).toBe(
      dropIn('log_size_max = 10001'),
    );
  });

  it.each([
    ['an empty logLevel', { logLevel: '' }],
    ['an empty defaultRuntime', { defaultRuntime: '' }],
    ['a zero logSizeMax', { logSizeMax: '0' }],
    ['a zero logSizeMax in another unit', { logSizeMax: '0Mi' }],
    ['an empty artifact store list', { additionalArtifactStores: [] }],
    ['a pidsLimit that is not an integer', { pidsLimit: 1.5 }],
    ['an unparseable logSizeMax', { logSizeMax: 'lots' }],
  ])('writes nothing for %s', (_, cfg) => {
    expect(names(cfg)).toEqual([]);
  });

  it('escapes strings as the TOML encoder does', () => {
    expect(renderCrioDropIns({ logLevel: 'x"y\\z\n' })[0].contents).toBe(
      dropIn('log_level = "x\\"y\\\\z\\n"'),
    );
  });

  it('is the general encoding of the MCO struct (the prepared fast path does not drift)', () => {
    const settings: Record<string, [string, string | bigint | string[]]> = {
      '01-ctrcfg-logLevel': ['log_level', 'debug'],
      '01-ctrcfg-pidsLimit': ['pids_limit', 5n],
      '01-ctrcfg-additionalArtifactStores': ['additional_artifact_stores', ['/m']],
    };
    const rendered = renderCrioDropIns({
      logLevel: 'debug',
      pidsLimit: 5,
      additionalArtifactStores: [{ path: '/m' }],
    });
    expect(rendered.map((d) => d.name)).toEqual(Object.keys(settings));
    for (const d of rendered) {
      const [key, value] = settings[d.name];
      expect(d.contents).toBe(encodeToml(crioDropInStruct(key, value)));
    }
  });
});
