/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import {
  agentAnnotations,
  notConfiguredReport,
  sampleReport,
} from '../../../core/dashboard/__fixtures__/sampleCluster';
import {
  dashboardOf,
  kubeletEvent as event,
  poolNode,
  pulledEvent,
} from '../../../core/pulls/__fixtures__/pullCluster';
import { mockPullEvents } from '../__fixtures__/eventWatches';
import { formatPullTime, formatRate, formatWindow } from '../pullFormat';
import { PULL_TIMES_GUIDE, PullTimesSection } from '../PullTimesSection';

const snapshot = dashboardOf([
  poolNode('gpu-lazy', 'gpu', agentAnnotations(sampleReport())),
  poolNode('gpu-full', 'gpu', agentAnnotations(notConfiguredReport())),
  poolNode('worker-1', 'worker', agentAnnotations(notConfiguredReport())),
]);

const pulled = (node: string, image: string, duration: string, minutes = 10) =>
  pulledEvent(node, image, duration, 100_000_000, minutes);

const gpuPulls = [
  pulled('gpu-lazy', 'quay.io/ml/vllm:1', '1s', 170),
  pulled('gpu-lazy', 'quay.io/ml/vllm:1', '2s'),
  pulled('gpu-lazy', 'quay.io/ml/torch:2', '3s'),
  pulled('gpu-full', 'quay.io/ml/vllm:1', '48s'),
  pulled('gpu-full', 'quay.io/ml/vllm:1', '50s'),
];

const renderSection = () => render(<PullTimesSection snapshot={snapshot} />);

describe('PullTimesSection', () => {
  it("compares a pool's pulls lazy against full, in a sentence, a chart and a table", () => {
    mockPullEvents({ events: gpuPulls });
    renderSection();
    // Medians worked out by hand: lazy 1, 2, 3 s → 2 s; full 48, 50 s → 48 s. Events from 170
    // minutes before now: the last 3 h.
    const sentence =
      'Pool gpu: median pull 2 s with lazy pulling, 48 s without (2 images, last 3 h)';
    expect(screen.getByText(sentence)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: sentence })).toBeInTheDocument();
    const table = screen.getByRole('grid', { name: 'Pull times of pool gpu' });
    const lazyRow = within(table).getByRole('row', { name: /^Lazy/ });
    expect([...lazyRow.querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      '3',
      '2 s',
      '3 s',
      // 100 MB in 2 s (the median of 100, 50 and 33.3 MB/s).
      '50 MB/s',
    ]);
    const same = screen.getByTestId('same-image');
    expect(within(same).getByText('quay.io/ml/vllm:1')).toBeInTheDocument();
    // Lazy 1 and 2 s: nearest-rank median 1 s.
    expect(within(same).getByText('1 s (2 pulls)')).toBeInTheDocument();
    expect(within(same).getByText('48 s (2 pulls)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'How to read pull times' })).toHaveAttribute(
      'href',
      PULL_TIMES_GUIDE,
    );
  });

  it('says when a pool has only one side to show', () => {
    mockPullEvents({ events: [pulled('worker-1', 'nginx:1', '4.2s', 40)] });
    renderSection();
    expect(
      screen.getByText(
        'Pool worker: median pull 4.2 s without lazy pulling (1 image, last 40 min); no lazy pull to compare',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('same-image')).not.toBeInTheDocument();
  });

  it('counts failures, images already present and unreadable events apart', async () => {
    mockPullEvents({
      events: [
        ...gpuPulls,
        event('Failed', 'worker-1', 'Failed to pull image "nginx:nope": manifest unknown'),
        event('Pulled', 'worker-1', 'Container image "nginx:1" already present on machine'),
        event('Pulled', 'worker-1', 'Successfully pulled image "nginx:1" in 12 seconds'),
      ],
    });
    renderSection();
    const worker = screen.getByText('Pool worker').closest('[data-pool]') as HTMLElement;
    expect(
      within(worker).getByText('1 failed pull · 1 image already present (no pull, not counted)'),
    ).toBeInTheDocument();
    expect(
      within(worker).getByText(
        'Pool worker: no pull whose way (lazy or full) can be told in the last 3 h',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '1 event could not be read' }));
    expect(
      screen.getByText(
        'worker-1, Pulled: "Successfully pulled image "nginx:1" in 12 seconds" (not a message the kubelet writes for a pulled image)',
      ),
    ).toBeInTheDocument();
  });

  it('says that events cannot be listed when RBAC forbids it', () => {
    mockPullEvents({
      status: [
        true,
        Object.assign(new Error('forbidden'), {
          code: 403,
          json: {
            kind: 'Status',
            code: 403,
            reason: 'Forbidden',
            message:
              'events is forbidden: User "dev" cannot list resource "events" in API group "" at the cluster scope',
          },
        }),
      ],
    });
    renderSection();
    expect(screen.getByText('Pull times need permission to read events')).toBeInTheDocument();
    expect(screen.getByText(/cannot list resource "events"/)).toBeInTheDocument();
  });

  it('shows other failures as errors, loading as a skeleton, and no events as such', () => {
    mockPullEvents({ status: [true, Object.assign(new Error('boom'), { code: 500 })] });
    const { unmount } = renderSection();
    expect(screen.getByText('Events could not be read')).toBeInTheDocument();
    unmount();
    mockPullEvents({ status: [false, ''] });
    const view = renderSection();
    expect(screen.getByText('Loading pull events')).toBeInTheDocument();
    view.unmount();
    mockPullEvents({ events: [] });
    renderSection();
    expect(screen.getByText('No image pulls in the events')).toBeInTheDocument();
  });
});

describe('pull figures in the reader’s language', () => {
  const t = i18next.t.bind(i18next);
  it.each([
    ['en', 0, '0 s'],
    ['en', 850, '850 ms'],
    ['en', 1900, '1.9 s'],
    ['en', 48_000, '48 s'],
    ['en', 150_000, '2.5 min'],
    ['fr', 1900, '1,9 s'],
    ['de', 1234_567, '20,6 min'],
  ])('%s: %d ms is %s', (language, ms, text) => {
    expect(formatPullTime(t, language, ms)).toBe(text);
  });

  it('writes rates and windows with the locale’s own words and plurals', () => {
    expect(formatRate('en', 12_300_000)).toBe('12.3 MB/s');
    // French puts a narrow no-break space before the unit.
    expect(formatRate('fr', 1_500_000_000)).toBe('1,5\u202fGo/s');
    expect(formatWindow(t, 'en', 60_000)).toBe('1 min');
    expect(formatWindow(t, 'en', 170 * 60_000)).toBe('3 h');
    expect(formatWindow(t, 'en', 1000 * 3600_000)).toBe('1,000 h');
  });
});
