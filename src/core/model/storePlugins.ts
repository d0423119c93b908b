import type { StoreField } from '../model/types';

/**
 * Advice on a store path that is valid but very likely wrong. The best-known case: OpenShift's own
 * documentation shows `/var/lib/stargz-store`, which is stargz-store's root directory; the layer
 * store CRI-O must be given is the FUSE mount point inside it.
 */

export const STARGZ_STORE_PATH = '/var/lib/stargz-store/store';
export const NYDUS_STORE_PATH = '/var/lib/nydus-store/store';

export interface KnownStorePlugin {
  id: 'stargz-store' | 'nydus-store';
  root: string;
  mountPoint: string;
}

export const KNOWN_STORE_PLUGINS: readonly KnownStorePlugin[] = [
  { id: 'stargz-store', root: '/var/lib/stargz-store', mountPoint: STARGZ_STORE_PATH },
  { id: 'nydus-store', root: '/var/lib/nydus-store', mountPoint: NYDUS_STORE_PATH },
];

export type StorePathHint = {
  kind: 'plugin-root';
  plugin: KnownStorePlugin['id'];
  suggestion: string;
};

const withoutTrailingSlashes = (path: string): string => path.replace(/\/+$/, '');

/** A hint for a layer store path, or null when there is nothing to say. */
export const storePathHint = (field: StoreField, path: string): StorePathHint | null => {
  if (field !== 'additionalLayerStores') return null;
  const trimmed = withoutTrailingSlashes(path.trim());
  const plugin = KNOWN_STORE_PLUGINS.find((p) => p.root === trimmed);
  return plugin ? { kind: 'plugin-root', plugin: plugin.id, suggestion: plugin.mountPoint } : null;
};

/** The known plugin whose mount point this path is, if any (for the form's preset picker). */
export const storePluginOfPath = (path: string): KnownStorePlugin['id'] | null =>
  KNOWN_STORE_PLUGINS.find((p) => p.mountPoint === path)?.id ?? null;
