import type { ContainerRuntimeConfig, ContainerRuntimeConfiguration } from '../model/types';
import { parseQuantity } from '../quantity';
import { mcoValidationError } from '../validation/mco';
import type { CrioDropIn } from './crioDropIns';
import { renderIgnition } from '../ignition/ignitionConfig';
import {
  generatedMachineConfigName,
  machineConfigWithIgnition,
  nextMachineConfigSuffix,
  renderGeneratedFiles,
  type GeneratedMachineConfig,
  type MachineConfigOptions,
} from './machineConfig';
import type { PoolRef } from './machineConfigName';

/**
 * Everything the MCO generates for one ContainerRuntimeConfig and one pool, or the error it would
 * report instead. This is the entry point the console, the CLI and the simulated MCO share.
 */

export interface RenderOptions extends MachineConfigOptions {
  /**
   * The ContainerRuntimeConfigs that exist, to choose the MachineConfig name suffix as the MCO
   * does (see nextMachineConfigSuffix). Ignored when `suffix` is given; without either, the
   * MachineConfig gets the unsuffixed name.
   */
  existingConfigs?: readonly ContainerRuntimeConfig[];
}

export interface RenderSuccess {
  ok: true;
  /** /etc/containers/storage.conf, or null when the MCO writes none. */
  storageConf: string | null;
  dropIns: CrioDropIn[];
  /** The MachineConfig's spec.config exactly as the MCO serializes it. */
  ignitionJson: string;
  machineConfig: GeneratedMachineConfig;
  machineConfigName: string;
}

export interface RenderFailure {
  ok: false;
  /** The MCO's error text (its status condition carries it after "Error: "). */
  error: string;
}

export type RenderResult = RenderSuccess | RenderFailure;

const QUANTITY_FIELDS = ['overlaySize', 'logSizeMax'] as const;

/**
 * A quantity the MCO could not even decode. The API server rejects such an object, so the MCO
 * never reports this; a preview must still not render a file for it.
 */
const unparseableQuantity = (cfg: ContainerRuntimeConfiguration): string | null => {
  for (const field of QUANTITY_FIELDS) {
    const value = cfg[field];
    if (value === undefined || value === null) continue;
    const parsed = parseQuantity(value);
    if (!parsed.ok) return `invalid ${field} ${JSON.stringify(value)}: ${parsed.error}`;
  }
  return null;
};

export const renderForPool = (
  ctrcfg: ContainerRuntimeConfig,
  poolOrRef: string | PoolRef,
  options: RenderOptions = {},
): RenderResult => {
  // The pool's labels decide which configurations share it (the name suffix); by name alone,
  // it is assumed to carry its pool label.
  const pool = typeof poolOrRef === 'string' ? poolOrRef : poolOrRef.name;
  const raw: unknown = ctrcfg?.spec?.containerRuntimeConfig;
  const cfg: ContainerRuntimeConfiguration =
    raw && typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as ContainerRuntimeConfiguration)
      : {};

  const invalid = mcoValidationError(cfg) ?? unparseableQuantity(cfg);
  if (invalid !== null) return { ok: false, error: invalid };

  let suffix = options.suffix;
  if (suffix === undefined && options.existingConfigs) {
    const chosen = nextMachineConfigSuffix(options.existingConfigs, poolOrRef, ctrcfg);
    if (!chosen.ok) return { ok: false, error: chosen.error };
    suffix = chosen.suffix;
  }

  const { storageConf, dropIns, files } = renderGeneratedFiles(cfg);
  const ignition = renderIgnition(files);
  const machineConfig = machineConfigWithIgnition(ctrcfg, pool, ignition.config, {
    ...options,
    suffix,
  });
  return {
    ok: true,
    storageConf,
    dropIns,
    ignitionJson: ignition.json,
    machineConfig,
    machineConfigName: generatedMachineConfigName(pool, suffix ?? ''),
  };
};

export { STORAGE_CONF_PATH } from './storageConf';
export { CRIO_DROP_IN_DIR, type CrioDropIn } from './crioDropIns';
export {
  CONTROLLER_VERSION_ANNOTATION,
  generatedMachineConfigName,
  MC_NAME_SUFFIX_ANNOTATION,
  type GeneratedMachineConfig,
  type MachineConfigOptions,
  type PoolRef,
} from './machineConfig';
