/**
 * The host's mount table, from /proc/<pid>/mountinfo (see proc(5)). It tells whether a store
 * path is a mount point and of which filesystem, without touching the (possibly hung) mount.
 */
import { posix } from 'node:path';
import { readHostFile } from './hostFiles';

export interface MountEntry {
  mountPoint: string;
  /** e.g. `fuse.rawBridge`, `xfs`, `overlay`. */
  fsType: string;
  /** The mount source (go-fuse puts its FsName here, e.g. `stargzstore`). */
  source: string;
}

export type MountTable =
  | {
      kind: 'read';
      mounts: MountEntry[];
      source: string;
      /**
       * Whether these are only the host mounts the agent's own mount table shows under
       * HOST_ROOT: then a host path below none of them is not visible to the agent at all.
       */
      agentView: boolean;
    }
  | { kind: 'unreadable'; error: string };

/** The kernel escapes exactly space, tab, newline and backslash in mountinfo, as octal. */
const unescapeField = (field: string): string =>
  field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/**
 * Lines are `id parent major:minor root mountpoint options [optional fields...] - fstype source superoptions`.
 * Malformed lines are skipped: a partial table is more useful than none.
 */
export const parseMountInfo = (text: string): MountEntry[] => {
  const mounts: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const separator = fields.indexOf('-', 6);
    if (separator === -1 || separator + 1 >= fields.length) continue;
    const fsType = fields[separator + 1];
    if (fsType === '') continue;
    mounts.push({
      mountPoint: unescapeField(fields[4]),
      fsType,
      source: unescapeField(fields[separator + 2] ?? ''),
    });
  }
  return mounts;
};

/** `/a/b/` and `/a//b` name the same directory as `/a/b`; storage.conf may write either. */
export const normalizeHostPath = (path: string): string => {
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
};

/** The mount at exactly this path; the last one wins, as later mounts stack on top. */
export const findMount = (mounts: readonly MountEntry[], path: string): MountEntry | undefined => {
  const wanted = normalizeHostPath(path);
  let found: MountEntry | undefined;
  for (const mount of mounts) if (mount.mountPoint === wanted) found = mount;
  return found;
};

/** Mounts strictly below a path: how a store path that is a plugin's root directory gives itself away. */
export const mountsBelow = (mounts: readonly MountEntry[], path: string): MountEntry[] => {
  const base = normalizeHostPath(path);
  const prefix = base === '/' ? '/' : `${base}/`;
  return mounts.filter((mount) => mount.mountPoint !== base && mount.mountPoint.startsWith(prefix));
};

/**
 * The container's own mount table, translated to host paths: what is mounted under HOST_ROOT is
 * the host's (with HostToContainer propagation), everything else is the container's own.
 */
export const hostMountsSeenFromContainer = (
  mounts: readonly MountEntry[],
  hostRoot: string,
): MountEntry[] => {
  const root = normalizeHostPath(hostRoot);
  return mounts
    .filter((mount) => mount.mountPoint === root || mount.mountPoint.startsWith(`${root}/`))
    .map((mount) => ({ ...mount, mountPoint: mount.mountPoint.slice(root.length) || '/' }));
};

/** Whether a host path is at or below a mount point. */
const isAtOrBelow = (path: string, mountPoint: string): boolean =>
  mountPoint === '/' || path === mountPoint || path.startsWith(`${mountPoint}/`);

/**
 * Whether the agent can see a host path under HOST_ROOT: always with the host's own table (the
 * probe then tells), and with the agent's own view only below one of the host mounts it shows.
 */
export const isVisibleToAgent = (table: MountTable, hostPath: string): boolean =>
  table.kind !== 'read' ||
  !table.agentView ||
  table.mounts.some((mount) => isAtOrBelow(normalizeHostPath(hostPath), mount.mountPoint));

/**
 * The host's mount table: PID 1's view through the host's /proc (HOST_ROOT/proc) when the agent
 * runs on the host itself, else the agent's own view of what is mounted under HOST_ROOT (the
 * DaemonSet mounts the plugins' directories with HostToContainer propagation, so their FUSE
 * mounts show there as they come and go, and it does not mount the host's /proc).
 */
export const readHostMountTable = (
  hostRoot: string,
  ownMountInfoPath = '/proc/self/mountinfo',
): MountTable => {
  const host = readHostFile(hostRoot, '/proc/1/mountinfo');
  if (host.kind === 'read')
    return {
      kind: 'read',
      mounts: parseMountInfo(host.text),
      source: '/proc/1/mountinfo',
      agentView: false,
    };
  const own = readHostFile('/', ownMountInfoPath);
  if (own.kind === 'read') {
    return {
      kind: 'read',
      mounts: hostMountsSeenFromContainer(parseMountInfo(own.text), hostRoot),
      source: ownMountInfoPath,
      agentView: true,
    };
  }
  const hostProblem = host.kind === 'missing' ? 'missing' : host.error;
  return { kind: 'unreadable', error: `host /proc/1/mountinfo: ${hostProblem}` };
};
