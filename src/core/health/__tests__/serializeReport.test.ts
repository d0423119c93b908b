import fc from 'fast-check';
import {
  CHECK_STATUSES,
  decideHealth,
  DEFAULT_MAX_IMAGES_PER_STORE,
  fitReport,
  HEALTH_ANNOTATION,
  type HealthCheck,
  type NodeHealthReport,
  parseNodeAnnotations,
  PLUGIN_KINDS,
  REPORT_ANNOTATION,
  REPORT_MAX_BYTES,
  REPORT_VERSION,
  serializeReport,
  type StoreReport,
} from '../report';
import { utf8ByteLength } from '../utf8ByteLength';
import { exampleReport, healthyReport, stargzStore } from '../__test-support__/reportExamples';

/** The size of a report as it stands (serializeReport would trim it again, hiding mistakes). */
const bytesOf = (report: NodeHealthReport) => utf8ByteLength(JSON.stringify(report));

/** A long but plausible image reference (about 150 bytes). */
const imageRef = (store: number, index: number) =>
  `registry.example.com/machine-learning/team-${store}/inference-server-${index}:v2.4.1-estargz@sha256:${'a'.repeat(64)}`;

const storeWithImages = (index: number, count: number): StoreReport =>
  stargzStore({
    path: `/var/lib/stargz-store-${index}/store`,
    images: Array.from({ length: count }, (_, i) => imageRef(index, i)),
    layers: count * 5,
  });

const fiveStores = (imagesPerStore: number): NodeHealthReport => {
  const stores = Array.from({ length: 5 }, (_, i) => storeWithImages(i, imagesPerStore));
  const checks: HealthCheck[] = stores.flatMap((_, store) =>
    ['mounted', 'fs-type', 'responsive', 'socket', 'process'].map((id) => ({
      id,
      status: 'pass' as const,
      message: `Store check ${id} passed for /var/lib/stargz-store-${store}/store.`,
      store,
    })),
  );
  return healthyReport({
    storageConf: { layerStores: stores.map((s) => ({ path: s.path, ref: true })), imageStores: [] },
    stores,
    checks: [{ id: 'storage-conf', status: 'pass', message: 'ok' }, ...checks],
  });
};

describe('decideHealth', () => {
  it.each([
    ['Unhealthy', { stores: [], checks: [{ id: 'storage-conf', status: 'fail' }] }],
    ['NotConfigured', { stores: [], checks: [{ id: 'storage-conf', status: 'warn' }] }],
    ['Degraded', { stores: [stargzStore()], checks: [{ id: 'socket', status: 'warn' }] }],
    [
      'Unhealthy',
      {
        stores: [stargzStore()],
        checks: [
          { id: 'socket', status: 'warn' },
          { id: 'mounted', status: 'fail' },
        ],
      },
    ],
    ['Healthy', { stores: [stargzStore()], checks: [{ id: 'mounted', status: 'pass' }] }],
  ])('%s', (health, report) => {
    expect(decideHealth(report as Pick<NodeHealthReport, 'stores' | 'checks'>)).toBe(health);
  });
});

describe('serializeReport', () => {
  it('writes compact JSON that reads back as the same report', () => {
    const json = serializeReport(exampleReport());
    expect(json).not.toMatch(/\n|": /);
    expect(JSON.parse(json)).toEqual(exampleReport());
  });

  it('fits five stores with the default bound of long image references without trimming', () => {
    const report = fiveStores(DEFAULT_MAX_IMAGES_PER_STORE);
    expect(fitReport(report)).toBe(report);
    expect(bytesOf(report)).toBeLessThanOrEqual(REPORT_MAX_BYTES);
  });

  it('trims image lists to the same, highest cap that fits, and counts what it left out', () => {
    const report = fiveStores(40);
    expect(utf8ByteLength(JSON.stringify(report))).toBeGreaterThan(REPORT_MAX_BYTES);
    const fitted = fitReport(report);
    const caps = fitted.stores.map((s) => s.images.length);
    expect(new Set(caps).size).toBe(1);
    const cap = caps[0];
    expect(cap).toBeGreaterThan(0);
    expect(cap).toBeLessThan(40);
    fitted.stores.forEach((store, i) => {
      expect(store.imagesOmitted).toBe(40 - cap);
      expect(store.images).toEqual(report.stores[i].images.slice(0, cap));
    });
    expect(bytesOf(fitted)).toBeLessThanOrEqual(REPORT_MAX_BYTES);
    // One more image per store would not have fitted.
    const onemore = {
      ...report,
      stores: report.stores.map((s) => ({ ...s, images: s.images.slice(0, cap + 1) })),
    };
    expect(utf8ByteLength(JSON.stringify(onemore))).toBeGreaterThan(REPORT_MAX_BYTES);
    expect(decideHealth(fitted)).toBe(decideHealth(report));
  });

  it('keeps short lists whole while trimming long ones', () => {
    const report = fiveStores(40);
    report.stores[0] = { ...report.stores[0], images: report.stores[0].images.slice(0, 2) };
    const fitted = fitReport(report);
    expect(fitted.stores[0].images).toHaveLength(2);
    expect(fitted.stores[0].imagesOmitted).toBe(0);
  });

  it('shortens messages, then drops passing checks, before giving up detail', () => {
    const long = 'x'.repeat(1000);
    const report = fiveStores(5);
    report.checks = report.checks.map((check, i) => ({
      ...check,
      message: long,
      status: i === 3 ? 'warn' : 'pass',
    }));
    const fitted = fitReport(report);
    expect(bytesOf(fitted)).toBeLessThanOrEqual(REPORT_MAX_BYTES);
    expect(fitted.stores.every((s) => s.images.length === 0)).toBe(true);
    expect(fitted.checks.every((c) => c.message.length <= 160 && c.message.endsWith('…'))).toBe(
      true,
    );
    expect(decideHealth(fitted)).toBe('Degraded');

    const huge = fiveStores(0);
    huge.checks = Array.from({ length: 400 }, (_, i) => ({
      id: `c${i}`,
      status: i === 7 ? 'fail' : 'pass',
      message: long,
    }));
    const dropped = fitReport(huge);
    expect(dropped.checks).toEqual([
      { id: 'c7', status: 'fail', message: expect.stringMatching(/^x{59}…$/) },
    ]);
  });

  it('falls back to a skeleton that says why, and counts as Unhealthy', () => {
    const report = healthyReport({
      stores: Array.from({ length: 80 }, (_, i) =>
        stargzStore({ path: `/${'p'.repeat(250)}${i}` }),
      ),
    });
    const fitted = fitReport(report);
    expect(fitted.stores).toEqual([]);
    expect(fitted.storageConf).toBeNull();
    expect(fitted.checks).toEqual([expect.objectContaining({ id: 'report-size', status: 'fail' })]);
    expect(decideHealth(fitted)).toBe('Unhealthy');
    expect(bytesOf(fitted)).toBeLessThanOrEqual(REPORT_MAX_BYTES);
  });

  it('never splits a surrogate pair when shortening', () => {
    const report = fiveStores(0);
    report.checks = Array.from({ length: 200 }, (_, i) => ({
      id: `c${i}`,
      status: 'warn',
      message: '😀'.repeat(200),
    }));
    const fitted = fitReport(report);
    fitted.checks.forEach((check) =>
      expect(check.message).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const text = fc.string({ unit: 'grapheme', maxLength: 80 });
const storeArb: fc.Arbitrary<StoreReport> = fc.record(
  {
    path: text,
    plugin: fc.constantFrom(...PLUGIN_KINDS),
    mounted: fc.boolean(),
    fs: fc.option(text, { nil: null }),
    responsive: fc.boolean(),
    latencyMs: fc.option(
      fc.integer({ min: 0, max: 100_000 }).map((n) => n / 10),
      { nil: null },
    ),
    error: text,
    layers: fc.nat(),
    images: fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { maxLength: 60 }),
    imagesOmitted: fc.nat({ max: 1000 }),
    socket: fc.option(fc.boolean(), { nil: null }),
    process: fc.option(fc.boolean(), { nil: null }),
  },
  {
    requiredKeys: [
      'path',
      'plugin',
      'mounted',
      'fs',
      'responsive',
      'latencyMs',
      'layers',
      'images',
      'imagesOmitted',
      'socket',
      'process',
    ],
  },
);

/**
 * Reports as the agent writes them: one store per storage.conf layer store, and a check that
 * does not pass for every store in trouble and for an unreadable storage.conf (a reader refuses
 * anything else as contradicting itself; reportFacts.test.ts covers those).
 */
const reportArb: fc.Arbitrary<NodeHealthReport> = fc
  .record({
    at: fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    agentVersion: text,
    heartbeatSeconds: fc.integer({ min: 1, max: 86400 }),
    confReadable: fc.boolean(),
    refs: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    imageStores: fc.array(text, { maxLength: 10 }),
    stores: fc.array(storeArb, { maxLength: 6 }),
    checkSeeds: fc.array(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 20 }),
        status: fc.constantFrom(...CHECK_STATUSES),
        message: fc.string({ maxLength: 300 }),
        store: fc.option(fc.nat(), { nil: undefined }),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ at, checkSeeds, confReadable, refs, imageStores, stores: drawn, ...rest }) => {
    const stores = confReadable ? drawn : [];
    const checks: HealthCheck[] = checkSeeds.map(({ store, ...check }) =>
      store === undefined || stores.length === 0
        ? check
        : { ...check, store: store % stores.length },
    );
    if (!confReadable) checks.push({ id: 'storage-conf', status: 'fail', message: 'unreadable' });
    stores.forEach((store, index) => {
      if (!store.mounted || !store.responsive || store.process === false)
        checks.push({ id: 'mounted', status: 'fail', message: 'trouble', store: index });
    });
    return {
      v: REPORT_VERSION,
      at: at.toISOString(),
      ...rest,
      storageConf: confReadable
        ? {
            layerStores: stores.map((store, index) => ({ path: store.path, ref: refs[index] })),
            imageStores,
          }
        : null,
      stores,
      checks,
    };
  });

describe('properties', () => {
  it('serialize → parse round-trips any report, within the byte limit', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        const json = serializeReport(report);
        const fitted = fitReport(report);
        expect(utf8ByteLength(json)).toBeLessThanOrEqual(REPORT_MAX_BYTES);
        const health = decideHealth(fitted);
        const state = parseNodeAnnotations(
          { [HEALTH_ANNOTATION]: health, [REPORT_ANNOTATION]: json },
          new Date(report.at),
        );
        expect(state).toEqual({
          kind: 'ok',
          health,
          report: fitted,
          checkedAt: new Date(report.at),
          checkedAtMs: Date.parse(report.at),
          staleAtMs: Date.parse(report.at) + 3 * report.heartbeatSeconds * 1000,
          stale: false,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on any annotation values, and never calls garbage healthy', () => {
    const anyValue = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.json(),
      reportArb.map((r) => JSON.stringify(r)),
      fc.constantFrom('Healthy', 'Degraded', 'Unhealthy', 'NotConfigured'),
    );
    fc.assert(
      fc.property(
        fc.option(anyValue, { nil: undefined }),
        fc.option(anyValue, { nil: undefined }),
        fc.date({ noInvalidDate: true }),
        (health, report, now) => {
          const annotations: Record<string, string> = {};
          if (health !== undefined) annotations[HEALTH_ANNOTATION] = health;
          if (report !== undefined) annotations[REPORT_ANNOTATION] = report;
          const state = parseNodeAnnotations(annotations, now);
          expect(['notReported', 'ok', 'unknown']).toContain(state.kind);
          if (state.kind === 'ok') expect(state.health).toBe(decideHealth(state.report));
          if (state.kind === 'unknown') expect(state.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
