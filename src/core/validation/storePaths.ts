import type { StoreField } from '../model/types';

/**
 * The store-path rules shared by the API server's CRD schema and the MCO controller. Both accept
 * the same paths; they word their rejections differently, so each caller picks its own message.
 */
/** Where the configuration's fields are, as the API server names them. */
export const CONFIG_PATH = 'spec.containerRuntimeConfig';

export const STORE_PATH_PATTERN = /^\/[a-zA-Z0-9/._-]+$/;

export const STORE_LIST_MAX_ITEMS: Record<StoreField, number> = {
  additionalLayerStores: 5,
  additionalImageStores: 10,
  additionalArtifactStores: 10,
};

/** The MCO's own names for the lists, as its error messages spell them. */
export const MCO_STORE_FIELD_NAMES: Record<StoreField, string> = {
  additionalLayerStores: 'AdditionalLayerStores',
  additionalImageStores: 'AdditionalImageStores',
  additionalArtifactStores: 'AdditionalArtifactStores',
};

export type StorePathProblem = 'pattern' | 'consecutiveSlashes';

/** The pattern and `//` rules; length and presence are checked by the callers. */
export const storePathProblems = (path: string): StorePathProblem[] => {
  const problems: StorePathProblem[] = [];
  if (!STORE_PATH_PATTERN.test(path)) problems.push('pattern');
  if (path.includes('//')) problems.push('consecutiveSlashes');
  return problems;
};
