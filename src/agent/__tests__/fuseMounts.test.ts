/** The host's FUSE mounts in the report, read from mountinfo as the kernel writes it. */
import { MAX_FUSE_MOUNTS } from '../../core/health/report';
import { parseMountInfo } from '../host/mountTable';
import { fuseMountsOf } from '../report/buildReport';
import { BASE_MOUNTS, mountinfoLine } from '../__test-support__/hostTree';

const tableOf = (...lines: string[]) => ({
  kind: 'read' as const,
  mounts: parseMountInfo([...BASE_MOUNTS, ...lines].join('\n')),
  source: '/proc/1/mountinfo',
});

describe('fuseMountsOf', () => {
  it('lists the FUSE mounts only, sorted by path, with their type and source', () => {
    const table = tableOf(
      mountinfoLine('/var/lib/stargz-store/store', 'fuse.rawBridge', 'stargzstore'),
      mountinfoLine('/sys/fs/fuse/connections', 'fusectl', 'fusectl'),
      mountinfoLine('/mnt/ntfs', 'fuseblk', '/dev/sdb1'),
      mountinfoLine('/run/user/1000/doc', 'fuse.portal', 'portal'),
      mountinfoLine('/var/lib/nydus-store/store', 'fuse', 'nydus'),
    );
    expect(fuseMountsOf(table)).toEqual({
      fuseMounts: [
        { path: '/run/user/1000/doc', fs: 'fuse.portal', source: 'portal' },
        { path: '/var/lib/nydus-store/store', fs: 'fuse', source: 'nydus' },
        { path: '/var/lib/stargz-store/store', fs: 'fuse.rawBridge', source: 'stargzstore' },
      ],
      fuseMountsOmitted: 0,
    });
  });

  it('keeps the mount on top when several are stacked at one path', () => {
    const path = '/var/lib/stargz-store/store';
    expect(
      fuseMountsOf(
        tableOf(mountinfoLine(path, 'fuse.rawBridge', 'stargzstore'), mountinfoLine(path, 'tmpfs')),
      )?.fuseMounts,
    ).toEqual([]);
    expect(
      fuseMountsOf(
        tableOf(mountinfoLine(path, 'tmpfs'), mountinfoLine(path, 'fuse.rawBridge', 'stargzstore')),
      )?.fuseMounts,
    ).toEqual([{ path, fs: 'fuse.rawBridge', source: 'stargzstore' }]);
  });

  it('lists at most MAX_FUSE_MOUNTS and counts the rest', () => {
    const lines = Array.from({ length: MAX_FUSE_MOUNTS + 3 }, (_, i) =>
      mountinfoLine(`/mnt/fuse-${String(i).padStart(2, '0')}`, 'fuse.sshfs', 'remote'),
    );
    const result = fuseMountsOf(tableOf(...lines));
    expect(result?.fuseMounts).toHaveLength(MAX_FUSE_MOUNTS);
    expect(result?.fuseMounts[0].path).toBe('/mnt/fuse-00');
    expect(result?.fuseMountsOmitted).toBe(3);
  });

  it('says nothing when the mount table could not be read', () => {
    expect(fuseMountsOf({ kind: 'unreadable', error: 'EACCES' })).toBeUndefined();
  });
});
