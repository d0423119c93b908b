import {
  ADDITIONAL_STORAGE_CONFIG_GATE,
  featureGateState,
  TECH_PREVIEW_FEATURE_SET,
} from '../../src/core/featureGate';
import type { KubeObject } from './kube-object';
import { FEATURE_GATES, apiVersionOf } from './resources';

/**
 * FeatureGate/cluster, the one place the simulated cluster keeps whether AdditionalStorageConfig is
 * on (as a real cluster does): the API server's ContainerRuntimeConfig schema follows its status.
 */

export const CLUSTER_VERSION = '4.22.0';

/** A few other gates, so that the object reads like a real cluster's. */
const DEFAULT_ON = [
  'AdminNetworkPolicy',
  'GatewayAPI',
  'MachineConfigNodes',
  'ManagedBootImages',
  'PinnedImages',
];
const TECH_PREVIEW_ONLY = [
  ADDITIONAL_STORAGE_CONFIG_GATE,
  'BootcNodeManagement',
  'ImageVolume',
  'MixedCPUsAllocation',
];

const named = (names: string[]): { name: string }[] => [...names].sort().map((name) => ({ name }));

/** FeatureGate/cluster of a 4.22 cluster: TechPreviewNoUpgrade when the storage gate is on, Default when off. */
export const featureGateObject = (enabled: boolean): KubeObject => ({
  apiVersion: apiVersionOf(FEATURE_GATES),
  kind: FEATURE_GATES.kind,
  metadata: {
    name: 'cluster',
    annotations: {
      'include.release.openshift.io/self-managed-high-availability': 'true',
      'release.openshift.io/create-only': 'true',
    },
  },
  spec: enabled ? { featureSet: TECH_PREVIEW_FEATURE_SET } : {},
  status: {
    featureGates: [
      {
        version: CLUSTER_VERSION,
        enabled: named(enabled ? [...DEFAULT_ON, ...TECH_PREVIEW_ONLY] : DEFAULT_ON),
        disabled: named(enabled ? [] : TECH_PREVIEW_ONLY),
      },
    ],
  },
});

/** Whether the stored FeatureGate/cluster has AdditionalStorageConfig on (read as the plugin reads it). */
export const isStorageGateEnabled = (featureGate: KubeObject | undefined): boolean =>
  featureGateState(featureGate).state === 'enabled';
