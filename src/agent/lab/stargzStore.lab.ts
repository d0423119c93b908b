/**
 * The agent against a real stargz-store (../shared/lab): `npm run test:lab`, as root, with
 * /dev/fuse. podman pulls and runs the lab's eStargz image through the store; then the daemon is
 * killed, restarted, stopped cleanly, hung and resumed, and at each step the agent is run once
 * (`--once`, the bundled file the image ships) and, all along, as the DaemonSet runs it, in a loop
 * against a local double of the API server, never restarted.
 *
 * What each step must show comes from the lab's own record of the daemon
 * (../shared/lab/README.md, "Observed health signals").
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type HealthCheck,
  type LazyPullHealth,
  type NodeHealthReport,
  parseNodeAnnotations,
} from '../../core/health/report';
import { startFakeApiServer, type FakeApiServer } from '../__test-support__/fakeApiServer';
import {
  createLabHost,
  IMAGE,
  isMounted,
  labPid,
  labUnavailable,
  type LabHost,
  podman,
  SIGNATURE_POLICY,
  signalDaemon,
  startLab,
  stopLab,
  STORE_MOUNT,
} from './labHost';

const NODE = 'lab-node';
const PROBE_TIMEOUT_S = 1;
const unavailable = labUnavailable();

interface State {
  health: LazyPullHealth;
  report: NodeHealthReport;
}

const checkOf = (report: NodeHealthReport, id: string): HealthCheck | undefined =>
  report.checks.find((c) => c.id === id && c.store === 0);

if (unavailable !== undefined) {
  process.stderr.write(`test:lab skipped: ${unavailable}\n`);
  describe.skip(`the agent on the lab's real stargz-store (skipped: ${unavailable})`, () => {
    it('runs only where the lab can', () => {
      expect(unavailable).toBeUndefined();
    });
  });
} else {
  describe("the agent on the lab's real stargz-store", () => {
    let work: string;
    let host: LabHost;
    let bundle: string;
    let labWasRunning = false;
    let api: FakeApiServer;
    let loop: ChildProcess;
    let loopLog = '';

    /** What the agent found, one line per step in the test's output (and CI's log). */
    const record = (step: string, { health, report }: State): void => {
      const store = report.stores[0];
      const facts = `mounted=${store.mounted} fs=${store.fs} responsive=${store.responsive} layers=${store.layers} images=${store.images.length} socket=${store.socket} process=${store.process}`;
      const problems = report.checks
        .filter((c) => c.store === 0 && (c.status !== 'pass' || c.id === 'socket'))
        .map((c) => `  ${c.id} ${c.status}: ${c.message}`);
      process.stderr.write(`lab: ${step}: ${health}; ${facts}\n${problems.join('\n')}\n`);
    };

    /** One check with the bundled agent, as `--once` prints it. */
    const checkOnce = (step: string): State => {
      const run = spawnSync(
        process.execPath,
        [bundle, '--once', `--host-root=${host.root}`, `--probe-timeout=${PROBE_TIMEOUT_S}`],
        { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 60_000 },
      );
      // With a probe stuck in the kernel the agent ends itself with SIGKILL, after printing.
      if (run.status !== 0 && run.signal !== 'SIGKILL')
        throw new Error(`agent --once failed (${run.status}): ${run.stderr}`);
      const state = JSON.parse(run.stdout) as State;
      record(step, state);
      return state;
    };

    /** Waits until the looping agent publishes a state that `matches`; returns it. */
    const published = async (
      matches: (state: State) => boolean,
      what: string,
      timeoutMs = 30_000,
    ): Promise<State> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const parsed = parseNodeAnnotations(api.annotations.get(NODE), new Date());
        if (parsed.kind === 'ok' && matches(parsed)) return parsed;
        if (Date.now() > deadline) {
          throw new Error(
            `the looping agent did not publish ${what} within ${timeoutMs} ms; it has ${JSON.stringify(parsed).slice(0, 600)}\n${loopLog.slice(-2000)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    const waitFor = async (condition: () => boolean, what: string, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'lazy-pull-lab-'));
      const started = startLab();
      labWasRunning = started.wasRunning;
      host = createLabHost(work);

      bundle = join(work, 'lazy-pull-agent.js');
      const built = spawnSync(process.execPath, [join(__dirname, '..', 'build.mjs'), bundle], {
        encoding: 'utf8',
      });
      if (built.status !== 0) throw new Error(`agent build failed: ${built.stderr}`);

      // Lazily: the pull fetches manifests and tables of contents; the run reads files through
      // the store, which then lists the image's layers.
      podman(host, ['pull', ...SIGNATURE_POLICY, IMAGE]);
      const hello = podman(host, ['run', '--rm', IMAGE, 'cat', '/hello.txt']);
      if (hello !== 'hello from lazily pulled eStargz image\n')
        throw new Error(`the lazily pulled image ran, but printed ${JSON.stringify(hello)}`);

      api = await startFakeApiServer([NODE]);
      loop = spawn(
        process.execPath,
        [
          bundle,
          `--host-root=${host.root}`,
          `--node-name=${NODE}`,
          `--api-url=${api.url}`,
          `--token-file=${join(work, 'token')}`,
          '--check-interval=0.5',
          // Short, so that the growing wait between repeated changes (capped at a heartbeat) stays short.
          '--heartbeat-interval=10',
          `--probe-timeout=${PROBE_TIMEOUT_S}`,
          '--log-level=debug',
        ],
        { env: { PATH: process.env.PATH }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      loop.stderr?.on('data', (chunk: Buffer) => (loopLog += chunk.toString()));
    }, 40 * 60_000);

    afterAll(async () => {
      if (labPid('stargz-store') !== undefined) signalDaemon('SIGCONT');
      if (loop !== undefined && loop.exitCode === null && loop.signalCode === null) {
        const exited = once(loop, 'exit');
        loop.kill('SIGTERM');
        await exited;
      }
      await api?.close();
      if (host !== undefined) {
        spawnSync('podman', ['rmi', '--all', '--force'], { env: host.podmanEnv, timeout: 60_000 });
        // podman leaves its overlay mounts behind; none may outlive the test.
        spawnSync('bash', [
          '-c',
          `awk -v p="${work}/" 'index($2, p) == 1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l`,
        ]);
      }
      // Leave the lab as it was found: running (with a live daemon) or stopped.
      if (labWasRunning) startLab();
      else stopLab();
      if (work !== undefined) rmSync(work, { recursive: true, force: true });
    }, 5 * 60_000);

    it('healthy: the store is fuse.rawBridge from stargzstore, answers, and serves the image lazily', async () => {
      const { health, report } = checkOnce('healthy');
      expect(health).toBe('Healthy');
      const [store] = report.stores;
      expect(store).toMatchObject({
        path: STORE_MOUNT,
        plugin: 'stargz',
        mounted: true,
        fs: 'fuse.rawBridge',
        responsive: true,
        images: [IMAGE],
        process: true,
        // The lab's daemon, like every stargz-store before v0.16, opens no control socket.
        socket: false,
      });
      expect(store.layers).toBeGreaterThanOrEqual(1);
      expect(store.layers).toBeLessThanOrEqual(3);
      expect(checkOf(report, 'fs-type')).toMatchObject({
        status: 'pass',
        message: `${STORE_MOUNT} is a fuse.rawBridge mount with source stargzstore, as stargz-store mounts it.`,
      });
      expect(checkOf(report, 'socket')).toMatchObject({
        status: 'pass',
        message: expect.stringMatching(
          /^There is no control socket at \/var\/lib\/stargz-store\/store\.sock\. Daemons before v0\.16 open none/,
        ),
      });

      const looped = await published((s) => s.health === 'Healthy', 'Healthy');
      expect(looped.report.stores[0]).toMatchObject({ fs: 'fuse.rawBridge', process: true });
    });

    it('daemon killed: the mount is left dead (ENOTCONN), and the missing process is a failure', async () => {
      signalDaemon('SIGKILL');
      await waitFor(() => labPid('stargz-store') === undefined, 'stargz-store to die');
      // The mount line stays: only an access tells.
      expect(isMounted(STORE_MOUNT)).toBe(true);

      const { health, report } = checkOnce('daemon killed');
      expect(health).toBe('Unhealthy');
      expect(report.stores[0]).toMatchObject({
        mounted: true,
        fs: 'fuse.rawBridge',
        responsive: false,
        error: 'listing failed: ENOTCONN',
        process: false,
      });
      expect(checkOf(report, 'responsive')).toEqual({
        id: 'responsive',
        status: 'fail',
        store: 0,
        message: `${STORE_MOUNT}: listing failed: ENOTCONN. stargz-store died and left its mount dead: restart stargz-store.service; its unit unmounts first.`,
      });
      expect(checkOf(report, 'process')).toMatchObject({
        status: 'fail',
        message: expect.stringMatching(/^No stargz-store process runs on the host: nothing serves/),
      });

      const looped = await published((s) => s.health === 'Unhealthy', 'Unhealthy');
      expect(looped.report.stores[0]).toMatchObject({
        error: 'listing failed: ENOTCONN',
        process: false,
      });
    });

    it('daemon restarted: healthy again, the looping agent not restarted, the listing empty and no failure', async () => {
      const pidBefore = loop.pid;
      // What upstream's unit does: unmount the dead mount, then start the daemon.
      startLab();
      expect(labPid('stargz-store')).toBeDefined();

      const { health, report } = checkOnce('daemon restarted');
      expect(health).toBe('Healthy');
      // A restarted daemon holds no image in memory: its root lists nothing, which is no fault.
      expect(report.stores[0]).toMatchObject({
        responsive: true,
        process: true,
        layers: 0,
        images: [],
        imagesOmitted: 0,
      });
      expect(checkOf(report, 'responsive')).toMatchObject({
        status: 'pass',
        message: expect.stringMatching(/; it serves 0 layers\.$/),
      });

      const looped = await published(
        (s) => s.health === 'Healthy' && s.report.stores[0].layers === 0,
        'Healthy with an empty listing',
      );
      expect(looped.report.stores[0]).toMatchObject({ process: true, responsive: true });
      expect(loop.pid).toBe(pidBefore);
      expect(loop.exitCode).toBeNull();

      // Used again, the store resolves the image's layers from the registry and lists them.
      expect(podman(host, ['run', '--rm', IMAGE, 'cat', '/hello.txt'])).toBe(
        'hello from lazily pulled eStargz image\n',
      );
      expect(checkOnce('used again after the restart').report.stores[0]).toMatchObject({
        images: [IMAGE],
      });
      await published((s) => s.report.stores[0].images.includes(IMAGE), 'the image served again');
    });

    it('daemon stopped cleanly (SIGTERM): no mount at all, and the process gone', async () => {
      signalDaemon('SIGTERM');
      await waitFor(
        () => !isMounted(STORE_MOUNT) && labPid('stargz-store') === undefined,
        'a clean stop',
      );

      const { health, report } = checkOnce('daemon stopped cleanly');
      expect(health).toBe('Unhealthy');
      expect(report.stores[0]).toMatchObject({ mounted: false, fs: null, process: false });
      expect(checkOf(report, 'mounted')?.status).toBe('fail');
      await published((s) => !s.report.stores[0].mounted, 'the store unmounted');

      startLab();
      expect(checkOnce('restarted after the clean stop').health).toBe('Healthy');
      await published((s) => s.health === 'Healthy', 'Healthy after the restart');
    });

    it('daemon hung (SIGSTOP): the probe times out, and the agent comes back when it resumes', async () => {
      signalDaemon('SIGSTOP');
      // Past the FUSE attribute and entry caches (1 s), every access blocks.
      await new Promise((r) => setTimeout(r, 1500));

      const started = Date.now();
      const { health, report } = checkOnce('daemon hung');
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(health).toBe('Unhealthy');
      expect(report.stores[0]).toMatchObject({
        mounted: true,
        responsive: false,
        error: `listing did not answer within ${PROBE_TIMEOUT_S * 1000} ms`,
        // Stopped, not dead: the process is still there.
        process: true,
      });
      expect(checkOf(report, 'responsive')?.message).toMatch(
        /The FUSE mount may be hung, which can stall CRI-O on the whole node\.$/,
      );
      const looped = await published((s) => s.health === 'Unhealthy', 'Unhealthy (hung)');
      expect(looped.report.stores[0].error).toMatch(
        /^(listing did not answer within 1000 ms|an earlier listing has not answered for \d+ s)$/,
      );

      signalDaemon('SIGCONT');
      await published((s) => s.health === 'Healthy', 'Healthy after SIGCONT');
      expect(checkOnce('daemon resumed').health).toBe('Healthy');
      expect(loop.exitCode).toBeNull();
    });
  });
}
