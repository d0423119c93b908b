/**
 * The schedule and the publisher against a local double of the API server, with time passed in:
 * what is written, when, and what is not.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decideHealth,
  HEALTH_ANNOTATION,
  type HealthCheck,
  type NodeHealthReport,
  parseNodeAnnotations,
  REPORT_ANNOTATION,
} from '../../core/health/report';
import { healthyReport, stargzStore } from '../../core/health/__test-support__/reportExamples';
import type { KubeApiTarget } from '../config';
import { createLogger, silentLogger } from '../log';
import { createAliveFile } from '../loop/aliveFile';
import { AgentLoop } from '../loop/agentLoop';
import { DEFAULT_BACKOFF } from '../publish/backoff';
import { patchNodeAnnotations, readNodeAnnotations } from '../publish/nodeAnnotations';
import type { PublishableState } from '../report/buildReport';
import { type FakeApiServer, startFakeApiServer } from '../__test-support__/fakeApiServer';

const NODE = 'worker-0';
const T0 = Date.parse('2026-03-01T12:00:00Z');
const CHECK_MS = 30_000;
const HEARTBEAT_MS = 600_000;
const at = (ms: number) => new Date(T0 + ms);

/** What the node check returns; tests change it between ticks. */
let current: (now: Date) => NodeHealthReport;
const stateAt = (now: Date): PublishableState => {
  const report = current(now);
  return { health: decideHealth(report), report };
};
const healthyAt =
  (latencyMs = 1) =>
  (now: Date) =>
    healthyReport({ at: now.toISOString(), stores: [stargzStore({ latencyMs })] });

let api: FakeApiServer;
let target: KubeApiTarget;
let dir: string;

const newLoop = (overrides: Partial<ConstructorParameters<typeof AgentLoop>[0]> = {}) =>
  new AgentLoop({
    check: async (now) => stateAt(now),
    publish: (health, json) => patchNodeAnnotations(target, NODE, health, json),
    readPublished: () => readNodeAnnotations(target, NODE),
    checkIntervalMs: CHECK_MS,
    heartbeatMs: HEARTBEAT_MS,
    backoff: DEFAULT_BACKOFF,
    random: () => 0,
    log: silentLogger,
    ...overrides,
  });

beforeEach(async () => {
  api = await startFakeApiServer([NODE, 'worker-1']);
  dir = mkdtempSync(join(tmpdir(), 'lazy-pull-sa-'));
  writeFileSync(join(dir, 'token'), 'sa-token-1\n');
  target = { url: api.url, tokenFile: join(dir, 'token'), caFile: join(dir, 'ca.crt') };
  current = healthyAt();
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('what the agent sends', () => {
  it('a merge patch of exactly our two annotations, to its own node only, with its token', async () => {
    const loop = newLoop();
    await loop.resume(at(0));
    expect(await loop.tick(at(0))).toBe(CHECK_MS);

    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /api/v1/nodes/${NODE}`,
      `PATCH /api/v1/nodes/${NODE}?fieldManager=lazy-pull-agent`,
    ]);
    const [patch] = api.patches();
    expect(patch.headers['content-type']).toBe('application/merge-patch+json');
    expect(patch.headers.authorization).toBe('Bearer sa-token-1');
    const body = JSON.parse(patch.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['metadata']);
    const metadata = body.metadata as Record<string, Record<string, string>>;
    expect(Object.keys(metadata)).toEqual(['annotations']);
    expect(Object.keys(metadata.annotations).sort()).toEqual([
      HEALTH_ANNOTATION,
      REPORT_ANNOTATION,
    ]);
    expect(metadata.annotations[HEALTH_ANNOTATION]).toBe('Healthy');
    expect(parseNodeAnnotations(metadata.annotations, at(0))).toMatchObject({
      kind: 'ok',
      health: 'Healthy',
    });

    // The node keeps its other annotations; the other node is untouched.
    expect(api.annotations.get(NODE)).toMatchObject({
      'kubernetes.io/hostname': NODE,
      [HEALTH_ANNOTATION]: 'Healthy',
    });
    expect(api.annotations.get('worker-1')).toEqual({ 'kubernetes.io/hostname': 'worker-1' });
  });

  it('re-reads the token file, which the kubelet rotates', async () => {
    const loop = newLoop();
    await loop.tick(at(0));
    writeFileSync(join(dir, 'token'), 'sa-token-2');
    current = () =>
      healthyReport({
        at: at(CHECK_MS).toISOString(),
        checks: [{ id: 'socket', status: 'warn', message: 'x', store: 0 }],
      });
    await loop.tick(at(CHECK_MS));
    expect(api.patches().map((p) => p.headers.authorization)).toEqual([
      'Bearer sa-token-1',
      'Bearer sa-token-2',
    ]);
  });
});

describe('when the agent writes', () => {
  it('not when nothing changed, however time, latency, layer counts and images move', async () => {
    const loop = newLoop();
    await loop.tick(at(0));
    for (let i = 1; i < 19; i += 1) {
      current = (now) =>
        healthyReport({
          at: now.toISOString(),
          stores: [
            stargzStore({
              latencyMs: i * 3.7,
              layers: 12 + i,
              images: [`quay.io/x/${i}:1`],
              imagesOmitted: i,
            }),
          ],
        });
      expect(await loop.tick(at(i * CHECK_MS))).toBe(CHECK_MS);
    }
    expect(api.patches()).toHaveLength(1);
  });

  it('at once when the health changes, and again when it recovers', async () => {
    const loop = newLoop();
    await loop.tick(at(0));
    const warn: HealthCheck = { id: 'socket', status: 'warn', message: 'missing', store: 0 };
    current = (now) => healthyReport({ at: now.toISOString(), checks: [warn] });
    await loop.tick(at(CHECK_MS));
    current = healthyAt();
    await loop.tick(at(2 * CHECK_MS));
    await loop.tick(at(3 * CHECK_MS));
    expect(
      api.patches().map((p) => JSON.parse(p.body).metadata.annotations[HEALTH_ANNOTATION]),
    ).toEqual(['Healthy', 'Degraded', 'Healthy']);
  });

  it('when a FUSE mount appears on a node whose storage.conf names no store yet', async () => {
    const loop = newLoop();
    const notConfigured = (fuseMounts: NodeHealthReport['fuseMounts']) => (now: Date) =>
      healthyReport({
        at: now.toISOString(),
        storageConf: { layerStores: [], imageStores: [] },
        stores: [],
        checks: [{ id: 'storage-conf', status: 'pass', message: 'none' }],
        fuseMounts,
        fuseMountsOmitted: 0,
      });
    current = notConfigured([]);
    await loop.tick(at(0));
    current = notConfigured([
      { path: '/var/lib/stargz-store/store', fs: 'fuse.rawBridge', source: 'stargzstore' },
    ]);
    await loop.tick(at(CHECK_MS));
    await loop.tick(at(2 * CHECK_MS));
    expect(
      api.patches().map((p) => {
        const report = JSON.parse(JSON.parse(p.body).metadata.annotations[REPORT_ANNOTATION]);
        return report.fuseMounts.length;
      }),
    ).toEqual([0, 1]);
  });

  it('when a check changes status without changing the health', async () => {
    const loop = newLoop();
    current = (now) =>
      healthyReport({
        at: now.toISOString(),
        checks: [{ id: 'socket', status: 'warn', message: 'a' }],
      });
    await loop.tick(at(0));
    current = (now) =>
      healthyReport({
        at: now.toISOString(),
        checks: [{ id: 'process', status: 'warn', message: 'a' }],
      });
    await loop.tick(at(CHECK_MS));
    expect(api.patches()).toHaveLength(2);
  });

  it('once per heartbeat when nothing changes', async () => {
    const loop = newLoop();
    const written: number[] = [];
    for (let ms = 0; ms <= 3 * HEARTBEAT_MS; ms += CHECK_MS) {
      const before = api.patches().length;
      await loop.tick(at(ms));
      if (api.patches().length > before) written.push(ms);
    }
    expect(written).toEqual([0, HEARTBEAT_MS, 2 * HEARTBEAT_MS, 3 * HEARTBEAT_MS]);
    // Each heartbeat carries the time of its check, so readers do not call the node stale.
    const last = JSON.parse(api.patches()[3].body).metadata.annotations;
    expect(JSON.parse(last[REPORT_ANNOTATION]).at).toBe(at(3 * HEARTBEAT_MS).toISOString());
  });
});

describe('after a restart', () => {
  it('does not rewrite what the previous agent published', async () => {
    const first = newLoop();
    await first.tick(at(0));
    const restarted = newLoop();
    await restarted.resume(at(45_000));
    await restarted.tick(at(45_000));
    expect(api.patches()).toHaveLength(1);
    // ...but keeps the heartbeat of the published report.
    await restarted.tick(at(HEARTBEAT_MS));
    expect(api.patches()).toHaveLength(2);
  });

  it('writes when the published report differs or cannot be read', async () => {
    api.annotations.get(NODE)![HEALTH_ANNOTATION] = 'Healthy';
    api.annotations.get(NODE)![REPORT_ANNOTATION] = '{"v":2}';
    const loop = newLoop();
    await loop.resume(at(0));
    await loop.tick(at(0));
    expect(api.patches()).toHaveLength(1);
  });

  it('writes when the node cannot be read', async () => {
    api.script({ status: 500 });
    const loop = newLoop();
    await loop.resume(at(0));
    await loop.tick(at(0));
    expect(api.patches()).toHaveLength(1);
  });
});

describe('backing off', () => {
  it('honours Retry-After on 429', async () => {
    const loop = newLoop();
    api.script({ status: 429, headers: { 'retry-after': '7' } });
    expect(await loop.tick(at(0))).toBe(7000);
    expect(await loop.tick(at(6999))).toBe(1);
    expect(api.patches()).toHaveLength(1);
    expect(await loop.tick(at(7000))).toBe(CHECK_MS - 7000);
    expect(api.patches()).toHaveLength(2);
    expect(api.annotations.get(NODE)?.[HEALTH_ANNOTATION]).toBe('Healthy');
  });

  it('waits exponentially longer after each 500, then goes back to its schedule', async () => {
    const loop = newLoop();
    api.script({ status: 500 }, { status: 503 }, { status: 500 });
    const delays: number[] = [];
    let ms = 0;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const delay = await loop.tick(at(ms));
      delays.push(delay);
      ms += delay;
    }
    // random() = 0: half of 1 s, 2 s, 4 s; then the next check, 30 s after the first.
    expect(delays).toEqual([500, 1000, 2000, CHECK_MS - 3500]);
    expect(api.patches()).toHaveLength(4);
    expect(api.annotations.get(NODE)?.[HEALTH_ANNOTATION]).toBe('Healthy');
  });

  it('backs off on network errors', async () => {
    const loop = newLoop();
    await api.close();
    expect(await loop.tick(at(0))).toBe(500);
    expect(await loop.tick(at(500))).toBe(1000);
  });

  it('does not retry before the backoff ends even when a check comes due, but writes the newer result', async () => {
    const loop = newLoop();
    api.script({ status: 429, headers: { 'retry-after': '45' } });
    expect(await loop.tick(at(0))).toBe(CHECK_MS);
    current = (now) =>
      healthyReport({
        at: now.toISOString(),
        checks: [{ id: 'socket', status: 'warn', message: 'm' }],
      });
    expect(await loop.tick(at(CHECK_MS))).toBe(15_000);
    expect(api.patches()).toHaveLength(1);
    await loop.tick(at(45_000));
    expect(api.patches()).toHaveLength(2);
    expect(api.annotations.get(NODE)?.[HEALTH_ANNOTATION]).toBe('Degraded');
  });
});

describe('a check that throws', () => {
  it('keeps the agent going with the last result', async () => {
    const loop = newLoop();
    await loop.tick(at(0));
    current = () => {
      throw new Error('boom');
    };
    expect(await loop.tick(at(CHECK_MS))).toBe(CHECK_MS);
    expect(api.patches()).toHaveLength(1);
  });
});

describe('the liveness signal (--alive-file)', () => {
  // The writer's clock, set to the time of each tick: a tick takes no time here.
  let clock: Date;
  const aliveFile = () => join(dir, 'alive');
  const signalled = () => (existsSync(aliveFile()) ? readFileSync(aliveFile(), 'utf8') : undefined);
  const signalAt = (ms: number) => `${at(ms).toISOString()}\n`;
  const aliveLoop = (overrides: Parameters<typeof newLoop>[0] = {}) => {
    const file = createAliveFile(aliveFile(), () => clock);
    return newLoop({ signalAlive: () => file.touch(), ...overrides });
  };
  const tickAt = (loop: AgentLoop, ms: number) => {
    clock = at(ms);
    return loop.tick(at(ms));
  };
  /** Runs everything already queued: I/O callbacks, resolved promises, the fake API's answers. */
  const settle = async () => {
    for (let i = 0; i < 50; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };

  it('is written after every completed cycle, whether or not it published', async () => {
    const loop = aliveLoop();
    expect(signalled()).toBeUndefined();
    await tickAt(loop, 0);
    expect(api.patches()).toHaveLength(1);
    expect(signalled()).toBe(signalAt(0));

    // Nothing changed: no write, but the cycle completed.
    await tickAt(loop, CHECK_MS);
    expect(api.patches()).toHaveLength(1);
    expect(signalled()).toBe(signalAt(CHECK_MS));
    // Written whole, by rename: nothing else is left in the directory.
    expect(readdirSync(dir).sort()).toEqual(['alive', 'token']);
  });

  it('keeps being written, at least once per check interval, while the API server answers 500', async () => {
    const loop = aliveLoop();
    api.script(...Array.from({ length: 30 }, () => ({ status: 500 })));
    const signals: number[] = [];
    let ms = 0;
    while (ms <= 5 * CHECK_MS) {
      const delay = await tickAt(loop, ms);
      expect(signalled()).toBe(signalAt(ms));
      signals.push(ms);
      ms += delay;
    }
    // Every write failed and was retried with backoff...
    expect(api.patches().length).toBeGreaterThan(5);
    expect(api.annotations.get(NODE)?.[HEALTH_ANNOTATION]).toBeUndefined();
    // ...and the signal never went quiet for longer than a check interval: the probe allows three.
    const gaps = signals.slice(1).map((t, i) => t - signals[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(CHECK_MS);
  });

  it('stops while a check hangs, and resumes when it returns', async () => {
    let release: (() => void) | undefined;
    const loop = aliveLoop({
      check: async (now) => {
        if (now.getTime() >= at(CHECK_MS).getTime())
          await new Promise<void>((resolve) => (release = resolve));
        return stateAt(now);
      },
    });
    await tickAt(loop, 0);
    expect(signalled()).toBe(signalAt(0));

    let done = false;
    const hung = tickAt(loop, CHECK_MS).then(() => (done = true));
    await settle();
    // The clock moves on (the kubelet's probe would now find the signal 4 intervals old)...
    clock = at(4 * CHECK_MS);
    await settle();
    // ...but the wedged cycle writes nothing.
    expect(done).toBe(false);
    expect(signalled()).toBe(signalAt(0));

    release?.();
    await hung;
    expect(signalled()).toBe(`${clock.toISOString()}\n`);
  });

  it('does not fail the cycle when it cannot be written', async () => {
    const lines: string[] = [];
    const loop = newLoop({
      signalAlive: createAliveFile(join(dir, 'missing-directory', 'alive')).touch,
      log: createLogger('warn', (line) => lines.push(line)),
    });
    expect(await loop.tick(at(0))).toBe(CHECK_MS);
    expect(api.patches()).toHaveLength(1);
    expect(lines.map((line) => JSON.parse(line) as { msg: string })).toEqual([
      expect.objectContaining({ msg: 'could not write the liveness signal' }),
    ]);
  });

  it("is cleared at start-up, so that an earlier container's signal does not count", () => {
    writeFileSync(aliveFile(), signalAt(0));
    const file = createAliveFile(aliveFile());
    file.clear();
    expect(existsSync(aliveFile())).toBe(false);
    expect(() => file.clear()).not.toThrow();
  });
});
