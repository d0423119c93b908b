/** @jest-environment jsdom */
import { consoleFetch, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HEALTH_ANNOTATION, REPORT_ANNOTATION } from '../../../core/health/report';
import {
  agentAnnotations,
  degradedReport,
  mcoAnnotations,
  notConfiguredReport,
  NOW,
  sampleCluster,
  sampleConfig,
  sampleConfigs,
  sampleNode,
  samplePools,
  sampleReport,
  STARGZ_STORE,
  unhealthyReport,
} from '../../../core/dashboard/__fixtures__/sampleCluster';
import type { DashboardNode } from '../../../core/dashboard/types';
import NodeHealthPage from '../NodeHealthPage';
import { locationSearch, mockCluster, renderLoaded } from '../__fixtures__/watchMocks';

import type * as StateStatus from '../StateStatus';
import { HealthStatus } from '../StateStatus';
// The pull-time section as it renders, without its lazy chunk (see the manual mock).
jest.mock('../../pulls/LazyPullTimes');

// The real component, counted: a node's change must re-render its row only.
jest.mock('../StateStatus', () => {
  const actual = jest.requireActual<typeof StateStatus>('../StateStatus');
  return { ...actual, HealthStatus: jest.fn(actual.HealthStatus) };
});

const gpu = (
  name: string,
  annotations: Record<string, string>,
  mco = mcoAnnotations('Done', 'rendered-gpu-new'),
) => sampleNode(name, ['worker', 'gpu'], { ...mco, ...annotations });

const smallCluster = (): DashboardNode[] => [
  gpu('gpu-1', agentAnnotations(sampleReport())),
  gpu(
    'gpu-2',
    agentAnnotations(unhealthyReport()),
    mcoAnnotations('Rebooting', 'rendered-gpu-old', 'rendered-gpu-new'),
  ),
  gpu('gpu-3', agentAnnotations(degradedReport())),
  sampleNode('worker-1', ['worker'], {
    ...mcoAnnotations('Done', 'rendered-worker-new'),
    ...agentAnnotations(notConfiguredReport()),
  }),
  sampleNode('worker-2', ['worker'], mcoAnnotations('Working', 'a', 'b')),
];

const rowNames = () =>
  screen
    .getAllByRole('row')
    .map((row) => row.getAttribute('data-node'))
    .filter((n): n is string => n !== null);

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  jest.mocked(HealthStatus).mockClear();
});
afterEach(() => jest.restoreAllMocks());

describe('NodeHealthPage', () => {
  it('shows a spinner while the watches load', async () => {
    mockCluster({ nodes: [], status: { Node: [false, ''] } });
    await renderLoaded(<NodeHealthPage />);
    expect(screen.getByRole('progressbar', { name: 'Loading node health' })).toBeInTheDocument();
  });

  it('warns of nothing when every watch loads (the console says no error with an empty string)', async () => {
    mockCluster({ nodes: smallCluster(), pools: samplePools(), configs: sampleConfigs() });
    await renderLoaded(<NodeHealthPage />);
    expect(rowNames()).toHaveLength(5);
    expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
  });

  it('says why when nodes cannot be loaded', async () => {
    mockCluster({ status: { Node: [false, { code: 403, message: 'nodes is forbidden' }] } });
    await renderLoaded(<NodeHealthPage />);
    expect(screen.getByText('Nodes could not be loaded')).toBeInTheDocument();
    expect(screen.getByText(/nodes is forbidden/)).toBeInTheDocument();
  });

  it('says the counts are partial while the node list is still being read', async () => {
    // The API server has 600 nodes; the console's watch has handed over its first page of 250.
    const cluster = sampleCluster(250);
    mockCluster({ ...cluster, nodeTotal: 600 });
    await renderLoaded(<NodeHealthPage />);
    expect(
      await screen.findByText('250 of 250 nodes so far, 600 in the cluster'),
    ).toBeInTheDocument();
    const allNodes = screen.getByRole('region', { name: 'All nodes' });
    expect(within(allNodes).getByText(/250 nodes so far/)).toBeInTheDocument();
    expect(screen.queryByText('250 of 250 nodes')).not.toBeInTheDocument();
  });

  it('says the counts may be partial when the API server does not tell how many nodes remain', async () => {
    // A page with a continue token and no remainingItemCount (the server may leave it out).
    mockCluster({ ...sampleCluster(250), nodeTotal: null });
    await renderLoaded(<NodeHealthPage />);
    expect(screen.getByText('250 of 250 nodes so far, still loading')).toBeInTheDocument();
  });

  it('reads the node list in pages of metadata only, then watches it over HTTP', async () => {
    mockCluster({ nodes: smallCluster(), pools: samplePools(), configs: sampleConfigs() });
    jest.mocked(consoleFetch).mockClear();
    await renderLoaded(<NodeHealthPage />);
    expect(screen.getByText('5 of 5 nodes')).toBeInTheDocument();
    const [[listUrl, list], [watchUrl, watch]] = jest.mocked(consoleFetch).mock.calls;
    expect(listUrl).toBe('/api/kubernetes/api/v1/nodes?limit=500');
    expect(list?.headers).toEqual({
      Accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json',
    });
    expect(watchUrl).toBe(
      '/api/kubernetes/api/v1/nodes?watch=true&resourceVersion=1&allowWatchBookmarks=true',
    );
    expect(watch?.headers).toEqual({
      Accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json',
    });
    // The console's watch is not asked for nodes.
    expect(useK8sWatchResource).not.toHaveBeenCalledWith(
      expect.objectContaining({ groupVersionKind: expect.objectContaining({ kind: 'Node' }) }),
    );
  });

  it('keeps the last nodes, marked out of date, when the cluster cannot be reached', async () => {
    // The console keeps a watch's last data next to its error.
    mockCluster({
      nodes: smallCluster(),
      configs: sampleConfigs(),
      status: { Node: [true, new Error('Failed to fetch')] },
    });
    await renderLoaded(<NodeHealthPage />);
    expect(screen.getByText('Cannot reach the cluster')).toBeInTheDocument();
    expect(screen.getByText(/may be out of date.*Failed to fetch/)).toBeInTheDocument();
    expect(screen.getByText('5 of 5 nodes')).toBeInTheDocument();
    expect(screen.queryByText('Nodes could not be loaded')).not.toBeInTheDocument();
  });

  it('still shows nodes when pools cannot be read', async () => {
    mockCluster({
      nodes: smallCluster(),
      configs: sampleConfigs(),
      status: {
        MachineConfigPool: [false, { code: 403, message: 'machineconfigpools is forbidden' }],
      },
    });
    await renderLoaded(<NodeHealthPage />);
    expect(
      screen.getByText('MachineConfigPools or ContainerRuntimeConfigs could not be loaded'),
    ).toBeInTheDocument();
    expect(rowNames()).toHaveLength(5);
  });

  it('teaches how to configure a store when none is configured anywhere', async () => {
    mockCluster({
      nodes: [sampleNode('w', ['worker'], agentAnnotations(notConfiguredReport()))],
      pools: samplePools(),
      configs: [],
    });
    await renderLoaded(<NodeHealthPage />);
    expect(
      screen.getByRole('heading', { name: 'No layer store is configured' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Configure a pool' })).toHaveAttribute(
      'href',
      '/lazy-pull',
    );
    expect(screen.queryByRole('grid')).not.toBeInTheDocument();
  });

  it('teaches how to deploy the agent when no node reports', async () => {
    mockCluster({
      nodes: [sampleNode('g', ['worker', 'gpu'])],
      pools: samplePools(),
      configs: sampleConfigs(),
    });
    await renderLoaded(<NodeHealthPage />);
    expect(screen.getByRole('heading', { name: 'No node reports yet' })).toBeInTheDocument();
    expect(screen.getByDisplayValue('oc apply -k deploy/agent')).toBeInTheDocument();
  });

  it('summarizes per pool and lists every node, worst first', async () => {
    mockCluster({ nodes: smallCluster(), pools: samplePools(), configs: sampleConfigs() });
    await renderLoaded(<NodeHealthPage />);
    const gpuCard = screen.getByRole('region', { name: 'gpu' });
    expect(within(gpuCard).getByText('3 nodes', { exact: false })).toBeInTheDocument();
    expect(within(gpuCard).getByText(/\/var\/lib\/stargz-store\/store/)).toBeInTheDocument();
    expect(within(gpuCard).getByText('Unhealthy: 1')).toBeInTheDocument();
    expect(within(gpuCard).getByText('Rebooting: 1')).toBeInTheDocument();
    expect(rowNames()).toEqual(['gpu-2', 'gpu-3', 'worker-2', 'worker-1', 'gpu-1']);
    const row = screen.getByRole('row', { name: /gpu-1/ });
    expect(within(row).getByText('Healthy')).toBeInTheDocument();
    expect(within(row).getByText('1 / 1 of 1')).toBeInTheDocument();
    expect(within(row).getByText('12')).toBeInTheDocument();
    expect(within(row).getByText('60 s')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'gpu-1' })).toHaveAttribute(
      'href',
      '/k8s/cluster/Node/gpu-1',
    );
  });

  it('says which configurations do not take effect on a pool', async () => {
    const failed = {
      ...sampleConfig('broken', 'gpu', ['/x']),
      status: { conditions: [{ type: 'Failure', status: 'True', message: 'Error: invalid' }] },
    };
    mockCluster({
      nodes: smallCluster(),
      pools: samplePools(),
      configs: [...sampleConfigs(), sampleConfig('w', 'worker', [STARGZ_STORE]), failed],
    });
    await renderLoaded(<NodeHealthPage />);
    const gpuCard = within(screen.getByRole('region', { name: 'gpu' }));
    // gpu merges worker's MachineConfigs first and its own last (the MCO's merge order).
    expect(
      gpuCard.getByText('w overridden by lazy-pull-gpu, whose storage.conf is merged last'),
    ).toBeInTheDocument();
    expect(
      gpuCard.getByText('Not applied, the Machine Config Operator reports a failure for broken'),
    ).toBeInTheDocument();
  });

  it('filters the table when a count is clicked, in the URL', async () => {
    const user = userEvent.setup();
    mockCluster({ nodes: smallCluster(), pools: samplePools(), configs: sampleConfigs() });
    const { container } = await renderLoaded(<NodeHealthPage />);
    await user.click(screen.getByRole('button', { name: 'Unhealthy: 1 in gpu' }));
    expect(rowNames()).toEqual(['gpu-2']);
    const params = locationSearch(container);
    expect(params.get('pool')).toBe('gpu');
    expect(params.get('health')).toBe('Unhealthy');
    await user.click(screen.getByRole('button', { name: 'Up to date: 2 in gpu' }));
    expect(rowNames()).toEqual(['gpu-3', 'gpu-1']);
    expect(locationSearch(container).get('health')).toBeNull();
    expect(locationSearch(container).get('rollout')).toBe('UpToDate');
  });

  it('restores filters, order and search from a shared URL', async () => {
    mockCluster({ nodes: smallCluster(), pools: samplePools(), configs: sampleConfigs() });
    await renderLoaded(
      <NodeHealthPage />,
      '/lazy-pull/nodes?pool=gpu,worker&health=Healthy,Degraded,NotConfigured&sort=name&order=desc&q=-',
    );
    expect(rowNames()).toEqual(['worker-1', 'gpu-3', 'gpu-1']);
    expect(screen.getByRole('textbox', { name: 'Search by node, pool or image' })).toHaveValue('-');
    expect(await screen.findByText('3 of 5 nodes')).toBeInTheDocument();
  });

  it('searches, sorts and clears filters through the toolbar', async () => {
    const user = userEvent.setup();
    mockCluster({ nodes: smallCluster(), pools: samplePools(), configs: sampleConfigs() });
    const { container } = await renderLoaded(<NodeHealthPage />, '/lazy-pull/nodes?health=Healthy');
    expect(rowNames()).toEqual(['gpu-1']);

    await user.click(screen.getByRole('button', { name: 'Clear all filters' }));
    expect(rowNames()).toHaveLength(5);
    expect(locationSearch(container).toString()).toBe('');

    await user.type(
      screen.getByRole('textbox', { name: 'Search by node, pool or image' }),
      'worker',
    );
    expect(rowNames()).toEqual(['worker-2', 'worker-1']);
    expect(locationSearch(container).get('q')).toBe('worker');

    await user.click(screen.getByRole('button', { name: 'Node' }));
    expect(rowNames()).toEqual(['worker-1', 'worker-2']);
    expect(locationSearch(container).get('sort')).toBe('name');
  });

  it('filters by health from the toolbar select, with a removable chip', async () => {
    const user = userEvent.setup();
    mockCluster({ nodes: smallCluster(), pools: samplePools(), configs: sampleConfigs() });
    const { container } = await renderLoaded(<NodeHealthPage />);
    // The toolbar's select comes before the table's sortable Health header.
    await user.click(screen.getAllByRole('button', { name: 'Health' })[0]);
    await user.click(screen.getByRole('checkbox', { name: 'Degraded' }));
    expect(rowNames()).toEqual(['gpu-3']);
    expect(locationSearch(container).get('health')).toBe('Degraded');
    await user.click(screen.getByRole('checkbox', { name: 'Unhealthy' }));
    expect(rowNames()).toEqual(['gpu-2', 'gpu-3']);
    expect(locationSearch(container).get('health')).toBe('Degraded,Unhealthy');

    await user.click(screen.getByRole('button', { name: 'Close Degraded' }));
    expect(rowNames()).toEqual(['gpu-2']);
    expect(locationSearch(container).get('health')).toBe('Unhealthy');
  });

  it('opens a node’s detail from its row, by mouse and by keyboard', async () => {
    const user = userEvent.setup();
    mockCluster({ nodes: smallCluster(), pools: samplePools(), configs: sampleConfigs() });
    const { container } = await renderLoaded(<NodeHealthPage />);
    await user.click(within(screen.getByRole('row', { name: /gpu-2/ })).getByText('Unhealthy'));
    expect(locationSearch(container).get('node')).toBe('gpu-2');
    expect(screen.getByRole('heading', { name: 'gpu-2', level: 2 })).toBeInTheDocument();
    expect(
      screen.getByText(/is not a mount point: the storage plugin is not running/),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Close node detail' }));
    expect(locationSearch(container).get('node')).toBeNull();

    screen.getByRole('row', { name: /gpu-3/ }).focus();
    await user.keyboard('{Enter}');
    expect(locationSearch(container).get('node')).toBe('gpu-3');
    expect(screen.getByText(/private images are pulled in full, not lazily/)).toBeInTheDocument();
  });

  it('renders only the rows in view of 5,000 nodes', async () => {
    const cluster = sampleCluster(5000);
    mockCluster({ nodes: cluster.nodes, pools: cluster.pools, configs: cluster.configs });
    await renderLoaded(<NodeHealthPage />);
    const table = screen.getByRole('grid', { name: 'Nodes' });
    expect(table).toHaveAttribute('aria-rowcount', '5001');
    const rendered = rowNames();
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(60);
    expect(await screen.findByText('5,000 of 5,000 nodes')).toBeInTheDocument();
  });

  it('moves the window of rendered rows as the table scrolls', async () => {
    const cluster = sampleCluster(5000);
    mockCluster({ nodes: cluster.nodes, pools: cluster.pools, configs: cluster.configs });
    await renderLoaded(<NodeHealthPage />, '/lazy-pull/nodes?sort=name');
    const scroller = screen.getByRole('grid', { name: 'Nodes' }).parentElement as HTMLElement;
    const first = rowNames()[0];
    // jsdom has no layout: rows keep their estimated height of 41 px.
    fireEvent.scroll(scroller, { target: { scrollTop: 41 * 3000 } });
    await waitFor(() => expect(rowNames()).not.toContain(first));
    const sorted = cluster.nodes.map((n) => n.metadata?.name as string).sort();
    expect(rowNames()).toContain(sorted[3000]);
    expect(rowNames().length).toBeLessThan(60);
    expect(screen.getByRole('row', { name: new RegExp(sorted[3000]) })).toHaveAttribute(
      'aria-rowindex',
      '3002',
    );
  });

  it('re-renders only the row of the node that changed', async () => {
    const nodes = smallCluster();
    const server = mockCluster({ nodes, pools: samplePools(), configs: sampleConfigs() });
    await renderLoaded(<NodeHealthPage />);
    jest.mocked(HealthStatus).mockClear();

    // A heartbeat with another layer count: the row stays where it is, with new content.
    const changed = gpu(
      'gpu-1',
      agentAnnotations(sampleReport({ stores: [{ ...sampleReport().stores[0], layers: 99 }] })),
    );
    server.send({
      type: 'MODIFIED',
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', ...changed },
    });

    expect(
      await within(screen.getByRole('row', { name: /gpu-1/ })).findByText('99'),
    ).toBeInTheDocument();
    const rendered = jest.mocked(HealthStatus).mock.calls.map(([props]) => props.state);
    expect(rendered).toEqual(['Healthy']);
  });

  it('renders whatever an annotation says as text, never as markup', async () => {
    const user = userEvent.setup();
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';
    const report = sampleReport({
      agentVersion: hostile,
      stores: [{ ...sampleReport().stores[0], images: [`quay.io/x/${hostile}`], error: hostile }],
      checks: [{ id: `<b>${hostile}</b>`, status: 'warn', message: hostile }],
    });
    const nodes = [
      gpu('evil', agentAnnotations(report), mcoAnnotations('Degraded', 'a', 'b', hostile)),
      gpu('broken', { [HEALTH_ANNOTATION]: hostile, [REPORT_ANNOTATION]: hostile }),
    ];
    mockCluster({ nodes, pools: samplePools(), configs: sampleConfigs() });
    const { container } = await renderLoaded(<NodeHealthPage />, '/lazy-pull/nodes?node=evil');
    expect(screen.getAllByText(hostile, { exact: false }).length).toBeGreaterThan(2);
    expect(screen.getByText(`quay.io/x/${hostile}`)).toBeInTheDocument();
    await user.click(within(screen.getByRole('row', { name: /broken/ })).getByText('Unknown'));
    expect(screen.getByText(/health annotation "<img src=x onerror=/)).toBeInTheDocument();
    expect(container.querySelector('img, script, b')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });
});
