/**
 * A reader judges a report by its own facts, not only by its checks: a report whose stores say
 * they do not work, or that describes fewer stores than its storage.conf names, never reads
 * Healthy, whatever its checks and health annotation say.
 */
import {
  HEALTH_ANNOTATION,
  type NodeHealthReport,
  parseNodeAnnotations,
  REPORT_ANNOTATION,
} from '../report';
import { reportContradiction } from '../reportFacts';
import { EXAMPLE_AT, healthyReport, stargzStore } from '../__test-support__/reportExamples';

const NOW = new Date(EXAMPLE_AT);
const read = (report: NodeHealthReport, health = 'Healthy') =>
  parseNodeAnnotations(
    { [HEALTH_ANNOTATION]: health, [REPORT_ANNOTATION]: JSON.stringify(report) },
    NOW,
  );
const passing = (stores: number) => [
  { id: 'storage-conf', status: 'pass' as const, message: 'ok' },
  ...Array.from({ length: stores }, (_, store) => ({
    id: 'mounted',
    status: 'pass' as const,
    message: 'ok',
    store,
  })),
];

describe('a report that contradicts itself is unknown, not healthy', () => {
  it.each([
    [
      'stores unmounted and unresponsive, every check passing',
      healthyReport({
        stores: [stargzStore({ mounted: false, fs: null, responsive: false, latencyMs: null })],
        checks: passing(1),
      }),
      'stores[0] (/var/lib/stargz-store/store) is not mounted and not answering, yet every check of it passes',
    ],
    [
      "a store without its plugin's process, every check passing",
      healthyReport({ stores: [stargzStore({ process: false })], checks: passing(1) }),
      "stores[0] (/var/lib/stargz-store/store) is without its plugin's process, yet every check of it passes",
    ],
    [
      'storage.conf naming 5 stores while 1 is reported',
      healthyReport({
        storageConf: {
          layerStores: [0, 1, 2, 3, 4].map((i) => ({ path: `/var/lib/s${i}/store`, ref: true })),
          imageStores: [],
        },
        stores: [stargzStore({ path: '/var/lib/s0/store' })],
        checks: passing(1),
      }),
      'storage.conf names 5 layer stores but the report describes 1',
    ],
    [
      'storage.conf naming no store while one is reported',
      healthyReport({ storageConf: { layerStores: [], imageStores: [] }, checks: passing(1) }),
      'storage.conf names 0 layer stores but the report describes 1',
    ],
    [
      'the stores in another order than storage.conf',
      healthyReport({
        storageConf: {
          layerStores: [
            { path: '/b/store', ref: true },
            { path: '/a/store', ref: true },
          ],
          imageStores: [],
        },
        stores: [stargzStore({ path: '/a/store' }), stargzStore({ path: '/b/store' })],
        checks: passing(2),
      }),
      'stores[0] is "/a/store", but storage.conf names "/b/store" there',
    ],
    [
      'stores described while storage.conf could not be read',
      healthyReport({ storageConf: null, checks: passing(1) }),
      'the report describes 1 layer store but says storage.conf could not be read',
    ],
    [
      'storage.conf unreadable with nothing failing',
      healthyReport({ storageConf: null, stores: [], checks: passing(0) }),
      'the report says storage.conf could not be read, but no check of the node says so',
    ],
  ])('%s', (_name, report, reason) => {
    expect(reportContradiction(report)).toBe(reason);
    for (const health of ['Healthy', 'Degraded', 'Unhealthy', 'NotConfigured']) {
      expect(read(report, health)).toEqual({
        kind: 'unknown',
        problem: 'inconsistent',
        reason: `the report contradicts itself: ${reason}`,
      });
    }
  });
});

describe('reports that agree with themselves', () => {
  it.each([
    ['a healthy store', healthyReport(), 'Healthy'],
    [
      'an unmounted store with its failing check',
      healthyReport({
        stores: [stargzStore({ mounted: false, fs: null })],
        checks: [
          { id: 'storage-conf', status: 'pass', message: 'ok' },
          { id: 'mounted', status: 'fail', message: 'not a mount point', store: 0 },
        ],
      }),
      'Unhealthy',
    ],
    [
      'a store the agent cannot see, with its warning',
      healthyReport({
        stores: [stargzStore({ mounted: false, fs: null, responsive: false, latencyMs: null })],
        checks: [
          { id: 'storage-conf', status: 'pass', message: 'ok' },
          { id: 'mounted', status: 'warn', message: 'not mounted into the agent', store: 0 },
        ],
      }),
      'Degraded',
    ],
    [
      'an unreadable storage.conf',
      healthyReport({
        storageConf: null,
        stores: [],
        checks: [{ id: 'storage-conf', status: 'fail', message: 'EACCES' }],
      }),
      'Unhealthy',
    ],
    [
      'no layer store configured',
      healthyReport({ storageConf: { layerStores: [], imageStores: [] }, stores: [], checks: [] }),
      'NotConfigured',
    ],
    [
      'no control socket (information)',
      healthyReport({ stores: [stargzStore({ socket: false })] }),
      'Healthy',
    ],
  ])('%s', (_name, report, health) => {
    expect(reportContradiction(report)).toBeUndefined();
    expect(read(report, health)).toMatchObject({ kind: 'ok', health });
  });
});
