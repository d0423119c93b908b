/** @jest-environment jsdom */
import { useFlag } from '@openshift-console/dynamic-plugin-sdk';
import { screen, within } from '@testing-library/react';
import {
  agentAnnotations,
  mcoAnnotations,
  notConfiguredReport,
  NOW,
  sampleConfig,
  sampleConfigs,
  sampleNode,
  samplePools,
  sampleReport,
  sampleStore,
  STARGZ_STORE,
  unhealthyReport,
} from '../../../core/dashboard/__fixtures__/sampleCluster';
import { HEALTH_ANNOTATION, REPORT_ANNOTATION } from '../../../core/health/report';
import NodeLazyPullTab from '../NodeLazyPullTab';
import { mockCluster, renderAt } from '../__fixtures__/watchMocks';

const gpuNode = (
  annotations: Record<string, string>,
  mco = mcoAnnotations('Done', 'rendered-gpu-new'),
) => sampleNode('gpu-7', ['worker', 'gpu'], { ...mco, ...annotations });

const renderTab = (obj = gpuNode(agentAnnotations(sampleReport()))) =>
  renderAt(<NodeLazyPullTab obj={obj} />, '/k8s/cluster/nodes/gpu-7/lazy-pull');

const description = (term: string) => {
  const group = screen
    .getByText(term, { selector: 'dt *, dt' })
    .closest('.pf-v6-c-description-list__group') as HTMLElement;
  return within(group);
};

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  jest.mocked(useFlag).mockReturnValue(false);
  mockCluster({ pools: samplePools(), configs: sampleConfigs() });
});
afterEach(() => jest.restoreAllMocks());

describe('the Lazy pull tab of a Node', () => {
  it('waits for pools and configurations', () => {
    mockCluster({ status: { MachineConfigPool: [false, ''] } });
    renderTab();
    expect(screen.getByRole('progressbar', { name: 'Loading node health' })).toBeInTheDocument();
  });

  it('shows health, pool, rollout, checks, stores and images', () => {
    renderTab(
      gpuNode(
        agentAnnotations(
          sampleReport({
            stores: [
              sampleStore({ images: ['quay.io/ai/vllm:0.6'], imagesOmitted: 4, layers: 31 }),
            ],
          }),
        ),
      ),
    );
    expect(description('Health').getByText('Healthy')).toBeInTheDocument();
    expect(description('Pool').getByRole('link', { name: 'gpu' })).toHaveAttribute(
      'href',
      '/k8s/cluster/MachineConfigPool/gpu',
    );
    expect(description('Pool').getByText('(also selected by worker)')).toBeInTheDocument();
    expect(description('Rollout').getByText('Up to date')).toBeInTheDocument();
    expect(description('Rendered config').getByText('rendered-gpu-new')).toBeInTheDocument();

    const checks = within(screen.getByRole('grid', { name: 'Checks' }));
    expect(checks.getAllByRole('row')).toHaveLength(7);
    expect(checks.getByRole('row', { name: /responsive/ })).toHaveTextContent(
      `Passresponsive${STARGZ_STORE} answered in 1.2 ms.${STARGZ_STORE}`,
    );

    const stores = within(screen.getByRole('grid', { name: 'Stores' }));
    expect(stores.getByRole('row', { name: new RegExp(STARGZ_STORE) })).toHaveTextContent(
      'fuse.rawBridge',
    );
    expect(stores.getByText('31')).toBeInTheDocument();

    expect(screen.getByText('quay.io/ai/vllm:0.6')).toBeInTheDocument();
    expect(screen.getByText('and 4 more')).toBeInTheDocument();
    expect(
      screen.getByText('The node’s layer stores match its pool’s configuration.'),
    ).toBeInTheDocument();
  });

  it('links to the journals of the storage plugin and CRI-O', () => {
    renderTab();
    expect(screen.getByRole('link', { name: 'stargz-store journal' })).toHaveAttribute(
      'href',
      '/k8s/cluster/nodes/gpu-7/logs?path=journal&unit=stargz-store',
    );
    expect(screen.getByRole('link', { name: 'crio journal' })).toHaveAttribute(
      'href',
      '/k8s/cluster/nodes/gpu-7/logs?path=journal&unit=crio',
    );
  });

  it('links no journal for a plugin whose unit is not known (nydus-store)', () => {
    renderTab(
      gpuNode(
        agentAnnotations(
          sampleReport({
            storageConf: {
              layerStores: [{ path: '/var/lib/nydus-store/store', ref: true }],
              imageStores: [],
            },
            stores: [
              sampleStore({ path: '/var/lib/nydus-store/store', plugin: 'nydus', fs: 'fuse' }),
            ],
            checks: [],
          }),
        ),
      ),
    );
    // The report was read: its nydus store is listed.
    expect(
      within(screen.getByRole('grid', { name: 'Stores' })).getByText('/var/lib/nydus-store/store'),
    ).toBeInTheDocument();
    // The plugin table knows no systemd unit for nydus-store, so no journal link guesses one.
    const journals = within(screen.getByRole('list', { name: 'Journal of the node’s units' }));
    expect(journals.getAllByRole('link').map((a) => a.textContent)).toEqual(['crio journal']);
  });

  it('links to the Logs tab also with NODE_MGMT_V1, as console 4.22 has no other', () => {
    jest.mocked(useFlag).mockImplementation((flag) => flag === 'NODE_MGMT_V1');
    renderTab();
    expect(screen.getByRole('link', { name: 'stargz-store journal' })).toHaveAttribute(
      'href',
      '/k8s/cluster/nodes/gpu-7/logs?path=journal&unit=stargz-store',
    );
  });

  it('shows the MCO state and reason, and drift during a rollout', () => {
    renderTab(
      gpuNode(
        agentAnnotations(notConfiguredReport()),
        mcoAnnotations(
          'Degraded',
          'rendered-gpu-old',
          'rendered-gpu-new',
          'failed to drain node: pod x',
        ),
      ),
    );
    expect(description('Rollout').getByText('Degraded')).toBeInTheDocument();
    expect(
      description('MCO state').getByText('Degraded — failed to drain node: pod x'),
    ).toBeInTheDocument();
    expect(screen.getByText('rendered-gpu-old, moving to rendered-gpu-new')).toBeInTheDocument();
    expect(description('Missing on the node').getByText(STARGZ_STORE)).toBeInTheDocument();
    expect(screen.getByText(/still rolling out to this node/)).toBeInTheDocument();
  });

  it('explains drift on an up-to-date node', () => {
    mockCluster({
      pools: samplePools(),
      configs: [sampleConfig('lazy-pull-gpu', 'gpu', ['/var/lib/nydus-store/store'])],
    });
    renderTab();
    expect(
      description('Not in the pool configuration').getByText(STARGZ_STORE),
    ).toBeInTheDocument();
    expect(screen.getByText(/another MachineConfig may write storage.conf/)).toBeInTheDocument();
  });

  it.each([
    [
      'an unreadable report',
      { [HEALTH_ANNOTATION]: 'Healthy', [REPORT_ANNOTATION]: '{"v":2}' },
      'The agent’s report cannot be read',
      /version 2 is not supported/,
      false,
    ],
    // A stale report's last checks are still worth seeing.
    [
      'a stale report',
      agentAnnotations(sampleReport({ at: new Date(NOW - 2 * 3600_000).toISOString() })),
      'The agent’s report is out of date',
      /2 h old, said Healthy/,
      true,
    ],
    ['no report', {}, 'No agent runs on this node', /Deploy it with this command/, false],
  ])('explains %s', (_label, annotations, title, body, checksShown) => {
    renderTab(gpuNode(annotations));
    expect(screen.getByText(title)).toBeInTheDocument();
    expect(screen.getByText(body)).toBeInTheDocument();
    expect(screen.queryByRole('grid', { name: 'Checks' }) !== null).toBe(checksShown);
  });

  it('shows failed checks with their messages', () => {
    renderTab(gpuNode(agentAnnotations(unhealthyReport())));
    const row = screen.getByRole('row', { name: /mounted/ });
    expect(within(row).getByText('Fail')).toBeInTheDocument();
    expect(within(row).getByText(/is not a mount point/)).toBeInTheDocument();
    const process = screen.getByRole('row', { name: /process/ });
    expect(within(process).getByText('Fail')).toBeInTheDocument();
    expect(
      within(process).getByText(/The unit stargz-store\.service is not running/),
    ).toBeInTheDocument();
  });

  it('says so when no pool manages the node', () => {
    renderTab(sampleNode('gpu-7', ['edge'], agentAnnotations(sampleReport())));
    expect(screen.getByText('No MachineConfigPool selects this node')).toBeInTheDocument();
    expect(
      screen.getByText('The node has no pool, so there is no configuration to compare with.'),
    ).toBeInTheDocument();
  });
});
