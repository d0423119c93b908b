import { storePathHint, storePluginOfPath } from '../storePlugins';

describe('storePathHint', () => {
  it.each(['/var/lib/stargz-store', '/var/lib/stargz-store/', ' /var/lib/stargz-store '])(
    'points %j to the stargz-store mount point',
    (path) => {
      expect(storePathHint('additionalLayerStores', path)).toEqual({
        kind: 'plugin-root',
        plugin: 'stargz-store',
        suggestion: '/var/lib/stargz-store/store',
      });
    },
  );
  it('points the nydus-store root to its mount point', () => {
    expect(storePathHint('additionalLayerStores', '/var/lib/nydus-store')?.suggestion).toBe(
      '/var/lib/nydus-store/store',
    );
  });
  it('says nothing about mount points, other paths or other lists', () => {
    expect(storePathHint('additionalLayerStores', '/var/lib/stargz-store/store')).toBeNull();
    expect(storePathHint('additionalLayerStores', '/mnt/layers')).toBeNull();
    expect(storePathHint('additionalImageStores', '/var/lib/stargz-store')).toBeNull();
  });
  it('recognises the presets', () => {
    expect(storePluginOfPath('/var/lib/stargz-store/store')).toBe('stargz-store');
    expect(storePluginOfPath('/var/lib/nydus-store/store')).toBe('nydus-store');
    expect(storePluginOfPath('/var/lib/stargz-store')).toBeNull();
  });
});
