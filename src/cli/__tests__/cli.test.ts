import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeWithShared, hasShared, sharedPath } from '../../__test-support__/sharedData';
import { runCli } from '../run';

const GOLDEN = sharedPath('golden', 'mco');
const cases = hasShared('golden', 'mco')
  ? readdirSync(GOLDEN).filter((d) => d.startsWith('case'))
  : [];

const run = (argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const status = runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { status, stdout, stderr };
};

const tmp = () => mkdtempSync(join(tmpdir(), 'lazy-pull-cli-'));

/** Every file below a folder, as relative path → contents. */
const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = readFileSync(join(dir, r), 'utf8');
    }
  };
  if (existsSync(dir)) walk('');
  return out;
};

describeWithShared('golden/mco')('lazy-pull render, against every golden case', () => {
  it.each(cases.length > 0 ? cases : ['(no cases)'])('%s', (name) => {
    const caseDir = join(GOLDEN, name);
    const out = join(tmp(), 'out');
    const result = run(['render', join(caseDir, 'input.yaml'), '--out', out]);
    const errorFile = join(caseDir, 'error.txt');
    if (existsSync(errorFile)) {
      expect(result.status).toBe(1);
      expect(tree(out)).toEqual({});
      // One line, naming the field, with the message the MCO (or the API server) gives.
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^spec\.containerRuntimeConfig\.[A-Za-z[\]0-9.]+: /);
      return;
    }
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    const written = tree(out);
    const expected: Record<string, string> = {};
    if (existsSync(join(caseDir, 'storage.conf'))) {
      expected['storage.conf'] = readFileSync(join(caseDir, 'storage.conf'), 'utf8');
    }
    for (const [f, contents] of Object.entries(tree(join(caseDir, 'crio-drop-ins')))) {
      expected[`crio.conf.d/${f}`] = contents;
    }
    const { 'machineconfig.yaml': mcYaml, ...files } = written;
    expect(files).toEqual(expected);
    const mc = parse(mcYaml) as Record<string, any>;
    expect(mc.kind).toBe('MachineConfig');
    expect(mc.metadata.name).toBe('99-worker-generated-containerruntime');
    expect(mc.metadata.labels).toEqual({ 'machineconfiguration.openshift.io/role': 'worker' });
    expect(JSON.stringify(mc.spec.config)).toBe(
      readFileSync(join(caseDir, 'ignition.json'), 'utf8'),
    );
  });
});

describe('lazy-pull validate', () => {
  const write = (text: string) => {
    const f = join(tmp(), 'ctrcfg.yaml');
    writeFileSync(f, text);
    return f;
  };
  const manifest = (cfg: string) => `apiVersion: machineconfiguration.openshift.io/v1
kind: ContainerRuntimeConfig
metadata:
  name: lazy-pull
spec:
  machineConfigPoolSelector:
    matchLabels:
      pools.operator.machineconfiguration.openshift.io/gpu: ""
  containerRuntimeConfig:
${cfg}`;

  it('accepts a valid file silently', () => {
    const f = write(
      manifest('    additionalLayerStores:\n    - path: /var/lib/stargz-store/store\n'),
    );
    expect(run(['validate', f])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('warns, without failing, about what the API server would drop and a plugin root directory', () => {
    const f = write(
      manifest(
        '    lazyPull: true\n    additionalLayerStores:\n    - path: /var/lib/stargz-store\n',
      ),
    );
    const r = run(['validate', f]);
    expect(r.status).toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'Warning: unknown field "spec.containerRuntimeConfig.lazyPull"',
      "Warning: spec.containerRuntimeConfig.additionalLayerStores[0].path: /var/lib/stargz-store is stargz-store's root directory, not its FUSE mount point; the store path is /var/lib/stargz-store/store",
    ]);
  });

  it('prints the API server’s causes as kubectl does, one per line; the MCO’s only when the server accepts', () => {
    const f = write(
      manifest(
        '    pidsLimit: 10\n    additionalLayerStores:\n    - path: /var/lib/stargz-store/store\n    - path: /var/lib//nydus\n    - path: relative\n',
      ),
    );
    const r = run(['validate', f]);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'spec.containerRuntimeConfig.additionalLayerStores[1].path: Invalid value: "string": path must not contain consecutive forward slashes',
      `spec.containerRuntimeConfig.additionalLayerStores[2].path: Invalid value: "string": path must be absolute and contain only alphanumeric characters, '/', '.', '_', and '-'`,
    ]);
    const mco = run(['validate', write(manifest('    pidsLimit: 10\n'))]);
    expect(mco).toEqual({
      status: 1,
      stdout: '',
      stderr: 'spec.containerRuntimeConfig.pidsLimit: invalid PidsLimit 10\n',
    });
  });

  it.each([
    ['a file that is not YAML', 'kind: [oops\n', /ctrcfg\.yaml:\d+: /],
    [
      'another kind',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
      /not a ContainerRuntimeConfig: kind is "ConfigMap"/,
    ],
    ['an empty file', '', /empty/],
  ])('explains %s', (_what, text, message) => {
    const r = run(['validate', write(text)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('explains a file it cannot read with status 3', () => {
    expect(run(['validate', '/nonexistent/ctrcfg.yaml'])).toEqual({
      status: 3,
      stdout: '',
      stderr: '/nonexistent/ctrcfg.yaml: no such file or directory\n',
    });
    expect(run(['validate', tmp()])).toMatchObject({ status: 3, stderr: /not a regular file/ });
    expect(run(['validate', '/dev/zero'])).toMatchObject({
      status: 3,
      stderr: /not a regular file/,
    });
  });

  it('renders for the pool its selector names, or the one given', () => {
    const f = write(
      manifest('    additionalLayerStores:\n    - path: /var/lib/stargz-store/store\n'),
    );
    const out = join(tmp(), 'o');
    expect(run(['render', f, '--out', out]).status).toBe(0);
    expect(readFileSync(join(out, 'machineconfig.yaml'), 'utf8')).toContain(
      'name: 99-gpu-generated-containerruntime',
    );
    const out2 = join(tmp(), 'o2');
    expect(run(['render', f, '--out', out2, '--pool', 'worker']).status).toBe(0);
    expect(readFileSync(join(out2, 'machineconfig.yaml'), 'utf8')).toContain(
      'machineconfiguration.openshift.io/role: worker',
    );
  });

  it('rejects wrong usage with status 2', () => {
    expect(run([]).status).toBe(0);
    expect(run(['render', 'x.yaml']).status).toBe(2);
    expect(run(['frobnicate', 'x.yaml']).status).toBe(2);
    expect(run(['validate']).status).toBe(2);
    expect(run(['render', 'x', '--out']).status).toBe(2);
  });
});

describeWithShared('golden/mco')('the npm script, as the contract names it', () => {
  const root = join(__dirname, '../../..');
  it('renders a golden case and refuses an invalid one, through `npm run -s cli`', () => {
    const out = join(tmp(), 'npm');
    const ok = spawnSync(
      'npm',
      [
        'run',
        '-s',
        'cli',
        '--',
        'render',
        join(GOLDEN, 'case01-layer-store-stargz/input.yaml'),
        '--out',
        out,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
    expect(readFileSync(join(out, 'storage.conf'), 'utf8')).toBe(
      readFileSync(join(GOLDEN, 'case01-layer-store-stargz/storage.conf'), 'utf8'),
    );
    const bad = spawnSync(
      'npm',
      [
        'run',
        '-s',
        'cli',
        '--',
        'validate',
        join(GOLDEN, 'case33-layer-store-double-slash/input.yaml'),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      'spec.containerRuntimeConfig.additionalLayerStores[0].path: Invalid value: "string": path must not contain consecutive forward slashes\n',
    );
  }, 60000);
});

describe('lazy-pull never crashes and never writes half (the fuzz families)', () => {
  const write = (text: string, name = 'ctrcfg.yaml') => {
    const f = join(tmp(), name);
    writeFileSync(f, text);
    return f;
  };
  const withSpec = (spec: string) =>
    `apiVersion: machineconfiguration.openshift.io/v1\nkind: ContainerRuntimeConfig\nmetadata:\n  name: a\nspec:\n${spec}`;
  const STORES =
    '  containerRuntimeConfig:\n    additionalLayerStores:\n    - path: /var/lib/stargz-store/store\n';

  it('refuses a self-referencing alias with a line, not a stack overflow', () => {
    const r = run(['validate', write(withSpec(`  containerRuntimeConfig:\n    x: &a [*a]\n`))]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ctrcfg\.yaml: an anchor’s value contains an alias to itself\n$/);
  });

  it.each([
    ['a map', '{key: a, operator: In}'],
    ['a number', '5'],
    ['a boolean', 'true'],
  ])('refuses matchExpressions given as %s with the API server’s cause', (_what, value) => {
    const r = run([
      'render',
      write(withSpec(`  machineConfigPoolSelector:\n    matchExpressions: ${value}\n${STORES}`)),
      '--out',
      join(tmp(), 'o'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^spec\.machineConfigPoolSelector\.matchExpressions: Invalid value: "(object|integer|boolean)": spec\.machineConfigPoolSelector\.matchExpressions in body must be of type array: /m,
    );
  });

  it('refuses a pool name that is not a DNS-1123 label, from --pool or from the selector', () => {
    const f = write(withSpec(STORES));
    const out = join(tmp(), 'o');
    const r = run(['render', f, '--out', out, '--pool', '../../etc']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^--pool: Invalid value: "\.\.\/\.\.\/etc": a lowercase RFC 1123 label/,
    );
    expect(existsSync(out)).toBe(false);
    const selected = run([
      'render',
      write(
        withSpec(
          `  machineConfigPoolSelector:\n    matchLabels:\n      pools.operator.machineconfiguration.openshift.io/Bad_Pool: ""\n${STORES}`,
        ),
      ),
      '--out',
      out,
    ]);
    expect(selected.status).toBe(1);
    expect(selected.stderr).toMatch(/^spec\.machineConfigPoolSelector: Invalid value: "Bad_Pool"/);
  });

  it('answers an --out it cannot create with status 3 and the path, promptly', () => {
    const f = write(withSpec(STORES));
    expect(run(['render', f, '--out', '/proc/self/x'])).toEqual({
      status: 3,
      stdout: '',
      stderr: '/proc/self/x: no such file or directory\n',
    });
    const file = write('not a directory', 'plain');
    expect(run(['render', f, '--out', file])).toMatchObject({
      status: 3,
      stderr: `${file}: not a directory; not written\n`,
    });
  });

  it('follows no symbolic link and no special file in DIR, and then writes nothing at all', () => {
    const f = write(withSpec(`${STORES}    logLevel: debug\n`));
    const out = tmp();
    const target = join(tmp(), 'victim');
    writeFileSync(target, 'keep');
    symlinkSync(target, join(out, 'machineconfig.yaml'));
    const r = run(['render', f, '--out', out]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`${join(out, 'machineconfig.yaml')}: a symbolic link; not written\n`);
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(readdirSync(out).sort()).toEqual(['machineconfig.yaml']);

    const out2 = tmp();
    symlinkSync(tmp(), join(out2, 'crio.conf.d'));
    expect(run(['render', f, '--out', out2])).toMatchObject({ status: 3 });
    expect(readdirSync(out2)).toEqual(['crio.conf.d']);

    const out3 = tmp();
    spawnSync('mkfifo', [join(out3, 'storage.conf')]);
    expect(run(['render', f, '--out', out3])).toMatchObject({
      status: 3,
      stderr: `${join(out3, 'storage.conf')}: not a regular file; not written\n`,
    });
    expect(readdirSync(out3)).toEqual(['storage.conf']);
  });

  it('reports a write error with status 3 and leaves nothing behind', () => {
    const f = write(withSpec(STORES));
    const out = tmp();
    chmodSync(out, 0o500);
    try {
      const r = run(['render', f, '--out', out]);
      // Root may write anyway; then the render succeeds whole.
      if (r.status === 0)
        expect(readdirSync(out).sort()).toEqual(['machineconfig.yaml', 'storage.conf']);
      else {
        expect(r).toMatchObject({ status: 3, stderr: new RegExp(`^${out}`) });
        expect(readdirSync(out)).toEqual([]);
      }
    } finally {
      chmodSync(out, 0o700);
    }
    // A directory where a file goes fails the rename: nothing else is put in place.
    const out2 = tmp();
    mkdirSync(join(out2, 'storage.conf'));
    const r2 = run(['render', f, '--out', out2]);
    expect(r2).toMatchObject({
      status: 3,
      stderr: `${join(out2, 'storage.conf')}: not a regular file; not written\n`,
    });
    expect(readdirSync(out2)).toEqual(['storage.conf']);
  });

  it('validates against another CRD given with --crd, and refuses one that is not', () => {
    const f = write(withSpec(`  containerRuntimeConfig:\n    containerGomaxprocsBehavior: Auto\n`));
    expect(run(['validate', f]).stderr).toBe(
      'Warning: unknown field "spec.containerRuntimeConfig.containerGomaxprocsBehavior"\n',
    );
    const crd = write(
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  group: machineconfiguration.openshift.io
  names: {kind: ContainerRuntimeConfig}
  versions:
  - name: v1
    served: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              containerRuntimeConfig:
                type: object
                properties:
                  containerGomaxprocsBehavior: {type: string, enum: [Auto]}
`,
      'crd.yaml',
    );
    expect(run(['validate', f, '--crd', crd])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(run(['validate', f, '--crd', f])).toMatchObject({
      status: 1,
      stderr: `${f}: not a CustomResourceDefinition\n`,
    });
  });

  it('renders pidsLimit 9223372036854775807 exactly, and refuses one past int64', () => {
    const f = write(withSpec('  containerRuntimeConfig:\n    pidsLimit: 9223372036854775807\n'));
    const out = join(tmp(), 'o');
    expect(run(['render', f, '--out', out]).status).toBe(0);
    expect(readFileSync(join(out, 'crio.conf.d', '01-ctrcfg-pidsLimit'), 'utf8')).toContain(
      'pids_limit = 9223372036854775807\n',
    );
    const over = run([
      'validate',
      write(withSpec('  containerRuntimeConfig:\n    pidsLimit: 9223372036854775808\n')),
    ]);
    expect(over.status).toBe(1);
    expect(over.stderr).toContain(
      'spec.containerRuntimeConfig.pidsLimit: Invalid value: "float64": spec.containerRuntimeConfig.pidsLimit in body must be of type int64: "float64"\n',
    );
  });

  it('turns any internal failure into a line and a status, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = run(['validate', write(text)]);
        expect([0, 1]).toContain(r.status);
      }),
      { numRuns: 50 },
    );
  });
});
