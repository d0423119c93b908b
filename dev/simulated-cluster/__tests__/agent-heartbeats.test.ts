import { ManualScheduler } from '../clock';
import { createSimulatedCluster } from '../index';
import { NODES } from '../resources';
import {
  DEFAULT_HEARTBEAT_SECONDS,
  parseNodeAnnotations,
  REPORT_ANNOTATION,
} from '../../../src/core/health/report';

/**
 * The simulated agents heartbeat as the real agent does (src/agent/loop/agentLoop.ts writes an
 * unchanged report again once `heartbeatMs` has passed since it last wrote, 600 s by default):
 * so at 5,000 nodes the watch carries 500 node updates a minute, the load the real console sees.
 */
describe('simulated agents: heartbeats', () => {
  const start = (nodes: number) => {
    const scheduler = new ManualScheduler('2026-03-02T09:00:00Z');
    const cluster = createSimulatedCluster({ nodes, scheduler, mco: { autoRun: false } });
    const updated: string[] = [];
    cluster.store.subscribe((e) => {
      if (e.resource === NODES && e.type === 'MODIFIED') updated.push(e.object.metadata.name);
    });
    const reporting = cluster.store
      .list(NODES)
      .filter((n) => {
        const state = parseNodeAnnotations(n.metadata.annotations, scheduler.now());
        return state.kind === 'ok' && !state.stale;
      })
      .map((n) => n.metadata.name);
    return { scheduler, cluster, updated, reporting };
  };

  it('writes each reporting node once per heartbeat interval, at the real agent’s rate', () => {
    const { scheduler, cluster, updated, reporting } = start(600);
    // The real agent's default interval, from its own configuration's source of truth.
    expect(DEFAULT_HEARTBEAT_SECONDS).toBe(600);
    expect(reporting.length).toBeGreaterThan(400);
    scheduler.advance(60_000);
    // A minute is a tenth of the interval: a tenth of the agents write, give or take the spread.
    expect(updated.length).toBeGreaterThan(reporting.length * 0.07);
    expect(updated.length).toBeLessThan(reporting.length * 0.13);
    scheduler.advance(DEFAULT_HEARTBEAT_SECONDS * 1000 - 60_000);
    // One interval: every reporting agent wrote exactly once, and no other node changed.
    expect([...updated].sort()).toEqual([...reporting].sort());
    scheduler.advance(DEFAULT_HEARTBEAT_SECONDS * 1000);
    expect(updated.length).toBe(2 * reporting.length);
    cluster.close();
  });

  it('writes the same report, dated at the heartbeat, which a reader finds fresh', () => {
    const { scheduler, cluster, updated } = start(12);
    const before = new Map(
      cluster.store.list(NODES).map((n) => [n.metadata.name, n.metadata.annotations ?? {}]),
    );
    scheduler.advance(DEFAULT_HEARTBEAT_SECONDS * 1000);
    expect(updated.length).toBeGreaterThan(0);
    for (const name of new Set(updated)) {
      const after = cluster.store.get(NODES, name)!.metadata.annotations ?? {};
      const old = JSON.parse(before.get(name)![REPORT_ANNOTATION]) as { at: string };
      const now = JSON.parse(after[REPORT_ANNOTATION]) as { at: string };
      expect({ ...now, at: old.at }).toEqual(old);
      expect(Date.parse(now.at)).toBeGreaterThan(Date.parse(old.at));
      const state = parseNodeAnnotations(after, scheduler.now());
      expect(state).toMatchObject({ kind: 'ok', stale: false });
    }
    cluster.close();
  });

  it('leaves stopped and broken agents alone', () => {
    const { scheduler, cluster, updated, reporting } = start(60);
    const silent = cluster.store
      .list(NODES)
      .map((n) => n.metadata.name)
      .filter((n) => !reporting.includes(n));
    expect(silent.length).toBeGreaterThan(0);
    scheduler.advance(2 * DEFAULT_HEARTBEAT_SECONDS * 1000);
    expect(updated.filter((n) => silent.includes(n))).toEqual([]);
    cluster.close();
  });

  it('brings every heartbeat within a given time on request', () => {
    const { scheduler, cluster, updated, reporting } = start(60);
    const agents = cluster.heartbeatAllWithin(10_000);
    expect(agents).toBe(reporting.length);
    scheduler.advance(10_000);
    expect([...updated].sort()).toEqual([...reporting].sort());
    cluster.close();
  });
});
