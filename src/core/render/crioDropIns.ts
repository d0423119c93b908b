import type { ContainerRuntimeConfiguration } from '../model/types';
import { integerOf, nonEmptyStringOf, nonZeroQuantityOf, storePathsOf } from './configValues';
import { encodeKeyValueLine, encodeToml, structTable, type TomlScalar } from './mcoToml';

/**
 * The CRI-O drop-ins the MCO writes under /etc/crio/crio.conf.d/, one file per field, so that a
 * field the ContainerRuntimeConfig leaves out keeps CRI-O's own default.
 *
 * When each one is written (MCO pkg/controller/container-runtime-config/helpers.go,
 * createCRIODropinFiles, and the controller's condition around it):
 * - logLevel: when it is a non-empty string;
 * - pidsLimit: whenever it is set, 0 included (the API field is a pointer, and the encoder writes
 *   an int64 0 even under `omitempty`);
 * - logSizeMax: when its Value() is not 0 (a zero counts as unset); negative values, which mean
 *   "no limit", are written;
 * - defaultRuntime: when it is a non-empty string;
 * - additionalArtifactStores: when the list has entries; paths are written as given (no `:ref`).
 */

export const CRIO_DROP_IN_DIR = '/etc/crio/crio.conf.d';

export interface CrioDropIn {
  /** The file name, e.g. `01-ctrcfg-logLevel`. */
  name: string;
  /** The absolute path on the node. */
  path: string;
  contents: string;
}

/** Every drop-in the MCO can write, in the order it writes them. */
export const CRIO_DROP_IN_NAMES = [
  '01-ctrcfg-logLevel',
  '01-ctrcfg-pidsLimit',
  '01-ctrcfg-logSizeMax',
  '01-ctrcfg-defaultRuntime',
  '01-ctrcfg-additionalArtifactStores',
] as const;
export type CrioDropInName = (typeof CRIO_DROP_IN_NAMES)[number];

/**
 * Every drop-in is the struct `crio.runtime.<key>`: two table headers, then one line. The
 * headers are cut once from the encoding of the struct with no key; the line is at depth 2.
 */
const HEADERS = encodeToml(structTable([['crio', structTable([['runtime', structTable([])]])]]));
const RUNTIME_DEPTH = 2;

const dropIn = (
  name: CrioDropInName,
  key: string,
  value: TomlScalar | readonly TomlScalar[],
): CrioDropIn => ({
  name,
  path: `${CRIO_DROP_IN_DIR}/${name}`,
  contents: HEADERS + encodeKeyValueLine(RUNTIME_DEPTH, key, value),
});

export const renderCrioDropIns = (cfg: ContainerRuntimeConfiguration): CrioDropIn[] => {
  const dropIns: CrioDropIn[] = [];
  const logLevel = nonEmptyStringOf(cfg.logLevel);
  if (logLevel !== null) dropIns.push(dropIn('01-ctrcfg-logLevel', 'log_level', logLevel));

  const pidsLimit = integerOf(cfg.pidsLimit);
  if (pidsLimit !== null) dropIns.push(dropIn('01-ctrcfg-pidsLimit', 'pids_limit', pidsLimit));

  const logSizeMax = nonZeroQuantityOf(cfg.logSizeMax);
  if (logSizeMax) dropIns.push(dropIn('01-ctrcfg-logSizeMax', 'log_size_max', logSizeMax.value()));

  const defaultRuntime = nonEmptyStringOf(cfg.defaultRuntime);
  if (defaultRuntime !== null) {
    dropIns.push(dropIn('01-ctrcfg-defaultRuntime', 'default_runtime', defaultRuntime));
  }

  const artifactStores = storePathsOf(cfg.additionalArtifactStores);
  if (artifactStores.length > 0) {
    dropIns.push(
      dropIn('01-ctrcfg-additionalArtifactStores', 'additional_artifact_stores', artifactStores),
    );
  }
  return dropIns;
};
