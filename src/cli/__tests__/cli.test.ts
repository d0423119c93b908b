import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
      'warning: spec.containerRuntimeConfig.lazyPull: unknown field "spec.containerRuntimeConfig.lazyPull": ContainerRuntimeConfig has no such field',
      "warning: spec.containerRuntimeConfig.additionalLayerStores[0].path: /var/lib/stargz-store is stargz-store's root directory, not its FUSE mount point; the store path is /var/lib/stargz-store/store",
    ]);
  });

  it('prints one line per problem, with its field path', () => {
    const f = write(
      manifest(
        '    pidsLimit: 10\n    additionalLayerStores:\n    - path: /var/lib/stargz-store/store\n    - path: /var/lib//nydus\n    - path: relative\n',
      ),
    );
    const r = run(['validate', f]);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'spec.containerRuntimeConfig.additionalLayerStores[1].path: path must not contain consecutive forward slashes',
      "spec.containerRuntimeConfig.additionalLayerStores[2].path: path must be absolute and contain only alphanumeric characters, '/', '.', '_', and '-'",
      'spec.containerRuntimeConfig.pidsLimit: invalid PidsLimit 10',
    ]);
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

  it('explains a missing file', () => {
    const r = run(['validate', '/nonexistent/ctrcfg.yaml']);
    expect(r).toEqual({
      status: 1,
      stdout: '',
      stderr: '/nonexistent/ctrcfg.yaml: cannot read: no such file\n',
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
      'spec.containerRuntimeConfig.additionalLayerStores[0].path: path must not contain consecutive forward slashes\n',
    );
  }, 60000);
});
