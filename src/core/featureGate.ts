/**
 * Whether a feature gate is on, from the cluster's FeatureGate (config.openshift.io/v1, name
 * `cluster`). The operator publishes one entry per OpenShift version in status.featureGates; while
 * an upgrade is in flight there are two, and a gate the versions disagree on cannot be relied on,
 * so it counts as off.
 */

export const ADDITIONAL_STORAGE_CONFIG_GATE = 'AdditionalStorageConfig';
export const TECH_PREVIEW_FEATURE_SET = 'TechPreviewNoUpgrade';

interface FeatureGateName {
  name?: string;
}

export interface FeatureGate {
  metadata?: { name?: string };
  spec?: { featureSet?: string; [k: string]: unknown };
  status?: {
    featureGates?: {
      version?: string;
      enabled?: FeatureGateName[];
      disabled?: FeatureGateName[];
    }[];
    [k: string]: unknown;
  };
}

export type GateState = 'enabled' | 'disabled' | 'unknown';

export interface FeatureGateReading {
  state: GateState;
  /** spec.featureSet; "" is the default set. */
  featureSet: string;
}

const lists = (entries: FeatureGateName[] | undefined, name: string): boolean =>
  Array.isArray(entries) && entries.some((e) => e?.name === name);

export const featureGateState = (
  featureGate: FeatureGate | null | undefined,
  name: string = ADDITIONAL_STORAGE_CONFIG_GATE,
): FeatureGateReading => {
  const featureSet =
    typeof featureGate?.spec?.featureSet === 'string' ? featureGate.spec.featureSet : '';
  const versions = featureGate?.status?.featureGates;
  if (!Array.isArray(versions) || versions.length === 0) return { state: 'unknown', featureSet };
  const enabledEverywhere = versions.every((v) => lists(v?.enabled, name));
  return { state: enabledEverywhere ? 'enabled' : 'disabled', featureSet };
};
