/**
 * What the agent knows about each storage plugin (domain.md section 1): how its FUSE mount
 * looks in the mount table, its process name, and where its control socket lives.
 */
import { posix } from 'node:path';
import type { PluginKind } from '../../core/health/report';
import type { MountEntry } from '../host/mountTable';

export interface PluginProfile {
  kind: PluginKind;
  /** The filesystem type a healthy store of this plugin shows, for messages. */
  expectedFs: string;
  /** Whether a mount is this plugin's FUSE filesystem. */
  isOwnMount(mount: MountEntry): boolean;
  /** /proc/<pid>/comm of the plugin's daemon, or null when unknown. */
  processName: string | null;
  /** The control socket for a store path, or null when the plugin has none known. */
  socketPathFor(storePath: string): string | null;
}

/**
 * stargz-store mounts with FUSE name `stargzstore`: mount tables show it as the type
 * `fuse.stargzstore` or, depending on how the FUSE library fills the fields, as the source of a
 * `fuse.*` mount. Its socket sits next to the mount point: /var/lib/stargz-store/store.sock.
 */
const STARGZ: PluginProfile = {
  kind: 'stargz',
  expectedFs: 'fuse.stargzstore',
  isOwnMount: (mount) =>
    mount.fsType === 'fuse.stargzstore' ||
    (mount.fsType.startsWith('fuse') && mount.source === 'stargzstore'),
  processName: 'stargz-store',
  socketPathFor: (storePath) => posix.join(posix.dirname(storePath), 'store.sock'),
};

/** nydus-store (containers/nydus-storage-plugin): a FUSE mount at <root>/store, no known socket. */
const NYDUS: PluginProfile = {
  kind: 'nydus',
  expectedFs: 'fuse.*',
  isOwnMount: (mount) => mount.fsType.startsWith('fuse'),
  processName: 'nydus-store',
  socketPathFor: () => null,
};

const UNKNOWN: PluginProfile = {
  kind: 'unknown',
  expectedFs: 'fuse.*',
  isOwnMount: (mount) => mount.fsType.startsWith('fuse'),
  processName: null,
  socketPathFor: () => null,
};

const mentions = (text: string, name: string) => text.includes(name);

/** The mount is the strongest evidence; the path's conventional names come next. */
export const identifyPlugin = (storePath: string, mount: MountEntry | undefined): PluginProfile => {
  if (mount !== undefined) {
    if (STARGZ.isOwnMount(mount)) return STARGZ;
    if (mentions(mount.fsType, 'nydus') || mentions(mount.source, 'nydus')) return NYDUS;
  }
  if (mentions(storePath, 'stargz-store') || mentions(storePath, 'stargzstore')) return STARGZ;
  if (mentions(storePath, 'nydus-store')) return NYDUS;
  return UNKNOWN;
};
