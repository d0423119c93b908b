import { RESOURCE_TYPES, apiVersionOf, type ResourceType } from './resources';

/**
 * Discovery documents, enough for clients that look up a resource's group, version and verbs
 * before they call it (the console SDK's model discovery, kubectl).
 */

/** Kubernetes 1.35 is what OpenShift 4.22 runs. */
export const VERSION_INFO = {
  major: '1',
  minor: '35',
  gitVersion: 'v1.35.2',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-02-10T00:00:00Z',
  goVersion: 'go1.25.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** API groups a cluster may lack: hosted control planes serve no Machine Config Operator API. */
export type HiddenGroups = ReadonlySet<string>;

export const MACHINE_CONFIG_GROUP = 'machineconfiguration.openshift.io';

const groups = (hidden: HiddenGroups = new Set()): string[] =>
  [...new Set(RESOURCE_TYPES.map((r) => r.group).filter((g) => g !== '' && !hidden.has(g)))].sort();

const groupVersion = (group: string) => ({ groupVersion: `${group}/v1`, version: 'v1' });

export const coreApiVersions = () => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }],
});

const groupEntry = (group: string) => ({
  name: group,
  versions: [groupVersion(group)],
  preferredVersion: groupVersion(group),
});

export const apiGroup = (group: string, hidden?: HiddenGroups) =>
  groups(hidden).includes(group)
    ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group) }
    : undefined;

export const apiGroupList = (hidden?: HiddenGroups) => ({
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: groups(hidden).map(groupEntry),
});

const resourceEntries = (r: ResourceType) => {
  const main = {
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced ?? false,
    kind: r.kind,
    verbs: r.verbs,
    ...(r.shortNames ? { shortNames: r.shortNames } : {}),
  };
  if (!r.hasStatusSubresource) return [main];
  return [
    main,
    {
      name: `${r.plural}/status`,
      singularName: '',
      namespaced: false,
      kind: r.kind,
      verbs: ['get', 'patch', 'update'],
    },
  ];
};

/** The resources of a group version (group '' for the core v1 group), or undefined when unknown. */
export const apiResourceList = (group: string, version: string) => {
  const resources = RESOURCE_TYPES.filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(resources[0]),
    resources: resources.flatMap(resourceEntries),
  };
};
