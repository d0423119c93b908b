import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { censusStore, inspectStoreTree, probeStore } from '../probe/inspectStoreTree';
import {
  createHostTree,
  encodeRef,
  type HostTree,
  STARGZ_STORE,
} from '../__test-support__/hostTree';

describe('inspectStoreTree', () => {
  let tree: HostTree;
  beforeAll(async () => {
    tree = await createHostTree({
      stores: [
        {
          path: STARGZ_STORE,
          socket: true,
          images: [
            { ref: 'quay.io/b/two:1', layers: 2 },
            { ref: 'quay.io/a/one:1', layers: 3, encoding: 'base64' },
            { ref: 'quay.io/c/three:1', layers: 1 },
            { ref: 'quay.io/d/empty:1', layers: 0 },
          ],
          strayEntries: ['not base64!', 'lost+found'],
        },
      ],
    });
    // Layers under an undecodable name still count; files among the images are ignored.
    const stray = join(tree.at(STARGZ_STORE), 'not base64!');
    mkdirSync(join(stray, `sha256:${'f'.repeat(64)}`));
    writeFileSync(join(tree.at(STARGZ_STORE), encodeRef('quay.io/file:1')), '');
    // Non-layer entries inside an image directory are not layers.
    mkdirSync(join(tree.at(STARGZ_STORE), encodeRef('quay.io/b/two:1'), 'tmp'));
  });
  afterAll(() => tree.cleanup());

  const request = (overrides = {}) => ({
    dir: tree.at(STARGZ_STORE),
    socketPath: tree.at('/var/lib/stargz-store/store.sock'),
    maxImages: 10,
    ...overrides,
  });

  it('counts layers, decodes and sorts the images served, and finds the socket', () => {
    const inspection = inspectStoreTree(request());
    expect(inspection).toEqual({
      listed: true,
      latencyMs: expect.any(Number),
      layers: 7,
      images: ['quay.io/a/one:1', 'quay.io/b/two:1', 'quay.io/c/three:1'],
      imagesTotal: 3,
      unknownEntries: 2,
      partial: false,
      socket: true,
    });
    expect(inspection.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('bounds the image list but still counts everything', () => {
    expect(inspectStoreTree(request({ maxImages: 1 }))).toMatchObject({
      images: ['quay.io/a/one:1'],
      imagesTotal: 3,
      layers: 7,
    });
  });

  it('reports a missing store and socket', () => {
    expect(
      inspectStoreTree(request({ dir: tree.at('/nowhere'), socketPath: tree.at('/nowhere.sock') })),
    ).toEqual({
      listed: false,
      error: 'ENOENT',
      latencyMs: null,
      layers: 0,
      images: [],
      imagesTotal: 0,
      unknownEntries: 0,
      partial: false,
      socket: false,
    });
  });

  it('does not take a regular file for a socket, and skips the socket when none is known', () => {
    tree.write('/var/lib/other/store.sock', '');
    expect(
      inspectStoreTree(request({ socketPath: tree.at('/var/lib/other/store.sock') })).socket,
    ).toBe(false);
    expect(inspectStoreTree(request({ socketPath: null })).socket).toBeNull();
  });

  it('reports a store that is a file', () => {
    tree.write('/var/lib/afile', 'x');
    expect(inspectStoreTree(request({ dir: tree.at('/var/lib/afile') }))).toMatchObject({
      listed: false,
      error: 'ENOTDIR',
    });
  });
});

describe('the census of a large store', () => {
  let tree: HostTree;
  const IMAGES = 300;
  beforeAll(async () => {
    tree = await createHostTree({
      stores: [
        {
          path: STARGZ_STORE,
          images: Array.from({ length: IMAGES }, (_, i) => ({
            ref: `quay.io/x/img-${String(i).padStart(4, '0')}:1`,
            layers: 2,
          })),
        },
      ],
    });
  });
  afterAll(() => tree.cleanup());
  const dir = () => tree.at(STARGZ_STORE);

  it('counts everything within its bound', () => {
    expect(censusStore({ dir: dir(), socketPath: null, maxImages: 3 })).toEqual({
      layers: 2 * IMAGES,
      images: ['quay.io/x/img-0000:1', 'quay.io/x/img-0001:1', 'quay.io/x/img-0002:1'],
      imagesTotal: IMAGES,
      unknownEntries: 0,
      partial: false,
    });
  });

  it('stops at its bound of entries, and says its counts are lower bounds', () => {
    // Each image is three entries (its own and two layers'): 100 entries are 33 images, and the
    // hundredth is the next image's, whose layers are not reached.
    const census = censusStore({
      dir: dir(),
      socketPath: null,
      maxImages: 5,
      censusMaxEntries: 100,
    });
    expect(census).toMatchObject({
      partial: true,
      stoppedBecause: 'it read 100 entries',
      imagesTotal: 33,
    });
    expect(census.layers).toBe(66);
    expect(census.images).toHaveLength(5);
  });

  it('stops at its time budget', () => {
    const census = censusStore({ dir: dir(), socketPath: null, maxImages: 5, censusBudgetMs: 0 });
    expect(census).toMatchObject({ partial: true, stoppedBecause: 'it took 0 ms' });
    expect(census.layers).toBeLessThan(2 * IMAGES);
  });

  it('keeps the smallest references in order whatever order the directory lists them in', () => {
    const census = censusStore({ dir: dir(), socketPath: null, maxImages: 4 });
    expect(census.images).toEqual([...census.images].sort());
    expect(census.images[0]).toBe('quay.io/x/img-0000:1');
  });

  it('times only the store answering: the probe reads one entry, whatever the store holds', () => {
    const probe = probeStore({ dir: dir(), socketPath: null });
    expect(probe).toEqual({ listed: true, latencyMs: expect.any(Number), socket: null });
  });
});
