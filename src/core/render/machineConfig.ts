import {
  CTRCFG_KIND,
  MCO_API_VERSION,
  type ContainerRuntimeConfig,
  type ContainerRuntimeConfiguration,
  type OwnerReference,
} from '../model/types';
import { renderCrioDropIns, type CrioDropIn } from './crioDropIns';
import { buildIgnitionConfig, type GeneratedFile, type IgnitionConfig } from './ignition';
import { selectorMatches } from '../cluster/labelSelector';
import { MC_ROLE_LABEL } from '../cluster/pools';
import { defaultPoolLabels } from './poolSelector';
import { renderStorageConf, STORAGE_CONF_PATH } from './storageConf';

/**
 * The MachineConfig the MCO generates for a ContainerRuntimeConfig and a pool: its name (with the
 * suffix rule that lets up to ten ContainerRuntimeConfigs share a pool), its metadata, and its
 * Ignition config. Facts from shared/golden/mco/machineconfig-metadata.json and the MCO's
 * getManagedKeyCtrCfg.
 */

export const MC_NAME_SUFFIX_ANNOTATION = 'machineconfiguration.openshift.io/mc-name-suffix';
export const CONTROLLER_VERSION_ANNOTATION =
  'machineconfiguration.openshift.io/generated-by-controller-version';
/** `-1` … `-9`: with the unsuffixed name, ten ContainerRuntimeConfigs per pool. */
export const MAX_MC_NAME_SUFFIX = 9;
export const MAX_CTRCFGS_ERROR =
  'max number of supported ctrcfgs (10) has been reached. Please delete old ctrcfgs before retrying';
/**
 * The MCO writes the git commit it was built from; a preview cannot know it, so it writes this
 * unless told otherwise.
 */
export const DEFAULT_CONTROLLER_VERSION = 'lazy-pull-console-plugin-preview';

export const generatedMachineConfigName = (pool: string, suffix = ''): string =>
  `99-${pool}-generated-containerruntime${suffix === '' ? '' : `-${suffix}`}`;

/** A pool by name, with its labels when they are known (else just its pool label). */
export interface PoolRef {
  name: string;
  labels?: Readonly<Record<string, string>>;
}

export type SuffixResult = { ok: true; suffix: string } | { ok: false; error: string };

/** Go's strconv.Atoi, with its error text. */
const atoi = (text: string): { ok: true; value: bigint } | { ok: false; error: string } => {
  if (!/^[+-]?[0-9]+$/.test(text))
    return { ok: false, error: `strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax` };
  const value = BigInt(text);
  if (value !== BigInt.asIntN(64, value)) {
    return {
      ok: false,
      error: `strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`,
    };
  }
  return { ok: true, value };
};

/**
 * The name suffix the MCO gives the MachineConfig of `self` for `pool`, from the
 * ContainerRuntimeConfigs that exist (`self` may be among them, or not yet created):
 * - a ContainerRuntimeConfig that already has an mc-name-suffix annotation keeps it;
 * - the only one selecting the pool gets no suffix;
 * - otherwise one more than the largest suffix among those selecting the pool, and an error
 *   once that would pass 9.
 * (The MCO also recovers the suffix of an old ContainerRuntimeConfig that lost its annotation
 * from its finalizers; a preview has no such object.)
 */
export const nextMachineConfigSuffix = (
  existing: readonly ContainerRuntimeConfig[],
  pool: string | PoolRef,
  self?: Pick<ContainerRuntimeConfig, 'metadata'> | null,
): SuffixResult => {
  const poolRef = typeof pool === 'string' ? { name: pool } : pool;
  const labels = poolRef.labels ?? defaultPoolLabels(poolRef.name);
  const selecting = existing.filter((c) =>
    selectorMatches(c?.spec?.machineConfigPoolSelector, labels),
  );
  const selfName = self?.metadata?.name;
  const stored = selecting.find((c) => selfName !== undefined && c.metadata?.name === selfName);
  const storedSuffix = stored?.metadata?.annotations?.[MC_NAME_SUFFIX_ANNOTATION];
  if (storedSuffix !== undefined) return { ok: true, suffix: storedSuffix };
  if (selecting.every((c) => selfName !== undefined && c.metadata?.name === selfName)) {
    return { ok: true, suffix: '' };
  }
  let largest = 0n;
  for (const c of selecting) {
    const value = c.metadata?.annotations?.[MC_NAME_SUFFIX_ANNOTATION];
    if (value === undefined || value === '') continue;
    const parsed = atoi(value);
    if (!parsed.ok)
      return { ok: false, error: `error converting ${value} to int: ${parsed.error}` };
    if (parsed.value > largest) largest = parsed.value;
  }
  if (largest + 1n > BigInt(MAX_MC_NAME_SUFFIX)) return { ok: false, error: MAX_CTRCFGS_ERROR };
  return { ok: true, suffix: String(largest + 1n) };
};

export interface GeneratedMachineConfig {
  apiVersion: typeof MCO_API_VERSION;
  kind: 'MachineConfig';
  metadata: {
    name: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    ownerReferences: OwnerReference[];
  };
  spec: {
    osImageURL: string;
    config: IgnitionConfig;
  };
}

export interface MachineConfigOptions {
  /** The name suffix ("" or "1"…"9"); see nextMachineConfigSuffix. Default "". */
  suffix?: string;
  /** The generated-by-controller-version annotation. Default DEFAULT_CONTROLLER_VERSION. */
  controllerVersion?: string;
}

/** Everything the MCO generates for a configuration, in its order: storage.conf, then drop-ins. */
export interface GeneratedFiles {
  storageConf: string | null;
  dropIns: CrioDropIn[];
  files: GeneratedFile[];
}

export const renderGeneratedFiles = (cfg: ContainerRuntimeConfiguration): GeneratedFiles => {
  const storageConf = renderStorageConf(cfg);
  const dropIns = renderCrioDropIns(cfg);
  const files: GeneratedFile[] = dropIns.map(({ path, contents }) => ({ path, contents }));
  if (storageConf !== null) files.unshift({ path: STORAGE_CONF_PATH, contents: storageConf });
  return { storageConf, dropIns, files };
};

/** The MachineConfig object around an Ignition config, with the metadata the MCO sets. */
export const machineConfigWithIgnition = (
  ctrcfg: ContainerRuntimeConfig,
  pool: string,
  config: IgnitionConfig,
  options: MachineConfigOptions = {},
): GeneratedMachineConfig => ({
  apiVersion: MCO_API_VERSION,
  kind: 'MachineConfig',
  metadata: {
    name: generatedMachineConfigName(pool, options.suffix ?? ''),
    labels: { [MC_ROLE_LABEL]: pool },
    annotations: {
      [CONTROLLER_VERSION_ANNOTATION]: options.controllerVersion ?? DEFAULT_CONTROLLER_VERSION,
    },
    ownerReferences: [
      {
        apiVersion: MCO_API_VERSION,
        kind: CTRCFG_KIND,
        name: ctrcfg.metadata?.name ?? '',
        uid: ctrcfg.metadata?.uid ?? '',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
  spec: { osImageURL: '', config },
});

/** The MachineConfig the MCO generates for this ContainerRuntimeConfig and pool (no validation). */
export const renderGeneratedMachineConfig = (
  ctrcfg: ContainerRuntimeConfig,
  pool: string,
  options: MachineConfigOptions = {},
): GeneratedMachineConfig => {
  const { files } = renderGeneratedFiles(ctrcfg.spec?.containerRuntimeConfig ?? {});
  return machineConfigWithIgnition(ctrcfg, pool, buildIgnitionConfig(files), options);
};
