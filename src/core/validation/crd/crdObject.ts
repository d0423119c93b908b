import { isPlainObject, type JSONSchemaProps } from './schema';

/**
 * The ContainerRuntimeConfig CustomResourceDefinition as a cluster serves it (or as a file holds
 * it): the schema of its served v1 version, and the feature set it was built for.
 */

export const CTRCFG_CRD_NAME = 'containerruntimeconfigs.machineconfiguration.openshift.io';
const FEATURE_SET_ANNOTATION = 'release.openshift.io/feature-set';

export type CrdSchemaReading =
  { ok: true; schema: JSONSchemaProps; featureSet: string | null } | { ok: false; error: string };

export const readCrdSchema = (crd: unknown): CrdSchemaReading => {
  if (!isPlainObject(crd) || crd.kind !== 'CustomResourceDefinition') {
    return { ok: false, error: 'not a CustomResourceDefinition' };
  }
  const spec = isPlainObject(crd.spec) ? crd.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  if (
    spec.group !== 'machineconfiguration.openshift.io' ||
    names.kind !== 'ContainerRuntimeConfig'
  ) {
    return { ok: false, error: 'not the ContainerRuntimeConfig CustomResourceDefinition' };
  }
  const versions: unknown[] = Array.isArray(spec.versions) ? spec.versions : [];
  const v1 = versions.find((v) => isPlainObject(v) && v.name === 'v1' && v.served !== false);
  const schema =
    isPlainObject(v1) && isPlainObject(v1.schema) ? v1.schema.openAPIV3Schema : undefined;
  if (!isPlainObject(schema)) return { ok: false, error: 'it serves no v1 schema' };
  const metadata = isPlainObject(crd.metadata) ? crd.metadata : {};
  const annotations = isPlainObject(metadata.annotations) ? metadata.annotations : {};
  const featureSet = annotations[FEATURE_SET_ANNOTATION];
  return {
    ok: true,
    schema: schema,
    featureSet: typeof featureSet === 'string' ? featureSet : null,
  };
};
