/**
 * The ContainerRuntimeConfig API (machineconfiguration.openshift.io/v1) as the core sees it.
 *
 * Objects are kept as the user wrote them: every known field is typed, and the index signatures
 * keep fields this version does not know, so that nothing a user had is ever lost on the way
 * through a form or a preview.
 */

import type { ExactInteger } from './exactInteger';

export const MCO_GROUP = 'machineconfiguration.openshift.io';
export const MCO_API_VERSION = `${MCO_GROUP}/v1`;
export const CTRCFG_KIND = 'ContainerRuntimeConfig';
export const CTRCFG_PLURAL = 'containerruntimeconfigs';

/**
 * The MCO labels the pools it ships (master, worker) `<prefix><pool>: ""`, and selectors name
 * pools by it; custom pools have it only when someone added it.
 */
export const POOL_LABEL_PREFIX = 'pools.operator.machineconfiguration.openshift.io/';

/** A pool's own label key, `pools.operator.machineconfiguration.openshift.io/<pool>`. */
export const poolLabelKey = (pool: string): string => `${POOL_LABEL_PREFIX}${pool}`;

/**
 * The labels assumed for a pool known only by name: its own pool label, which every pool a
 * configuration written for it selects must have.
 */
export const defaultPoolLabels = (pool: string): Record<string, string> => ({
  [poolLabelKey(pool)]: '',
});

/** The label a MachineConfig's role (the pool it was made for) is read from. */
export const MC_ROLE_LABEL = 'machineconfiguration.openshift.io/role';

/** The three store lists of the lazy-pull section, in the order the MCO validates them. */
export const STORE_FIELDS = [
  'additionalLayerStores',
  'additionalImageStores',
  'additionalArtifactStores',
] as const;
export type StoreField = (typeof STORE_FIELDS)[number];

export const LOG_LEVELS = ['error', 'fatal', 'panic', 'warn', 'info', 'debug', 'trace'] as const;

export const DEFAULT_RUNTIMES = ['crun', 'runc'] as const;

/** A Kubernetes quantity as it appears in a manifest: a string such as "64Mi", or a number. */
export type QuantityValue = string | number | ExactInteger;

export interface StoreEntry {
  path: string;
  [unknownField: string]: unknown;
}

export interface ContainerRuntimeConfiguration {
  additionalLayerStores?: StoreEntry[];
  additionalImageStores?: StoreEntry[];
  additionalArtifactStores?: StoreEntry[];
  pidsLimit?: number | ExactInteger;
  logLevel?: string;
  logSizeMax?: QuantityValue;
  overlaySize?: QuantityValue;
  defaultRuntime?: string;
  [unknownField: string]: unknown;
}

export interface LabelSelectorRequirement {
  key: string;
  /** In, NotIn, Exists or DoesNotExist; kept as a string since manifests may hold anything. */
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  [unknownField: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ContainerRuntimeConfigCondition {
  /** Success or Failure, as the MCO writes them. */
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
  [unknownField: string]: unknown;
}

export interface ContainerRuntimeConfigStatus {
  observedGeneration?: number;
  conditions?: ContainerRuntimeConfigCondition[];
  [unknownField: string]: unknown;
}

export interface ContainerRuntimeConfig {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: {
    machineConfigPoolSelector?: LabelSelector | null;
    containerRuntimeConfig: ContainerRuntimeConfiguration;
    [unknownField: string]: unknown;
  };
  status?: ContainerRuntimeConfigStatus;
  [unknownField: string]: unknown;
}

/** One file of a MachineConfig's Ignition config, decoded. */
export interface ConfigFile {
  path: string;
  contents: string;
  mode?: number;
}
