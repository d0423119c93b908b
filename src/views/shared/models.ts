import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';

/** The cluster resources the pages read and write, as the console SDK names them. */

const mco = (
  kind: string,
  plural: string,
  abbr: string,
  label: string,
  labelPlural: string,
): K8sModel => ({
  apiGroup: 'machineconfiguration.openshift.io',
  apiVersion: 'v1',
  kind,
  plural,
  abbr,
  label,
  labelPlural,
  namespaced: false,
  crd: true,
});

export const ContainerRuntimeConfigModel = mco(
  'ContainerRuntimeConfig',
  'containerruntimeconfigs',
  'CRC',
  'ContainerRuntimeConfig',
  'ContainerRuntimeConfigs',
);
export const MachineConfigPoolModel = mco(
  'MachineConfigPool',
  'machineconfigpools',
  'MCP',
  'MachineConfigPool',
  'MachineConfigPools',
);
export const MachineConfigModel = mco(
  'MachineConfig',
  'machineconfigs',
  'MC',
  'MachineConfig',
  'MachineConfigs',
);

export const FeatureGateModel: K8sModel = {
  apiGroup: 'config.openshift.io',
  apiVersion: 'v1',
  kind: 'FeatureGate',
  plural: 'featuregates',
  abbr: 'FG',
  label: 'FeatureGate',
  labelPlural: 'FeatureGates',
  namespaced: false,
  crd: true,
};

export const CustomResourceDefinitionModel: K8sModel = {
  apiGroup: 'apiextensions.k8s.io',
  apiVersion: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  abbr: 'CRD',
  label: 'CustomResourceDefinition',
  labelPlural: 'CustomResourceDefinitions',
  namespaced: false,
  crd: true,
};

export const NodeModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'Node',
  plural: 'nodes',
  abbr: 'N',
  label: 'Node',
  labelPlural: 'Nodes',
  namespaced: false,
};

/** The console's reference string (group~version~Kind) used in resource URLs. */
export const modelReference = (m: K8sModel): string =>
  m.apiGroup ? `${m.apiGroup}~${m.apiVersion}~${m.kind}` : m.kind;

/** core/v1 Events: read across namespaces, with field selectors (the kubelet's pull events). */
export const EventModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'Event',
  plural: 'events',
  abbr: 'E',
  label: 'Event',
  labelPlural: 'Events',
  namespaced: true,
};
