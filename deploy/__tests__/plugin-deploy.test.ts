/**
 * deploy/: every kustomize directory renders with `kubectl kustomize`, every rendered object
 * validates against its schema, every workload keeps the security posture, the plugin's objects
 * point at each other correctly, and the optional enable-plugin Job is idempotent.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findObject,
  idOf,
  kustomizeDirs,
  renderKustomize,
  REPO_DIR,
  type K8sObject,
} from '../__test-support__/kustomize';
import { createManifestValidator } from '../__test-support__/schemas';

// Only what these tests read; the schemas have already checked the shapes.
interface Probe {
  httpGet?: { scheme?: string; port: number | string; path?: string };
  exec?: { command: string[] };
}
interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    privileged?: boolean;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: { type: string };
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    seccompProfile?: { type: string };
  };
  containers: Container[];
  initContainers?: Container[];
  volumes?: {
    name: string;
    secret?: { secretName: string };
    configMap?: { name: string };
    emptyDir?: object;
  }[];
}
interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}

const POD_OWNERS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job'];
const LONG_RUNNING = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet'];
const CLUSTER_SCOPED = [
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'ConsolePlugin',
  'SecurityContextConstraints',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'PriorityClass',
];

/**
 * Workloads allowed to run as root, and why. Root here is not privilege: the posture checks still
 * require every capability dropped, no privilege escalation, no privileged mode.
 */
const ROOT_ALLOWED: Record<string, string> = {
  'DaemonSet/lazy-pull-agent':
    "reads the storage plugins' root-owned (possibly 0700) directories on the host, as uid 0 with no capabilities, under its own SCC (deploy/agent/scc.yaml)",
};

const podTemplateOf = (object: K8sObject): PodTemplate =>
  (object.spec as { template: PodTemplate }).template;
const allContainers = (spec: PodSpec): Container[] => [
  ...(spec.initContainers ?? []),
  ...spec.containers,
];

const dirs = kustomizeDirs();
const PLUGIN_DIRS = [
  'deploy/plugin',
  'deploy/overlays/plugin-only',
  'deploy/overlays/plugin-and-agent',
];
/** One validator for the kinds of every directory: preparing one reads the kubernetes-models types. */
let validatorOfAll: ReturnType<typeof createManifestValidator> | undefined;
const manifestValidator = () =>
  (validatorOfAll ??= createManifestValidator(
    dirs.flatMap((dir) => {
      try {
        return renderKustomize(dir);
      } catch {
        return []; // its own render test reports it
      }
    }),
  ));

const packageJson = JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as {
  name: string;
  consolePlugin: { name: string; displayName: string };
};

describe('kustomize directories under deploy/', () => {
  it('include the plugin, the enable-plugin Job and both overlays', () => {
    expect(dirs).toEqual(expect.arrayContaining([...PLUGIN_DIRS, 'deploy/enable-plugin']));
  });

  describe.each(dirs)('%s', (dir) => {
    it('renders with kubectl kustomize', () => {
      const objects = renderKustomize(dir);
      expect(objects.length).toBeGreaterThan(0);
      const ids = objects.map(idOf);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('renders only objects that validate against their schemas', async () => {
      const objects = renderKustomize(dir);
      const validate = await manifestValidator();
      const invalid = objects
        .map((object) => ({ id: idOf(object), ...validate(object) }))
        .filter((result) => result.errors.length > 0)
        .map((result) => `${result.id} (${result.source}): ${result.errors.join('; ')}`);
      expect(invalid).toEqual([]);
    }, 60_000);

    it('puts namespaced objects in a namespace and cluster-scoped ones in none', () => {
      for (const object of renderKustomize(dir)) {
        if (CLUSTER_SCOPED.includes(object.kind))
          expect({ id: idOf(object), namespace: object.metadata.namespace }).toEqual({
            id: idOf(object),
            namespace: undefined,
          });
        else
          expect({ id: idOf(object), namespace: object.metadata.namespace }).toEqual({
            id: idOf(object),
            namespace: expect.any(String),
          });
      }
    });

    it('runs every container non-root, read-only, unprivileged, with limits (and probes when long-running)', () => {
      const problems: string[] = [];
      for (const owner of renderKustomize(dir).filter((o) => POD_OWNERS.includes(o.kind))) {
        const { spec } = podTemplateOf(owner);
        const podNonRoot = spec.securityContext?.runAsNonRoot === true;
        const podSeccomp = spec.securityContext?.seccompProfile?.type;
        for (const c of allContainers(spec)) {
          const where = `${idOf(owner)} container ${c.name}`;
          const sc = c.securityContext ?? {};
          const mayRunAsRoot =
            !(sc.runAsNonRoot ?? podNonRoot) ||
            sc.runAsUser === 0 ||
            spec.securityContext?.runAsUser === 0;
          if (mayRunAsRoot && ROOT_ALLOWED[`${owner.kind}/${owner.metadata.name}`] === undefined)
            problems.push(`${where}: may run as root`);
          if (sc.privileged === true) problems.push(`${where}: privileged`);
          if (sc.allowPrivilegeEscalation !== false)
            problems.push(`${where}: allowPrivilegeEscalation is not false`);
          if (sc.readOnlyRootFilesystem !== true)
            problems.push(`${where}: root filesystem is writable`);
          if (!(sc.capabilities?.drop ?? []).includes('ALL'))
            problems.push(`${where}: does not drop ALL capabilities`);
          if ((sc.capabilities?.add ?? []).length > 0)
            problems.push(`${where}: adds capabilities ${String(sc.capabilities?.add)}`);
          if ((sc.seccompProfile?.type ?? podSeccomp) !== 'RuntimeDefault')
            problems.push(`${where}: seccomp profile is not RuntimeDefault`);
          for (const kind of ['requests', 'limits'] as const) {
            for (const resource of ['cpu', 'memory']) {
              if (c.resources?.[kind]?.[resource] === undefined)
                problems.push(`${where}: no ${resource} ${kind}`);
            }
          }
          const isInit = (spec.initContainers ?? []).includes(c);
          if (LONG_RUNNING.includes(owner.kind) && !isInit) {
            if (c.livenessProbe === undefined) problems.push(`${where}: no liveness probe`);
            // Readiness decides whether a pod receives traffic. A DaemonSet container that
            // declares no port (the node agent) serves nothing, so there is nothing to be ready
            // for; it needs a startup probe instead, which keeps a new pod unready until it works,
            // so that a rolling update (maxUnavailable) still waits for it.
            const servesNothing = owner.kind === 'DaemonSet' && (c.ports ?? []).length === 0;
            if (servesNothing) {
              if (c.startupProbe === undefined) problems.push(`${where}: no startup probe`);
            } else if (c.readinessProbe === undefined)
              problems.push(`${where}: no readiness probe`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  });
});

describe('the schema checks', () => {
  const plugin = () => renderKustomize('deploy/plugin');
  const errorsOf = async (object: K8sObject) => (await manifestValidator())(object).errors;
  const mutated = (object: K8sObject, change: (copy: any) => void): K8sObject => {
    const copy = structuredClone(object);
    change(copy);
    return copy;
  };

  it('pass the plugin as written', async () => {
    for (const object of plugin())
      expect({ id: idOf(object), errors: await errorsOf(object) }).toEqual({
        id: idOf(object),
        errors: [],
      });
  });

  it('catch a misspelt field, as strict field validation would', async () => {
    const deployment = mutated(findObject(plugin(), 'Deployment'), (d) => {
      d.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem = true;
    });
    expect(await errorsOf(deployment)).toEqual([
      'spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem: unknown field',
    ]);
  });

  it('catch a wrong type and a missing required field', async () => {
    const deployment = mutated(findObject(plugin(), 'Deployment'), (d) => {
      d.spec.replicas = 'two';
      delete d.spec.template.spec.containers[0].name;
    });
    const [message] = await errorsOf(deployment);
    expect(message).toMatch(/replicas must be integer/);
    expect(message).toMatch(/containers\/0 must have required property name/);
  });

  it('hold a ConsolePlugin to its CRD: enums, cluster scope, no unknown fields', async () => {
    const consolePlugin = findObject(plugin(), 'ConsolePlugin');
    expect(await errorsOf(mutated(consolePlugin, (p) => (p.spec.i18n.loadType = 'Eager')))).toEqual(
      ['/spec/i18n/loadType must be equal to one of the allowed values'],
    );
    expect(
      await errorsOf(mutated(consolePlugin, (p) => (p.metadata.namespace = 'lazy-pull'))),
    ).toEqual([
      '/metadata must NOT have additional properties ({"additionalProperty":"namespace"})',
    ]);
    expect(
      await errorsOf(mutated(consolePlugin, (p) => (p.spec.backend.service.port = 70000))),
    ).toEqual(['/spec/backend/service/port must be <= 65535']);
    expect(
      await errorsOf(mutated(consolePlugin, (p) => (p.spec.service = p.spec.backend.service))),
    ).toEqual(['/spec must NOT have additional properties ({"additionalProperty":"service"})']);
  });

  it('hold a SecurityContextConstraints to its CRD', async () => {
    const scc: K8sObject = {
      apiVersion: 'security.openshift.io/v1',
      kind: 'SecurityContextConstraints',
      metadata: { name: 'example' },
      allowHostDirVolumePlugin: true,
      allowHostIPC: false,
      allowHostNetwork: false,
      allowHostPID: false,
      allowHostPorts: false,
      allowPrivilegedContainer: false,
      allowedCapabilities: null,
      defaultAddCapabilities: null,
      priority: null,
      readOnlyRootFilesystem: true,
      requiredDropCapabilities: ['ALL'],
      runAsUser: { type: 'MustRunAsRange' },
      volumes: ['hostPath', 'emptyDir'],
    };
    const validate = await manifestValidator();
    expect(validate(scc).errors).toEqual([]);
    expect(validate(mutated(scc, (s) => delete s.volumes)).errors).toEqual([
      "/ must have required property 'volumes'",
    ]);
    expect(validate(mutated(scc, (s) => (s.runAsUser.type = 'MustRunAsRoot'))).errors).toEqual([
      '/runAsUser/type must be equal to one of the allowed values',
    ]);
  });

  it('refuse a kind no schema covers', async () => {
    const validate = await manifestValidator();
    expect(() =>
      validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
    ).toThrow(/no schema/);
  });
});

describe.each(PLUGIN_DIRS.filter((dir) => dirs.includes(dir)))(
  'the plugin as rendered from %s',
  (dir) => {
    const objects = () => renderKustomize(dir);
    const deployment = () => findObject(objects(), 'Deployment', 'lazy-pull-console-plugin');
    const container = () => podTemplateOf(deployment()).spec.containers[0];

    it('is registered under the package name, with i18n preloaded', () => {
      const plugin = findObject(objects(), 'ConsolePlugin');
      expect(plugin.metadata.name).toBe(packageJson.consolePlugin.name);
      expect(plugin.metadata.name).toBe(packageJson.name);
      expect(plugin.spec).toEqual({
        displayName: packageJson.consolePlugin.displayName,
        backend: {
          type: 'Service',
          service: {
            name: 'lazy-pull-console-plugin',
            namespace: 'lazy-pull',
            port: 9443,
            basePath: '/',
          },
        },
        i18n: { loadType: 'Preload' },
      });
    });

    it('lives in the lazy-pull namespace, which the directory creates', () => {
      findObject(objects(), 'Namespace', 'lazy-pull');
      for (const kind of ['Deployment', 'Service', 'ConfigMap', 'PodDisruptionBudget']) {
        expect(findObject(objects(), kind).metadata.namespace).toBe('lazy-pull');
      }
    });

    it('serves over TLS from the service-ca certificate of the Service the ConsolePlugin names', () => {
      const service = findObject(objects(), 'Service', 'lazy-pull-console-plugin');
      const secretName =
        service.metadata.annotations?.['service.beta.openshift.io/serving-cert-secret-name'];
      expect(secretName).toBe('lazy-pull-console-plugin-cert');
      const { spec } = podTemplateOf(deployment());
      const certVolume = spec.volumes?.find((v) => v.secret?.secretName === secretName);
      expect(certVolume).toBeDefined();
      expect(container().volumeMounts).toContainEqual({
        name: certVolume?.name,
        mountPath: '/var/serving-cert',
        readOnly: true,
      });

      const serviceSpec = service.spec as {
        selector: Record<string, string>;
        ports: { port: number; targetPort: string }[];
      };
      expect(podTemplateOf(deployment()).metadata?.labels).toEqual(
        expect.objectContaining(serviceSpec.selector),
      );
      expect(serviceSpec.ports).toEqual([
        expect.objectContaining({ port: 9443, targetPort: 'https' }),
      ]);
      expect(container().ports).toContainEqual(
        expect.objectContaining({ name: 'https', containerPort: 9443 }),
      );
    });

    it('runs nginx with the ConfigMap nginx.conf, writing only to an emptyDir /tmp', () => {
      const configMap = findObject(objects(), 'ConfigMap');
      expect(configMap.metadata.name).toMatch(/^lazy-pull-console-plugin-nginx-/);
      const { spec } = podTemplateOf(deployment());
      const confVolume = spec.volumes?.find((v) => v.configMap?.name === configMap.metadata.name);
      expect(confVolume).toBeDefined();
      expect(container().volumeMounts).toContainEqual({
        name: confVolume?.name,
        mountPath: '/etc/nginx-plugin',
        readOnly: true,
      });
      const tmpVolume = spec.volumes?.find((v) => v.emptyDir !== undefined);
      expect(container().volumeMounts).toContainEqual({ name: tmpVolume?.name, mountPath: '/tmp' });

      const script = container().command?.join(' ') ?? '';
      expect(script).toContain('/etc/nginx-plugin/nginx.conf > /tmp/nginx.conf');
      expect(script).toContain('exec nginx -e stderr -c /tmp/nginx.conf');
      const directives = (configMap.data as Record<string, string>)['nginx.conf']
        .split('\n')
        .filter((line) => !line.trim().startsWith('#'));
      expect(directives.filter((line) => line.includes('@LISTEN@'))).toEqual([
        '    listen               @LISTEN@ ssl;',
      ]);
    });

    it('probes the manifest over HTTPS and needs no API token', () => {
      for (const probe of [container().readinessProbe, container().livenessProbe]) {
        expect(probe?.httpGet).toEqual({
          scheme: 'HTTPS',
          port: 'https',
          path: '/plugin-manifest.json',
        });
      }
      expect(podTemplateOf(deployment()).spec.automountServiceAccountToken).toBe(false);
    });

    it('uses a pinned image tag', () => {
      expect(container().image).toMatch(/:[\w][\w.-]*$/);
      expect(container().image).not.toMatch(/:latest$/);
    });
  },
);

describe('the plugin-and-agent overlay', () => {
  const combined = () => renderKustomize('deploy/overlays/plugin-and-agent');

  it('holds every object of the plugin and of the agent', () => {
    expect(dirs).toEqual(
      expect.arrayContaining(['deploy/overlays/plugin-and-agent', 'deploy/agent']),
    );
    for (const part of ['deploy/overlays/plugin-only', 'deploy/agent']) {
      expect(combined().map(idOf)).toEqual(expect.arrayContaining(renderKustomize(part).map(idOf)));
    }
  });

  it("keeps the plugin in its restricted namespace and the agent's host-path pods in theirs", () => {
    expect(findObject(combined(), 'Namespace', 'lazy-pull')).toEqual(
      findObject(renderKustomize('deploy/plugin'), 'Namespace', 'lazy-pull'),
    );
    expect(findObject(combined(), 'Namespace', 'lazy-pull-agent')).toEqual(
      findObject(renderKustomize('deploy/agent'), 'Namespace', 'lazy-pull-agent'),
    );
  });

  it("keeps the plugin's pods under restricted-v2 in that namespace", () => {
    const template = podTemplateOf(
      findObject(combined(), 'Deployment', 'lazy-pull-console-plugin'),
    ) as PodTemplate & {
      metadata: { annotations?: Record<string, string> };
    };
    expect(template.metadata.annotations?.['openshift.io/required-scc']).toBe('restricted-v2');
  });
});

describe('deploy/enable-plugin', () => {
  const objects = () => renderKustomize('deploy/enable-plugin');
  const job = () => findObject(objects(), 'Job');
  const jobContainer = () => podTemplateOf(job()).spec.containers[0];

  it('may only read and patch the cluster Console operator configuration, and end that right', () => {
    const serviceAccount = podTemplateOf(job()).spec.serviceAccountName;
    const binding = findObject(objects(), 'ClusterRoleBinding');
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: serviceAccount, namespace: job().metadata.namespace },
    ]);
    const role = findObject(objects(), 'ClusterRole', (binding.roleRef as { name: string }).name);
    expect(role.rules).toEqual([
      {
        apiGroups: ['operator.openshift.io'],
        resources: ['consoles'],
        resourceNames: ['cluster'],
        verbs: ['get', 'patch'],
      },
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterrolebindings'],
        resourceNames: [binding.metadata.name],
        verbs: ['delete'],
      },
    ]);
    expect(jobContainer().env).toContainEqual({ name: 'GRANT', value: binding.metadata.name });
    findObject(objects(), 'ServiceAccount', serviceAccount);
    // The finished Job goes after a while, so that applying the directory again runs it again.
    expect(job().spec).toMatchObject({ ttlSecondsAfterFinished: 3600 });
  });

  it('names the plugin of package.json', () => {
    expect(jobContainer().env).toContainEqual({
      name: 'PLUGIN',
      value: packageJson.consolePlugin.name,
    });
  });

  describe('its script, against a simulated oc', () => {
    let dir: string;
    const stateFile = () => join(dir, 'console.json');
    const logFile = () => join(dir, 'oc.log');

    // A stand-in for `oc` that keeps consoles.operator.openshift.io/cluster and the Job's
    // ClusterRoleBinding in a file and understands the commands the script runs: get with the
    // plugins jsonpath, a JSON patch of add and test operations (RFC 6902), and the delete of the
    // binding. Without the binding, get and patch are forbidden, as RBAC would answer.
    // FAKE_OC_RACE=1 makes another writer add a plugin between the script's read and its patch.
    const fakeOc = `#!${process.execPath}
const fs = require('node:fs');
const [state, log] = [process.env.FAKE_OC_STATE, process.env.FAKE_OC_LOG];
const args = process.argv.slice(2);
fs.appendFileSync(log, JSON.stringify(args) + '\\n');
const console_ = JSON.parse(fs.readFileSync(state, 'utf8'));
if (args[0] === 'delete' && args[1] === 'clusterrolebinding') {
  if (!console_.bindings.includes(args[2]) && !args.includes('--ignore-not-found')) process.exit(1);
  console_.bindings = console_.bindings.filter((b) => b !== args[2]);
  fs.writeFileSync(state, JSON.stringify(console_));
  process.stdout.write('clusterrolebinding.rbac.authorization.k8s.io "' + args[2] + '" deleted\\n');
  process.exit(0);
}
if (!console_.bindings.includes(process.env.GRANT)) {
  process.stderr.write('Error from server (Forbidden): consoles.operator.openshift.io "cluster" is forbidden\\n');
  process.exit(1);
}
const target = args.slice(1, 3).join(' ');
if (target !== 'consoles.operator.openshift.io cluster') { process.stderr.write('unexpected target ' + target + '\\n'); process.exit(2); }
if (args[0] === 'get') {
  if (args.slice(3).join(' ') !== '-o jsonpath={.spec.plugins}') process.exit(2);
  const plugins = console_.spec.plugins;
  process.stdout.write(plugins === undefined ? '' : JSON.stringify(plugins));
  process.exit(0);
}
if (args[0] === 'patch' && args[3] === '--type=json' && args[4] === '-p') {
  if (process.env.FAKE_OC_RACE === '1') (console_.spec.plugins ??= []).push('someone-else');
  const resolve = (path) => {
    const parts = path.split('/').slice(1);
    let parent = console_;
    for (const p of parts.slice(0, -1)) parent = parent[p];
    return [parent, parts[parts.length - 1]];
  };
  for (const op of JSON.parse(args[5])) {
    const [parent, last] = resolve(op.path);
    if (op.op === 'test') {
      if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) { process.stderr.write('The request is invalid: the server rejected our request due to an error in our request\\n'); fs.writeFileSync(state, JSON.stringify(console_)); process.exit(1); }
    } else if (op.op === 'add') {
      if (Array.isArray(parent) && last === '-') parent.push(op.value); else parent[last] = op.value;
    } else process.exit(2);
  }
  fs.writeFileSync(state, JSON.stringify(console_));
  process.stdout.write('console.operator.openshift.io/cluster patched\\n');
  process.exit(0);
}
process.exit(2);
`;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'enable-plugin-'));
      writeFileSync(join(dir, 'oc'), fakeOc);
      chmodSync(join(dir, 'oc'), 0o755);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const run = (spec: object, race = false, bindings = ['lazy-pull-console-plugin-enabler']) => {
      writeFileSync(stateFile(), JSON.stringify({ spec, bindings }));
      writeFileSync(logFile(), '');
      const [shell, flag, script] = jobContainer().command ?? [];
      expect([shell, flag]).toEqual(['/bin/bash', '-c']);
      const env: NodeJS.ProcessEnv = {
        PATH: `${dir}:${process.env.PATH ?? ''}`,
        HOME: dir,
        FAKE_OC_STATE: stateFile(),
        FAKE_OC_LOG: logFile(),
        FAKE_OC_RACE: race ? '1' : '0',
      };
      for (const { name, value } of jobContainer().env ?? [])
        if (name !== 'HOME') env[name] = value;
      const result = spawnSync('bash', ['-c', script], { env, encoding: 'utf8' });
      const after = JSON.parse(readFileSync(stateFile(), 'utf8')) as {
        spec: { plugins?: string[] };
        bindings: string[];
      };
      const calls = readFileSync(logFile(), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as string[])[0]);
      return {
        status: result.status,
        plugins: after.spec.plugins,
        bindings: after.bindings,
        calls,
        output: result.stdout + result.stderr,
      };
    };

    it('creates the list when the console has no plugins, then gives up its right to patch', () => {
      expect(run({})).toMatchObject({
        status: 0,
        plugins: ['lazy-pull-console-plugin'],
        calls: ['get', 'patch', 'delete'],
        bindings: [],
      });
    });

    it('can patch nothing once it has run', () => {
      expect(run({}, false, [])).toMatchObject({
        status: 1,
        plugins: undefined,
        output: expect.stringContaining('Forbidden'),
      });
    });

    it('appends to the list, keeping the other plugins', () => {
      expect(run({ plugins: ['monitoring-plugin', 'odf-console'] })).toMatchObject({
        status: 0,
        plugins: ['monitoring-plugin', 'odf-console', 'lazy-pull-console-plugin'],
      });
      expect(run({ plugins: [] })).toMatchObject({
        status: 0,
        plugins: ['lazy-pull-console-plugin'],
      });
    });

    it('changes nothing when the plugin is already enabled', () => {
      expect(run({ plugins: ['a', 'lazy-pull-console-plugin'] })).toMatchObject({
        status: 0,
        plugins: ['a', 'lazy-pull-console-plugin'],
        calls: ['get', 'delete'],
        bindings: [],
      });
    });

    it('does not take a plugin whose name merely contains this one for it', () => {
      expect(run({ plugins: ['lazy-pull-console-plugin-old'] })).toMatchObject({
        status: 0,
        plugins: ['lazy-pull-console-plugin-old', 'lazy-pull-console-plugin'],
      });
    });

    it('fails (and the Job retries) rather than overwrite a change made since it read the list', () => {
      const result = run({ plugins: ['a'] }, true);
      expect(result.status).not.toBe(0);
      expect(result.plugins).toEqual(['a', 'someone-else']);
      // It keeps its right, for the retry.
      expect(result.bindings).toEqual(['lazy-pull-console-plugin-enabler']);
    });
  });
});

describe('the Containerfile', () => {
  const containerfile = readFileSync(join(REPO_DIR, 'Containerfile'), 'utf8');
  const stages = containerfile.split('\n').filter((line) => line.startsWith('FROM '));

  it('builds on UBI 9 Node.js 22 (minimal) and serves with UBI 9 nginx, both pinned by digest', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(
      /^FROM registry\.access\.redhat\.com\/ubi9\/nodejs-22-minimal@sha256:[0-9a-f]{64} AS build$/,
    );
    expect(stages[1]).toMatch(
      /^FROM registry\.access\.redhat\.com\/ubi9\/nginx-\d+@sha256:[0-9a-f]{64}$/,
    );
    expect(containerfile).toMatch(/RUN npm ci\b/);
    expect(containerfile).toMatch(/RUN npm run build\b/);
  });

  it('ends as a non-root user and copies dist/ to the path nginx.conf serves', () => {
    const users = containerfile.split('\n').filter((line) => line.startsWith('USER '));
    expect(users[users.length - 1]).toBe('USER 1001');
    const conf = readFileSync(join(REPO_DIR, 'deploy', 'plugin', 'base', 'nginx.conf'), 'utf8');
    const root = /^\s*root\s+(\S+);/m.exec(conf)?.[1];
    expect(containerfile).toContain(`/opt/app-root/src/dist/ ${root}/`);
  });

  it('copies every file the production build reads', () => {
    const copied = containerfile
      .split('\n')
      .filter((line) => line.startsWith('COPY --chown=1001:0'))
      .join(' ');
    // What webpack.config.ts names in the repository (its context, aliases, copied locales…).
    const webpackConfig = readFileSync(join(REPO_DIR, 'webpack.config.ts'), 'utf8');
    const named = [...webpackConfig.matchAll(/path\.resolve\(__dirname, '([^']+)'\)/g)].map(
      (m) => m[1].split('/')[0],
    );
    expect(named).toEqual(expect.arrayContaining(['src', 'bundle-stand-ins', 'locales', 'dist']));
    const needed = new Set([
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'webpack.config.ts',
      'console-extensions.json',
      ...named.filter((name) => name !== 'dist'),
    ]);
    for (const name of needed) expect(copied).toContain(` ${name}`);
  });
});

describe('the base images', () => {
  const files = ['Containerfile', 'src/agent/Containerfile'];
  const read = (file: string) => readFileSync(join(REPO_DIR, file), 'utf8');

  it.each(files)(
    '%s: every stage is pinned by digest, under a comment naming the tag it came from',
    (file) => {
      const lines = read(file).split('\n');
      const froms = lines
        .map((line, i) => [line, lines[i - 1]] as const)
        .filter(([l]) => l.startsWith('FROM '));
      expect(froms.length).toBeGreaterThan(0);
      for (const [from, above] of froms) {
        const image = /^FROM (\S+)@sha256:[0-9a-f]{64}( AS \w+)?$/.exec(from)?.[1];
        expect({ from, pinned: image !== undefined }).toEqual({ from, pinned: true });
        expect(above).toMatch(
          new RegExp(`^# tag: ${(image ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\S+$`),
        );
      }
    },
  );

  it('runs the agent on a supported Node.js: UBI 9 Node.js 22, minimal', () => {
    const froms = read('src/agent/Containerfile')
      .split('\n')
      .filter((line) => line.startsWith('FROM '));
    expect(froms).toHaveLength(2);
    for (const from of froms)
      expect(from).toMatch(/^FROM registry\.access\.redhat\.com\/ubi9\/nodejs-22-minimal@sha256:/);
  });

  it('are pinned again by scripts/pin-base-images.sh, from the tags, touching nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pin-base-images-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      mkdirSync(join(dir, 'src', 'agent'), { recursive: true });
      mkdirSync(join(dir, 'bin'));
      copyFileSync(
        join(REPO_DIR, 'scripts', 'pin-base-images.sh'),
        join(dir, 'scripts', 'pin-base-images.sh'),
      );
      for (const file of files) copyFileSync(join(REPO_DIR, file), join(dir, file));
      // A stand-in for skopeo: `inspect --raw docker://IMAGE:TAG` prints the tag's manifest.
      writeFileSync(
        join(dir, 'bin', 'skopeo'),
        `#!/bin/sh\n[ "$1 $2" = "inspect --raw" ] || exit 2\nprintf '{"manifest-of":"%s"}' "$3"\n`,
      );
      chmodSync(join(dir, 'bin', 'skopeo'), 0o755);
      const result = spawnSync('bash', [join(dir, 'scripts', 'pin-base-images.sh')], {
        env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` },
        encoding: 'utf8',
      });
      expect(result.status).toBe(0);
      for (const file of files) {
        const before = read(file).split('\n');
        const after = readFileSync(join(dir, file), 'utf8').split('\n');
        expect(after).toHaveLength(before.length);
        after.forEach((line, i) => {
          if (!line.startsWith('FROM ')) {
            expect(line).toBe(before[i]);
            return;
          }
          const tag = /^# tag: (\S+)$/.exec(after[i - 1])?.[1] as string;
          const digest = createHash('sha256')
            .update(`{"manifest-of":"docker://${tag}"}`)
            .digest('hex');
          expect(line).toBe(before[i].replace(/@sha256:[0-9a-f]{64}/, `@sha256:${digest}`));
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
