/**
 * The node-health dashboard's figures at 5,000 nodes, measured in whatever engine runs this
 * module: Chromium (the engine the dashboard runs in, in the console) or Node. Nothing here
 * needs Node: the clock is performance.now() and a collection is forced through `gc`, which the
 * engine exposes with V8's --expose-gc.
 *
 * - dashboard.model.5000: the full model from scratch (every report parsed and validated),
 *   median of cold runs, each after a collection, so that a run is not charged for collecting
 *   the previous run's 5,000 parsed reports.
 * - dashboard.json-parse.5000: JSON.parse alone of the same report annotations, measured the
 *   same way (for scale: every report must be parsed to be validated).
 * - dashboard.report-bytes.5000: the size of those annotations.
 * - dashboard.update.1: one node's new report applied to a model that holds all 5,000, and the
 *   snapshot the page renders from; timed in batches, because a browser's clock is too coarse
 *   for one update.
 * - dashboard.select.5000: filtering and sorting the 5,000 entries for the table.
 */
import { buildDashboard } from '../../src/core/dashboard/buildDashboard';
import { DashboardModel } from '../../src/core/dashboard/DashboardModel';
import { DEFAULT_QUERY, selectEntries } from '../../src/core/dashboard/query';
import {
  agentAnnotations,
  NOW,
  sampleCluster,
  sampleReport,
  sampleStore,
} from '../../src/core/dashboard/__fixtures__/sampleCluster';
import type { DashboardNode } from '../../src/core/dashboard/types';
import { REPORT_ANNOTATION } from '../../src/core/health/report';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

const NODES = 5000;
const COLD_RUNS = 21;

const median = (samples: number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export const dashboardFigures = (): Figure[] => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the engine must expose gc (V8: --expose-gc)');
  const { nodes, pools, configs } = sampleCluster(NODES);

  const medianColdMs = (fn: () => void): number => {
    const samples: number[] = [];
    for (let i = 0; i < COLD_RUNS + 3; i += 1) {
      gc();
      const t0 = performance.now();
      fn();
      if (i >= 3) samples.push(performance.now() - t0);
    }
    return median(samples);
  };

  /** Median per-call time of `fn`, from batches of `batch` calls. */
  const perCallMs = (fn: () => unknown, batch: number, batches = 21): number => {
    for (let i = 0; i < batch; i += 1) fn();
    const samples: number[] = [];
    for (let b = 0; b < batches; b += 1) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i += 1) fn();
      samples.push((performance.now() - t0) / batch);
    }
    return median(samples);
  };

  const figures: Figure[] = [];
  figures.push({
    name: `dashboard.model.${NODES}`,
    value: medianColdMs(() => buildDashboard({ nodes, pools, configs, now: NOW })),
    unit: 'ms',
  });

  const reportTexts = nodes
    .map((n) => n.metadata?.annotations?.[REPORT_ANNOTATION])
    .filter((text): text is string => text !== undefined);
  figures.push({
    name: `dashboard.json-parse.${NODES}`,
    value: medianColdMs(() => {
      for (const text of reportTexts) {
        try {
          JSON.parse(text);
        } catch {
          // The sample cluster has malformed reports too; the build pays for those as well.
        }
      }
    }),
    unit: 'ms',
  });
  const bytes = reportTexts.reduce((sum, text) => sum + text.length, 0);
  figures.push({
    name: `dashboard.report-bytes.${NODES}`,
    value: bytes / 1024 / 1024,
    unit: 'MiB',
  });

  const model = new DashboardModel(NOW);
  model.setPools(pools, configs);
  model.syncNodes(nodes);
  model.snapshot();
  // Each update gives one gpu node a new report (a heartbeat with another layer count), as a
  // watch event would, and takes the snapshot the page renders from.
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
  figures.push({
    name: 'dashboard.update.1',
    value: perCallMs(() => {
      k = (k + 1) % variants.length;
      model.upsertNode(variants[k]);
      return model.snapshot().total;
    }, 200),
    unit: 'ms',
  });

  // What the page does after each update: filter and sort the 5,000 entries for the table.
  const snapshot = model.snapshot();
  const query = { ...DEFAULT_QUERY, text: 'gpu' };
  figures.push({
    name: `dashboard.select.${NODES}`,
    value: perCallMs(() => selectEntries(snapshot.nodes, query), 5),
    unit: 'ms',
  });
  return figures;
};
