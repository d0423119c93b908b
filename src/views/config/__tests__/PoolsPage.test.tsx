/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import PoolsPage from '../PoolsPage';
import {
  allowEverything,
  baseMachineConfigs,
  defaultCluster,
  featureGate,
  liveConfig,
  machineConfig,
  pool,
  renderAt,
  serveCluster,
  statusError,
  STARGZ,
} from '../__fixtures__/cluster';
import type { ContainerRuntimeConfig } from '../../../core/model/types';
// The pull-time section as it renders, without its lazy chunk (see the manual mock).
jest.mock('../../pulls/LazyPullTimes');

const renderPage = () => renderAt(<PoolsPage />, '/lazy-pull', '/lazy-pull');
const card = (name: string) =>
  screen.getByRole('link', { name }).closest('.pf-v6-c-card') as HTMLElement;

const other = (name: string): ContainerRuntimeConfig => ({
  ...liveConfig(),
  metadata: { name },
  status: {
    conditions: [{ type: 'Failure', status: 'True', message: 'Error: invalid PidsLimit 5' }],
  },
});

beforeEach(() => {
  jest.clearAllMocks();
  allowEverything();
});

describe('PoolsPage', () => {
  it('shows one card per pool with nodes, configs, stores, last condition and update state', () => {
    serveCluster({ ...defaultCluster(), configs: [liveConfig()] });
    renderPage();
    const worker = card('worker');
    expect(within(worker).getByText('6 nodes', { exact: false })).toBeInTheDocument();
    expect(
      within(worker).getByText(/6 nodes · 6 updated, 6 ready, 0 degraded/),
    ).toBeInTheDocument();
    expect(within(worker).getByRole('link', { name: 'lazy-pull-worker' })).toBeInTheDocument();
    expect(within(worker).getByText(STARGZ)).toBeInTheDocument();
    expect(
      within(worker).getByText('Success', { selector: '.pf-v6-c-label__text' }),
    ).toBeInTheDocument();
    expect(within(worker).getByText('Updated')).toBeInTheDocument();
    expect(within(worker).getByRole('link', { name: 'Edit lazy pulling' })).toHaveAttribute(
      'href',
      '/lazy-pull/pools/worker',
    );

    const master = card('master');
    expect(
      within(master).getByText(/No ContainerRuntimeConfig selects this pool/),
    ).toBeInTheDocument();
    expect(within(master).getByRole('link', { name: 'Configure lazy pulling' })).toHaveAttribute(
      'href',
      '/lazy-pull/pools/master',
    );
  });

  it('shows Updating and Degraded pools', () => {
    serveCluster({
      ...defaultCluster(),
      pools: [
        pool('gpu', { conditions: { Updating: 'True' } }),
        pool('infra', { conditions: { Degraded: 'True' } }),
      ],
    });
    renderPage();
    expect(within(card('gpu')).getByText('Updating')).toBeInTheDocument();
    expect(within(card('infra')).getByText('Degraded')).toBeInTheDocument();
  });

  it('warns when several ContainerRuntimeConfigs select one pool, and says what to do', () => {
    serveCluster({ ...defaultCluster(), configs: [liveConfig(), other('second')] });
    renderPage();
    const worker = card('worker');
    expect(
      within(worker).getByText('2 ContainerRuntimeConfigs select pool worker'),
    ).toBeInTheDocument();
    expect(
      within(worker).getByText(
        /Merge their settings into one ContainerRuntimeConfig and delete the others/,
      ),
    ).toBeInTheDocument();
    expect(within(worker).getByText('Error: invalid PidsLimit 5')).toBeInTheDocument();
  });

  it('explains the feature gate when it is off', () => {
    serveCluster({ ...defaultCluster(), featureGate: featureGate(false) });
    renderPage();
    expect(screen.getByText('The AdditionalStorageConfig feature gate is off')).toBeInTheDocument();
    expect(screen.getByText(/TechPreviewNoUpgrade cannot be undone/)).toBeInTheDocument();
    expect(screen.getByText(/From OpenShift 5.0 the gate is on by default/)).toBeInTheDocument();
  });

  it('does not warn about the gate when it is on', () => {
    serveCluster(defaultCluster());
    renderPage();
    expect(
      screen.queryByText('The AdditionalStorageConfig feature gate is off'),
    ).not.toBeInTheDocument();
  });

  it('finds a MachineConfig that sorts after the generated one and writes storage.conf', () => {
    const worker = pool('worker', {
      sources: ['00-worker', '99-worker-generated-containerruntime', '99-worker-zz-storage'],
    });
    serveCluster({
      ...defaultCluster(),
      pools: [worker],
      configs: [liveConfig()],
      machineConfigs: [
        ...baseMachineConfigs(),
        machineConfig('99-worker-generated-containerruntime', [
          { path: '/etc/containers/storage.conf', contents: 'x' },
        ]),
        machineConfig('99-worker-zz-storage', [
          { path: '/etc/containers/storage.conf', contents: 'y' },
        ]),
      ],
    });
    renderPage();
    expect(screen.getByText('Another MachineConfig overrides storage.conf')).toBeInTheDocument();
    expect(
      screen.getByText(
        /MachineConfig 99-worker-zz-storage sorts after 99-worker-generated-containerruntime/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '99-worker-zz-storage' })).toBeInTheDocument();
  });

  it('warns when the limit of ten ContainerRuntimeConfigs per pool is near', () => {
    const configs = Array.from({ length: 8 }, (_, i) => ({
      ...liveConfig(),
      metadata: { name: `c${i}` },
    }));
    serveCluster({ ...defaultCluster(), configs });
    renderPage();
    expect(
      screen.getByText('Pool worker uses 8 of 10 ContainerRuntimeConfigs'),
    ).toBeInTheDocument();
  });

  it('shows skeletons while loading', () => {
    serveCluster({ ...defaultCluster(), loading: ['MachineConfigPool'] });
    renderPage();
    expect(screen.getByLabelText('Loading pools')).toHaveAttribute('aria-busy', 'true');
    expect(screen.queryByRole('link', { name: 'worker' })).not.toBeInTheDocument();
  });

  it('shows the API error when pools cannot be watched', () => {
    serveCluster({
      ...defaultCluster(),
      errors: {
        MachineConfigPool: statusError(403, 'Forbidden', 'machineconfigpools is forbidden'),
      },
    });
    renderPage();
    expect(screen.getByText('MachineConfigPools could not be loaded')).toBeInTheDocument();
    expect(screen.getByText('403: machineconfigpools is forbidden')).toBeInTheDocument();
  });

  it('shows an empty state without pools', () => {
    serveCluster({ ...defaultCluster(), pools: [] });
    renderPage();
    expect(screen.getByText('No MachineConfigPools')).toBeInTheDocument();
  });

  it('says when MachineConfigs cannot be read', () => {
    serveCluster({
      ...defaultCluster(),
      errors: { MachineConfig: statusError(403, 'Forbidden', 'machineconfigs is forbidden') },
    });
    renderPage();
    expect(screen.getByText(/MachineConfigs could not be read/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'worker' })).toBeInTheDocument();
  });
});
