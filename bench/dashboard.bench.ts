/**
 * The node-health dashboard at 5,000 nodes: the full model from scratch (every report parsed
 * and validated), and one node's change applied to a model that already holds them all.
 */
import { buildDashboard } from '../src/core/dashboard/buildDashboard';
import { DashboardModel } from '../src/core/dashboard/DashboardModel';
import { DEFAULT_QUERY, selectEntries } from '../src/core/dashboard/query';
import {
  agentAnnotations,
  NOW,
  sampleCluster,
  sampleReport,
  sampleStore,
} from '../src/core/dashboard/__fixtures__/sampleCluster';
import type { DashboardNode } from '../src/core/dashboard/types';
import { REPORT_ANNOTATION } from '../src/core/health/report';
import { medianMicros, report } from './measure';

const NODES = 5000;
const { nodes, pools, configs } = sampleCluster(NODES);
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Median of cold runs of `fn`. Each run starts after a collection, so that a run is not charged
 * for collecting the previous run's 5,000 parsed reports.
 */
const medianColdMs = (fn: () => void, runs = 15): number => {
  const samples: number[] = [];
  for (let i = 0; i < runs + 3; i += 1) {
    gc?.();
    const t0 = performance.now();
    fn();
    if (i >= 3) samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
};
report(
  'dashboard.model.5000',
  medianColdMs(() => buildDashboard({ nodes, pools, configs, now: NOW })),
  'ms',
);

// For scale: JSON.parse alone of the same report annotations, measured the same way. Every
// report must be parsed to be validated, so the full build cannot be faster than this.
const reportTexts = nodes
  .map((n) => n.metadata?.annotations?.[REPORT_ANNOTATION])
  .filter((text): text is string => text !== undefined);
const parseAll = (): void => {
  for (const text of reportTexts) {
    try {
      JSON.parse(text);
    } catch {
      // The sample cluster has malformed reports too; the build pays for those as well.
    }
  }
};
report('dashboard.json-parse.5000', medianColdMs(parseAll), 'ms');
const bytes = reportTexts.reduce((sum, text) => sum + text.length, 0);
report('dashboard.report-bytes.5000', bytes / 1024 / 1024, 'MiB');

const model = new DashboardModel(NOW);
model.setPools(pools, configs);
model.syncNodes(nodes);
model.snapshot();

// Each run gives one gpu node a new report (a heartbeat with another layer count), as a watch
// event would, and takes the snapshot the page renders from.
const base = nodes.find((n) => n.metadata?.name === 'gpu-00106.example.com') as DashboardNode;
const variants: DashboardNode[] = Array.from({ length: 64 }, (_, k) => ({
  metadata: {
    ...base.metadata,
    annotations: {
      ...base.metadata?.annotations,
      ...agentAnnotations(
        sampleReport({
          at: new Date(NOW - k * 1000).toISOString(),
          stores: [sampleStore({ layers: 100 + k })],
        }),
      ),
    },
  },
}));
let k = 0;
const one = medianMicros(
  () => {
    k = (k + 1) % variants.length;
    model.upsertNode(variants[k]);
    return model.snapshot().total;
  },
  2000,
  200,
);
report('dashboard.update.1', one / 1000, 'ms');

// What the page does after each update: filter and sort the 5,000 entries for the table.
const snapshot = model.snapshot();
const query = { ...DEFAULT_QUERY, text: 'gpu' };
report(
  'dashboard.select.5000',
  medianMicros(() => selectEntries(snapshot.nodes, query), 200, 20) / 1000,
  'ms',
);
