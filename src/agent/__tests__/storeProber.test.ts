/**
 * The store probe against the real worker (the agent's main.ts, loaded with tsx's require hook)
 * and against stores that never answer.
 *
 * Two ways to hang: (1) everywhere, a stand-in worker that blocks in a real system call, open(2)
 * on a FIFO without a writer, which no JavaScript can interrupt, exactly like a readdir on a
 * hung FUSE mount; (2) where the tests run as root with /dev/fuse, a real FUSE mount whose
 * daemon never answers, probed by the real worker.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  constants as fsConstants,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreProber } from '../probe/storeProber';
import { createHostTree, type HostTree, STARGZ_STORE } from '../__test-support__/hostTree';

const AGENT_MAIN = join(__dirname, '..', 'main.ts');
const TSX = ['--require', require.resolve('tsx/cjs')];

const realProber = (timeoutMs: number) =>
  new StoreProber({ workerScript: AGENT_MAIN, execArgv: TSX, timeoutMs });

describe('StoreProber with the real worker', () => {
  let tree: HostTree;
  let prober: StoreProber;
  beforeAll(async () => {
    tree = await createHostTree({
      stores: [{ path: STARGZ_STORE, socket: true, images: [{ ref: 'quay.io/a:1', layers: 2 }] }],
    });
    prober = realProber(5000);
  });
  afterAll(async () => {
    await prober.close();
    tree.cleanup();
  });

  it('answers with what the store serves', async () => {
    const outcome = await prober.probe({
      dir: tree.at(STARGZ_STORE),
      socketPath: tree.at('/var/lib/stargz-store/store.sock'),
      maxImages: 5,
    });
    expect(outcome).toEqual({
      kind: 'answered',
      inspection: expect.objectContaining({
        listed: true,
        layers: 2,
        images: ['quay.io/a:1'],
        socket: true,
      }),
    });
  });

  it('serves probes in order from one worker', async () => {
    const outcomes = await Promise.all(
      [STARGZ_STORE, '/missing', STARGZ_STORE].map((path) =>
        prober.probe({ dir: tree.at(path), socketPath: null, maxImages: 5 }),
      ),
    );
    expect(outcomes.map((o) => (o.kind === 'answered' ? o.inspection.listed : o.kind))).toEqual([
      true,
      false,
      true,
    ]);
  });
});

/**
 * A store of 60,000 image references, one layer each, as a busy node's store can hold: the
 * census streams the directory and keeps counts only, so the worker stays within its small heap
 * (16 MB), and the probe that says the store answers does not wait for the count.
 */
describe('StoreProber with a large store (60,000 entries) and the real worker', () => {
  const ENTRIES = 60_000;
  let dir: string;
  let prober: StoreProber;
  beforeAll(() => {
    // In memory where there is a tmpfs: 120,000 directories on a busy disk take a minute.
    dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'lazy-pull-large-'));
    const layer = `sha256:${'c'.repeat(64)}`;
    for (let i = 0; i < ENTRIES; i += 1) {
      const ref = Buffer.from(`registry.example.com/team-${i % 97}/model-${i}:v1-estargz`).toString(
        'base64url',
      );
      mkdirSync(join(dir, ref, layer), { recursive: true });
    }
    prober = realProber(5000);
  }, 120_000);
  afterAll(async () => {
    await prober.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers, counts up to its bound, and lists a bounded, sorted set of images', async () => {
    const outcome = await prober.probe({ dir, socketPath: null, maxImages: 10 });
    expect(outcome.kind).toBe('answered');
    if (outcome.kind !== 'answered') return;
    const { inspection } = outcome;
    expect(inspection).toMatchObject({
      listed: true,
      partial: true,
      stoppedBecause: expect.stringMatching(/^it (read 20000 entries|took 2000 ms)$/),
    });
    expect(inspection.layers).toBeGreaterThan(0);
    expect(inspection.images).toHaveLength(10);
    expect(inspection.images).toEqual([...inspection.images].sort());
  }, 60_000);

  it('counts all of it when allowed to, within the worker heap', async () => {
    const outcome = await prober.probe({
      dir,
      socketPath: null,
      maxImages: 10,
      censusMaxEntries: 2 * ENTRIES + 1,
      censusBudgetMs: 60_000,
    });
    expect(outcome).toMatchObject({
      kind: 'answered',
      inspection: { listed: true, partial: false, layers: ENTRIES, imagesTotal: ENTRIES },
    });
  }, 120_000);
});

describe('StoreProber with a store that never answers (FIFO)', () => {
  let dir: string;
  let fifo: string;
  let prober: StoreProber;
  let writer: number | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lazy-pull-hang-'));
    fifo = join(dir, 'hung-store');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${String(made.stderr)}`);
    mkdirSync(join(dir, 'healthy-store'));
    mkdirSync(join(dir, 'census-store'));
    if (spawnSync('mkfifo', [join(dir, 'census-store', 'hung-census')]).status !== 0)
      throw new Error('mkfifo failed');
    // Answers like the real worker, but a store named like the FIFO blocks in open(2) first.
    const standIn = join(dir, 'hanging-worker.js');
    writeFileSync(
      standIn,
      `const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, request }) => {
  if (request.dir.endsWith('hung-store')) fs.closeSync(fs.openSync(request.dir, 'r'));
  let listed = true;
  try { fs.readdirSync(request.dir); } catch { listed = false; }
  parentPort.postMessage({ id, phase: 'probed', probe: { listed, latencyMs: 0, socket: null } });
  // A census that hangs: the store answered, then blocks on a FIFO below it.
  if (listed && fs.existsSync(request.dir + '/hung-census')) fs.closeSync(fs.openSync(request.dir + '/hung-census', 'r'));
  if (listed) parentPort.postMessage({ id, phase: 'counted', census: { layers: 1, images: [], imagesTotal: 0, unknownEntries: 0, partial: false } });
});
parentPort.postMessage('ready');
`,
    );
    prober = new StoreProber({ workerScript: standIn, timeoutMs: 150, censusTimeoutMs: 300 });
  });

  afterAll(async () => {
    // Let any still-blocked open(2) return, so no thread outlives the test.
    if (writer === undefined) writer = openSync(fifo, fsConstants.O_RDWR | fsConstants.O_NONBLOCK);
    const censusWriter = openSync(
      join(dir, 'census-store', 'hung-census'),
      fsConstants.O_RDWR | fsConstants.O_NONBLOCK,
    );
    await prober.close();
    closeSync(writer);
    closeSync(censusWriter);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives up after the timeout without blocking the agent', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const started = Date.now();
    const outcome = await prober.probe({ dir: fifo, socketPath: null, maxImages: 5 });
    clearInterval(ticker);
    expect(outcome).toEqual({ kind: 'timedOut', timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ticks).toBeGreaterThan(3); // the event loop kept running while the worker was stuck
    expect(prober.stuckStores()).toEqual([fifo]);
  });

  it('does not probe a stuck store again, and probes the others with a fresh worker', async () => {
    const again = await prober.probe({ dir: fifo, socketPath: null, maxImages: 5 });
    expect(again).toEqual({ kind: 'stillStuck', sinceMs: expect.any(Number) });
    const other = await prober.probe({
      dir: join(dir, 'healthy-store'),
      socketPath: null,
      maxImages: 5,
    });
    expect(other).toMatchObject({ kind: 'answered', inspection: { listed: true } });
    expect(prober.stuckStores()).toEqual([fifo]);
  });

  it('keeps a store that answered responsive when its census hangs, and counts it stuck after', async () => {
    const store = join(dir, 'census-store');
    const outcome = await prober.probe({ dir: store, socketPath: null, maxImages: 5 });
    expect(outcome).toEqual({
      kind: 'answered',
      inspection: expect.objectContaining({
        listed: true,
        partial: true,
        stoppedBecause: 'it did not finish within 300 ms',
      }),
    });
    expect(prober.stuckStores()).toEqual([fifo, store]);
    expect(await prober.probe({ dir: store, socketPath: null, maxImages: 5 })).toMatchObject({
      kind: 'stillStuck',
    });
  });

  it('probes the store again once the stuck call has returned', async () => {
    writer = openSync(fifo, fsConstants.O_RDWR | fsConstants.O_NONBLOCK); // the blocked open(2) returns
    const deadline = Date.now() + 5000;
    while (prober.stuckStores().includes(fifo) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(prober.stuckStores()).not.toContain(fifo);
    // With a writer present, opening the FIFO no longer blocks.
    expect(await prober.probe({ dir: fifo, socketPath: null, maxImages: 5 })).toMatchObject({
      kind: 'answered',
    });
  });
});

describe('StoreProber start-up failures', () => {
  it('fails the probe when the worker script cannot load', async () => {
    const prober = new StoreProber({ workerScript: '/nonexistent/worker.js', timeoutMs: 1000 });
    expect(await prober.probe({ dir: '/', socketPath: null, maxImages: 1 })).toEqual({
      kind: 'failed',
      error: expect.stringMatching(/^probe worker did not start: /),
    });
  });

  it('fails the probe when the worker never says it is ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lazy-pull-mute-'));
    writeFileSync(join(dir, 'mute.js'), 'setInterval(() => {}, 1000);');
    const prober = new StoreProber({
      workerScript: join(dir, 'mute.js'),
      timeoutMs: 1000,
      startupTimeoutMs: 200,
    });
    expect(await prober.probe({ dir: '/', socketPath: null, maxImages: 1 })).toEqual({
      kind: 'failed',
      error: 'probe worker did not start: not ready within 200 ms',
    });
    rmSync(dir, { recursive: true, force: true });
  });
});

/**
 * A FUSE mount with no daemon behind it: the kernel queues every request (even INIT) forever,
 * so a readdir blocks, exactly like stargz-store hung. Needs root (mount(2)) and /dev/fuse;
 * closing the /dev/fuse descriptor aborts the connection, so nothing stays hung after the test.
 */
const canMountFuse = (() => {
  if (process.getuid?.() !== 0 || !existsSync('/dev/fuse')) return false;
  return spawnSync('mount', ['--version']).status === 0;
})();

(canMountFuse ? describe : describe.skip)('StoreProber with a hung FUSE mount (root only)', () => {
  let dir: string;
  let mountPoint: string;
  let fuseFd: number;
  let prober: StoreProber;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lazy-pull-fuse-'));
    mountPoint = join(dir, 'store');
    mkdirSync(mountPoint);
    fuseFd = openSync('/dev/fuse', 'r+');
    const mounted = spawnSync(
      'mount',
      [
        '-i',
        '-t',
        'fuse.rawBridge',
        '-o',
        'fd=3,rootmode=40000,user_id=0,group_id=0,allow_other',
        'stargzstore',
        mountPoint,
      ],
      { stdio: ['ignore', 'pipe', 'pipe', fuseFd] },
    );
    if (mounted.status !== 0) throw new Error(`mount failed: ${String(mounted.stderr)}`);
    prober = realProber(300);
  });

  afterAll(async () => {
    closeSync(fuseFd); // aborts the connection: blocked calls fail with ENOTCONN
    const deadline = Date.now() + 5000;
    while (prober.stuckStores().length > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    await prober.close();
    spawnSync('umount', ['-l', mountPoint]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the real worker stuck in readdir as timed out, then as still stuck', async () => {
    expect(await prober.probe({ dir: mountPoint, socketPath: null, maxImages: 5 })).toEqual({
      kind: 'timedOut',
      timeoutMs: 300,
    });
    expect(await prober.probe({ dir: mountPoint, socketPath: null, maxImages: 5 })).toMatchObject({
      kind: 'stillStuck',
    });
    // Another store is still probed, by a fresh worker. (Not the mount's parent: listing a
    // store descends one level, into the hung mount.)
    const other = mkdtempSync(join(tmpdir(), 'lazy-pull-other-'));
    expect(await prober.probe({ dir: other, socketPath: null, maxImages: 0 })).toMatchObject({
      kind: 'answered',
      inspection: { listed: true },
    });
    rmSync(other, { recursive: true });
  });
});
