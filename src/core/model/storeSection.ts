import {
  CTRCFG_KIND,
  MCO_API_VERSION,
  poolLabelKey,
  STORE_FIELDS,
  type ContainerRuntimeConfig,
  type StoreEntry,
  type StoreField,
} from './types';
import { cloneManifestValue } from './exactInteger';

/**
 * The lazy-pull section of a ContainerRuntimeConfig: its three store lists, as the form edits them
 * (plain path strings, in order). Everything else in the object is carried through untouched.
 */
export type StoreSection = Record<StoreField, string[]>;

export const EMPTY_STORE_SECTION: StoreSection = {
  additionalLayerStores: [],
  additionalImageStores: [],
  additionalArtifactStores: [],
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The store lists of any object; entries that are not `{path: string}` are shown as empty paths. */
export const readStoreSection = (obj: unknown): StoreSection => {
  const spec = isPlainObject(obj) ? obj.spec : undefined;
  const cfg = isPlainObject(spec) ? spec.containerRuntimeConfig : undefined;
  const section: StoreSection = {
    additionalLayerStores: [],
    additionalImageStores: [],
    additionalArtifactStores: [],
  };
  if (!isPlainObject(cfg)) return section;
  for (const field of STORE_FIELDS) {
    const list = cfg[field];
    if (!Array.isArray(list)) continue;
    section[field] = list.map((e) =>
      isPlainObject(e) && typeof e.path === 'string' ? e.path : '',
    );
  }
  return section;
};

/**
 * A copy of `obj` with its store lists replaced by `section`. Other fields are kept as they are,
 * including ones this version does not know; an entry whose path is unchanged keeps any extra
 * fields it had; an emptied list is removed, since the API requires at least one item.
 */
export const withStoreSection = <T extends Record<string, unknown>>(
  obj: T,
  section: StoreSection,
): T => {
  const copy = cloneManifestValue(obj) as Record<string, unknown>;
  const spec = isPlainObject(copy.spec) ? copy.spec : {};
  copy.spec = spec;
  const cfg = isPlainObject(spec.containerRuntimeConfig) ? spec.containerRuntimeConfig : {};
  spec.containerRuntimeConfig = cfg;
  for (const field of STORE_FIELDS) {
    const before = Array.isArray(cfg[field]) ? (cfg[field] as unknown[]) : [];
    const byPath = new Map<string, StoreEntry>();
    for (const e of before) {
      if (isPlainObject(e) && typeof e.path === 'string' && !byPath.has(e.path)) {
        byPath.set(e.path, e as StoreEntry);
      }
    }
    const paths = section[field];
    if (paths.length === 0) {
      // An empty list is left out, as the MCO and the API server treat an absent one.
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- `field` is one of three known keys
      delete cfg[field];
    } else {
      cfg[field] = paths.map((path) => byPath.get(path) ?? { path });
    }
  }
  return copy as T;
};

/** The selector the editor writes for a pool: its own pool label (see pools/poolSelection). */
export const poolSelectorFor = (pool: string): { matchLabels: Record<string, string> } => ({
  matchLabels: { [poolLabelKey(pool)]: '' },
});

/** A free name for a new ContainerRuntimeConfig of a pool: `lazy-pull-<pool>`, then `-2`, `-3`… */
export const suggestConfigName = (pool: string, takenNames: Iterable<string>): string => {
  const taken = new Set(takenNames);
  const base = `lazy-pull-${pool}`.slice(0, 240);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i += 1) {
    if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  }
};

/** A new ContainerRuntimeConfig that selects one pool and sets only the given stores. */
export const newContainerRuntimeConfig = (
  name: string,
  pool: string,
  section: StoreSection = EMPTY_STORE_SECTION,
): ContainerRuntimeConfig =>
  withStoreSection(
    {
      apiVersion: MCO_API_VERSION,
      kind: CTRCFG_KIND,
      metadata: { name },
      spec: { machineConfigPoolSelector: poolSelectorFor(pool), containerRuntimeConfig: {} },
    },
    section,
  );
