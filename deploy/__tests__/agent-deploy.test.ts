/**
 * deploy/agent renders, grants no more than the agent needs, and its admission policy's CEL
 * allows exactly the agent's own writes. The CEL is evaluated with @marcbachmann/cel-js, an
 * ES module Jest cannot load in-process here, so a Node child process evaluates every case in
 * one go.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
    const hostPaths = Object.fromEntries(
      pod.volumes
        .filter((v: Json) => v.hostPath !== undefined)
        .map((v: Json) => [v.name, v.hostPath.path]),
    );
    expect(hostPaths).toEqual({
      'host-etc-containers': '/etc/containers',
      'host-proc': '/proc',
      'host-stargz-store': '/var/lib/stargz-store',
      'host-nydus-store': '/var/lib/nydus-store',
    });
    expect(container.volumeMounts).toEqual([
      { name: 'run', mountPath: '/run/lazy-pull' },
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
      volumes: ['emptyDir', 'hostPath', 'projected'],
      users: [],
      groups: [],
    });
    // What the pod asks for is what the SCC allows.
    const pod = find('DaemonSet').spec.template.spec;
    for (const volume of pod.volumes as Json[]) {
      const type = Object.keys(volume).find((key) => key !== 'name');
      expect(scc.volumes).toContain(type);
    }
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
