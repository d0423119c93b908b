import {
  CTRCFG_KIND,
  MC_ROLE_LABEL,
  MCO_API_VERSION,
  type ContainerRuntimeConfig,
  type ContainerRuntimeConfiguration,
  type OwnerReference,
} from '../model/types';
import { renderCrioDropIns, type CrioDropIn } from './crioDropIns';
import {
  buildIgnitionConfig,
  type GeneratedFile,
  type IgnitionConfig,
} from '../ignition/ignitionConfig';
import { generatedMachineConfigName } from './machineConfigName';
import { renderStorageConf, STORAGE_CONF_PATH } from './storageConf';

export * from './machineConfigName';

/**
 * The MachineConfig the MCO generates for a ContainerRuntimeConfig and a pool: its name (see
 * machineConfigName.ts, re-exported here), its metadata, and its Ignition config. Facts from shared/golden/mco/machineconfig-metadata.json and the MCO's
 * getManagedKeyCtrCfg.
 */

export const CONTROLLER_VERSION_ANNOTATION =
  'machineconfiguration.openshift.io/generated-by-controller-version';
/**
 * The MCO writes the git commit it was built from; a preview cannot know it, so it writes this
 * unless told otherwise.
 */
export const DEFAULT_CONTROLLER_VERSION = 'lazy-pull-console-plugin-preview';

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
