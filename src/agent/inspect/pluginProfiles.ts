/**
 * What the agent knows about each storage plugin (domain.md section 1): how its FUSE mount
 * looks in the mount table, its process and systemd unit, and where its control socket lives.
 */
import type { PluginKind } from '../../core/health/report';
import type { MountEntry } from '../host/mountTable';

export interface PluginProfile {
  kind: PluginKind;
  /** The plugin's name in messages, e.g. `stargz-store`. */
  name: string;
  /** How a healthy store of this plugin shows in the mount table, for messages. */
  expectedFs: string;
  /** Whether a mount is this plugin's FUSE filesystem. */
  isOwnMount(mount: MountEntry): boolean;
  /** /proc/<pid>/comm of the plugin's daemon, or null when unknown. */
  processName: string | null;
  /** The systemd unit that runs the daemon (its cgroup holds its processes), or null. */
  unit: string | null;
  /** The control socket's host path, or null when the plugin has none known. */
  socketPath: string | null;
}

/**
 * stargz-store mounts through its library's store.Mount, which names the filesystem
 * `stargzstore`; go-fuse then sets the subtype from its raw bridge. So the mount table shows type
 * `fuse.rawBridge` with source `stargzstore` (seen on a real daemon: ../shared/lab). From v0.16 on
 * the daemon listens on a control socket at `--addr`, by default /var/lib/stargz-store/store.sock
 * whatever its `--root`; earlier daemons have none.
 */
export const STARGZ_PROFILE: PluginProfile = {
  kind: 'stargz',
  name: 'stargz-store',
  expectedFs: 'fuse.rawBridge with source stargzstore',
  isOwnMount: (mount) => mount.fsType.startsWith('fuse') && mount.source === 'stargzstore',
  processName: 'stargz-store',
  unit: 'stargz-store.service',
  socketPath: '/var/lib/stargz-store/store.sock',
};

/** nydus-store (containers/nydus-storage-plugin): a FUSE mount at <root>/store, no known socket. */
const NYDUS: PluginProfile = {
  kind: 'nydus',
  name: 'nydus-store',
  expectedFs: 'fuse.*',
  isOwnMount: (mount) => mount.fsType.startsWith('fuse'),
  processName: 'nydus-store',
  unit: null,
  socketPath: null,
};

const UNKNOWN: PluginProfile = {
  kind: 'unknown',
  name: 'the storage plugin',
  expectedFs: 'fuse.*',
  isOwnMount: (mount) => mount.fsType.startsWith('fuse'),
  processName: null,
  unit: null,
  socketPath: null,
};

const mentions = (text: string, name: string) => text.includes(name);

/** The mount is the strongest evidence; the path's conventional names come next. */
export const identifyPlugin = (storePath: string, mount: MountEntry | undefined): PluginProfile => {
  if (mount !== undefined) {
    if (STARGZ_PROFILE.isOwnMount(mount)) return STARGZ_PROFILE;
    if (mentions(mount.fsType, 'nydus') || mentions(mount.source, 'nydus')) return NYDUS;
  }
  if (mentions(storePath, 'stargz-store') || mentions(storePath, 'stargzstore'))
    return STARGZ_PROFILE;
  if (mentions(storePath, 'nydus-store')) return NYDUS;
  return UNKNOWN;
};
