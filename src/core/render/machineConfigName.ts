import { defaultPoolLabels, type ContainerRuntimeConfig } from '../model/types';
import { selectorMatches } from '../model/labelSelector';

/**
 * The name of the MachineConfig the MCO generates for a ContainerRuntimeConfig and a pool, with
 * the suffix rule that lets up to ten ContainerRuntimeConfigs share a pool (the MCO's
 * getManagedKeyCtrCfg). Apart from machineConfig.ts, which renders the MachineConfig itself, so
 * that pages which only name it do not load the renderers.
 */

export const MC_NAME_SUFFIX_ANNOTATION = 'machineconfiguration.openshift.io/mc-name-suffix';
/** `-1` … `-9`: with the unsuffixed name, ten ContainerRuntimeConfigs per pool. */
export const MAX_MC_NAME_SUFFIX = 9;
export const MAX_CTRCFGS_ERROR =
  'max number of supported ctrcfgs (10) has been reached. Please delete old ctrcfgs before retrying';
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
