/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import MachineConfigPoolTab from '../MachineConfigPoolTab';
import {
  allowEverything,
  defaultCluster,
  featureGate,
  liveConfig,
  pool,
  renderAt,
  serveCluster,
  STARGZ,
} from '../__fixtures__/cluster';

const renderTab = (p = pool('worker', { machines: 6 })) =>
  renderAt(
    <MachineConfigPoolTab obj={p} />,
    '/k8s/cluster/machineconfigpools/worker/lazy-pull',
    '*',
  );

beforeEach(() => {
  jest.clearAllMocks();
  allowEverything();
});

describe('MachineConfigPoolTab', () => {
  it("shows the pool's lazy-pull configuration and links to the editor", () => {
    serveCluster({ ...defaultCluster(), configs: [liveConfig()] });
    renderTab();
    expect(screen.getByText(STARGZ)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Edit lazy pulling' })).toHaveAttribute(
      'href',
      '/lazy-pull/pools/worker',
    );
  });

  it('offers to configure a pool without a config, and explains a disabled gate', () => {
    serveCluster({ ...defaultCluster(), featureGate: featureGate(false) });
    renderTab(pool('gpu'));
    expect(screen.getByRole('link', { name: 'Configure lazy pulling' })).toHaveAttribute(
      'href',
      '/lazy-pull/pools/gpu',
    );
    expect(screen.getByText('The AdditionalStorageConfig feature gate is off')).toBeInTheDocument();
  });

  it('shows a skeleton until the configs load', () => {
    serveCluster({ ...defaultCluster(), loading: ['ContainerRuntimeConfig'] });
    renderTab();
    expect(screen.getByText('Loading')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /lazy pulling/ })).not.toBeInTheDocument();
  });
});
