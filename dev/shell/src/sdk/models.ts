/**
 * The console learns its K8sModels from API discovery; so does the shell, from the simulated
 * cluster's discovery documents, once at start-up (before anything renders). A few models the
 * console always knows statically (SelfSubjectAccessReview, Node) are there even if discovery fails.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import {
  getReference,
  getReferenceForModel,
} from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/k8s-ref';
import { useMemo } from 'react';
import { k8sBasePath } from './k8s-resource';

type K8sModel = SDK.K8sModel;

interface APIResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
  shortNames?: string[];
}

const kindToLabel = (kind: string): string => kind.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
const kindToAbbr = (kind: string): string =>
  (kind.replace(/[^A-Z]/g, '') || kind.toUpperCase()).slice(0, 4);

const modelFromResource = (group: string, version: string, r: APIResource): K8sModel => ({
  kind: r.kind,
  apiVersion: version,
  ...(group ? { apiGroup: group } : {}),
  plural: r.name,
  namespaced: r.namespaced,
  abbr: kindToAbbr(r.kind),
  label: kindToLabel(r.kind),
  labelPlural: `${kindToLabel(r.kind)}s`,
  verbs: (r.verbs ?? []) as SDK.K8sVerb[],
  shortNames: r.shortNames,
  // Console models of API groups other than core are addressed by reference in URLs.
  crd: group !== '',
});

const STATIC_MODELS: K8sModel[] = [
  {
    kind: 'Node',
    apiVersion: 'v1',
    plural: 'nodes',
    namespaced: false,
    abbr: 'N',
    label: 'Node',
    labelPlural: 'Nodes',
    verbs: ['get', 'list', 'watch', 'update', 'patch', 'delete'],
  },
  {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'v1',
    apiGroup: 'authorization.k8s.io',
    plural: 'selfsubjectaccessreviews',
    namespaced: false,
    abbr: 'SSAR',
    label: 'SelfSubjectAccessReview',
    labelPlural: 'SelfSubjectAccessReviews',
    verbs: ['create'],
  },
];

const models = new Map<string, K8sModel>();
const addModel = (m: K8sModel) => models.set(getReferenceForModel(m), m);
STATIC_MODELS.forEach(addModel);

export let discoveryError: string | undefined;

const getJSON = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${k8sBasePath}${path}`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${res.statusText}`);
  return (await res.json()) as T;
};

/** Reads the cluster's discovery documents into the model table. Never throws: the error is kept for the UI. */
export const discoverModels = async (): Promise<void> => {
  try {
    const core = await getJSON<{ resources: APIResource[] }>('/api/v1');
    core.resources
      .filter((r) => !r.name.includes('/'))
      .forEach((r) => addModel(modelFromResource('', 'v1', r)));
    const groups = await getJSON<{
      groups: {
        name: string;
        preferredVersion?: { version: string };
        versions: { version: string }[];
      }[];
    }>('/apis');
    await Promise.all(
      groups.groups.flatMap((g) =>
        g.versions.map(async ({ version }) => {
          const list = await getJSON<{ resources: APIResource[] }>(`/apis/${g.name}/${version}`);
          list.resources
            .filter((r) => !r.name.includes('/'))
            .forEach((r) => addModel(modelFromResource(g.name, version, r)));
        }),
      ),
    );
  } catch (e) {
    discoveryError = e instanceof Error ? e.message : String(e);
    console.error('API discovery failed:', discoveryError);
  }
};

export const allModels = (): K8sModel[] => [...models.values()];

/** A model by reference (`group~version~Kind`, `core~v1~Node`, or a bare core kind like `Node`) or by GVK. */
export const findModel = (
  ref?: SDK.K8sResourceKindReference | SDK.K8sGroupVersionKind,
): K8sModel | undefined => {
  if (!ref) return undefined;
  if (typeof ref !== 'string') {
    const exact = models.get(getReference(ref));
    if (exact || ref.version) return exact;
    return allModels().find((m) => (m.apiGroup ?? '') === (ref.group ?? '') && m.kind === ref.kind);
  }
  if (!ref.includes('~')) {
    // A bare core kind (`Node`), or in URLs a core plural (`nodes`).
    return (
      allModels().find((m) => !m.apiGroup && m.kind === ref) ??
      allModels().find((m) => !m.apiGroup && m.plural === ref) ??
      allModels().find((m) => m.kind === ref)
    );
  }
  const [group, version, kind] = ref.split('~');
  return models.get(getReference({ group: group === 'core' ? '' : group, version, kind }));
};

/** Where the console shows a resource: /k8s/cluster/<plural or reference>[/<name>]. */
export const resourcePath = (
  model: K8sModel | undefined,
  kindRef: string,
  name?: string,
  namespace?: string,
) => {
  const segment = model ? (model.crd ? getReferenceForModel(model) : model.plural) : kindRef;
  const scope = model?.namespaced && namespace ? `ns/${namespace}` : 'cluster';
  return `/k8s/${scope}/${segment}${name ? `/${encodeURIComponent(name)}` : ''}`;
};

export const useK8sModel: typeof SDK.useK8sModel = (groupVersionKind) => {
  const key =
    typeof groupVersionKind === 'string'
      ? groupVersionKind
      : JSON.stringify(groupVersionKind ?? null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const model = useMemo(() => findModel(groupVersionKind), [key]);
  return [model as K8sModel, false];
};

export const useK8sModels: typeof SDK.useK8sModels = () => {
  const byKey = useMemo(
    () => Object.fromEntries(allModels().map((m) => [m.crd ? getReferenceForModel(m) : m.kind, m])),
    [],
  );
  return [byKey, false];
};
