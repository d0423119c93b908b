/**
 * OpenShift's SCC admission, performed on the pods the rendered manifests create
 * (deploy/__test-support__/sccAdmission.ts follows apiserver-library-go's sccadmission,
 * sccmatching and strategy code), in namespaces annotated as OpenShift annotates every namespace
 * (its MCS level, UID range and supplemental groups). A pod that names an SELinux type must name
 * its level too: admission fills the namespace's level in only for a pod that names none.
 */
import { findObject, renderKustomize, type K8sObject } from '../__test-support__/kustomize';
import {
  admitPod,
  MCS,
  podFromTemplate,
  SUPPLEMENTAL_GROUPS,
  UID_RANGE,
} from '../__test-support__/sccAdmission';

// Manifests are read field by field; typing every Kubernetes kind here would add nothing.
type Json = Record<string, any>;

/** As OpenShift's namespace controller annotates a new namespace. */
const openshiftNamespace = (namespace: K8sObject): Json => ({
  ...namespace,
  metadata: {
    ...namespace.metadata,
    annotations: {
      ...namespace.metadata.annotations,
      [MCS]: 's0:c27,c4',
      [UID_RANGE]: '1000710000/10000',
      [SUPPLEMENTAL_GROUPS]: '1000710000/10000',
    },
  },
});

/**
 * restricted-v2 as every OpenShift 4.11+ cluster has it (`oc get scc restricted-v2 -o yaml`),
 * usable by every authenticated user through RBAC (system:openshift:scc:restricted-v2).
 */
const RESTRICTED_V2: Json = {
  apiVersion: 'security.openshift.io/v1',
  kind: 'SecurityContextConstraints',
  metadata: { name: 'restricted-v2' },
  allowHostDirVolumePlugin: false,
  allowHostIPC: false,
  allowHostNetwork: false,
  allowHostPID: false,
  allowHostPorts: false,
  allowPrivilegeEscalation: false,
  allowPrivilegedContainer: false,
  allowedCapabilities: ['NET_BIND_SERVICE'],
  defaultAddCapabilities: null,
  fsGroup: { type: 'MustRunAs' },
  groups: [],
  readOnlyRootFilesystem: false,
  requiredDropCapabilities: ['ALL'],
  runAsUser: { type: 'MustRunAsRange' },
  seLinuxContext: { type: 'MustRunAs' },
  seccompProfiles: ['runtime/default'],
  supplementalGroups: { type: 'RunAsAny' },
  users: [],
  volumes: [
    'configMap',
    'csi',
    'downwardAPI',
    'emptyDir',
    'ephemeral',
    'persistentVolumeClaim',
    'projected',
    'secret',
  ],
};
const CLUSTER_RBAC: Json[] = [
  {
    kind: 'ClusterRole',
    metadata: { name: 'system:openshift:scc:restricted-v2' },
    rules: [
      {
        apiGroups: ['security.openshift.io'],
        resources: ['securitycontextconstraints'],
        resourceNames: ['restricted-v2'],
        verbs: ['use'],
      },
    ],
  },
  {
    kind: 'ClusterRoleBinding',
    metadata: { name: 'system:openshift:scc:restricted-v2' },
    roleRef: { kind: 'ClusterRole', name: 'system:openshift:scc:restricted-v2' },
    subjects: [{ kind: 'Group', name: 'system:authenticated' }],
  },
];

const agent = renderKustomize('deploy/overlays/plugin-and-agent');
const objectsOf = (kind: string) => agent.filter((o) => o.kind === kind) as Json[];
const rbac = [
  ...CLUSTER_RBAC,
  ...objectsOf('ClusterRole'),
  ...objectsOf('ClusterRoleBinding'),
  ...objectsOf('Role'),
  ...objectsOf('RoleBinding'),
];
const agentScc = findObject(agent, 'SecurityContextConstraints', 'lazy-pull-agent') as Json;
const sccs = [agentScc, RESTRICTED_V2];
const namespaceNamed = (name: string) => openshiftNamespace(findObject(agent, 'Namespace', name));
const daemonSet = findObject(agent, 'DaemonSet', 'lazy-pull-agent') as Json;
const agentPod = () => podFromTemplate(daemonSet, 'lazy-pull-agent-x7k2p');

describe("the agent's DaemonSet under OpenShift's SCC admission", () => {
  it('is admitted under its own SCC, with the SELinux context, user and groups it runs with', () => {
    const result = admitPod(agentPod(), namespaceNamed('lazy-pull-agent'), sccs, rbac);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ admitted: true, scc: 'lazy-pull-agent' });
    const pod = result.pod as Json;
    expect(pod.spec.securityContext).toMatchObject({
      runAsUser: 0,
      seLinuxOptions: { type: 'spc_t', level: 's0' },
      seccompProfile: { type: 'RuntimeDefault' },
      // From the namespace's supplemental-groups block.
      fsGroup: 1000710000,
      supplementalGroups: [1000710000],
    });
    expect(pod.spec.containers[0].securityContext).toMatchObject({
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
  });

  it('was refused as the manifests were: an SELinux type without a level gets no level filled in', () => {
    // What deploy/agent said before: the SCC required spc_t with no level, the pod asked for spc_t.
    const scc = {
      ...agentScc,
      seLinuxContext: { type: 'MustRunAs', seLinuxOptions: { type: 'spc_t' } },
    };
    const pod = agentPod();
    pod.spec.securityContext.seLinuxOptions = { type: 'spc_t' };
    const result = admitPod(pod, namespaceNamed('lazy-pull-agent'), [scc], rbac);
    expect(result.admitted).toBe(false);
    expect(result.errors).toContain(
      'provider lazy-pull-agent: .spec.securityContext.seLinuxOptions.level: Invalid value: "": must be s0:c27,c4',
    );
  });

  it('fills the namespace level in for a pod that names no SELinux options at all', () => {
    const scc = {
      ...agentScc,
      seLinuxContext: { type: 'MustRunAs', seLinuxOptions: { type: 'spc_t' } },
    };
    const pod = agentPod();
    delete pod.spec.securityContext.seLinuxOptions;
    const result = admitPod(pod, namespaceNamed('lazy-pull-agent'), [scc], rbac);
    expect(result.pod?.spec.securityContext.seLinuxOptions).toEqual({
      type: 'spc_t',
      level: 's0:c27,c4',
    });
  });

  it('refuses a pod that asks for another level, or to run privileged', () => {
    const otherLevel = agentPod();
    otherLevel.spec.securityContext.seLinuxOptions.level = 's0:c1,c2';
    expect(admitPod(otherLevel, namespaceNamed('lazy-pull-agent'), sccs, rbac).errors).toContain(
      'provider lazy-pull-agent: .spec.securityContext.seLinuxOptions.level: Invalid value: "s0:c1,c2": must be s0',
    );
    const privileged = agentPod();
    privileged.spec.containers[0].securityContext.privileged = true;
    expect(admitPod(privileged, namespaceNamed('lazy-pull-agent'), sccs, rbac).errors).toContain(
      'provider lazy-pull-agent: .spec.containers[0].securityContext.privileged: Invalid value: true: Privileged containers are not allowed',
    );
  });

  it("is not usable by another ServiceAccount, nor by the agent's in another namespace", () => {
    const otherAccount = agentPod();
    otherAccount.spec.serviceAccountName = 'default';
    expect(admitPod(otherAccount, namespaceNamed('lazy-pull-agent'), sccs, rbac).errors).toEqual([
      'provider "lazy-pull-agent": Forbidden: not usable by user or serviceaccount',
    ]);
    const elsewhere = agentPod();
    elsewhere.metadata.namespace = 'lazy-pull';
    expect(admitPod(elsewhere, namespaceNamed('lazy-pull'), sccs, rbac).errors).toEqual([
      'provider "lazy-pull-agent": Forbidden: not usable by user or serviceaccount',
    ]);
  });
});

describe("the plugin's pods under restricted-v2", () => {
  it('admits the nginx Deployment, pinned to restricted-v2, as an arbitrary non-root user', () => {
    const deployment = findObject(agent, 'Deployment', 'lazy-pull-console-plugin') as Json;
    const result = admitPod(
      podFromTemplate(deployment, 'lazy-pull-console-plugin-1'),
      namespaceNamed('lazy-pull'),
      sccs,
      rbac,
    );
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ admitted: true, scc: 'restricted-v2' });
    expect(result.pod?.spec.containers[0].securityContext).toMatchObject({
      runAsUser: 1000710000,
      runAsNonRoot: true,
    });
    expect(result.pod?.spec.securityContext.seLinuxOptions).toEqual({ level: 's0:c27,c4' });
  });

  it('admits the enable-plugin Job under restricted-v2', () => {
    const job = findObject(renderKustomize('deploy/enable-plugin'), 'Job') as Json;
    const result = admitPod(
      podFromTemplate(job, 'lazy-pull-enable-console-plugin-1'),
      namespaceNamed('lazy-pull'),
      sccs,
      rbac,
    );
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ admitted: true, scc: 'restricted-v2' });
  });
});
