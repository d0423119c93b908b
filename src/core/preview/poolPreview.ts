import type { MachineConfigLike } from '../pools/poolFindings';
import {
  compareMergeOrder,
  machineConfigRole,
  poolMaxUnavailable,
  poolTakesRole,
  type MachineConfigPool,
} from '../pools/machineConfigPool';
import { selectorMatches } from '../model/labelSelector';
import { poolTargetConfiguration } from '../pools/configRollout';
import type { ConfigFile, ContainerRuntimeConfig } from '../model/types';
import { CRIO_DROP_IN_DIR, renderForPool, STORAGE_CONF_PATH, type CrioDropIn } from '../render';
import { decodeMachineConfigFiles, findFile } from '../ignition/decodeMachineConfigFiles';
import { BASE_TEMPLATE_STORAGE_CONF } from './baseStorageConf';

export type { MachineConfigLike };

/**
 * What applying a ContainerRuntimeConfig changes on a pool's nodes. The MCO renders the generated
 * MachineConfig, merges it with the pool's other MachineConfigs in its merge order (worker ones
 * first, then the rest, each by name; a later one writing the same path wins), and every node
 * moves to the result. So the files before are those of the
 * pool's current rendered MachineConfig, and the files after are the merge with this
 * configuration's MachineConfig in place of its previous version.
 */

export type FileOrigin =
  | { kind: 'rendered'; machineConfig: string }
  | { kind: 'machineConfig'; machineConfig: string }
  | { kind: 'generated'; machineConfig: string }
  | { kind: 'template' }
  | { kind: 'none' };

export interface FileChange {
  path: string;
  before: string | null;
  beforeOrigin: FileOrigin;
  after: string | null;
  afterOrigin: FileOrigin;
  changed: boolean;
}

export interface Consequence {
  pool: string;
  nodes: number;
  /** Nodes updated (and rebooted) at a time: the pool's maxUnavailable. */
  batch: number;
  /** Whether any file on the nodes changes, which makes every node of the pool reboot. */
  reboot: boolean;
  paused: boolean;
}

export interface PoolPreviewSuccess {
  ok: true;
  machineConfigName: string;
  /** The generated storage.conf exactly as the core renders it (null: the MCO writes none). */
  generatedStorageConf: string | null;
  dropIns: CrioDropIn[];
  storageConf: FileChange;
  /** Every CRI-O drop-in the MCO manages that this change writes, keeps or removes. */
  dropInChanges: FileChange[];
  /** A later MachineConfig writes storage.conf, so the generated one does not take effect. */
  storageConfOverriddenBy: string | null;
  /** Source MachineConfigs that could not be read, so the merge may be incomplete. */
  unreadable: string[];
  consequence: Consequence;
  /** Other pools that take this pool's MachineConfigs and whose nodes reboot too. */
  alsoAffected: Consequence[];
  /**
   * Other pools the configuration's selector selects too: the MCO generates a MachineConfig for
   * each, and their nodes reboot as well when their files change.
   */
  alsoSelected: Consequence[];
}

export type PoolPreview = PoolPreviewSuccess | { ok: false; error: string };

export interface PoolPreviewInput {
  draft: ContainerRuntimeConfig;
  pool: MachineConfigPool;
  /** Every ContainerRuntimeConfig that exists (the MachineConfig name suffix depends on them). */
  configs: readonly ContainerRuntimeConfig[];
  /** The MachineConfigs that could be read, by name; undefined while they load. */
  machineConfigs?: ReadonlyMap<string, MachineConfigLike>;
  /** Every pool, to find the ones that inherit this pool's MachineConfigs. */
  pools?: readonly MachineConfigPool[];
}

const GENERATED_DROP_IN_PREFIX = `${CRIO_DROP_IN_DIR}/01-ctrcfg-`;

interface Source {
  name: string;
  files: ConfigFile[] | null;
  generated: boolean;
}

const decodedFiles = (mc: MachineConfigLike | undefined): ConfigFile[] | null => {
  if (!mc) return null;
  const decoded = decodeMachineConfigFiles(mc);
  return decoded.errors.length > 0 && decoded.files.length === 0 ? null : decoded.files;
};

/** The last source (in merge order) that writes `path`, with what it writes. */
const lastWriter = (
  sources: readonly Source[],
  path: string,
): { source: Source; contents: string } | null => {
  for (let i = sources.length - 1; i >= 0; i -= 1) {
    const file = sources[i].files ? findFile(sources[i].files as ConfigFile[], path) : undefined;
    if (file) return { source: sources[i], contents: file.contents };
  }
  return null;
};

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const previewPoolChange = (input: PoolPreviewInput): PoolPreview => {
  const { draft, pool, configs, machineConfigs } = input;
  const poolName = pool.metadata.name ?? '';
  const rendered = renderForPool(
    draft,
    { name: poolName, labels: pool.metadata.labels ?? {} },
    { existingConfigs: configs },
  );
  if (!rendered.ok) return { ok: false, error: rendered.error };
  const mcName = rendered.machineConfigName;

  const generatedFiles: ConfigFile[] = [
    ...(rendered.storageConf === null
      ? []
      : [{ path: STORAGE_CONF_PATH, contents: rendered.storageConf }]),
    ...rendered.dropIns.map(({ path, contents }) => ({ path, contents })),
  ];

  /** What the change does to the files of one pool that takes the generated MachineConfig. */
  const filesOf = (p: MachineConfigPool) => {
    const target = poolTargetConfiguration(p);
    const sourceNames = new Set(
      (target?.source ?? [])
        .filter((s) => s?.kind === undefined || s.kind === 'MachineConfig')
        .map((s) => s?.name)
        .filter((n): n is string => typeof n === 'string' && n !== ''),
    );
    sourceNames.add(mcName);
    const unreadable: string[] = [];
    const roleOf = (name: string) =>
      name === mcName ? poolName : machineConfigRole(machineConfigs?.get(name));
    const ordered = [...sourceNames]
      .map((name) => ({ name, role: roleOf(name) }))
      .sort(compareMergeOrder)
      .map((s) => s.name);
    const sources: Source[] = ordered.map((name) => {
      if (name === mcName) return { name, files: generatedFiles, generated: true };
      const files = decodedFiles(machineConfigs?.get(name));
      if (files === null) unreadable.push(name);
      return { name, files, generated: false };
    });

    const runningName = p.status?.configuration?.name;
    const runningFiles = runningName ? decodedFiles(machineConfigs?.get(runningName)) : null;

    const before = (
      path: string,
      fallbackToTemplate: boolean,
    ): Pick<FileChange, 'before' | 'beforeOrigin'> => {
      if (runningName && runningFiles) {
        const file = findFile(runningFiles, path);
        if (file)
          return {
            before: file.contents,
            beforeOrigin: { kind: 'rendered', machineConfig: runningName },
          };
      }
      return fallbackToTemplate
        ? { before: BASE_TEMPLATE_STORAGE_CONF, beforeOrigin: { kind: 'template' } }
        : { before: null, beforeOrigin: { kind: 'none' } };
    };

    const after = (
      path: string,
      fallbackToTemplate: boolean,
    ): Pick<FileChange, 'after' | 'afterOrigin'> => {
      const writer = lastWriter(sources, path);
      if (writer) {
        const kind = writer.source.generated ? 'generated' : 'machineConfig';
        return { after: writer.contents, afterOrigin: { kind, machineConfig: writer.source.name } };
      }
      return fallbackToTemplate
        ? { after: BASE_TEMPLATE_STORAGE_CONF, afterOrigin: { kind: 'template' } }
        : { after: null, afterOrigin: { kind: 'none' } };
    };

    const change = (path: string, fallbackToTemplate: boolean): FileChange => {
      const b = before(path, fallbackToTemplate);
      const a = after(path, fallbackToTemplate);
      return { path, ...b, ...a, changed: b.before !== a.after };
    };

    const storageConf = change(STORAGE_CONF_PATH, true);
    const overrider =
      rendered.storageConf !== null && storageConf.afterOrigin.kind === 'machineConfig'
        ? storageConf.afterOrigin.machineConfig
        : null;

    const dropInPaths = new Set(rendered.dropIns.map((d) => d.path));
    for (const file of runningFiles ?? []) {
      if (file.path.startsWith(GENERATED_DROP_IN_PREFIX)) dropInPaths.add(file.path);
    }
    const dropInChanges = [...dropInPaths].sort(byName).map((path) => change(path, false));
    return { storageConf, dropInChanges, overrider, unreadable };
  };

  const consequenceFor = (
    p: MachineConfigPool,
    files: Pick<ReturnType<typeof filesOf>, 'storageConf' | 'dropInChanges'>,
  ): Consequence => ({
    pool: p.metadata.name ?? '',
    nodes: p.status?.machineCount ?? 0,
    batch: poolMaxUnavailable(p),
    reboot: files.storageConf.changed || files.dropInChanges.some((c) => c.changed),
    paused: p.spec?.paused === true,
  });

  const { storageConf, dropInChanges, overrider, unreadable } = filesOf(pool);
  // The generated MachineConfig carries the pool's role, so every other pool that takes that
  // role's configs (custom pools take worker's) gets it too, and may reboot as well.
  const selects = (p: MachineConfigPool) =>
    selectorMatches(draft.spec?.machineConfigPoolSelector, p.metadata.labels);
  // A pool the selector selects too gets a MachineConfig of its own, which it merges after the
  // ones it inherits: alsoSelected describes it.
  const alsoAffected = (input.pools ?? [])
    .filter((p) => p.metadata.name !== poolName && poolTakesRole(p, poolName) && !selects(p))
    .map((p) => consequenceFor(p, filesOf(p)))
    .filter((c) => c.reboot);

  const alsoSelected: Consequence[] = [];
  for (const other of input.pools ?? []) {
    if (other.metadata.name === poolName || !selects(other)) continue;
    const theirs = previewPoolChange({ draft, pool: other, configs, machineConfigs });
    // The MCO stops at the first pool it cannot generate for; the configuration then fails.
    if (!theirs.ok) return { ok: false, error: theirs.error };
    alsoSelected.push(theirs.consequence);
  }

  return {
    ok: true,
    machineConfigName: mcName,
    generatedStorageConf: rendered.storageConf,
    dropIns: rendered.dropIns,
    storageConf,
    dropInChanges,
    storageConfOverriddenBy: overrider,
    unreadable,
    consequence: consequenceFor(pool, { storageConf, dropInChanges }),
    alsoAffected,
    alsoSelected,
  };
};
