import type { QuantityValue, StoreEntry } from '../model/types';
import { ExactInteger } from '../model/exactInteger';
import { parseQuantity, type Quantity } from '../quantity';

/**
 * Reading the fields of a ContainerRuntimeConfiguration the way the MCO's Go types see them.
 * The renderers are called on configurations that passed validation, but they never throw on one
 * that did not: a field of the wrong type is treated as absent, as it would be dropped before it
 * reached the MCO (the API server rejects it).
 */

/** The paths of a store list, in order; entries without a string path are skipped. */
export const storePathsOf = (list: unknown): string[] => {
  if (!Array.isArray(list)) return [];
  const paths: string[] = [];
  for (const entry of list as unknown[]) {
    const path = entry && typeof entry === 'object' ? (entry as StoreEntry).path : undefined;
    if (typeof path === 'string') paths.push(path);
  }
  return paths;
};

/** A quantity field, or null when it is absent or does not parse. */
export const quantityOf = (value: QuantityValue | undefined | null): Quantity | null => {
  if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof ExactInteger))
    return null;
  const parsed = parseQuantity(value);
  return parsed.ok ? parsed.quantity : null;
};

/** A quantity the MCO acts on: set and with a non-zero Value() ("a zero counts as unset"). */
export const nonZeroQuantityOf = (value: QuantityValue | undefined | null): Quantity | null => {
  const quantity = quantityOf(value);
  return quantity && quantity.value() !== 0n ? quantity : null;
};

/**
 * Whether the MCO writes a storage.conf for this configuration: it does for an overlay size or
 * any image or layer store (artifact stores go to a CRI-O drop-in instead). renderStorageConf
 * writes it; pages that only need to know whether there is one ask here.
 */
export const writesStorageConf = (cfg: {
  overlaySize?: QuantityValue | null;
  additionalImageStores?: unknown;
  additionalLayerStores?: unknown;
}): boolean =>
  nonZeroQuantityOf(cfg.overlaySize) !== null ||
  storePathsOf(cfg.additionalImageStores).length > 0 ||
  storePathsOf(cfg.additionalLayerStores).length > 0;

/** An int64 field such as pidsLimit, or null when absent or not an integer. */
export const integerOf = (value: unknown): bigint | null => {
  if (typeof value === 'bigint') return value;
  if (value instanceof ExactInteger) return value.value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return null;
};

/** A string field, or null when absent, empty or not a string (Go's zero value is ""). */
export const nonEmptyStringOf = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
