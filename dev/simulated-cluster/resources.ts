import type { KubeObject } from './kube-object';

/**
 * The resource types the simulated cluster serves, with the per-type behaviour the real API
 * server varies: built-in types (nodes) allow unconditional updates and answer DELETE with a
 * Status, custom resources require a resourceVersion on PUT and answer DELETE with the object.
 */

export type Verb =
  'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export const READ_VERBS: readonly Verb[] = ['get', 'list', 'watch'];

export interface ResourceType {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  shortNames?: string[];
  verbs: Verb[];
  /** With a status subresource, writes to the main resource keep the stored status, and the reverse. */
  hasStatusSubresource: boolean;
  /** Custom resources count spec changes in metadata.generation; nodes have no generation. */
  tracksGeneration: boolean;
  /** Built-in types accept a PUT without metadata.resourceVersion; custom resources do not. */
  allowUnconditionalUpdate: boolean;
  /** Custom resources answer DELETE with the object; built-in types with a Status. */
  returnsDeletedObject: boolean;
  /** A virtual resource (SelfSubjectAccessReview): create only, nothing stored. */
  virtual?: boolean;
  /**
   * Namespaced objects (Events) carry metadata.namespace; they are served at the cluster-wide
   * path (`/api/v1/events`) only, and their names are unique across namespaces here.
   */
  namespaced?: boolean;
  /** The fields a field selector may name, and their values for an object; metadata's by default. */
  fieldSelector?: {
    fields: readonly string[];
    valuesOf: (obj: KubeObject) => Record<string, string>;
  };
}

const ALL_VERBS: Verb[] = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

const customResource = (
  group: string,
  plural: string,
  kind: string,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  version: 'v1',
  plural,
  singular: kind.toLowerCase(),
  kind,
  verbs: ALL_VERBS,
  hasStatusSubresource: true,
  tracksGeneration: true,
  allowUnconditionalUpdate: false,
  returnsDeletedObject: true,
  ...extra,
});

export const MCO_GROUP = 'machineconfiguration.openshift.io';
export const CONFIG_GROUP = 'config.openshift.io';
export const AUTHORIZATION_GROUP = 'authorization.k8s.io';
export const APIEXTENSIONS_GROUP = 'apiextensions.k8s.io';

export const NODES: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  kind: 'Node',
  shortNames: ['no'],
  verbs: ALL_VERBS,
  hasStatusSubresource: true,
  tracksGeneration: false,
  allowUnconditionalUpdate: true,
  returnsDeletedObject: false,
};

export const CONTAINER_RUNTIME_CONFIGS = customResource(
  MCO_GROUP,
  'containerruntimeconfigs',
  'ContainerRuntimeConfig',
  {
    shortNames: ['ctrcfg'],
  },
);
export const MACHINE_CONFIG_POOLS = customResource(
  MCO_GROUP,
  'machineconfigpools',
  'MachineConfigPool',
  {
    shortNames: ['mcp'],
  },
);
export const MACHINE_CONFIGS = customResource(MCO_GROUP, 'machineconfigs', 'MachineConfig', {
  shortNames: ['mc'],
  hasStatusSubresource: false,
});
export const MACHINE_CONFIG_NODES = customResource(
  MCO_GROUP,
  'machineconfignodes',
  'MachineConfigNode',
);
export const FEATURE_GATES = customResource(CONFIG_GROUP, 'featuregates', 'FeatureGate');
export const CUSTOM_RESOURCE_DEFINITIONS = customResource(
  APIEXTENSIONS_GROUP,
  'customresourcedefinitions',
  'CustomResourceDefinition',
  { shortNames: ['crd', 'crds'] },
);
export const SELF_SUBJECT_ACCESS_REVIEWS: ResourceType = {
  group: AUTHORIZATION_GROUP,
  version: 'v1',
  plural: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  kind: 'SelfSubjectAccessReview',
  verbs: ['create'],
  hasStatusSubresource: false,
  tracksGeneration: false,
  allowUnconditionalUpdate: true,
  returnsDeletedObject: false,
  virtual: true,
};

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The fields the API server selects core/v1 Events on (its event strategy's selectable fields):
 * `source` is `source.component`, or `reportingComponent` when that is empty.
 */
const eventFields = (obj: KubeObject): Record<string, string> => {
  const e = obj as KubeObject & {
    involvedObject?: Record<string, unknown>;
    source?: { component?: unknown };
  };
  const involved = e.involvedObject ?? {};
  return {
    'metadata.name': obj.metadata.name,
    'metadata.namespace': text(obj.metadata.namespace),
    'involvedObject.kind': text(involved.kind),
    'involvedObject.namespace': text(involved.namespace),
    'involvedObject.name': text(involved.name),
    'involvedObject.uid': text(involved.uid),
    'involvedObject.apiVersion': text(involved.apiVersion),
    'involvedObject.resourceVersion': text(involved.resourceVersion),
    'involvedObject.fieldPath': text(involved.fieldPath),
    reason: text(e.reason),
    reportingComponent: text(e.reportingComponent),
    source: text(e.source?.component) || text(e.reportingComponent),
    type: text(e.type),
  };
};

export const EVENTS: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  kind: 'Event',
  shortNames: ['ev'],
  verbs: ALL_VERBS,
  hasStatusSubresource: false,
  tracksGeneration: false,
  allowUnconditionalUpdate: true,
  returnsDeletedObject: false,
  namespaced: true,
  fieldSelector: {
    fields: [
      'metadata.name',
      'metadata.namespace',
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
    valuesOf: eventFields,
  },
};

export const RESOURCE_TYPES: readonly ResourceType[] = [
  NODES,
  EVENTS,
  CONTAINER_RUNTIME_CONFIGS,
  MACHINE_CONFIG_POOLS,
  MACHINE_CONFIGS,
  MACHINE_CONFIG_NODES,
  FEATURE_GATES,
  CUSTOM_RESOURCE_DEFINITIONS,
  SELF_SUBJECT_ACCESS_REVIEWS,
];

export const apiVersionOf = (r: ResourceType): string =>
  r.group ? `${r.group}/${r.version}` : r.version;

/** The name the API server uses in messages: `containerruntimeconfigs.machineconfiguration.openshift.io`, `nodes`. */
export const qualifiedResource = (r: ResourceType): string =>
  r.group ? `${r.plural}.${r.group}` : r.plural;

/** The name used in Invalid messages: `ContainerRuntimeConfig.machineconfiguration.openshift.io`, `Node`. */
export const qualifiedKind = (r: ResourceType): string =>
  r.group ? `${r.kind}.${r.group}` : r.kind;

export const findResource = (
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined =>
  RESOURCE_TYPES.find((r) => r.group === group && r.version === version && r.plural === plural);

/** A key unique per resource type, for maps. */
export const resourceKey = (r: ResourceType): string => `${r.group}/${r.plural}`;
