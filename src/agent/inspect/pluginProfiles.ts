/**
 * The storage plugins as the agent's checks use them, from what the core knows about each
 * (src/core/storePlugins.ts), plus the profile of a store no known plugin serves.
 */
import type { PluginKind } from '../../core/health/report';
import {
  expectedMountText,
  identifyStorePlugin,
  isStorePluginMount,
  KNOWN_STORE_PLUGINS,
  type KnownStorePlugin,
} from '../../core/storePlugins';
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

const profileOf = (plugin: KnownStorePlugin): PluginProfile => ({
  kind: plugin.kind,
  name: plugin.id,
  expectedFs: expectedMountText(plugin),
  isOwnMount: (mount) => isStorePluginMount(plugin, mount),
  processName: plugin.processName,
  unit: plugin.unit,
  socketPath: plugin.socketPath,
});

const PROFILES = new Map(KNOWN_STORE_PLUGINS.map((p) => [p.id, profileOf(p)]));

const UNKNOWN: PluginProfile = {
  kind: 'unknown',
  name: 'the storage plugin',
  expectedFs: expectedMountText(null),
  isOwnMount: (mount) => isStorePluginMount(null, mount),
  processName: null,
  unit: null,
  socketPath: null,
};

export const identifyPlugin = (storePath: string, mount: MountEntry | undefined): PluginProfile => {
  const plugin = identifyStorePlugin(storePath, mount);
  return plugin === null ? UNKNOWN : (PROFILES.get(plugin.id) ?? UNKNOWN);
};
