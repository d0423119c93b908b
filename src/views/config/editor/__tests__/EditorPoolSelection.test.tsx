/** @jest-environment jsdom */
import * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import PoolEditorPage from '../../PoolEditorPage';
import {
  allowEverything,
  baseMachineConfigs,
  defaultCluster,
  liveConfig,
  pool,
  renderAt,
  serveCluster,
  STARGZ,
  statusError,
  WORKER_LABEL,
  type ClusterFixture,
} from '../../__fixtures__/cluster';
import { ContainerRuntimeConfigModel, MachineConfigPoolModel } from '../../../shared/models';

const DRY_RUN = { dryRun: 'All', fieldValidation: 'Strict' };
const STRICT = { fieldValidation: 'Strict' };
const INFRA_LABEL = 'pools.operator.machineconfiguration.openshift.io/infra';

/** A custom pool as Red Hat's documentation creates one: no labels. */
const infra = pool('infra', { machines: 2 });
const customCluster = (): ClusterFixture => ({
  ...defaultCluster(),
  pools: [pool('master'), pool('worker', { machines: 6 }), infra],
  machineConfigs: [...baseMachineConfigs(), ...baseMachineConfigs('infra')],
});

const open = (fixture: ClusterFixture, poolName: string) => {
  serveCluster(fixture);
  return renderAt(<PoolEditorPage />, `/lazy-pull/pools/${poolName}`, '/lazy-pull/pools/:pool');
};
const createButton = () => screen.getByRole('button', { name: 'Create' });
const consent = () =>
  screen.getByRole('checkbox', {
    name: `Add the label ${INFRA_LABEL} to MachineConfigPool infra when I apply`,
  });
const create = jest.mocked(SDK.k8sCreate);
const patch = jest.mocked(SDK.k8sPatch);

beforeEach(() => {
  jest.clearAllMocks();
  allowEverything();
});

describe('a custom pool without its pool label', () => {
  it('says so, and applies nothing until the user agrees to label the pool', async () => {
    const user = userEvent.setup();
    open(customCluster(), 'infra');
    expect(
      screen.getByText('Pool infra does not have the label this configuration selects it by'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(createButton()).toBeDisabled();
    expect(
      screen.getByText(
        `Allow the editor to add the label ${INFRA_LABEL} to pool infra (in the form), or label the pool yourself.`,
      ),
    ).toBeInTheDocument();
    // The configuration is previewed as it will be: selecting the pool once labelled.
    expect(
      screen.queryByText('This ContainerRuntimeConfig does not select pool infra'),
    ).not.toBeInTheDocument();

    await user.click(consent());
    expect(createButton()).toBeEnabled();
  });

  it('shows the label as a change of its own in the preview', async () => {
    const user = userEvent.setup();
    open(customCluster(), 'infra');
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(screen.getByRole('heading', { name: /MachineConfigPool infra/ })).toHaveTextContent(
      'Not allowed yet',
    );
    const added = [
      ...screen
        .getByLabelText('MachineConfigPool infra label changes')
        .querySelectorAll('[data-diff="add"]'),
    ].map((l) => l.textContent);
    expect(added.join('\n')).toContain(`${INFRA_LABEL}: ""`);
    expect(
      screen.getByText(/A label is not part of any MachineConfig: no node reboots for it\./),
    ).toBeInTheDocument();
    // The generated MachineConfig is the pool's own.
    expect(screen.getByText('(created on apply)').closest('p')).toHaveTextContent(
      '99-infra-generated-containerruntime (created on apply)',
    );
  });

  it('labels the pool first, then creates the configuration, each after a dry run', async () => {
    const user = userEvent.setup();
    open(customCluster(), 'infra');
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.click(consent());
    const order: string[] = [];
    patch.mockImplementation(async (o) => {
      order.push(`patch ${o.queryParams?.dryRun ? 'dry-run' : 'real'}`);
      return o.resource;
    });
    create.mockImplementation(async (o) => {
      order.push(`create ${o.queryParams?.dryRun ? 'dry-run' : 'real'}`);
      return { ...o.data, metadata: { ...o.data.metadata, resourceVersion: '1', generation: 1 } };
    });

    await user.click(createButton());

    expect(order).toEqual(['patch dry-run', 'create dry-run', 'patch real', 'create real']);
    expect(patch.mock.calls[1][0]).toEqual({
      model: MachineConfigPoolModel,
      resource: infra,
      // No labels yet: added only if the pool is still the version read.
      data: [
        { op: 'test', path: '/metadata/resourceVersion', value: '7' },
        { op: 'add', path: '/metadata/labels', value: { [INFRA_LABEL]: '' } },
      ],
      queryParams: STRICT,
    });
    expect(create.mock.calls[1][0]).toMatchObject({
      model: ContainerRuntimeConfigModel,
      queryParams: STRICT,
      data: {
        metadata: { name: 'lazy-pull-infra' },
        spec: {
          machineConfigPoolSelector: { matchLabels: { [INFRA_LABEL]: '' } },
          containerRuntimeConfig: { additionalLayerStores: [{ path: STARGZ }] },
        },
      },
    });
    expect(await screen.findByText('lazy-pull-infra created')).toBeInTheDocument();
    expect(screen.getByText(`Pool infra was labelled ${INFRA_LABEL} first.`)).toBeInTheDocument();
  });

  it('creates nothing when the pool cannot be labelled', async () => {
    const user = userEvent.setup();
    open(customCluster(), 'infra');
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.click(consent());
    patch
      .mockResolvedValueOnce(infra)
      .mockRejectedValueOnce(
        statusError(422, 'Invalid', 'testing value /metadata/resourceVersion failed: test failed'),
      );
    create.mockImplementation(async (o) => o.data);

    await user.click(createButton());

    expect(
      await screen.findByText('Pool infra could not be labelled: nothing was changed'),
    ).toBeInTheDocument();
    expect(create.mock.calls.map((c) => c[0].queryParams)).toEqual([DRY_RUN]);
  });

  it('tells a user who may not change the pool what an administrator can run', async () => {
    const user = userEvent.setup();
    jest
      .mocked(SDK.useAccessReview)
      .mockImplementation((attributes) => [attributes.resource !== 'machineconfigpools', false]);
    open(customCluster(), 'infra');
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(screen.queryByRole('checkbox', { name: /Add the label/ })).not.toBeInTheDocument();
    expect(
      screen.getByDisplayValue(`oc label machineconfigpool/infra ${INFRA_LABEL}=`),
    ).toBeInTheDocument();
    expect(createButton()).toBeDisabled();
    expect(SDK.useAccessReview).toHaveBeenCalledWith({
      group: 'machineconfiguration.openshift.io',
      resource: 'machineconfigpools',
      verb: 'patch',
      name: 'infra',
    });
  });

  it('names the configurations that would start selecting the pool with the label', () => {
    const waiting = {
      ...liveConfig(),
      metadata: { name: 'made-by-hand' },
      spec: {
        ...liveConfig().spec,
        machineConfigPoolSelector: { matchLabels: { [INFRA_LABEL]: '' } },
      },
    };
    open({ ...customCluster(), configs: [waiting] }, 'infra');
    expect(
      screen.getByText(
        'With the label, these ContainerRuntimeConfigs select pool infra too and apply to its nodes: made-by-hand.',
      ),
    ).toBeInTheDocument();
  });
});

describe('how the editor selects a pool', () => {
  it('selects a pool the MCO labelled by its label, with nothing else to change', async () => {
    const user = userEvent.setup();
    open(defaultCluster(), 'worker');
    expect(
      screen.getByText(`Selects pool worker by its label ${WORKER_LABEL}.`),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    create.mockImplementation(async (o) => o.data);
    await user.click(createButton());
    expect(patch).not.toHaveBeenCalled();
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('explains a selector on the MachineConfig role label, which pools do not carry', async () => {
    const user = userEvent.setup();
    open(defaultCluster(), 'worker');
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'yaml editor' }), {
      target: {
        value: [
          'apiVersion: machineconfiguration.openshift.io/v1',
          'kind: ContainerRuntimeConfig',
          'metadata:',
          '  name: lazy-pull-worker',
          'spec:',
          '  machineConfigPoolSelector:',
          '    matchLabels:',
          '      machineconfiguration.openshift.io/role: worker',
          '  containerRuntimeConfig:',
          '    additionalLayerStores:',
          `      - path: ${STARGZ}`,
          '',
        ].join('\n'),
      },
    });
    await user.click(screen.getByRole('tab', { name: 'Form' }));
    expect(
      screen.getByText(
        'This selector names machineconfiguration.openshift.io/role, which pools do not carry',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('This ContainerRuntimeConfig does not select pool worker'),
    ).toBeInTheDocument();
  });

  it('warns about a configuration that selects several pools', () => {
    const shared = {
      ...liveConfig(),
      spec: {
        ...liveConfig().spec,
        machineConfigPoolSelector: {
          matchExpressions: [
            {
              key: 'pools.operator.machineconfiguration.openshift.io/infra',
              operator: 'DoesNotExist',
            },
          ],
        },
      },
    };
    open({ ...defaultCluster(), configs: [shared] }, 'worker');
    const alert = screen.getByText('This ContainerRuntimeConfig selects 2 pools: master, worker');
    expect(alert).toBeInTheDocument();
    expect(
      within(alert.closest('.pf-v6-c-alert') as HTMLElement).getByText(
        /keeps one name suffix per ContainerRuntimeConfig/,
      ),
    ).toBeInTheDocument();
  });
});
