/**
 * The kustomize directories under deploy/ and what `kubectl kustomize` renders from them, the
 * same build `oc apply -k` applies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const DEPLOY_DIR = resolve(__dirname, '..');
export const REPO_DIR = resolve(DEPLOY_DIR, '..');

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** A rendered manifest: enough typing to find objects; the schemas check the rest. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** Every folder under deploy/ that holds a kustomization, relative to the repository root. */
export const kustomizeDirs = (): string[] => {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (KUSTOMIZATION_FILES.some((file) => existsSync(join(dir, file))))
      found.push(relative(REPO_DIR, dir));
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
        walk(join(dir, entry.name));
    }
  };
  walk(DEPLOY_DIR);
  return found.sort();
};

const rendered = new Map<string, K8sObject[]>();

/** `kubectl kustomize <dir>` parsed into objects; throws with kubectl's message when it fails. */
export const renderKustomize = (dir: string): K8sObject[] => {
  const cached = rendered.get(dir);
  if (cached !== undefined) return cached;
  const yaml = execFileSync('kubectl', ['kustomize', join(REPO_DIR, dir)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const objects = parseAllDocuments(yaml).map((doc) => {
    if (doc.errors.length > 0)
      throw new Error(`${dir}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS() as K8sObject;
  });
  rendered.set(dir, objects);
  return objects;
};

export const idOf = (object: K8sObject): string =>
  `${object.kind}/${object.metadata.namespace === undefined ? '' : `${object.metadata.namespace}/`}${object.metadata.name}`;

/** The first object of a kind (and name, when given); throws when there is none. */
export const findObject = (
  objects: readonly K8sObject[],
  kind: string,
  name?: string,
): K8sObject => {
  const found = objects.find(
    (o) => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  if (found === undefined)
    throw new Error(`no ${kind}${name === undefined ? '' : ` ${name}`} in the rendered objects`);
  return found;
};
