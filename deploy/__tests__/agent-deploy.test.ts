/**
 * deploy/agent renders, grants no more than the agent needs, and its admission policy's CEL
 * allows exactly the agent's own writes. The CEL is evaluated with @marcbachmann/cel-js, an
 * ES module Jest cannot load in-process here, so a Node child process evaluates every case in
 * one go.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '..', '..');
// Rendered manifests are read field by field; typing every Kubernetes kind here would add nothing.
type Json = Record<string, any>;

const render = (dir: string): Json[] => {
  const result = spawnSync('kubectl', ['kustomize', dir], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS() as Json);
};

const rendered = render('deploy/agent');
const find = (kind: string, name?: string): Json => {
  const found = rendered.find(
    (o) => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  if (found === undefined) throw new Error(`no ${kind} ${name ?? ''} rendered`);
  return found;
};

const NAMESPACE = 'lazy-pull';
const AGENT_USER = 'system:serviceaccount:lazy-pull:lazy-pull-agent';

describe('kubectl kustomize deploy/agent', () => {
  it('renders the agent, its identity, its permissions and its admission policy', () => {
    expect(rendered.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      [
        'ClusterRole/lazy-pull-agent',
        'ClusterRole/lazy-pull-agent-scc',
        'ClusterRoleBinding/lazy-pull-agent',
        'DaemonSet/lazy-pull-agent',
        'Namespace/lazy-pull',
        'RoleBinding/lazy-pull-agent-scc',
        'SecurityContextConstraints/lazy-pull-agent',
        'ServiceAccount/lazy-pull-agent',
        'ValidatingAdmissionPolicy/lazy-pull-agent-own-node-annotations',
        'ValidatingAdmissionPolicyBinding/lazy-pull-agent-own-node-annotations',
      ].sort(),
    );
    for (const kind of ['DaemonSet', 'ServiceAccount', 'RoleBinding'])
      expect(find(kind).metadata.namespace).toBe(NAMESPACE);
  });

  it('names the same user in the policy as the ServiceAccount the DaemonSet runs as', () => {
    const sa = find('ServiceAccount');
    const daemonSet = find('DaemonSet');
    expect(daemonSet.spec.template.spec.serviceAccountName).toBe(sa.metadata.name);
    const user = `system:serviceaccount:${sa.metadata.namespace}:${sa.metadata.name}`;
    expect(user).toBe(AGENT_USER);
    expect(find('ValidatingAdmissionPolicy').spec.matchConditions[0].expression).toContain(
      `'${user}'`,
    );
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

  it('mounts only the host paths it reads, read-only, the plugin roots with HostToContainer propagation', () => {
    const hostPaths = Object.fromEntries(pod.volumes.map((v: Json) => [v.name, v.hostPath?.path]));
    expect(hostPaths).toEqual({
      'host-etc-containers': '/etc/containers',
      'host-proc': '/proc',
      'host-stargz-store': '/var/lib/stargz-store',
      'host-nydus-store': '/var/lib/nydus-store',
    });
    expect(container.volumeMounts).toEqual([
      { name: 'host-etc-containers', mountPath: '/host/etc/containers', readOnly: true },
      { name: 'host-proc', mountPath: '/host/proc', readOnly: true },
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
    // Never the whole of /var/lib: the kubelet keeps pods' secrets under it.
    expect(Object.values(hostPaths)).not.toContain('/var/lib');
    const env = Object.fromEntries(container.env.map((e: Json) => [e.name, e]));
    expect(env.HOST_ROOT.value).toBe('/host');
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

  it('has an SCC with host paths but no privilege', () => {
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
      volumes: ['hostPath', 'projected'],
      users: [],
      groups: [],
    });
    // What the pod asks for is what the SCC allows.
    const pod = find('DaemonSet').spec.template.spec;
    expect(pod.securityContext.runAsUser).toBe(scc.runAsUser.uid);
    expect(pod.securityContext.seLinuxOptions).toEqual(scc.seLinuxContext.seLinuxOptions);
  });
});

// ---------------------------------------------------------------------------------------------
// The admission policy's CEL

const HEALTH = 'lazy-pull.openshift.io/health';
const REPORT = 'lazy-pull.openshift.io/report';
const NODE_NAME_CLAIM = 'authentication.kubernetes.io/node-name';

interface AdmissionCase {
  name: string;
  request: Json;
  object: Json | null;
  oldObject: Json | null;
}

interface Verdict {
  name: string;
  matched: boolean;
  violations: string[];
  errors: string[];
}

/** Evaluates the policy the way the API server does: matchConditions, variables, validations. */
const EVALUATOR = `
import { evaluate } from '@marcbachmann/cel-js';
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const { policy, cases } = JSON.parse(input);
  const verdicts = cases.map(({ name, request, object, oldObject }) => {
    const context = { request, object, oldObject, variables: {} };
    const verdict = { name, matched: true, violations: [], errors: [] };
    for (const condition of policy.matchConditions) {
      if (evaluate(condition.expression, context) !== true) verdict.matched = false;
    }
    if (!verdict.matched) return verdict;
    for (const variable of policy.variables) {
      try { context.variables[variable.name] = evaluate(variable.expression, context); }
      catch (error) { verdict.errors.push(variable.name + ': ' + error.message.split('\\n')[0]); }
    }
    for (const validation of policy.validations) {
      try {
        if (evaluate(validation.expression, context) !== true) verdict.violations.push(validation.message);
      } catch (error) {
        // failurePolicy: Fail turns an evaluation error into a denial.
        verdict.errors.push(error.message.split('\\n')[0]);
        verdict.violations.push(validation.message);
      }
    }
    return verdict;
  });
  process.stdout.write(JSON.stringify(verdicts));
});
`;

const evaluatePolicy = (cases: AdmissionCase[]): Map<string, Verdict> => {
  const policy = find('ValidatingAdmissionPolicy').spec;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', EVALUATOR], {
    cwd: ROOT,
    input: JSON.stringify({ policy, cases }),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`CEL evaluation failed: ${result.stderr}`);
  const verdicts = JSON.parse(result.stdout) as Verdict[];
  return new Map(verdicts.map((v) => [v.name, v]));
};

const node = (name: string, annotations: Record<string, string> = {}): Json => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    resourceVersion: '1001',
    labels: { 'kubernetes.io/hostname': name, 'node-role.kubernetes.io/worker': '' },
    annotations: { 'machineconfiguration.openshift.io/state': 'Done', ...annotations },
    managedFields: [{ manager: 'kubelet', operation: 'Update' }],
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
): Json => ({
  operation,
  userInfo: {
    username: AGENT_USER,
    groups: ['system:serviceaccounts', 'system:serviceaccounts:lazy-pull', 'system:authenticated'],
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

const before = node('worker-0', { [HEALTH]: 'Healthy', [REPORT]: '{"v":1}' });
const update = (
  name: string,
  change: (copy: Json) => void,
  request: Json = agentRequest(),
): AdmissionCase => ({
  name,
  request,
  oldObject: before,
  object: edit(before, (copy) => {
    copy.metadata.managedFields = [
      ...copy.metadata.managedFields,
      { manager: 'lazy-pull-agent', operation: 'Update' },
    ];
    change(copy);
  }),
});

const ALLOWED: AdmissionCase[] = [
  update('own node, our annotations changed', (n) => {
    n.metadata.annotations[HEALTH] = 'Degraded';
    n.metadata.annotations[REPORT] = '{"v":1,"x":2}';
  }),
  {
    name: 'own node, our annotations added to a node without annotations',
    request: agentRequest(),
    oldObject: edit(node('worker-0'), (n) => delete n.metadata.annotations),
    object: edit(
      node('worker-0'),
      (n) => (n.metadata.annotations = { [HEALTH]: 'Healthy', [REPORT]: '{}' }),
    ),
  },
  update(
    'own node, our annotation removed (cleaning up)',
    (n) => delete n.metadata.annotations[REPORT],
  ),
  update('own node, nothing changed', () => undefined),
  update('another user changing labels', (n) => (n.metadata.labels.x = 'y'), {
    operation: 'UPDATE',
    userInfo: { username: 'system:node:worker-0' },
  }),
  update(
    'an administrator changing our annotation',
    (n) => (n.metadata.annotations[HEALTH] = 'Unhealthy'),
    { operation: 'UPDATE', userInfo: { username: 'kube:admin' } },
  ),
  update('a namesake in another namespace', (n) => (n.metadata.labels.x = 'y'), {
    operation: 'UPDATE',
    userInfo: { username: 'system:serviceaccount:other:lazy-pull-agent' },
  }),
];

const DENIED: [AdmissionCase, RegExp][] = [
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
    /only change annotations under lazy-pull\.openshift\.io\//,
  ],
  [
    update('another annotation added', (n) => (n.metadata.annotations['example.com/x'] = '1')),
    /only change annotations/,
  ],
  [
    update(
      'another annotation removed',
      (n) => delete n.metadata.annotations['machineconfiguration.openshift.io/state'],
    ),
    /only change annotations/,
  ],
  [
    update(
      'a look-alike prefix',
      (n) => (n.metadata.annotations['lazy-pull.openshift.io.evil/x'] = '1'),
    ),
    /only change annotations/,
  ],
  [
    update('a label change', (n) => (n.metadata.labels['node-role.kubernetes.io/infra'] = '')),
    /change nothing but lazy-pull\.openshift\.io\/ annotations/,
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

describe('the admission policy', () => {
  const verdicts = evaluatePolicy([...ALLOWED, ...DENIED.map(([c]) => c)]);

  it.each(ALLOWED.map((c) => [c.name]))('allows: %s', (name) => {
    const verdict = verdicts.get(name);
    expect(verdict?.violations).toEqual([]);
    expect(verdict?.errors).toEqual([]);
  });

  it('does not apply to anyone but the agent', () => {
    for (const name of [
      'another user changing labels',
      'an administrator changing our annotation',
      'a namesake in another namespace',
    ]) {
      expect(verdicts.get(name)?.matched).toBe(false);
    }
    expect(verdicts.get('own node, nothing changed')?.matched).toBe(true);
  });

  it.each(DENIED.map(([c, message]) => [c.name, message]))('denies: %s', (name, message) => {
    const verdict = verdicts.get(name);
    expect(verdict?.matched).toBe(true);
    expect(verdict?.violations.length).toBeGreaterThan(0);
    expect(verdict?.violations.join('\n')).toMatch(message);
  });

  it('evaluates without errors for every agent update (errors would be denials for the wrong reason)', () => {
    for (const [c] of DENIED.filter(([c]) => c.request.operation === 'UPDATE')) {
      expect({ name: c.name, errors: verdicts.get(c.name)?.errors }).toEqual({
        name: c.name,
        errors: [],
      });
    }
  });
});
