/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import {
  agentAnnotations,
  notConfiguredReport,
  sampleReport,
} from '../../../core/dashboard/__fixtures__/sampleCluster';
import { dashboardOf, poolNode, pulledEvent } from '../../../core/pulls/__fixtures__/pullCluster';
import { mockPullEvents } from '../__fixtures__/eventWatches';
import type * as ChartModule from '../PullTimesChart';
import { PullTimesSection } from '../PullTimesSection';

// The real chart, with a count of how often it renders.
const chartRenders = jest.fn();
jest.mock('../PullTimesChart', () => {
  const actual = jest.requireActual<typeof ChartModule>('../PullTimesChart');
  return {
    ...actual,
    PullTimesChart: (props: Parameters<typeof actual.PullTimesChart>[0]) => {
      chartRenders();
      return actual.PullTimesChart(props);
    },
  };
});

const events = [
  pulledEvent('gpu-a', 'quay.io/ml/vllm:1', '2s', 100_000_000, 20),
  pulledEvent('gpu-b', 'quay.io/ml/vllm:1', '48s', 100_000_000, 10),
];

/** A new snapshot, as each batch of heartbeats makes one; `bLazy` puts gpu-b on a layer store. */
const snapshotOf = (bLazy: boolean) =>
  dashboardOf([
    poolNode('gpu-a', 'gpu', agentAnnotations(sampleReport())),
    poolNode('gpu-b', 'gpu', agentAnnotations(bLazy ? sampleReport() : notConfiguredReport())),
  ]);

describe('PullTimesSection under heartbeats', () => {
  beforeEach(() => chartRenders.mockClear());

  it('renders its charts again only when what it shows changed', () => {
    mockPullEvents({ events });
    const { rerender } = render(<PullTimesSection snapshot={snapshotOf(false)} />);
    expect(
      screen.getByText(
        'Pool gpu: median pull 2 s with lazy pulling, 48 s without (1 image, last 20 min)',
      ),
    ).toBeInTheDocument();
    const first = chartRenders.mock.calls.length;
    expect(first).toBeGreaterThan(0);

    // A batch of heartbeats that moves no node between pools or ways of pulling.
    rerender(<PullTimesSection snapshot={snapshotOf(false)} />);
    rerender(<PullTimesSection snapshot={snapshotOf(false)} />);
    expect(chartRenders).toHaveBeenCalledTimes(first);

    // gpu-b now pulls lazily: both pulls count as lazy, and the chart shows it.
    rerender(<PullTimesSection snapshot={snapshotOf(true)} />);
    expect(chartRenders.mock.calls.length).toBeGreaterThan(first);
    expect(
      screen.getByText(
        'Pool gpu: median pull 2 s with lazy pulling (1 image, last 20 min); no pull without it to compare',
      ),
    ).toBeInTheDocument();
  });
});
