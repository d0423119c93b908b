import {
  findMount,
  hostMountsSeenFromContainer,
  isVisibleToAgent,
  mountsBelow,
  normalizeHostPath,
  parseMountInfo,
} from '../host/mountTable';

const TABLE = [
  '1 0 253:0 / / rw,relatime shared:1 - xfs /dev/sda4 rw',
  '45 30 0:50 / /var/lib/stargz-store/store rw,nosuid,nodev,relatime shared:30 - fuse.rawBridge stargzstore rw,user_id=0,group_id=0,allow_other',
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
        fsType: 'fuse.rawBridge',
        source: 'stargzstore',
      },
      { mountPoint: '/var/lib/my store', fsType: 'fuse.rawBridge', source: 'stargzstore' },
      { mountPoint: '/var/lib/plain', fsType: 'xfs', source: '/dev/sda4' },
      { mountPoint: '/var/lib/plain', fsType: 'overlay', source: 'overlay' },
    ]);
  });

  it('finds the top mount at a path, however the path is written', () => {
    expect(findMount(mounts, '/var/lib/plain')?.fsType).toBe('overlay');
    expect(findMount(mounts, '/var/lib/stargz-store/store/')?.fsType).toBe('fuse.rawBridge');
    expect(findMount(mounts, '/var/lib//stargz-store/./store')?.fsType).toBe('fuse.rawBridge');
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
        '3 2 0:3 / /host/var/lib/stargz-store/store rw - fuse.rawBridge stargzstore rw',
        '4 1 0:4 / /hostile rw - tmpfs tmpfs rw',
      ].join('\n'),
    );
    expect(hostMountsSeenFromContainer(own, '/host/')).toEqual([
      { mountPoint: '/var/lib', fsType: 'xfs', source: '/dev/sda4' },
      {
        mountPoint: '/var/lib/stargz-store/store',
        fsType: 'fuse.rawBridge',
        source: 'stargzstore',
      },
    ]);
  });
});

describe('isVisibleToAgent', () => {
  // What the agent's own table shows in the DaemonSet: its host volumes, nothing else of the host.
  const agentView = {
    kind: 'read' as const,
    source: '/proc/self/mountinfo',
    agentView: true,
    mounts: hostMountsSeenFromContainer(
      parseMountInfo(
        [
          '1 0 0:1 / / ro - overlay overlay rw',
          '2 1 253:0 /etc/containers /host/etc/containers ro - xfs /dev/sda4 rw',
          '3 1 253:0 /var/lib/stargz-store /host/var/lib/stargz-store ro master:1 - xfs /dev/sda4 rw',
          '4 3 0:50 / /host/var/lib/stargz-store/store ro master:2 - fuse.rawBridge stargzstore rw',
        ].join('\n'),
      ),
      '/host',
    ),
  };

  it('sees what lies in the host directories mounted into the agent, and nothing else', () => {
    expect(isVisibleToAgent(agentView, '/var/lib/stargz-store/store')).toBe(true);
    expect(isVisibleToAgent(agentView, '/var/lib/stargz-store/store/')).toBe(true);
    expect(isVisibleToAgent(agentView, '/var/lib/stargz-store')).toBe(true);
    expect(isVisibleToAgent(agentView, '/var/lib/stargz-store-2/store')).toBe(false);
    expect(isVisibleToAgent(agentView, '/data/lazy/store')).toBe(false);
  });

  it("takes everything as visible with the host's own table, or the whole host mounted", () => {
    expect(isVisibleToAgent({ ...agentView, agentView: false }, '/data/lazy/store')).toBe(true);
    const wholeHost = {
      ...agentView,
      mounts: hostMountsSeenFromContainer(
        parseMountInfo('1 0 253:0 / / rw - xfs /dev/sda4 rw'),
        '/',
      ),
    };
    expect(isVisibleToAgent(wholeHost, '/data/lazy/store')).toBe(true);
    expect(isVisibleToAgent({ kind: 'unreadable', error: 'EACCES' }, '/x')).toBe(true);
  });
});
