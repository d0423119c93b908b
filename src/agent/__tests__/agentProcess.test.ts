/**
 * The real entry point, as the DaemonSet runs it (unbundled, through tsx): configuration from
 * the environment, a host tree, the API double; a change on the host reaches the Node; SIGTERM
 * ends it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HEALTH_ANNOTATION,
  parseNodeAnnotations,
  REPORT_ANNOTATION,
} from '../../core/health/report';
import { createHostTree, healthyNodeSpec, type HostTree } from '../__test-support__/hostTree';
import { type FakeApiServer, startFakeApiServer } from '../__test-support__/fakeApiServer';

const MAIN = join(__dirname, '..', 'main.ts');

describe('the agent process', () => {
  let tree: HostTree;
  let api: FakeApiServer;
  let dir: string;
  let agent: ChildProcess;
  let stderr = '';
  let startedAt: number;

  beforeAll(async () => {
    tree = await createHostTree(healthyNodeSpec());
    api = await startFakeApiServer(['worker-7', 'worker-8']);
    dir = mkdtempSync(join(tmpdir(), 'lazy-pull-agent-'));
    writeFileSync(join(dir, 'token'), 'token-abc');
    // What an earlier container left in the emptyDir: the agent must not let it count as its own.
    writeFileSync(join(dir, 'alive'), '2026-01-01T00:00:00.000Z\n');
    startedAt = Date.now();
    agent = spawn(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), MAIN, '--check-interval=0.1'],
      {
        env: {
          PATH: process.env.PATH,
          NODE_NAME: 'worker-7',
          HOST_ROOT: tree.root,
          KUBERNETES_API_URL: api.url,
          KUBERNETES_TOKEN_FILE: join(dir, 'token'),
          HEARTBEAT_INTERVAL_SECONDS: '3600',
          AGENT_VERSION: '9.9.9-test',
          LOG_LEVEL: 'debug',
          ALIVE_FILE: join(dir, 'alive'),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    agent.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  });

  afterAll(async () => {
    if (agent.exitCode === null && agent.signalCode === null) agent.kill('SIGKILL');
    await api.close();
    tree.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes its node health, then a change, and stops on SIGTERM', async () => {
    await api.waitForPatches(1);
    const published = () => api.annotations.get('worker-7') ?? {};
    expect(published()[HEALTH_ANNOTATION]).toBe('Healthy');
    const first = parseNodeAnnotations(published(), new Date());
    expect(first).toMatchObject({
      kind: 'ok',
      report: { agentVersion: '9.9.9-test', heartbeatSeconds: 3600 },
    });

    // The plugin's daemon dies (a zombie until reaped): once two checks, 0.2 s, agree on it,
    // the agent publishes Unhealthy.
    tree.write('/proc/1002/stat', '1002 (stargz-store) Z 1 1002 1002 0 -1 4194560 0 0\n');
    await api.waitForPatches(2);
    expect(published()[HEALTH_ANNOTATION]).toBe('Unhealthy');
    expect(JSON.parse(published()[REPORT_ANNOTATION]).stores[0].process).toBe(false);

    // Several more checks pass without writes.
    const checksSoFar = () => (stderr.match(/"msg":"checked"/g) ?? []).length;
    const before = checksSoFar();
    await new Promise<void>((resolve) => {
      const onLog = () => {
        if (checksSoFar() < before + 3) return;
        agent.stderr?.off('data', onLog);
        resolve();
      };
      agent.stderr?.on('data', onLog);
    });
    expect(api.patches()).toHaveLength(2);

    // Each completed cycle wrote the liveness file (the DaemonSet's probe reads it).
    const alive = Date.parse(readFileSync(join(dir, 'alive'), 'utf8').trim());
    expect(alive).toBeGreaterThanOrEqual(startedAt);
    expect(alive).toBeLessThanOrEqual(Date.now());

    expect(api.requests.every((r) => r.url.startsWith('/api/v1/nodes/worker-7'))).toBe(true);
    expect(api.annotations.get('worker-8')).toEqual({ 'kubernetes.io/hostname': 'worker-8' });

    agent.kill('SIGTERM');
    const [code] = (await once(agent, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr).toMatch(/"msg":"stopping","signal":"SIGTERM"/);
  });
});

describe('the bundled agent (what the image runs)', () => {
  it('builds to one file whose worker thread is the same file, and checks a node with --once', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lazy-pull-bundle-'));
    const tree = await createHostTree(healthyNodeSpec());
    try {
      const bundle = join(out, 'lazy-pull-agent.js');
      const built = spawnSync(process.execPath, [join(__dirname, '..', 'build.mjs'), bundle], {
        encoding: 'utf8',
      });
      expect(built.status).toBe(0);
      // Nothing outside Node's built-ins is left to load at run time.
      const requires = [...readFileSync(bundle, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map(
        (m) => m[1],
      );
      expect(
        requires.filter((name) => !name.startsWith('node:') && !builtinModules.includes(name)),
      ).toEqual([]);

      const run = spawnSync(process.execPath, [bundle, '--once', `--host-root=${tree.root}`], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      });
      expect(run.status).toBe(0);
      const state = JSON.parse(run.stdout) as {
        health: string;
        report: { stores: { layers: number; responsive: boolean }[] };
      };
      expect(state.health).toBe('Healthy');
      expect(state.report.stores).toEqual([
        expect.objectContaining({ responsive: true, layers: 5 }),
      ]);
    } finally {
      tree.cleanup();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
