/**
 * Schema validation of rendered manifests, offline.
 * - Kubernetes kinds: the validators of the npm package kubernetes-models (generated from the
 *   Kubernetes OpenAPI schemas: types, enums, formats, required fields), plus the unknown-field
 *   check of ./unknownFields.
 * - OpenShift kinds (no npm package covers them): the strict JSON schemas in
 *   deploy/__tests__/schemas/, written from the CRDs in openshift/api, checked with ajv.
 * A kind with neither is an error, so that a new kind cannot slip in unchecked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { DEPLOY_DIR, type K8sObject } from './kustomize';
import { createUnknownFieldFinder, type KindRef } from './unknownFields';

const SCHEMA_DIR = join(DEPLOY_DIR, '__tests__', 'schemas');

/** OpenShift kinds and their schema files. */
const OPENSHIFT_SCHEMAS: Record<string, string> = {
  'console.openshift.io/v1/ConsolePlugin': 'consoleplugin.console.openshift.io_v1.json',
  'security.openshift.io/v1/SecurityContextConstraints':
    'securitycontextconstraints.security.openshift.io_v1.json',
};

const readSchema = (file: string): object =>
  JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as object;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addSchema(readSchema('objectmeta.json'));
const openshiftValidators = new Map<string, ValidateFunction>(
  Object.entries(OPENSHIFT_SCHEMAS).map(([kind, file]) => [kind, ajv.compile(readSchema(file))]),
);

interface KubernetesModel {
  validate(): void;
}
type KubernetesModelClass = new (data: object) => KubernetesModel;

/** The kubernetes-models class of a Kubernetes kind, or undefined when the package has none. */
const kubernetesModel = async ({
  apiVersion,
  kind,
}: KindRef): Promise<KubernetesModelClass | undefined> => {
  try {
    const module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<
      string,
      unknown
    >;
    return module[kind] as KubernetesModelClass | undefined;
  } catch {
    return undefined;
  }
};

export type SchemaSource = 'kubernetes-models' | 'deploy/__tests__/schemas';

/**
 * Prepares validators for the given objects' kinds; the returned function lists each object's
 * schema violations (empty when it is valid).
 */
export const createManifestValidator = async (objects: readonly K8sObject[]) => {
  const kinds = [
    ...new Map(
      objects.map((o) => [`${o.apiVersion}/${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind }]),
    ).values(),
  ];
  const models = new Map<string, KubernetesModelClass>();
  for (const kind of kinds) {
    const id = `${kind.apiVersion}/${kind.kind}`;
    if (openshiftValidators.has(id)) continue;
    const model = await kubernetesModel(kind);
    if (model !== undefined) models.set(id, model);
  }
  const unknownFields = createUnknownFieldFinder(
    kinds.filter((k) => models.has(`${k.apiVersion}/${k.kind}`)),
  );

  return (object: K8sObject): { source: SchemaSource; errors: string[] } => {
    const id = `${object.apiVersion}/${object.kind}`;
    const openshift = openshiftValidators.get(id);
    if (openshift !== undefined) {
      const valid = openshift(object);
      const errors = valid
        ? []
        : (openshift.errors ?? []).map(
            (e) =>
              `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` (${JSON.stringify(e.params)})` : ''}`,
          );
      return { source: 'deploy/__tests__/schemas', errors };
    }
    const Model = models.get(id);
    if (Model === undefined) {
      throw new Error(
        `${id}: no schema (neither kubernetes-models nor deploy/__tests__/schemas covers it); add one`,
      );
    }
    const errors: string[] = [];
    try {
      new Model(object).validate();
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    errors.push(...unknownFields(object));
    return { source: 'kubernetes-models', errors };
  };
};
