/**
 * The schedule and the publisher against a local double of the API server, with time passed in:
 * what is written, when, and what is not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { silentLogger } from '../log';
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
