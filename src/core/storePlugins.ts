import type { PluginKind } from './health/reportFormat';
import type { StoreField } from './model/types';

/**
 * What is known about each storage plugin that serves an additional layer store: where it lives,
 * how its FUSE mount shows in the mount table, what runs it and where its control socket is. The
 * editor, the CLI, the agent and the simulated cluster all read it from here.
 */

export const STARGZ_STORE_PATH = '/var/lib/stargz-store/store';
export const NYDUS_STORE_PATH = '/var/lib/nydus-store/store';

/** A mount as the mount table shows it. */
export interface MountIdentity {
  fsType: string;
  source: string;
}

export interface KnownStorePlugin {
  /** The plugin's name, in messages and in the editor's presets. */
  id: 'stargz-store' | 'nydus-store';
  /** The name the agent's report gives it. */
  kind: Exclude<PluginKind, 'unknown'>;
  /** Its root directory, which is not the store (a common mistake, see storePathHint). */
  root: string;
  /** The FUSE mount point: the path storage.conf must name. */
  mountPoint: string;
  /** How its mount shows in the mount table, where a real daemon has shown it; else null. */
  mount: MountIdentity | null;
  /** /proc/<pid>/comm of its daemon. */
  processName: string;
  /** The systemd unit that runs the daemon (its cgroup holds its processes), where known. */
  unit: string | null;
  /** Its control socket's host path, where it has one. */
  socketPath: string | null;
}

export const KNOWN_STORE_PLUGINS: readonly KnownStorePlugin[] = [
  {
    id: 'stargz-store',
    kind: 'stargz',
    root: '/var/lib/stargz-store',
    mountPoint: STARGZ_STORE_PATH,
    // Its library names the filesystem `stargzstore` and go-fuse sets the subtype from its raw
    // bridge (seen on a real daemon: ../shared/lab).
    mount: { fsType: 'fuse.rawBridge', source: 'stargzstore' },
    processName: 'stargz-store',
    unit: 'stargz-store.service',
    // From v0.16 on, the default of --addr whatever --root says; earlier daemons open none.
    socketPath: '/var/lib/stargz-store/store.sock',
  },
  {
    id: 'nydus-store',
    kind: 'nydus',
    root: '/var/lib/nydus-store',
    mountPoint: NYDUS_STORE_PATH,
    mount: null,
    processName: 'nydus-store',
    unit: null,
    socketPath: null,
  },
];

export const storePlugin = (id: KnownStorePlugin['id']): KnownStorePlugin => {
  const plugin = KNOWN_STORE_PLUGINS.find((p) => p.id === id);
  if (plugin === undefined) throw new Error(`unknown store plugin ${id}`);
  return plugin;
};

const isFuse = (mount: MountIdentity): boolean => mount.fsType.startsWith('fuse');

/**
 * Whether a mount is this plugin's FUSE filesystem; for a plugin whose mount has not been seen
 * (or no known plugin), any FUSE filesystem.
 */
export const isStorePluginMount = (
  plugin: KnownStorePlugin | null,
  mount: MountIdentity,
): boolean => {
  const seen = plugin?.mount ?? null;
  return isFuse(mount) && (seen === null || mount.source === seen.source);
};

/** How a healthy store of this plugin shows in the mount table, for messages. */
export const expectedMountText = (plugin: KnownStorePlugin | null): string =>
  plugin?.mount ? `${plugin.mount.fsType} with source ${plugin.mount.source}` : 'fuse.*';

/**
 * The plugin serving a store: the mount is the strongest evidence, the path's conventional names
 * come next; null when neither names a known plugin.
 */
export const identifyStorePlugin = (
  storePath: string,
  mount?: MountIdentity,
): KnownStorePlugin | null => {
  const stargz = storePlugin('stargz-store');
  const nydus = storePlugin('nydus-store');
  if (mount !== undefined) {
    if (isStorePluginMount(stargz, mount)) return stargz;
    if (mount.fsType.includes('nydus') || mount.source.includes('nydus')) return nydus;
  }
  if (storePath.includes('stargz-store') || storePath.includes('stargzstore')) return stargz;
  if (storePath.includes('nydus-store')) return nydus;
  return null;
};

export type StorePathHint = {
  kind: 'plugin-root';
  plugin: KnownStorePlugin['id'];
  suggestion: string;
};

const withoutTrailingSlashes = (path: string): string => path.replace(/\/+$/, '');

/**
 * Advice on a layer store path that is valid but very likely wrong, or null. The best-known case:
 * OpenShift's own documentation shows `/var/lib/stargz-store`, stargz-store's root directory; the
 * layer store CRI-O must be given is the FUSE mount point inside it.
 */
export const storePathHint = (field: StoreField, path: string): StorePathHint | null => {
  if (field !== 'additionalLayerStores') return null;
  const trimmed = withoutTrailingSlashes(path.trim());
  const plugin = KNOWN_STORE_PLUGINS.find((p) => p.root === trimmed);
  return plugin ? { kind: 'plugin-root', plugin: plugin.id, suggestion: plugin.mountPoint } : null;
};

/** The known plugin whose mount point this path is, if any (for the form's preset picker). */
export const storePluginOfPath = (path: string): KnownStorePlugin['id'] | null =>
  KNOWN_STORE_PLUGINS.find((p) => p.mountPoint === path)?.id ?? null;
