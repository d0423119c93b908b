import { readFileSync } from 'node:fs';
import { describeWithShared, sharedPath } from '../../../__test-support__/sharedData';
import { parseLayerStoreEntry, readStorageConfStores } from '../readStores';

const golden = (name: string): string =>
  readFileSync(sharedPath('golden', 'mco', name, 'storage.conf'), 'utf8');

describeWithShared('golden/mco')('readStorageConfStores on the MCO golden outputs', () => {
  it.each([
    ['case01-layer-store-stargz', [{ path: '/var/lib/stargz-store/store', ref: true }], []],
    [
      'case03-nydus-plus-stargz',
      [
        { path: '/var/lib/nydus-store/store', ref: true },
        { path: '/var/lib/stargz-store/store', ref: true },
      ],
      [],
    ],
    [
      'case06-layer-and-image-stores',
      [{ path: '/var/lib/stargz-store/store', ref: true }],
      ['/mnt/nfs-images'],
    ],
    ['case28-layer-trailing-slash', [{ path: '/var/lib/stargz-store/store/', ref: true }], []],
    ['case07-overlay-10G', [], []],
  ])('%s', (name, layerStores, imageStores) => {
    const stores = readStorageConfStores(golden(name));
    expect(stores).toEqual({
      layerStores,
      imageStores,
      driver: 'overlay',
      graphroot: '/var/lib/containers/storage',
      errors: [],
    });
  });

  it('reads all five stores of case02 in order', () => {
    const stores = readStorageConfStores(golden('case02-five-layer-stores'));
    expect(stores.layerStores).toHaveLength(5);
    expect(stores.layerStores.every((store) => store.ref)).toBe(true);
    expect(stores.errors).toEqual([]);
  });
});

describe('readStorageConfStores on hand-written and broken files', () => {
  const cases: [string, string, Partial<ReturnType<typeof readStorageConfStores>>, RegExp[]][] = [
    ['empty file', '', { layerStores: [], imageStores: [] }, []],
    ['comments only', '# nothing here\n\n   # really\n', { layerStores: [] }, []],
    ['no [storage] table', 'other = 1\n', { layerStores: [] }, []],
    [
      'no options table',
      '[storage]\ndriver = "overlay"\n',
      { driver: 'overlay', layerStores: [] },
      [],
    ],
    [
      'comments, flat keys and no :ref',
      '# upstream default\n[storage]\ndriver = "overlay" # inline\n[storage.options]\nadditionallayerstores = [\n  "/var/lib/stargz-store/store", # lazily\n]\n',
      { layerStores: [{ path: '/var/lib/stargz-store/store', ref: false }] },
      [],
    ],
    [
      'dotted keys instead of tables',
      'storage.options.additionallayerstores = ["/a:ref"]\n',
      { layerStores: [{ path: '/a', ref: true }] },
      [],
    ],
    [
      'garbage',
      'this is { not toml',
      { layerStores: [] },
      [/^storage\.conf is not valid TOML \(line 1, column \d+\)/],
    ],
    ['binary noise', '\u0000\u0001\u0002=', { layerStores: [] }, [/not valid TOML/]],
    ['duplicate table', '[storage]\n[storage]\n', { layerStores: [] }, [/not valid TOML/]],
    [
      'storage is a string',
      'storage = "x"\n',
      { layerStores: [] },
      [/\[storage\] must be a table, not a string/],
    ],
    [
      'options is a list',
      '[storage]\noptions = [1]\n',
      { layerStores: [] },
      [/\[storage\.options\] must be a table, not an array/],
    ],
    [
      'layer stores is a string',
      '[storage.options]\nadditionallayerstores = "/a:ref"\n',
      { layerStores: [] },
      [/additionallayerstores must be an array of strings, not a string/],
    ],
    [
      'a number among the entries',
      '[storage.options]\nadditionallayerstores = ["/a:ref", 3]\n',
      { layerStores: [{ path: '/a', ref: true }] },
      [/additionallayerstores\[1\] must be a string, not a number/],
    ],
    [
      'relative path',
      '[storage.options]\nadditionallayerstores = ["store:ref"]\n',
      { layerStores: [{ path: 'store', ref: true }] },
      [/"store" is not an absolute path/],
    ],
    [
      'unknown option',
      '[storage.options]\nadditionallayerstores = ["/a:foo"]\n',
      { layerStores: [{ path: '/a:foo', ref: false }] },
      [/unknown option after ":"/],
    ],
    [
      'image stores of the wrong type',
      '[storage.options]\nadditionalimagestores = [true]\n',
      { imageStores: [] },
      [/additionalimagestores\[0\] must be a string, not a boolean/],
    ],
    [
      'driver of the wrong type',
      '[storage]\ndriver = 1\n',
      { layerStores: [] },
      [/storage\.driver must be a string/],
    ],
  ];

  it.each(cases)('%s', (_name, text, expected, errorPatterns) => {
    const stores = readStorageConfStores(text);
    expect(stores).toMatchObject(expected);
    expect(stores.errors).toHaveLength(errorPatterns.length);
    errorPatterns.forEach((pattern, index) => expect(stores.errors[index]).toMatch(pattern));
  });

  it('puts only the first line of a TOML error into the message', () => {
    const [message] = readStorageConfStores('[storage\n').errors;
    expect(message).not.toContain('\n');
  });
});

describe('parseLayerStoreEntry', () => {
  it.each([
    [
      '/var/lib/stargz-store/store:ref',
      { path: '/var/lib/stargz-store/store', ref: true },
      undefined,
    ],
    ['/x/store/:ref', { path: '/x/store/', ref: true }, undefined],
    ['/x', { path: '/x', ref: false }, undefined],
    [':ref', { path: '', ref: true }, /has no path/],
    ['/x:ref:ref', { path: '/x:ref', ref: true }, /unknown option/],
  ])('%s', (raw, entry, error) => {
    const parsed = parseLayerStoreEntry(raw);
    expect(parsed.entry).toEqual(entry);
    if (error === undefined) expect(parsed.error).toBeUndefined();
    else expect(parsed.error).toMatch(error);
  });
});
