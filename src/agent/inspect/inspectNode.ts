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
import {
  type HostDirListing,
  type HostFileRead,
  inHostRoot,
  listHostDir,
  readHostFile,
} from '../host/hostFiles';
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

/**
 * What the inspection reads from the host, apart from the stores themselves (which only the
 * probe touches): the files under HOST_ROOT, the mount table and the plugins' processes.
 */
export interface HostReader {
  readFile(hostPath: string): HostFileRead;
  listDir(hostPath: string): HostDirListing;
  mountTable(): MountTable;
  /** `wanted` are the comm names of the configured stores' plugins. */
  processes(wanted: ReadonlySet<string>): HostProcesses;
}

/** The host as the agent sees it under HOST_ROOT. */
export const hostReaderOf = (hostRoot: string, ownMountInfoPath?: string): HostReader => ({
  readFile: (hostPath) => readHostFile(hostRoot, hostPath),
  listDir: (hostPath) => listHostDir(hostRoot, hostPath),
  mountTable: () => readHostMountTable(hostRoot, ownMountInfoPath),
  processes: (wanted) => readHostProcesses(hostRoot, wanted),
});

/**
 * A store as the host shows it, before its probe: `probe` is already settled where the store
 * cannot be probed at all, and undefined where it must be.
 */
export interface SurveyedStore extends Omit<InspectedStore, 'probe'> {
  probe: StoreProbeOutcome | undefined;
}

export interface NodeSurvey extends Omit<NodeInspection, 'stores'> {
  stores: SurveyedStore[];
}

const readStorageConf = (host: HostReader): StorageConfState => {
  const file = host.readFile(STORAGE_CONF_PATH);
  if (file.kind === 'read') return { kind: 'read', stores: readStorageConfStores(file.text) };
  return file;
};

const readRegistries = (host: HostReader): RegistriesState => {
  const sources: RegistriesConfSource[] = [];
  const unreadable: string[] = [];
  const add = (path: string) => {
    const file = host.readFile(path);
    if (file.kind === 'read') sources.push({ name: path, text: file.text });
    else if (file.kind === 'unreadable') unreadable.push(`${path} (${file.error})`);
  };
  add(REGISTRIES_CONF_PATH);
  const dropIns = host.listDir(REGISTRIES_CONF_DROP_IN_DIR);
  if (dropIns.kind === 'listed') {
    for (const name of orderRegistriesDropIns(dropIns.names))
      add(`${REGISTRIES_CONF_DROP_IN_DIR}/${name}`);
  } else if (dropIns.kind === 'unreadable') {
    unreadable.push(`${REGISTRIES_CONF_DROP_IN_DIR} (${dropIns.error})`);
  }
  return { ...readAuthHelper(sources), unreadable };
};

/** Everything the inspection learns from the host itself: synchronous, and no store is touched. */
export const surveyNode = (host: HostReader): NodeSurvey => {
  const storageConf = readStorageConf(host);
  const registries = readRegistries(host);
  const mountTable = host.mountTable();
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
    placed.length > 0 ? host.processes(wanted) : undefined;

  const stores = placed.map(({ entry, hostPath, mount, plugin }): SurveyedStore => {
    const visible = isVisibleToAgent(mountTable, hostPath);
    return {
      entry,
      hostPath,
      mount,
      mountsBelow: mountsBelow(mounts, hostPath),
      plugin,
      visible,
      process:
        processes === undefined ? { kind: 'notApplicable' } : findPluginProcess(processes, plugin),
      // containers/storage cannot use a relative path either; probing it would mean guessing a
      // directory.
      probe: !hostPath.startsWith('/')
        ? { kind: 'failed', error: 'not an absolute path' }
        : !visible
          ? { kind: 'failed', error: 'not mounted into the agent' }
          : undefined,
    };
  });
  return { storageConf, registries, mountTable, stores };
};

export const inspectNode = async ({
  hostRoot,
  prober,
  maxImagesPerStore,
  ownMountInfoPath,
}: InspectNodeOptions): Promise<NodeInspection> => {
  const survey = surveyNode(hostReaderOf(hostRoot, ownMountInfoPath));
  // storage.conf may name a store twice; probe each directory once per check.
  const probes = new Map<string, Promise<StoreProbeOutcome>>();
  const stores = survey.stores.map((store) => {
    if (store.probe !== undefined) return { ...store, probe: Promise.resolve(store.probe) };
    let probe = probes.get(store.hostPath);
    if (probe === undefined) {
      probe = prober.probe({
        dir: inHostRoot(hostRoot, store.hostPath),
        socketPath:
          store.plugin.socketPath === null ? null : inHostRoot(hostRoot, store.plugin.socketPath),
        maxImages: maxImagesPerStore,
      });
      probes.set(store.hostPath, probe);
    }
    return { ...store, probe };
  });

  const inspected: InspectedStore[] = [];
  for (const store of stores) inspected.push({ ...store, probe: await store.probe });
  return { ...survey, stores: inspected };
};
