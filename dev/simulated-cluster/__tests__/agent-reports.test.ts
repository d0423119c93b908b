import { healthyReport } from '../agent-reports';

/**
 * The simulated agents report each store's socket and daemon as the real agent in its DaemonSet
 * does (src/agent/__tests__/buildReport.test.ts: "nydus-store alone, with no host /proc").
 */
describe('the simulated agent reports', () => {
  const at = new Date('2026-03-02T09:00:00Z');
  const storage = {
    layerStores: [
      { path: '/var/lib/stargz-store/store', ref: true },
      { path: '/var/lib/nydus-store/store', ref: true },
      { path: '/mnt/layers', ref: true },
    ],
    imageStores: [],
  };

  it('know the socket and the daemon only where the plugin table does', () => {
    const mounts = storage.layerStores.map(({ path }) => ({ path, fs: 'fuse', source: 'x' }));
    const { stores } = healthyReport(storage, at, 0, mounts);
    expect(stores.map((s) => [s.path, s.plugin, s.socket, s.process])).toEqual([
      ['/var/lib/stargz-store/store', 'stargz', true, true],
      ['/var/lib/nydus-store/store', 'nydus', null, null],
      ['/mnt/layers', 'unknown', null, null],
    ]);
  });

  it('report a stopped daemon as such where it can be seen', () => {
    const { stores } = healthyReport(storage, at, 0, []);
    expect(stores.map((s) => [s.mounted, s.socket, s.process])).toEqual([
      [false, false, false],
      [false, null, null],
      [false, null, null],
    ]);
  });
});
