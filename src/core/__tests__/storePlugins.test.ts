import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { itWithShared, sharedPath } from '../../__test-support__/sharedData';
import {
  expectedMountText,
  identifyStorePlugin,
  isStorePluginMount,
  storePathHint,
  storePlugin,
  storePluginOfPath,
} from '../storePlugins';

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

describe('identifyStorePlugin', () => {
  const stargz = storePlugin('stargz-store');
  const nydus = storePlugin('nydus-store');

  itWithShared('lab/README.md')(
    'knows stargz-store by the mount a real daemon made (../shared/lab)',
    () => {
      // The lab records the daemon's /proc/mounts line: source, mount point, type, options.
      const readme = readFileSync(sharedPath('lab', 'README.md'), 'utf8');
      const line = readme.split('\n').find((l) => /^stargzstore \S+ fuse\.\S+ /.test(l));
      expect(line).toBeDefined();
      const [source, path, fsType] = (line ?? '').split(' ');
      expect(stargz.mount).toEqual({ fsType, source });
      expect(identifyStorePlugin(path, { fsType, source })).toBe(stargz);
      expect(isStorePluginMount(stargz, { fsType, source })).toBe(true);
    },
  );
  it('takes the mount over the path', () => {
    const rawBridge = { fsType: 'fuse.rawBridge', source: 'stargzstore' };
    expect(identifyStorePlugin('/mnt/layers', rawBridge)).toBe(stargz);
    expect(
      identifyStorePlugin('/var/lib/stargz-store/store', { fsType: 'fuse', source: 'nydusd' }),
    ).toBe(nydus);
  });
  it('falls back to the conventional names in the path, and else knows nothing', () => {
    const otherFuse = { fsType: 'fuse.sshfs', source: 'host:/x' };
    expect(identifyStorePlugin('/var/lib/stargz-store/store', otherFuse)).toBe(stargz);
    expect(identifyStorePlugin('/var/lib/nydus-store/store')).toBe(nydus);
    expect(identifyStorePlugin('/var/lib/stargz/store')).toBeNull();
  });
  it('says another FUSE filesystem at stargz-store’s path is not its mount', () => {
    expect(isStorePluginMount(stargz, { fsType: 'fuse.sshfs', source: 'host:/x' })).toBe(false);
    expect(isStorePluginMount(stargz, { fsType: 'tmpfs', source: 'stargzstore' })).toBe(false);
    // nydus-store's mount has not been seen: any FUSE filesystem may be it.
    expect(isStorePluginMount(nydus, { fsType: 'fuse.whatever', source: 'x' })).toBe(true);
    expect(isStorePluginMount(null, { fsType: 'overlay', source: 'overlay' })).toBe(false);
  });
  it('describes the expected mount for messages', () => {
    expect(expectedMountText(stargz)).toBe('fuse.rawBridge with source stargzstore');
    expect(expectedMountText(nydus)).toBe('fuse.*');
  });
});

describe('what the install guide sets up', () => {
  const guide = readFileSync(join(__dirname, '../../../docs/install-stargz-store.md'), 'utf8');
  it('names stargz-store’s unit, control socket and mount point as the table does', () => {
    const stargz = storePlugin('stargz-store');
    expect(guide).toContain(`- name: ${stargz.unit}`);
    expect(guide).toContain(`| control socket (v0.16 and later) | \`${stargz.socketPath}\``);
    expect(guide).toMatch(
      new RegExp(`ExecStart=\\S*/${stargz.processName} .* ${stargz.mountPoint}\\n`),
    );
  });
});
