import { withoutStoreLists } from '../../src/core/validation';
import { BUILTIN_SCHEMA } from '../../src/core/validation/crd/builtinSchema';
import { CTRCFG_CRD_NAME, readCrdSchema } from '../../src/core/validation/crd/crdObject';
import type { JSONSchemaProps } from '../../src/core/validation/crd/schema';
import type { KubeObject } from './kube-object';
import type { ObjectStore } from './object-store';
import { CUSTOM_RESOURCE_DEFINITIONS, apiVersionOf } from './resources';

/**
 * The ContainerRuntimeConfig CustomResourceDefinition the simulated cluster serves: 4.22's
 * TechPreviewNoUpgrade CRD while the AdditionalStorageConfig gate is on, its Default CRD (no
 * store lists) while it is off, as the cluster-version operator installs one or the other. Writes
 * of ContainerRuntimeConfigs are decoded and validated with the served schema, by the core.
 */

export const containerRuntimeConfigCrd = (gateEnabled: boolean): KubeObject => ({
  apiVersion: apiVersionOf(CUSTOM_RESOURCE_DEFINITIONS),
  kind: CUSTOM_RESOURCE_DEFINITIONS.kind,
  metadata: {
    name: CTRCFG_CRD_NAME,
    annotations: {
      'api-approved.openshift.io': 'https://github.com/openshift/api/pull/1453',
      'api.openshift.io/merged-by-featuregates': 'true',
      'include.release.openshift.io/self-managed-high-availability': 'true',
      'release.openshift.io/feature-set': gateEnabled ? 'TechPreviewNoUpgrade' : 'Default',
    },
    labels: { 'openshift.io/operator-managed': '' },
  },
  spec: {
    group: 'machineconfiguration.openshift.io',
    names: {
      kind: 'ContainerRuntimeConfig',
      listKind: 'ContainerRuntimeConfigList',
      plural: 'containerruntimeconfigs',
      shortNames: ['ctrcfg'],
      singular: 'containerruntimeconfig',
    },
    scope: 'Cluster',
    versions: [
      {
        name: 'v1',
        schema: {
          openAPIV3Schema: gateEnabled ? BUILTIN_SCHEMA : withoutStoreLists(BUILTIN_SCHEMA),
        },
        served: true,
        storage: true,
        subresources: { status: {} },
      },
    ],
  },
});

/** The schema the stored CRD serves (the built-in one should the object be missing or broken). */
export const servedSchema = (store: ObjectStore): JSONSchemaProps => {
  const reading = readCrdSchema(store.get(CUSTOM_RESOURCE_DEFINITIONS, CTRCFG_CRD_NAME));
  return reading.ok ? reading.schema : BUILTIN_SCHEMA;
};
