/**
 * One look at the node: storage.conf, registries.conf and its drop-ins, the mount table, the
 * plugins' processes, and a probe of every configured layer store. Collects facts only; judging them is
 * report/buildReport's job.
 */
import {
  readAuthHelper,
  REGISTRIES_CONF_DROP_IN_DIR,
  REGISTRIES_CONF_PATH,
  orderRegistriesDropIns,
  type AuthHelperSetting,
  type RegistriesConfSource,
} from '../../core/storageConf/readRegistriesConf';
import {
  readStorageConfStores,
  STORAGE_CONF_PATH,
  type LayerStoreEntry,
  type StorageConfStores,
} from '../../core/storageConf/readStores';
import { inHostRoot, listHostDir, readHostFile } from '../host/hostFiles';
import {
  findMount,
  isVisibleToAgent,
  mountsBelow,
  normalizeHostPath,
  readHostMountTable,
  type MountEntry,
  type MountTable,
} from '../host/mountTable';
import {
  findPluginProcess,
  type HostProcesses,
  type ProcessFinding,
  readHostProcesses,
} from '../host/processTable';
import type { StoreTreeRequest } from '../probe/inspectStoreTree';
import type { StoreProbeOutcome } from '../probe/storeProber';
import { identifyPlugin, type PluginProfile } from './pluginProfiles';

export type StorageConfState =
  | { kind: 'missing' }
  | { kind: 'unreadable'; error: string }
  | { kind: 'read'; stores: StorageConfStores };

export interface RegistriesState extends AuthHelperSetting {
  /** Files that could not be read at all (as opposed to parsed). */
  unreadable: string[];
}

export interface InspectedStore {
  entry: LayerStoreEntry;
  /** The entry's path, normalized, as the mount table writes it. */
  hostPath: string;
  mount: MountEntry | undefined;
  /** Mounts below the path (a FUSE mount there means the path is the plugin's root). */
  mountsBelow: MountEntry[];
  plugin: PluginProfile;
  /** Whether the path lies inside what the agent has mounted from the host. */
  visible: boolean;
  process: ProcessFinding;
  probe: StoreProbeOutcome;
}

export interface NodeInspection {
  storageConf: StorageConfState;
  registries: RegistriesState;
  mountTable: MountTable;
  stores: InspectedStore[];
}

export interface StoreProbing {
  probe(request: StoreTreeRequest): Promise<StoreProbeOutcome>;
}

export interface InspectNodeOptions {
  hostRoot: string;
  prober: StoreProbing;
  maxImagesPerStore: number;
  /** The agent's own mount table, the fallback when the host's cannot be read. */
  ownMountInfoPath?: string;
}

const readStorageConf = (hostRoot: string): StorageConfState => {
  const file = readHostFile(hostRoot, STORAGE_CONF_PATH);
  if (file.kind === 'read') return { kind: 'read', stores: readStorageConfStores(file.text) };
  return file;
};

const readRegistries = (hostRoot: string): RegistriesState => {
  const sources: RegistriesConfSource[] = [];
  const unreadable: string[] = [];
  const add = (path: string) => {
    const file = readHostFile(hostRoot, path);
    if (file.kind === 'read') sources.push({ name: path, text: file.text });
    else if (file.kind === 'unreadable') unreadable.push(`${path} (${file.error})`);
  };
  add(REGISTRIES_CONF_PATH);
  const dropIns = listHostDir(hostRoot, REGISTRIES_CONF_DROP_IN_DIR);
  if (dropIns.kind === 'listed') {
    for (const name of orderRegistriesDropIns(dropIns.names))
      add(`${REGISTRIES_CONF_DROP_IN_DIR}/${name}`);
  } else if (dropIns.kind === 'unreadable') {
    unreadable.push(`${REGISTRIES_CONF_DROP_IN_DIR} (${dropIns.error})`);
  }
  return { ...readAuthHelper(sources), unreadable };
};

export const inspectNode = async ({
  hostRoot,
  prober,
  maxImagesPerStore,
  ownMountInfoPath,
}: InspectNodeOptions): Promise<NodeInspection> => {
  const storageConf = readStorageConf(hostRoot);
  const registries = readRegistries(hostRoot);
  const mountTable = readHostMountTable(hostRoot, ownMountInfoPath);
  const entries = storageConf.kind === 'read' ? storageConf.stores.layerStores : [];
  const mounts = mountTable.kind === 'read' ? mountTable.mounts : [];

  const placed = entries.map((entry) => {
    const hostPath = normalizeHostPath(entry.path);
    const mount = findMount(mounts, hostPath);
    return { entry, hostPath, mount, plugin: identifyPlugin(hostPath, mount) };
  });
  const wanted = new Set<string>();
  for (const { plugin } of placed) if (plugin.processName !== null) wanted.add(plugin.processName);
  const processes: HostProcesses | undefined =
    placed.length > 0 ? readHostProcesses(hostRoot, wanted) : undefined;

  // storage.conf may name a store twice; probe each directory once per check.
  const probes = new Map<string, Promise<StoreProbeOutcome>>();
  const stores = placed.map(({ entry, hostPath, mount, plugin }) => {
    const visible = isVisibleToAgent(mountTable, hostPath);
    let probe = probes.get(hostPath);
    if (probe === undefined && !hostPath.startsWith('/')) {
      // containers/storage cannot use it either; probing it would mean guessing a directory.
      probe = Promise.resolve({ kind: 'failed', error: 'not an absolute path' });
    }
    if (probe === undefined && !visible) {
      probe = Promise.resolve({ kind: 'failed', error: 'not mounted into the agent' });
    }
    if (probe === undefined) {
      probe = prober.probe({
        dir: inHostRoot(hostRoot, hostPath),
        socketPath: plugin.socketPath === null ? null : inHostRoot(hostRoot, plugin.socketPath),
        maxImages: maxImagesPerStore,
      });
      probes.set(hostPath, probe);
    }
    return {
      entry,
      hostPath,
      mount,
      mountsBelow: mountsBelow(mounts, hostPath),
      plugin,
      visible,
      process:
        processes === undefined
          ? ({ kind: 'notApplicable' } as const)
          : findPluginProcess(processes, plugin),
      probe,
    };
  });

  const inspected: InspectedStore[] = [];
  for (const store of stores) inspected.push({ ...store, probe: await store.probe });
  return { storageConf, registries, mountTable, stores: inspected };
};
