/**
 * deploy/agent renders, grants no more than the agent needs, mounts only what the agent reads,
 * and its two admission policies allow exactly the agent's own writes and pods. The policies'
 * CEL is evaluated as the API server evaluates it (deploy/__test-support__/celPolicy.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  HEALTH_ANNOTATION as HEALTH,
  REPORT_ANNOTATION as REPORT,
  REPORT_MAX_BYTES,
} from '../../src/core/health/reportFormat';
import {
  REGISTRIES_CONF_DROP_IN_DIR,
  REGISTRIES_CONF_PATH,
} from '../../src/core/storageConf/readRegistriesConf';
import { STORAGE_CONF_PATH } from '../../src/core/storageConf/readStores';
import { UNIT_CGROUP_DIR } from '../../src/agent/host/processTable';
import { KNOWN_STORE_PLUGINS } from '../../src/core/storePlugins';
import { type AdmissionCase, evaluatePolicy } from '../__test-support__/celPolicy';
import { REPO_DIR } from '../__test-support__/kustomize';

const ROOT = join(__dirname, '..', '..');
// Rendered manifests are read field by field; typing every Kubernetes kind here would add nothing.
type Json = Record<string, any>;

const render = (dir: string): Json[] => {
  const result = spawnSync('kubectl', ['kustomize', dir], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS() as Json);
};

const rendered = render('deploy/agent');
const find = (kind: string, name?: string, objects: Json[] = rendered): Json => {
  const found = objects.find(
    (o) => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  if (found === undefined) throw new Error(`no ${kind} ${name ?? ''} rendered`);
  return found;
};

const NAMESPACE = 'lazy-pull-agent';
const AGENT_USER = `system:serviceaccount:${NAMESPACE}:lazy-pull-agent`;
const NODE_POLICY = 'lazy-pull-agent-own-node-annotations';
const POD_POLICY = 'lazy-pull-agent-pods';

describe('kubectl kustomize deploy/agent', () => {
  it('renders the agent, its identity, its permissions and its two admission policies', () => {
    expect(rendered.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      [
        'ClusterRole/lazy-pull-agent',
        'ClusterRole/lazy-pull-agent-scc',
        'ClusterRoleBinding/lazy-pull-agent',
        'DaemonSet/lazy-pull-agent',
        `Namespace/${NAMESPACE}`,
        'RoleBinding/lazy-pull-agent-scc',
        'SecurityContextConstraints/lazy-pull-agent',
        'ServiceAccount/lazy-pull-agent',
        `ValidatingAdmissionPolicy/${NODE_POLICY}`,
        `ValidatingAdmissionPolicy/${POD_POLICY}`,
        `ValidatingAdmissionPolicyBinding/${NODE_POLICY}`,
        `ValidatingAdmissionPolicyBinding/${POD_POLICY}`,
      ].sort(),
    );
    for (const kind of ['DaemonSet', 'ServiceAccount', 'RoleBinding'])
      expect(find(kind).metadata.namespace).toBe(NAMESPACE);
    for (const policy of [NODE_POLICY, POD_POLICY]) {
      expect(find('ValidatingAdmissionPolicy', policy).spec.failurePolicy).toBe('Fail');
      expect(find('ValidatingAdmissionPolicyBinding', policy).spec).toEqual({
        policyName: policy,
        validationActions: ['Deny'],
      });
    }
  });

  it('puts the agent in a namespace of its own, apart from the plugin and the enable Job', () => {
    const together = render('deploy/overlays/plugin-and-agent');
    const namespaceOf = (kind: string, name: string) =>
      find(kind, name, together).metadata.namespace;
    expect(namespaceOf('DaemonSet', 'lazy-pull-agent')).toBe(NAMESPACE);
    expect(namespaceOf('Deployment', 'lazy-pull-console-plugin')).toBe('lazy-pull');
    expect(find('Job', undefined, render('deploy/enable-plugin')).metadata.namespace).toBe(
      'lazy-pull',
    );
    // Only the agent's own pods run in its namespace.
    const inAgentNamespace = together.filter(
      (o) => o.metadata.namespace === NAMESPACE && o.spec?.template !== undefined,
    );
    expect(inAgentNamespace.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'DaemonSet/lazy-pull-agent',
    ]);
  });

  it('binds the roles to the ServiceAccount the DaemonSet runs as', () => {
    const sa = find('ServiceAccount');
    const daemonSet = find('DaemonSet');
    expect(daemonSet.spec.template.spec.serviceAccountName).toBe(sa.metadata.name);
    expect(`system:serviceaccount:${sa.metadata.namespace}:${sa.metadata.name}`).toBe(AGENT_USER);
    for (const binding of [find('ClusterRoleBinding'), find('RoleBinding')]) {
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace },
      ]);
    }
  });
});

describe('the DaemonSet', () => {
  const pod = find('DaemonSet').spec.template.spec;
  const [container] = pod.containers;

  it('runs on every node', () => {
    expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(pod.nodeSelector).toBeUndefined();
  });

  it('shares no host namespace and gets no privilege', () => {
    expect(pod.hostPID).toBe(false);
    expect(pod.hostNetwork).toBe(false);
    expect(pod.hostIPC).toBe(false);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  it('has requests and limits', () => {
    expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(container.resources.limits).sort()).toEqual(['cpu', 'memory']);
  });

  const hostPaths = Object.fromEntries(
    (pod.volumes as Json[])
      .filter((v) => v.hostPath !== undefined)
      .map((v) => [v.name, v.hostPath.path as string]),
  );

  it('mounts only what the agent reads, never the host /proc, read-only to the bottom where it can', () => {
    expect(hostPaths).toEqual({
      'host-etc-containers': '/etc/containers',
      'host-unit-cgroups': '/sys/fs/cgroup/system.slice',
      'host-stargz-store': '/var/lib/stargz-store',
      'host-nydus-store': '/var/lib/nydus-store',
    });
    expect(container.volumeMounts).toEqual([
      { name: 'run', mountPath: '/run/lazy-pull' },
      {
        name: 'host-etc-containers',
        mountPath: '/host/etc/containers',
        readOnly: true,
        recursiveReadOnly: 'Enabled',
      },
      {
        name: 'host-unit-cgroups',
        mountPath: '/host/sys/fs/cgroup/system.slice',
        readOnly: true,
        recursiveReadOnly: 'Enabled',
      },
      {
        name: 'host-stargz-store',
        mountPath: '/host/var/lib/stargz-store',
        readOnly: true,
        mountPropagation: 'HostToContainer',
      },
      {
        name: 'host-nydus-store',
        mountPath: '/host/var/lib/nydus-store',
        readOnly: true,
        mountPropagation: 'HostToContainer',
      },
    ]);
    // Never /proc (per-process root and environ links, binfmt_misc), never all of /var/lib.
    for (const path of Object.values(hostPaths)) {
      expect(path).not.toMatch(/^\/proc(\/|$)/);
      expect(path).not.toBe('/var/lib');
    }
    const env = Object.fromEntries(container.env.map((e: Json) => [e.name, e]));
    expect(env.HOST_ROOT.value).toBe('/host');
  });

  it("mounts as Kubernetes' validation allows: recursiveReadOnly only on read-only mounts without propagation", () => {
    // Kubernetes refuses recursiveReadOnly Enabled/IfPossible unless readOnly is true and
    // mountPropagation is None or unset; Bidirectional is for privileged containers only.
    for (const mount of container.volumeMounts as Json[]) {
      if (mount.recursiveReadOnly !== undefined) {
        expect(mount.readOnly).toBe(true);
        expect(mount.mountPropagation ?? 'None').toBe('None');
      }
      expect(mount.mountPropagation).not.toBe('Bidirectional');
      // Every host mount is read-only; those without propagation, recursively so.
      if (hostPaths[mount.name] !== undefined) {
        expect(mount.readOnly).toBe(true);
        if (mount.mountPropagation === undefined) expect(mount.recursiveReadOnly).toBe('Enabled');
      }
    }
  });

  it('gives the agent every host path it reads, under HOST_ROOT', () => {
    const mounted = (container.volumeMounts as Json[])
      .filter((m) => hostPaths[m.name] !== undefined)
      .map((m) => hostPaths[m.name]);
    const visible = (path: string) =>
      mounted.some((m) => path === m || !relative(m, path).startsWith('..'));
    for (const path of [
      STORAGE_CONF_PATH,
      REGISTRIES_CONF_PATH,
      REGISTRIES_CONF_DROP_IN_DIR,
      UNIT_CGROUP_DIR,
      ...KNOWN_STORE_PLUGINS.flatMap((p) => [
        p.mountPoint,
        ...(p.unit === null ? [] : [`${UNIT_CGROUP_DIR}/${p.unit}`]),
        ...(p.socketPath === null ? [] : [p.socketPath]),
      ]),
      '/var/lib/stargz-store/store',
      '/var/lib/nydus-store/store',
    ]) {
      expect({ path, visible: visible(path) }).toEqual({ path, visible: true });
    }
  });

  it('writes only to an in-memory emptyDir, its root filesystem staying read-only', () => {
    expect(pod.volumes.filter((v: Json) => v.hostPath === undefined)).toEqual([
      { name: 'run', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } },
    ]);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  it('learns its node from the downward API', () => {
    const nodeName = container.env.find((e: Json) => e.name === 'NODE_NAME');
    expect(nodeName.valueFrom).toEqual({ fieldRef: { fieldPath: 'spec.nodeName' } });
  });

  it('uses the placeholder image, and pins its SCC', () => {
    expect(container.image).toBe('quay.io/example/lazy-pull-agent:0.1.0');
    expect(find('DaemonSet').spec.template.metadata.annotations['openshift.io/required-scc']).toBe(
      'lazy-pull-agent',
    );
  });
});

describe('the liveness probe', () => {
  const [container] = find('DaemonSet').spec.template.spec.containers;
  const env = Object.fromEntries(container.env.map((e: Json) => [e.name, e.value]));
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lazy-pull-alive-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the probe's command as the kubelet would, in the container's environment, on a file here. */
  const probe = (aliveFile: string) => {
    const [command, ...args] = container.livenessProbe.exec.command as string[];
    const result = spawnSync(command, args, {
      env: { PATH: process.env.PATH, ...env, ALIVE_FILE: aliveFile },
      encoding: 'utf8',
    });
    return { status: result.status, output: result.stdout + result.stderr };
  };
  const aliveAgo = (seconds: number) => {
    const file = join(dir, 'alive');
    writeFileSync(file, `${new Date(Date.now() - seconds * 1000).toISOString()}\n`);
    return file;
  };

  it('tells the agent where to write, in the emptyDir', () => {
    expect(env.ALIVE_FILE).toBe('/run/lazy-pull/alive');
    const mount = container.volumeMounts.find((m: Json) => m.name === 'run');
    expect(dirname(env.ALIVE_FILE)).toBe(mount.mountPath);
    expect(mount.readOnly).toBeUndefined();
  });

  it('runs node on the file, checking liveness and start-up alike, with no readiness probe', () => {
    expect(container.livenessProbe).toEqual({
      exec: { command: ['node', '-e', expect.stringContaining('process.env.ALIVE_FILE')] },
      periodSeconds: 30,
      timeoutSeconds: 5,
      failureThreshold: 2,
    });
    expect(container.startupProbe.exec).toEqual(container.livenessProbe.exec);
    // Until the first cycle completes; the first reads the Node and may wait for the API server.
    expect(container.startupProbe.periodSeconds * container.startupProbe.failureThreshold).toBe(
      180,
    );
    // The agent serves nothing; the startup probe keeps a new pod unready until it has checked.
    expect(container.readinessProbe).toBeUndefined();
    expect(container.ports).toBeUndefined();
  });

  it('passes while the last completed cycle is younger than three check intervals (90 s)', () => {
    expect(env.CHECK_INTERVAL_SECONDS).toBe('30');
    expect(probe(aliveAgo(0))).toEqual({ status: 0, output: '' });
    expect(probe(aliveAgo(85)).status).toBe(0);
    const stale = probe(aliveAgo(95));
    expect(stale.status).toBe(1);
    expect(stale.output).toMatch(/last check cycle completed at ".*", not within 90 s/);
  });

  it('reads the time in the file, not its modification time', () => {
    const file = aliveAgo(300);
    utimesSync(file, new Date(), new Date());
    expect(probe(file).status).toBe(1);
  });

  it('fails before the first cycle, and on a file it cannot read', () => {
    const missing = probe(join(dir, 'alive'));
    expect(missing.status).toBe(1);
    expect(missing.output).toMatch(/ENOENT/);
    writeFileSync(join(dir, 'garbage'), 'not a time');
    expect(probe(join(dir, 'garbage')).status).toBe(1);
    writeFileSync(join(dir, 'empty'), '');
    expect(probe(join(dir, 'empty')).status).toBe(1);
  });
});

describe('permissions', () => {
  it('lets the agent get and patch nodes, nothing else', () => {
    expect(find('ClusterRole', 'lazy-pull-agent').rules).toEqual([
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] },
    ]);
    expect(find('ClusterRole', 'lazy-pull-agent-scc').rules).toEqual([
      {
        apiGroups: ['security.openshift.io'],
        resources: ['securitycontextconstraints'],
        resourceNames: ['lazy-pull-agent'],
        verbs: ['use'],
      },
    ]);
  });

  it('has an SCC with host paths but no privilege (admission itself: sccAdmission.test.ts)', () => {
    const scc = find('SecurityContextConstraints');
    expect(scc).toMatchObject({
      allowHostDirVolumePlugin: true,
      allowHostIPC: false,
      allowHostNetwork: false,
      allowHostPID: false,
      allowHostPorts: false,
      allowPrivilegeEscalation: false,
      allowPrivilegedContainer: false,
      allowedCapabilities: [],
      defaultAddCapabilities: [],
      requiredDropCapabilities: ['ALL'],
      readOnlyRootFilesystem: true,
      seLinuxContext: { type: 'MustRunAs', seLinuxOptions: { type: 'spc_t', level: 's0' } },
      volumes: ['emptyDir', 'hostPath', 'projected'],
      users: [],
      groups: [],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The node annotations policy

const NODE_NAME_CLAIM = 'authentication.kubernetes.io/node-name';

const node = (name: string, annotations: Record<string, string> = {}): Json => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    resourceVersion: '1001',
    labels: { 'kubernetes.io/hostname': name, 'node-role.kubernetes.io/worker': '' },
    annotations: { 'machineconfiguration.openshift.io/state': 'Done', ...annotations },
    managedFields: [
      {
        manager: 'kubelet',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2026-03-01T11:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { 'f:kubernetes.io/hostname': {} } } },
      },
      {
        manager: 'machine-config-daemon',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2026-03-01T11:30:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:annotations': { 'f:machineconfiguration.openshift.io/state': {} } },
        },
      },
    ],
  },
  spec: { providerID: `aws:///us-east-1a/${name}`, taints: [] },
  status: {
    capacity: { cpu: '8', memory: '32Gi' },
    conditions: [{ type: 'Ready', status: 'True' }],
  },
});

const edit = (base: Json, change: (copy: Json) => void): Json => {
  const copy = JSON.parse(JSON.stringify(base)) as Json;
  change(copy);
  return copy;
};

const agentRequest = (
  operation = 'UPDATE',
  boundNode: string | null = 'worker-0',
  extra: Json = {},
  username = AGENT_USER,
): Json => ({
  operation,
  userInfo: {
    username,
    groups: [
      'system:serviceaccounts',
      `system:serviceaccounts:${username.split(':')[2]}`,
      'system:authenticated',
    ],
    ...(boundNode === null
      ? {}
      : {
          extra: {
            [NODE_NAME_CLAIM]: [boundNode],
            'authentication.kubernetes.io/pod-name': ['lazy-pull-agent-x7k2p'],
          },
        }),
  },
  ...extra,
});

/** The agent's own entry, as the API server writes it after the agent's merge patch. */
const agentEntry = {
  manager: 'lazy-pull-agent',
  operation: 'Update',
  apiVersion: 'v1',
  time: '2026-03-01T12:00:00Z',
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:metadata': { 'f:annotations': { [`f:${HEALTH}`]: {}, [`f:${REPORT}`]: {} } } },
};

const before = node('worker-0', { [HEALTH]: 'Healthy', [REPORT]: '{"v":1}' });
const update = (
  name: string,
  change: (copy: Json) => void,
  request: Json = agentRequest(),
  old: Json = before,
): AdmissionCase => ({
  name,
  request,
  oldObject: old,
  object: edit(old, (copy) => {
    copy.metadata.managedFields = [...copy.metadata.managedFields, agentEntry];
    change(copy);
  }),
});

/** A node where an administrator set our health annotation by hand (and maybe others), owning them. */
const annotatedByHandWith = (fields: Record<string, object>) =>
  edit(before, (n) => {
    n.metadata.managedFields.push({
      manager: 'kubectl-annotate',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2026-03-01T11:45:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:annotations': { [`f:${HEALTH}`]: {}, ...fields } } },
    });
  });
const annotatedByHand = annotatedByHandWith({ 'f:example.com/x': {} });
const onlyOurKeyByHand = annotatedByHandWith({});
const withoutEntry = (manager: string) => (n: Json) =>
  (n.metadata.managedFields = n.metadata.managedFields.filter((e: Json) => e.manager !== manager));
const entryOf = (n: Json, manager: string): Json =>
  n.metadata.managedFields.find((e: Json) => e.manager === manager);

const NODE_ALLOWED: AdmissionCase[] = [
  update('own node, our annotations changed', (n) => {
    n.metadata.annotations[HEALTH] = 'Degraded';
    n.metadata.annotations[REPORT] = '{"v":1,"x":2}';
  }),
  {
    name: 'own node, our annotations added to a node without annotations',
    request: agentRequest(),
    oldObject: edit(node('worker-0'), (n) => delete n.metadata.annotations),
    object: edit(node('worker-0'), (n) => {
      n.metadata.annotations = { [HEALTH]: 'Healthy', [REPORT]: '{}' };
      n.metadata.managedFields.push(agentEntry);
    }),
  },
  update(
    'own node, our annotation removed (cleaning up)',
    (n) => delete n.metadata.annotations[REPORT],
  ),
  update('own node, nothing changed', () => undefined),
  update('a report of exactly 16384 bytes', (n) => {
    n.metadata.annotations[REPORT] = `{"v":1,"p":"${'é'.repeat((REPORT_MAX_BYTES - 14) / 2)}"}`;
  }),
  update(
    'each of the four health values',
    (n) => (n.metadata.annotations[HEALTH] = 'NotConfigured'),
  ),
  update(
    'our annotation taken from an administrator who set it with others: their entry loses it',
    (n) => {
      n.metadata.annotations[HEALTH] = 'Degraded';
      delete entryOf(n, 'kubectl-annotate').fieldsV1['f:metadata']['f:annotations'][`f:${HEALTH}`];
    },
    agentRequest(),
    annotatedByHand,
  ),
  update(
    'our annotation taken from an administrator who set only it: their entry goes',
    (n) => {
      n.metadata.annotations[HEALTH] = 'Degraded';
      withoutEntry('kubectl-annotate')(n);
    },
    agentRequest(),
    onlyOurKeyByHand,
  ),
  update('another user changing labels', (n) => (n.metadata.labels.x = 'y'), {
    operation: 'UPDATE',
    userInfo: { username: 'system:node:worker-0' },
  }),
  update(
    'an administrator changing our annotation',
    (n) => (n.metadata.annotations[HEALTH] = 'Unhealthy'),
    { operation: 'UPDATE', userInfo: { username: 'kube:admin' } },
  ),
  update(
    'a ServiceAccount whose name merely ends like the agent',
    (n) => (n.metadata.labels.x = 'y'),
    {
      operation: 'UPDATE',
      userInfo: { username: 'system:serviceaccount:other:not-lazy-pull-agent' },
    },
  ),
];

const NODE_DENIED: [AdmissionCase, RegExp][] = [
  [
    update(
      'another node',
      (n) => (n.metadata.annotations[HEALTH] = 'Degraded'),
      agentRequest('UPDATE', 'worker-1'),
    ),
    /only change the Node its service account token is bound to/,
  ],
  [
    update(
      'a token bound to no node',
      (n) => (n.metadata.annotations[HEALTH] = 'Degraded'),
      agentRequest('UPDATE', null),
    ),
    /bound to/,
  ],
  [
    update(
      'another annotation changed',
      (n) => (n.metadata.annotations['machineconfiguration.openshift.io/state'] = 'Working'),
    ),
    /may only change the annotations lazy-pull\.openshift\.io\/health and lazy-pull\.openshift\.io\/report/,
  ],
  [
    update('another annotation added', (n) => (n.metadata.annotations['example.com/x'] = '1')),
    /may only change the annotations/,
  ],
  [
    update(
      'another annotation removed',
      (n) => delete n.metadata.annotations['machineconfiguration.openshift.io/state'],
    ),
    /may only change the annotations/,
  ],
  [
    update(
      'a third key under our prefix',
      (n) => (n.metadata.annotations['lazy-pull.openshift.io/x'] = '1'),
    ),
    /may only change the annotations/,
  ],
  [
    update(
      'a look-alike prefix',
      (n) => (n.metadata.annotations['lazy-pull.openshift.io.evil/x'] = '1'),
    ),
    /may only change the annotations/,
  ],
  [
    update('a forged health value', (n) => (n.metadata.annotations[HEALTH] = 'healthy')),
    /must be one of Healthy, Degraded, Unhealthy, NotConfigured/,
  ],
  [update('an empty health value', (n) => (n.metadata.annotations[HEALTH] = '')), /must be one of/],
  [
    update('a report of 16385 bytes', (n) => {
      n.metadata.annotations[REPORT] = `{"v":1,"p":"${'é'.repeat((REPORT_MAX_BYTES - 14) / 2)}x"}`;
    }),
    /at most 16384 bytes/,
  ],
  [
    update('a report filling the Node annotation budget', (n) => {
      n.metadata.annotations[REPORT] = 'x'.repeat(200 * 1024);
    }),
    /at most 16384 bytes/,
  ],
  [
    update('another manager’s field ownership changed', (n) => {
      entryOf(n, 'machine-config-daemon').fieldsV1['f:spec'] = { 'f:taints': {} };
    }),
    /other managers' field ownership/,
  ],
  [
    update('another manager’s entry removed', withoutEntry('kubelet')),
    /other managers' field ownership/,
  ],
  [
    update('a manager forged', (n) => {
      n.metadata.managedFields.push({ ...agentEntry, manager: 'machine-config-operator' });
    }),
    /other managers' field ownership/,
  ],
  [
    update('another manager’s time rewritten', (n) => {
      entryOf(n, 'kubelet').time = '2030-01-01T00:00:00Z';
    }),
    /other managers' field ownership/,
  ],
  [
    update(
      'an administrator’s other fields taken with ours',
      (n) => {
        n.metadata.annotations[HEALTH] = 'Degraded';
        entryOf(n, 'kubectl-annotate').fieldsV1['f:metadata']['f:annotations'] = {};
      },
      agentRequest(),
      annotatedByHand,
    ),
    /other managers' field ownership/,
  ],
  [
    update(
      'an administrator’s entry that owned more than ours removed',
      withoutEntry('kubectl-annotate'),
      agentRequest(),
      annotatedByHand,
    ),
    /other managers' field ownership/,
  ],
  [
    update('a label change', (n) => (n.metadata.labels['node-role.kubernetes.io/infra'] = '')),
    /change nothing but its annotations/,
  ],
  [
    update('a label removed', (n) => delete n.metadata.labels['node-role.kubernetes.io/worker']),
    /change nothing but/,
  ],
  [
    update('a spec change (taint)', (n) => n.spec.taints.push({ key: 'x', effect: 'NoSchedule' })),
    /change nothing but/,
  ],
  [update('a spec change (cordon)', (n) => (n.spec.unschedulable = true)), /change nothing but/],
  [
    update('a status change', (n) => (n.status.conditions[0].status = 'False')),
    /change nothing but/,
  ],
  [
    update(
      'a status update through nodes/status',
      (n) => (n.status.conditions[0].status = 'False'),
      agentRequest('UPDATE', 'worker-0', { subResource: 'status' }),
    ),
    /may not change a Node's status/,
  ],
  [
    update('a finalizer added', (n) => (n.metadata.finalizers = ['example.com/hold'])),
    /change nothing but/,
  ],
  [
    update(
      'an owner reference added',
      (n) =>
        (n.metadata.ownerReferences = [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: '1' },
        ]),
    ),
    /change nothing but/,
  ],
  [
    update(
      'our annotation together with a label',
      (n) => ((n.metadata.annotations[HEALTH] = 'Degraded'), (n.metadata.labels.x = 'y')),
    ),
    /change nothing but/,
  ],
  [
    update(
      'the agent moved to another namespace by an overlay',
      (n) => (n.metadata.labels.x = 'y'),
      agentRequest('UPDATE', 'worker-0', {}, 'system:serviceaccount:ops-tools:lazy-pull-agent'),
    ),
    /change nothing but/,
  ],
  [
    {
      name: 'creating a node',
      request: agentRequest('CREATE'),
      oldObject: null,
      object: node('worker-0'),
    },
    /only update Nodes, not create or delete them/,
  ],
  [
    { name: 'deleting a node', request: agentRequest('DELETE'), oldObject: before, object: null },
    /only update Nodes, not create or delete them/,
  ],
];

describe('the node annotations policy', () => {
  const verdicts = evaluatePolicy(find('ValidatingAdmissionPolicy', NODE_POLICY).spec, [
    ...NODE_ALLOWED,
    ...NODE_DENIED.map(([c]) => c),
  ]);

  it.each(NODE_ALLOWED.map((c) => [c.name]))('allows: %s', (name) => {
    const verdict = verdicts.get(name);
    expect(verdict?.violations).toEqual([]);
    expect(verdict?.errors).toEqual([]);
  });

  it('does not apply to anyone but a ServiceAccount named lazy-pull-agent', () => {
    for (const name of [
      'another user changing labels',
      'an administrator changing our annotation',
      'a ServiceAccount whose name merely ends like the agent',
    ]) {
      expect(verdicts.get(name)?.matched).toBe(false);
    }
    expect(verdicts.get('own node, nothing changed')?.matched).toBe(true);
    expect(verdicts.get('the agent moved to another namespace by an overlay')?.matched).toBe(true);
  });

  it.each(NODE_DENIED.map(([c, message]) => [c.name, message]))('denies: %s', (name, message) => {
    const verdict = verdicts.get(name);
    expect(verdict?.matched).toBe(true);
    expect(verdict?.violations.length).toBeGreaterThan(0);
    expect(verdict?.violations.join('\n')).toMatch(message);
  });

  it('evaluates without errors for every agent update (errors would be denials for the wrong reason)', () => {
    for (const [c] of NODE_DENIED.filter(([c]) => c.request.operation === 'UPDATE')) {
      expect({ name: c.name, errors: verdicts.get(c.name)?.errors }).toEqual({
        name: c.name,
        errors: [],
      });
    }
  });
});

describe('an overlay that moves the agent to another namespace', () => {
  let dir: string;
  let moved: Json[];
  beforeAll(() => {
    // In the checkout's scratch space; kustomize names its base by a relative path.
    mkdirSync(join(REPO_DIR, '.tmp'), { recursive: true });
    dir = mkdtempSync(join(REPO_DIR, '.tmp', 'overlay-'));
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      `namespace: ops-tools\nresources:\n  - ${relative(dir, join(REPO_DIR, 'deploy', 'agent'))}\n`,
    );
    moved = render(relative(ROOT, dir));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('moves the ServiceAccount and its bindings, and both policies still apply to it', () => {
    const sa = find('ServiceAccount', 'lazy-pull-agent', moved);
    expect(sa.metadata.namespace).toBe('ops-tools');
    expect(find('ClusterRoleBinding', 'lazy-pull-agent', moved).subjects).toEqual([
      { kind: 'ServiceAccount', name: 'lazy-pull-agent', namespace: 'ops-tools' },
    ]);
    const username = `system:serviceaccount:${sa.metadata.namespace}:${sa.metadata.name}`;
    const nodeVerdict = evaluatePolicy(find('ValidatingAdmissionPolicy', NODE_POLICY, moved).spec, [
      update(
        'a label, from the moved agent',
        (n) => (n.metadata.labels.x = 'y'),
        agentRequest('UPDATE', 'worker-0', {}, username),
      ),
    ]).get('a label, from the moved agent');
    expect(nodeVerdict).toMatchObject({
      matched: true,
      violations: [expect.stringMatching(/change nothing but/)],
    });
    const daemonSet = find('DaemonSet', 'lazy-pull-agent', moved);
    const podVerdict = evaluatePolicy(find('ValidatingAdmissionPolicy', POD_POLICY, moved).spec, [
      podCase('the moved agent mounting /', (p) => addHostVolume(p, '/', false), daemonSet),
    ]).get('the moved agent mounting /');
    expect(podVerdict).toMatchObject({ matched: true });
    expect(podVerdict?.violations.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The pod policy

/** A pod as the DaemonSet controller creates it, after SCC admission (which the policy follows). */
const agentPod = (daemonSet: Json = find('DaemonSet')): Json => {
  const template = JSON.parse(JSON.stringify(daemonSet.spec.template)) as Json;
  template.spec.volumes.push({ name: 'kube-api-access-x7k2p', projected: { sources: [] } });
  template.spec.containers[0].volumeMounts.push({
    name: 'kube-api-access-x7k2p',
    mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
    readOnly: true,
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...template.metadata,
      name: 'lazy-pull-agent-x7k2p',
      namespace: daemonSet.metadata.namespace,
      annotations: { ...template.metadata.annotations, 'openshift.io/scc': 'lazy-pull-agent' },
    },
    spec: template.spec,
  };
};

const addHostVolume = (pod: Json, path: string, readOnly: boolean | undefined) => {
  pod.spec.volumes.push({ name: 'extra', hostPath: { path, type: 'Directory' } });
  pod.spec.containers[0].volumeMounts.push({
    name: 'extra',
    mountPath: '/extra',
    ...(readOnly === undefined ? {} : { readOnly }),
  });
};

const podCase = (
  name: string,
  change: (pod: Json) => void,
  daemonSet?: Json,
  operation = 'CREATE',
): AdmissionCase => {
  const pod = agentPod(daemonSet);
  const changed = edit(pod, change);
  return {
    name,
    request: {
      operation,
      userInfo: { username: 'system:serviceaccount:kube-system:daemon-set-controller' },
      ...(operation === 'UPDATE' ? { subResource: 'ephemeralcontainers' } : {}),
    },
    object: changed,
    oldObject: operation === 'UPDATE' ? pod : null,
  };
};

const mountOf = (pod: Json, name: string): Json =>
  pod.spec.containers[0].volumeMounts.find((m: Json) => m.name === name);

const POD_ALLOWED: AdmissionCase[] = [
  podCase("the DaemonSet's own pod", () => undefined),
  podCase('its pod with a sidecar mounting the same volumes read-only', (p) => {
    p.spec.containers.push({ ...p.spec.containers[0], name: 'sidecar' });
  }),
  {
    ...podCase('a pod of another ServiceAccount mounting /', (p) => {
      p.spec.serviceAccountName = 'default';
      addHostVolume(p, '/', false);
    }),
  },
];

const POD_DENIED: [AdmissionCase, RegExp][] = [
  [
    podCase('the host root mounted', (p) => addHostVolume(p, '/', true)),
    /may mount from the host only/,
  ],
  [
    podCase('the host /proc mounted', (p) => addHostVolume(p, '/proc', true)),
    /may mount from the host only/,
  ],
  [
    podCase('an allowed path with another type (a file)', (p) => {
      p.spec.volumes.find((v: Json) => v.name === 'host-etc-containers').hostPath.type = 'File';
    }),
    /may mount from the host only/,
  ],
  [
    podCase(
      'a host volume mounted writable',
      (p) => (mountOf(p, 'host-stargz-store').readOnly = false),
    ),
    /must mount host volumes read-only/,
  ],
  [
    podCase(
      'a host volume mounted without readOnly',
      (p) => delete mountOf(p, 'host-nydus-store').readOnly,
    ),
    /must mount host volumes read-only/,
  ],
  [
    podCase('a host volume with Bidirectional propagation', (p) => {
      mountOf(p, 'host-stargz-store').mountPropagation = 'Bidirectional';
    }),
    /never with Bidirectional propagation/,
  ],
  [
    podCase('/etc/containers without recursiveReadOnly', (p) => {
      delete mountOf(p, 'host-etc-containers').recursiveReadOnly;
    }),
    /recursiveReadOnly Enabled/,
  ],
  [
    podCase('the cgroups mounted with recursiveReadOnly IfPossible', (p) => {
      mountOf(p, 'host-unit-cgroups').recursiveReadOnly = 'IfPossible';
    }),
    /recursiveReadOnly Enabled/,
  ],
  [
    podCase('an init container mounting a host volume writable', (p) => {
      p.spec.initContainers = [
        {
          name: 'init',
          image: 'x',
          volumeMounts: [{ name: 'host-etc-containers', mountPath: '/e' }],
        },
      ];
    }),
    /must mount host volumes read-only/,
  ],
  [
    podCase(
      'an ephemeral debug container mounting a host volume writable',
      (p) => {
        p.spec.ephemeralContainers = [
          {
            name: 'debugger',
            image: 'registry.example.com/tools',
            volumeMounts: [{ name: 'host-stargz-store', mountPath: '/s' }],
          },
        ];
      },
      undefined,
      'UPDATE',
    ),
    /must mount host volumes read-only/,
  ],
  [
    podCase('another SCC required', (p) => {
      p.metadata.annotations['openshift.io/required-scc'] = 'privileged';
    }),
    /must require the lazy-pull-agent SCC/,
  ],
  [podCase('the host PID namespace', (p) => (p.spec.hostPID = true)), /may not share the host/],
  [
    podCase(
      'a privileged container',
      (p) => (p.spec.containers[0].securityContext.privileged = true),
    ),
    /nor run privileged/,
  ],
];

describe('the pod policy', () => {
  const verdicts = evaluatePolicy(find('ValidatingAdmissionPolicy', POD_POLICY).spec, [
    ...POD_ALLOWED,
    ...POD_DENIED.map(([c]) => c),
  ]);

  it.each(POD_ALLOWED.map((c) => [c.name]))('allows: %s', (name) => {
    expect(verdicts.get(name)).toMatchObject({ violations: [], errors: [] });
  });

  it("applies to the agent's ServiceAccount only", () => {
    expect(verdicts.get("the DaemonSet's own pod")?.matched).toBe(true);
    expect(verdicts.get('a pod of another ServiceAccount mounting /')?.matched).toBe(false);
  });

  it.each(POD_DENIED.map(([c, message]) => [c.name, message]))('denies: %s', (name, message) => {
    const verdict = verdicts.get(name);
    expect(verdict?.matched).toBe(true);
    expect(verdict?.violations.join('\n')).toMatch(message);
    expect(verdict?.errors).toEqual([]);
  });
});
