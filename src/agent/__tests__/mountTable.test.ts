import {
  findMount,
  hostMountsSeenFromContainer,
  mountsBelow,
  normalizeHostPath,
  parseMountInfo,
} from '../host/mountTable';

const TABLE = [
  '1 0 253:0 / / rw,relatime shared:1 - xfs /dev/sda4 rw',
  '45 30 0:50 / /var/lib/stargz-store/store rw,nosuid,nodev,relatime shared:30 - fuse.stargzstore stargzstore rw,user_id=0,group_id=0,allow_other',
  '46 30 0:51 / /var/lib/my\\040store ro master:2 - fuse.rawBridge stargzstore ro',
  '47 30 0:52 / /var/lib/plain rw - xfs /dev/sda4 rw',
  '48 47 0:53 / /var/lib/plain rw - overlay overlay rw',
  'garbage line',
  '49 30 0:54 / /var/lib/nosep rw shared:3',
  '',
].join('\n');

describe('parseMountInfo', () => {
  const mounts = parseMountInfo(TABLE);

  it('reads mount point, type and source, skipping malformed lines', () => {
    expect(mounts).toEqual([
      { mountPoint: '/', fsType: 'xfs', source: '/dev/sda4' },
      {
        mountPoint: '/var/lib/stargz-store/store',
        fsType: 'fuse.stargzstore',
        source: 'stargzstore',
      },
      { mountPoint: '/var/lib/my store', fsType: 'fuse.rawBridge', source: 'stargzstore' },
      { mountPoint: '/var/lib/plain', fsType: 'xfs', source: '/dev/sda4' },
      { mountPoint: '/var/lib/plain', fsType: 'overlay', source: 'overlay' },
    ]);
  });

  it('finds the top mount at a path, however the path is written', () => {
    expect(findMount(mounts, '/var/lib/plain')?.fsType).toBe('overlay');
    expect(findMount(mounts, '/var/lib/stargz-store/store/')?.fsType).toBe('fuse.stargzstore');
    expect(findMount(mounts, '/var/lib//stargz-store/./store')?.fsType).toBe('fuse.stargzstore');
    expect(findMount(mounts, '/var/lib/stargz-store')).toBeUndefined();
  });

  it('finds mounts below a path, not beside it', () => {
    expect(mountsBelow(mounts, '/var/lib/stargz-store').map((m) => m.mountPoint)).toEqual([
      '/var/lib/stargz-store/store',
    ]);
    expect(mountsBelow(mounts, '/var/lib/stargz')).toEqual([]);
    expect(mountsBelow(mounts, '/').length).toBe(4);
  });

  it('normalizes paths', () => {
    expect(normalizeHostPath('/a//b/')).toBe('/a/b');
    expect(normalizeHostPath('/')).toBe('/');
    expect(normalizeHostPath('/a/../b')).toBe('/b');
  });
});

describe('hostMountsSeenFromContainer', () => {
  it('keeps what is under the host root, as host paths', () => {
    const own = parseMountInfo(
      [
        '1 0 0:1 / / rw - overlay overlay rw',
        '2 1 0:2 / /host/var/lib rw - xfs /dev/sda4 rw',
        '3 2 0:3 / /host/var/lib/stargz-store/store rw - fuse.stargzstore stargzstore rw',
        '4 1 0:4 / /hostile rw - tmpfs tmpfs rw',
      ].join('\n'),
    );
    expect(hostMountsSeenFromContainer(own, '/host/')).toEqual([
      { mountPoint: '/var/lib', fsType: 'xfs', source: '/dev/sda4' },
      {
        mountPoint: '/var/lib/stargz-store/store',
        fsType: 'fuse.stargzstore',
        source: 'stargzstore',
      },
    ]);
  });
});
