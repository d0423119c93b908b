import { parse as parseToml } from 'smol-toml';
import { encodeToml } from '../mcoToml';
import { renderStorageConf, storageConfStruct } from '../storageConf';

/** The template part every generated storage.conf shares (see the goldens). */
const HEAD = `[storage]
  driver = "overlay"
  runroot = "/run/containers/storage"
  graphroot = "/var/lib/containers/storage"
  [storage.options]
`;
const TAIL = `    force_mask = 0
    auto-userns-min-size = 0
    auto-userns-max-size = 0
    [storage.options.overlay]
      skip_mount_home = "true"
    [storage.options.pull_options]
      enable_partial_images = "false"
      ostree_repos = ""
      use_hard_links = "false"
`;

describe('renderStorageConf: when the MCO writes a storage.conf', () => {
  it.each([
    ['an empty configuration', {}],
    [
      'artifact stores alone (they go to a CRI-O drop-in)',
      { additionalArtifactStores: [{ path: '/var/lib/models' }] },
    ],
    ['a zero overlaySize', { overlaySize: '0' }],
    ['a zero overlaySize in another unit', { overlaySize: '0Gi' }],
    ['empty store lists', { additionalLayerStores: [], additionalImageStores: [] }],
    [
      'only CRI-O settings',
      { logLevel: 'debug', pidsLimit: 4096, logSizeMax: '64Mi', defaultRuntime: 'runc' },
    ],
  ])('writes none for %s', (_, cfg) => {
    expect(renderStorageConf(cfg)).toBeNull();
  });

  it('writes overlaySize and image stores together, with artifact stores left out', () => {
    expect(
      renderStorageConf({
        overlaySize: '20Gi',
        additionalImageStores: [{ path: '/mnt/a' }, { path: '/mnt/b' }],
        additionalArtifactStores: [{ path: '/var/lib/models' }],
      }),
    ).toBe(`${HEAD}    additionalimagestores = ["/mnt/a", "/mnt/b"]\n    size = "20Gi"\n${TAIL}`);
  });

  it('writes the canonical quantity, not the text as typed', () => {
    expect(renderStorageConf({ overlaySize: '2048Mi' })).toBe(`${HEAD}    size = "2Gi"\n${TAIL}`);
    expect(renderStorageConf({ overlaySize: '1000M' })).toBe(`${HEAD}    size = "1G"\n${TAIL}`);
    expect(renderStorageConf({ overlaySize: 5000000000 })).toBe(`${HEAD}    size = "5G"\n${TAIL}`);
  });

  it('appends :ref to each layer store exactly as written, in order', () => {
    expect(
      renderStorageConf({ additionalLayerStores: [{ path: '/b/store/' }, { path: '/a/store' }] }),
    ).toBe(`${HEAD}    additionallayerstores = ["/b/store/:ref", "/a/store:ref"]\n${TAIL}`);
  });

  it('escapes store paths as the TOML encoder does (paths come from users)', () => {
    // Such paths fail validation; the encoding must still be right, as a parser would read it.
    const weird = '/a"b\\c\td\u001b\u007fé';
    const text = renderStorageConf({ additionalImageStores: [{ path: weird }] }) as string;
    expect(text).toContain('additionalimagestores = ["/a\\"b\\\\c\\td\\u001b\\u007fé"]');
    const parsed = parseToml(text) as { storage: { options: { additionalimagestores: string[] } } };
    expect(parsed.storage.options.additionalimagestores).toEqual([weird]);
  });

  it('skips store entries that have no string path instead of failing', () => {
    const cfg = { additionalImageStores: [{ path: '/ok' }, {}, null, { path: 3 }] } as never;
    expect(renderStorageConf(cfg)).toBe(`${HEAD}    additionalimagestores = ["/ok"]\n${TAIL}`);
  });

  it('ignores an overlaySize that does not parse (the API server rejects it before the MCO)', () => {
    expect(renderStorageConf({ overlaySize: '10 GB' })).toBeNull();
  });

  it('is the general encoding of the MCO struct (the prepared fast path does not drift)', () => {
    expect(
      renderStorageConf({
        overlaySize: '1.5Gi',
        additionalLayerStores: [{ path: '/l' }],
        additionalImageStores: [{ path: '/i' }],
      }),
    ).toBe(encodeToml(storageConfStruct(['/i'], ['/l:ref'], '1536Mi')));
    expect(renderStorageConf({ additionalLayerStores: [{ path: '/l' }] })).toBe(
      encodeToml(storageConfStruct([], ['/l:ref'], '')),
    );
  });
});
