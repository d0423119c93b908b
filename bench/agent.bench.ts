/**
 * The node agent's cost on a busy node: 5 stores serving 1,000 layers in total (200 images of
 * 5 layers), 300 host processes.
 *
 *   agent.cycle  median time of one full check (host files, mount table, processes, probing every
 *                store in the worker, building and trimming the report, serializing it, fingerprint)
 *   agent.rss    resident memory of the real, bundled agent after 40 checks against an API double
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeReport } from '../src/core/health/report';
import { readAgentConfig } from '../src/agent/config';
import { reportFingerprint } from '../src/agent/loop/reportFingerprint';
import { StoreProber } from '../src/agent/probe/storeProber';
import { createNodeCheck } from '../src/agent/runAgent';
import {
  createHostTree,
  mountinfoLine,
  mountinfoWith,
  storageConfNaming,
} from '../src/agent/__test-support__/hostTree';
import { startFakeApiServer } from '../src/agent/__test-support__/fakeApiServer';
import { report } from './measure';

const STORES = [0, 1, 2, 3, 4].map((i) => `/var/lib/stargz-store-${i}/store`);

/** The host tree has thousands of directories; on tmpfs it is made and removed in a blink. */
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

const main = async () => {
  const work = mkdtempSync(join(tmpdir(), 'lazy-pull-bench-'));
  const bundle = join(work, 'lazy-pull-agent.js');
  const built = spawnSync(process.execPath, [join(__dirname, '../src/agent/build.mjs'), bundle], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`agent build failed: ${built.stderr}`);

  const tree = await createHostTree(
    {
      storageConf: storageConfNaming(STORES),
      registriesConf: 'additional-layer-store-auth-helper = "stargz-store-helper"\n',
      mountinfo: mountinfoWith(
        ...STORES.map((p) => mountinfoLine(p, 'fuse.rawBridge', 'stargzstore')),
      ),
      processes: [...Array.from({ length: 299 }, (_, i) => `proc-${i}`), 'stargz-store'],
      stores: STORES.map((path, s) => ({
        path,
        // stargz-store's one control socket, /var/lib/stargz-store/store.sock.
        socket: s === 0,
        images: Array.from({ length: 40 }, (_, i) => ({
          ref: `quay.io/bench/team-${s}/image-${i}:v1-estargz`,
          layers: 5,
        })),
      })),
    },
    SCRATCH,
  );

  try {
    // agent.cycle: the production worker (the bundle), driven in-process.
    const parsed = readAgentConfig({ NODE_NAME: 'bench', HOST_ROOT: tree.root }, ['--once']);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const prober = new StoreProber({
      workerScript: bundle,
      execArgv: [],
      timeoutMs: parsed.config.probeTimeoutMs,
    });
    const check = createNodeCheck(parsed.config, prober);
    const cycle = async () => {
      const state = await check(new Date());
      serializeReport(state.report);
      reportFingerprint(state.health, state.report);
      if (state.report.stores.reduce((sum, store) => sum + store.layers, 0) !== 1000)
        throw new Error('the tree should serve 1000 layers');
    };
    for (let i = 0; i < 5; i += 1) await cycle();
    const samples: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const t0 = process.hrtime.bigint();
      await cycle();
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    await prober.close();
    samples.sort((a, b) => a - b);
    report('agent.cycle', samples[Math.floor(samples.length / 2)], 'ms');

    // agent.rss: the real agent process.
    const api = await startFakeApiServer(['bench']);
    writeFileSync(join(work, 'token'), 'bench-token');
    const agent = spawn(process.execPath, [bundle], {
      env: {
        NODE_NAME: 'bench',
        HOST_ROOT: tree.root,
        KUBERNETES_API_URL: api.url,
        KUBERNETES_TOKEN_FILE: join(work, 'token'),
        CHECK_INTERVAL_SECONDS: '0.05',
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let checks = 0;
    agent.stderr.on(
      'data',
      (chunk: Buffer) => (checks += (chunk.toString().match(/"msg":"checked"/g) ?? []).length),
    );
    const deadline = Date.now() + 30_000;
    while (checks < 40 && Date.now() < deadline && agent.exitCode === null)
      await new Promise((r) => setTimeout(r, 20));
    if (checks < 40) throw new Error(`the agent made only ${checks} checks`);
    const status = readFileSync(`/proc/${agent.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
    agent.kill('SIGTERM');
    await once(agent, 'exit');
    await api.close();
    if (api.patches().length !== 1)
      throw new Error(`expected 1 write for an unchanged node, got ${api.patches().length}`);
    report('agent.rss', rssKb / 1024, 'MB');
  } finally {
    tree.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
