import {
  HEALTH_ANNOTATION,
  REPORT_ANNOTATION,
  REPORT_MAX_BYTES,
  parseNodeAnnotations,
} from '../../health/report';
import { buildDashboard } from '../buildDashboard';
import {
  agentAnnotations,
  degradedReport,
  mcoAnnotations,
  notConfiguredReport,
  NOW,
  sampleConfigs,
  sampleNode,
  samplePools,
  sampleReport,
  sampleStore,
  STARGZ_STORE,
  unhealthyReport,
} from '../__fixtures__/sampleCluster';
import type { NodeHealthEntry } from '../types';

const entryFor = (
  annotations: Record<string, string>,
  roles = ['worker', 'gpu'],
): NodeHealthEntry => {
  const snapshot = buildDashboard({
    nodes: [
      sampleNode('n1', roles, { ...mcoAnnotations('Done', 'rendered-gpu-new'), ...annotations }),
    ],
    pools: samplePools(),
    configs: sampleConfigs(),
    now: NOW,
  });
  return snapshot.node('n1') as NodeHealthEntry;
};

const withReport = (health: string, report: string) => ({
  [HEALTH_ANNOTATION]: health,
  [REPORT_ANNOTATION]: report,
});

describe('health of a node', () => {
  it.each([
    ['Healthy', agentAnnotations(sampleReport())],
    ['Degraded', agentAnnotations(degradedReport())],
    ['Unhealthy', agentAnnotations(unhealthyReport())],
    ['NotConfigured', agentAnnotations(notConfiguredReport())],
    ['Stale', agentAnnotations(sampleReport({ at: new Date(NOW - 31 * 60_000).toISOString() }))],
    ['NoReport', {}],
    ['Unknown', withReport('Healthy', 'not json')],
  ])('%s', (health, annotations) => {
    expect(entryFor(annotations).health).toBe(health);
  });

  it('keeps what a stale report said, and when it turned stale', () => {
    const at = NOW - 31 * 60_000;
    const entry = entryFor(
      agentAnnotations(sampleReport({ at: new Date(at).toISOString(), heartbeatSeconds: 600 })),
    );
    expect(entry).toMatchObject({
      health: 'Stale',
      reportedHealth: 'Healthy',
      checkedAtMs: at,
      staleAtMs: at + 1_800_000,
    });
  });

  it('is not stale at exactly three heartbeats', () => {
    const entry = entryFor(
      agentAnnotations(sampleReport({ at: new Date(NOW - 1_800_000).toISOString() })),
    );
    expect(entry.health).toBe('Healthy');
  });

  it('judges staleness by the report’s own heartbeat', () => {
    const entry = entryFor(
      agentAnnotations(
        sampleReport({ at: new Date(NOW - 31_000).toISOString(), heartbeatSeconds: 10 }),
      ),
    );
    expect(entry.health).toBe('Stale');
  });

  it('counts stores, layers and images from the report', () => {
    const report = sampleReport({
      stores: [
        sampleStore({ layers: 7, images: ['a', 'b'], imagesOmitted: 3 }),
        sampleStore({
          path: '/var/lib/other/store',
          mounted: true,
          responsive: false,
          latencyMs: null,
          error: 'timeout',
          layers: 0,
          images: [],
        }),
        sampleStore({
          path: '/var/lib/third/store',
          mounted: false,
          responsive: false,
          latencyMs: null,
          error: 'no mount',
          layers: 2,
          images: ['c'],
        }),
      ],
      storageConf: {
        layerStores: [STARGZ_STORE, '/var/lib/other/store', '/var/lib/third/store'].map((path) => ({
          path,
          ref: true,
        })),
        imageStores: [],
      },
      checks: [
        { id: 'responsive', status: 'fail', message: 'timeout', store: 1 },
        { id: 'mounted', status: 'fail', message: 'no mount', store: 2 },
      ],
    });
    const entry = entryFor(agentAnnotations(report));
    expect(entry.stores).toEqual({ total: 3, mounted: 2, responsive: 1 });
    expect(entry.layersServed).toBe(9);
    expect(entry.imagesServed).toBe(6);
    expect(entry.nodeStores).toEqual([
      STARGZ_STORE,
      '/var/lib/other/store',
      '/var/lib/third/store',
    ]);
    // Every listed image, over all stores, for the text search.
    expect(entry.images).toEqual(['a', 'b', 'c']);
  });

  it('keeps the annotations the detail view reads the whole report from', () => {
    const report = sampleReport({ stores: [sampleStore({ error: 'slow' })] });
    const annotations = agentAnnotations(report);
    const entry = entryFor(annotations);
    expect(entry.agentAnnotations?.[REPORT_ANNOTATION]).toBe(annotations[REPORT_ANNOTATION]);
    const state = parseNodeAnnotations(entry.agentAnnotations, NOW);
    // The report the agent wrote, as written (JSON), not as the reader made it.
    expect(state.kind === 'ok' && state.report).toEqual(JSON.parse(annotations[REPORT_ANNOTATION]));
  });

  it('has no counts without a readable report', () => {
    const entry = entryFor({});
    expect(entry).toMatchObject({
      agentAnnotations: null,
      images: [],
      layersServed: null,
      imagesServed: null,
      checkedAtMs: null,
      drift: null,
    });
    expect(entry.stores).toEqual({ total: 0, mounted: 0, responsive: 0 });
  });
});

const goodReport = JSON.parse(agentAnnotations(sampleReport())[REPORT_ANNOTATION]) as Record<
  string,
  unknown
>;
const reportWith = (patch: Record<string, unknown>): string =>
  JSON.stringify({ ...goodReport, ...patch });

describe('a report that cannot be read is Unknown with the reason, never healthy', () => {
  it.each([
    [
      'missing-health',
      'report without health',
      { [REPORT_ANNOTATION]: reportWith({}) },
      /health is missing/,
    ],
    [
      'missing-report',
      'health without report',
      { [HEALTH_ANNOTATION]: 'Healthy' },
      /report is missing/,
    ],
    ['bad-health', 'health not in the list', withReport('Fine', reportWith({})), /not one of/],
    ['bad-health', 'empty health', withReport('', reportWith({})), /not one of/],
    [
      'oversized',
      'report over 16 KiB',
      withReport('Healthy', `{"v":1,"pad":"${'x'.repeat(REPORT_MAX_BYTES)}"}`),
      /16384-byte limit/,
    ],
    ['bad-json', 'truncated JSON', withReport('Healthy', '{"v":1,'), /not valid JSON/],
    ['bad-json', 'empty report', withReport('Healthy', ''), /not valid JSON/],
    [
      'unknown-version',
      'version 2',
      withReport('Healthy', reportWith({ v: 2 })),
      /version 2 is not supported/,
    ],
    ['wrong-type', 'report is a list', withReport('Healthy', '[]'), /should be a JSON object/],
    ['wrong-type', 'report is null', withReport('Healthy', 'null'), /should be a JSON object/],
    ['wrong-type', 'version is a string', withReport('Healthy', reportWith({ v: '1' })), /"v"/],
    [
      'wrong-type',
      'stores is an object',
      withReport('Healthy', reportWith({ stores: {} })),
      /"stores"/,
    ],
    [
      'wrong-type',
      'store lacks fields',
      withReport('Healthy', reportWith({ stores: [{ path: STARGZ_STORE }] })),
      /stores\[0\]/,
    ],
    [
      'wrong-type',
      'check status unknown',
      withReport('Healthy', reportWith({ checks: [{ id: 'x', status: 'ok', message: '' }] })),
      /checks\[0\]\.status/,
    ],
    [
      'wrong-type',
      'heartbeat zero',
      withReport('Healthy', reportWith({ heartbeatSeconds: 0 })),
      /heartbeatSeconds/,
    ],
    ['wrong-type', 'time is a number', withReport('Healthy', reportWith({ at: 5 })), /"at"/],
    [
      'bad-time',
      'time not RFC 3339',
      withReport('Healthy', reportWith({ at: 'yesterday' })),
      /RFC 3339/,
    ],
    [
      'future-time',
      'time an hour ahead',
      withReport('Healthy', reportWith({ at: new Date(NOW + 3600_000).toISOString() })),
      /in the future/,
    ],
    [
      'disagree',
      'health contradicts the checks',
      withReport(
        'Healthy',
        JSON.stringify(JSON.parse(agentAnnotations(unhealthyReport())[REPORT_ANNOTATION])),
      ),
      /says Healthy/,
    ],
  ])('%s: %s', (problem, _label, annotations, reason) => {
    const entry = entryFor(annotations);
    expect(entry.health).toBe('Unknown');
    expect(entry.reportedHealth).toBeNull();
    expect(entry.unknown?.problem).toBe(problem);
    expect(entry.unknown?.reason).toMatch(reason);
    expect(entry.agentAnnotations).toBeNull();
  });
});
