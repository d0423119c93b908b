/** @jest-environment jsdom */
import * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import PoolEditorPage from '../../PoolEditorPage';
import {
  allowEverything,
  defaultCluster,
  renderAt,
  serveCluster,
  STARGZ,
  type ClusterFixture,
} from '../../__fixtures__/cluster';
import {
  decideHealth,
  HEALTH_ANNOTATION,
  REPORT_ANNOTATION,
  serializeReport,
  type FuseMount,
} from '../../../../core/health/report';
import { healthyReport } from '../../../../core/health/__test-support__/reportExamples';

const STARGZ_MOUNT: FuseMount = { path: STARGZ, fs: 'fuse.rawBridge', source: 'stargzstore' };

/** A worker node whose storage.conf names no store yet, with these FUSE mounts. */
const workerNode = (name: string, mounts: FuseMount[] | null) => {
  const report = healthyReport({
    at: new Date().toISOString(),
    storageConf: { layerStores: [], imageStores: [] },
    stores: [],
    checks: [{ id: 'storage-conf', status: 'pass', message: 'none' }],
    ...(mounts === null ? {} : { fuseMounts: mounts, fuseMountsOmitted: 0 }),
  });
  if (mounts === null) delete report.fuseMounts;
  return {
    metadata: {
      name,
      labels: { 'node-role.kubernetes.io/worker': '' },
      annotations: {
        [HEALTH_ANNOTATION]: decideHealth(report),
        [REPORT_ANNOTATION]: serializeReport(report),
      },
    },
  };
};

const withNodes = (nodes: ClusterFixture['nodes']): ClusterFixture => {
  const cluster = defaultCluster();
  return {
    ...cluster,
    pools: cluster.pools.map((p) => ({
      ...p,
      spec: {
        ...p.spec,
        nodeSelector: {
          matchLabels: { [`node-role.kubernetes.io/${p.metadata.name ?? ''}`]: '' },
        },
      },
    })),
    nodes,
  };
};

const open = (fixture: ClusterFixture) => {
  serveCluster(fixture);
  return renderAt(<PoolEditorPage />, '/lazy-pull/pools/worker', '/lazy-pull/pools/:pool');
};
const createButton = () => screen.getByRole('button', { name: 'Create' });
const WARNING = 'The layer store is not known to be mounted on every node this change reboots';

beforeEach(() => {
  jest.clearAllMocks();
  allowEverything();
});

describe('before a layer store reaches nodes that do not have it', () => {
  it('names the nodes, says what happens to them, and asks for confirmation', async () => {
    const user = userEvent.setup();
    open(
      withNodes([
        workerNode('worker-a', [STARGZ_MOUNT]),
        workerNode('worker-b', []),
        workerNode('worker-c', []),
        { metadata: { name: 'worker-d', labels: { 'node-role.kubernetes.io/worker': '' } } },
        workerNode('worker-e', null),
      ]),
    );
    expect(screen.queryByText(WARNING)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));

    const alert = screen.getByText(WARNING).closest('.pf-v6-c-alert') as HTMLElement;
    const items = within(within(alert).getByRole('list', { name: 'Nodes without the store' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      `${STARGZ} is not mounted on 2 nodes of pool worker: worker-b, worker-c.`,
      `The agents’ reports do not tell whether ${STARGZ} is mounted on 2 nodes of pool worker: worker-d (no report from the agent), worker-e (agent too old to report mounts).`,
    ]);
    expect(within(alert).getByText(/can’t stat additionallayerstore dir/)).toHaveTextContent(
      'CRI-O fails to start (overlay: can’t stat additionallayerstore dir) and the node goes NotReady',
    );
    expect(createButton()).toBeDisabled();

    await user.click(
      within(alert).getByRole('checkbox', { name: 'Apply anyway: I have checked these nodes' }),
    );
    expect(createButton()).toBeEnabled();
  });

  it('says nothing when every node of the pool has the store mounted', async () => {
    const user = userEvent.setup();
    open(
      withNodes([workerNode('worker-a', [STARGZ_MOUNT]), workerNode('worker-b', [STARGZ_MOUNT])]),
    );
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(screen.queryByText(WARNING)).not.toBeInTheDocument();
    expect(createButton()).toBeEnabled();
  });

  it('warns when the nodes cannot be read', async () => {
    const user = userEvent.setup();
    open({ ...withNodes([]), errors: { Node: new Error('forbidden') } });
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(
      screen.getByText(
        'The nodes could not be read, so whether the store is mounted on them is unknown.',
      ),
    ).toBeInTheDocument();
    expect(createButton()).toBeDisabled();
  });

  it('lists nodes, as metadata only, once a change reboots nodes with a layer store', async () => {
    const user = userEvent.setup();
    open(withNodes([]));
    const nodeList = [
      '/api/kubernetes/api/v1/nodes?limit=500',
      expect.objectContaining({
        headers: {
          Accept:
            'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json',
        },
      }),
    ];
    expect(SDK.consoleFetch).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await waitFor(() => expect(SDK.consoleFetch).toHaveBeenCalledWith(...nodeList));
    // The console's watch is not asked for nodes.
    expect(SDK.useK8sWatchResource).not.toHaveBeenCalledWith(
      expect.objectContaining({ groupVersionKind: expect.objectContaining({ kind: 'Node' }) }),
    );
  });
});
