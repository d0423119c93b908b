/** @jest-environment jsdom */
import * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { editorTree, layerInput, openEditor, yamlTextarea } from '../../__fixtures__/editorPage';
import {
  allowEverything,
  configuredCluster,
  defaultCluster,
  liveConfig,
  NYDUS,
  pool,
  serveCluster,
  STARGZ,
  statusError,
  WORKER_LABEL,
  GENERATED_MC,
  type ClusterFixture,
} from '../../__fixtures__/cluster';
import type { ContainerRuntimeConfig } from '../../../../core/model/types';
import { ContainerRuntimeConfigModel } from '../../../shared/models';

const DRY_RUN = { dryRun: 'All', fieldValidation: 'Strict' };
const STRICT = { fieldValidation: 'Strict' };

const tree = () => editorTree();
const open = (fixture: ClusterFixture) => openEditor(fixture);
const yamlEditor = yamlTextarea;
const create = jest.mocked(SDK.k8sCreate);
const update = jest.mocked(SDK.k8sUpdate);

beforeEach(() => {
  jest.clearAllMocks();
  allowEverything();
});

describe('applying', () => {
  it('creates a new config after a dry run, keeping the fields typed in YAML; unknown ones stop it first', async () => {
    const user = userEvent.setup();
    open(defaultCluster());
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    const typed = [
      'apiVersion: machineconfiguration.openshift.io/v1',
      'kind: ContainerRuntimeConfig',
      'metadata:',
      '  name: lazy-pull-worker',
      '  labels:',
      '    team: ml',
      'spec:',
      '  machineConfigPoolSelector:',
      '    matchLabels:',
      `      ${WORKER_LABEL}: ""`,
      '  containerRuntimeConfig:',
      '    pidsLimit: 2048',
    ];
    // Under strict field validation the API server refuses unknown fields (see the recorded
    // answers in golden/apiserver): nothing is sent while the draft has them.
    fireEvent.change(yamlEditor(), {
      target: { value: [...typed, '    futureKnob: true', '  futureSpec: kept', ''].join('\n') },
    });
    expect(screen.queryByText('This YAML is not applied to the form')).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Form' }));
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(
      screen.getByText(
        'Remove the fields the API server does not know first: spec.containerRuntimeConfig.futureKnob, spec.futureSpec',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create' })).toBeDisabled();
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    fireEvent.change(yamlEditor(), {
      target: {
        value: [...typed, '    additionalLayerStores:', `    - path: ${STARGZ}`, ''].join('\n'),
      },
    });
    await user.click(screen.getByRole('tab', { name: 'Form' }));

    const expected = {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'ContainerRuntimeConfig',
      metadata: { name: 'lazy-pull-worker', labels: { team: 'ml' } },
      spec: {
        machineConfigPoolSelector: { matchLabels: { [WORKER_LABEL]: '' } },
        containerRuntimeConfig: {
          pidsLimit: 2048,
          additionalLayerStores: [{ path: STARGZ }],
        },
      },
    };
    const created = {
      ...expected,
      metadata: { ...expected.metadata, uid: 'u', resourceVersion: '100', generation: 1 },
    };
    create.mockResolvedValueOnce(expected).mockResolvedValueOnce(created);

    await user.click(screen.getByRole('button', { name: 'Create' }));

    expect(create).toHaveBeenCalledTimes(2);
    expect(create.mock.calls[0][0]).toEqual({
      model: ContainerRuntimeConfigModel,
      data: expected,
      queryParams: DRY_RUN,
    });
    expect(create.mock.calls[1][0]).toEqual({
      model: ContainerRuntimeConfigModel,
      data: expected,
      queryParams: STRICT,
    });
    expect(update).not.toHaveBeenCalled();
    expect(await screen.findByText('lazy-pull-worker created')).toBeInTheDocument();
    expect(
      screen.getByText('Waiting for the Machine Config Operator to pick up the change.'),
    ).toBeInTheDocument();
  });

  it('updates against the version read, keeping every other field of the live object', async () => {
    const user = userEvent.setup();
    const live = liveConfig();
    open(configuredCluster(live));
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(layerInput(2)).toHaveValue(NYDUS);

    const expected = structuredClone(live);
    expected.spec.containerRuntimeConfig.additionalLayerStores = [
      { path: STARGZ },
      { path: NYDUS },
    ];
    update.mockResolvedValueOnce(expected).mockResolvedValueOnce({
      ...expected,
      metadata: { ...expected.metadata, resourceVersion: '43', generation: 4 },
    });

    await user.click(screen.getByRole('button', { name: 'Apply' }));

    expect(update).toHaveBeenCalledTimes(2);
    const call = { model: ContainerRuntimeConfigModel, data: expected, name: 'lazy-pull-worker' };
    expect(update.mock.calls[0][0]).toEqual({ ...call, queryParams: DRY_RUN });
    expect(update.mock.calls[1][0]).toEqual({ ...call, queryParams: STRICT });
    // Spelled out, since these are what a careless form would lose:
    const sent = update.mock.calls[1][0].data as unknown as ContainerRuntimeConfig;
    expect(sent.metadata.resourceVersion).toBe('42');
    expect(sent.metadata.managedFields).toEqual(live.metadata.managedFields);
    expect(sent.spec.futureSpecField).toEqual({ keep: 'me' });
    expect(sent.futureTopLevel).toBe('also kept');
    expect(sent.spec.containerRuntimeConfig.pidsLimit).toBe(4096);
    expect(create).not.toHaveBeenCalled();
    expect(await screen.findByText('lazy-pull-worker applied')).toBeInTheDocument();
  });

  it('keeps the hidden managedFields when the change is made in YAML', async () => {
    const user = userEvent.setup();
    const live = liveConfig();
    open(configuredCluster(live));
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    expect(yamlEditor().value).not.toContain('managedFields');
    fireEvent.change(yamlEditor(), {
      target: {
        value: yamlEditor().value.replace('logLevel: info', 'logLevel: debug'),
      },
    });
    update.mockResolvedValue(live);
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    const expected = structuredClone(live);
    expected.spec.containerRuntimeConfig.logLevel = 'debug';
    expect(update.mock.calls[0][0].data).toEqual(expected);
  });

  it('sends the resourceVersion that was read, whatever the YAML says', async () => {
    const user = userEvent.setup();
    open(configuredCluster());
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    fireEvent.change(yamlEditor(), {
      target: {
        value: yamlEditor()
          .value.replace('resourceVersion: "42"', 'resourceVersion: "999"')
          .replace('logLevel: info', 'logLevel: warn'),
      },
    });
    expect(yamlEditor().value).toContain('resourceVersion: "999"');
    update.mockResolvedValue(liveConfig());
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    const sent = update.mock.calls.map(
      (c) => (c[0].data as unknown as ContainerRuntimeConfig).metadata.resourceVersion,
    );
    expect(sent).toEqual(['42', '42']);
  });

  it('shows a conflict, never overwrites, and reloads the current version', async () => {
    const user = userEvent.setup();
    open(configuredCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    update.mockRejectedValueOnce(
      statusError(
        409,
        'Conflict',
        'Operation cannot be fulfilled on containerruntimeconfigs.machineconfiguration.openshift.io "lazy-pull-worker": the object has been modified; please apply your changes to the latest version and try again',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    expect(
      await screen.findByText('Someone else changed lazy-pull-worker since it was read'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Nothing was overwritten/)).toBeInTheDocument();
    expect(screen.getByText(/the object has been modified/)).toBeInTheDocument();
    expect(update).toHaveBeenCalledTimes(1);
    expect(update.mock.calls[0][0].queryParams).toEqual(DRY_RUN);

    const newer = liveConfig({ additionalLayerStores: [{ path: '/mnt/other/store' }] });
    newer.metadata.resourceVersion = '50';
    jest.mocked(SDK.k8sGet).mockResolvedValueOnce(newer);
    await user.click(screen.getByRole('button', { name: 'Reload the current version' }));
    expect(SDK.k8sGet).toHaveBeenCalledWith({
      model: ContainerRuntimeConfigModel,
      name: 'lazy-pull-worker',
    });
    expect(await screen.findByDisplayValue('/mnt/other/store')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Layer store 2' })).not.toBeInTheDocument();
    expect(
      screen.queryByText('Someone else changed lazy-pull-worker since it was read'),
    ).not.toBeInTheDocument();
  });

  it('shows a conflict on the real request after a passing dry run the same way', async () => {
    const user = userEvent.setup();
    open(configuredCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    update
      .mockResolvedValueOnce(liveConfig())
      .mockRejectedValueOnce(statusError(409, 'Conflict', 'the object has been modified'));
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(
      await screen.findByText('Someone else changed lazy-pull-worker since it was read'),
    ).toBeInTheDocument();
    expect(update).toHaveBeenCalledTimes(2);
  });

  it('shows a dry-run rejection whole and does not send the real request', async () => {
    const user = userEvent.setup();
    open(defaultCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    create.mockRejectedValueOnce(
      statusError(
        422,
        'Invalid',
        'ContainerRuntimeConfig.machineconfiguration.openshift.io "lazy-pull-worker" is invalid: spec.containerRuntimeConfig.additionalLayerStores: Forbidden: admission webhook said no',
        [
          {
            reason: 'FieldValueForbidden',
            field: 'spec.containerRuntimeConfig.additionalLayerStores',
            message: 'Forbidden: admission webhook said no',
          },
        ],
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Create' }));

    const alert = (
      await screen.findByText('The API server rejected the dry run: nothing was changed')
    ).closest('.pf-v6-c-alert') as HTMLElement;
    expect(within(alert).getByText('HTTP 422 Invalid')).toBeInTheDocument();
    expect(within(alert).getByText(/"lazy-pull-worker" is invalid/)).toBeInTheDocument();
    expect(
      within(alert).getByText(
        'spec.containerRuntimeConfig.additionalLayerStores: Forbidden: admission webhook said no',
      ),
    ).toBeInTheDocument();
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0][0].queryParams).toEqual(DRY_RUN);
  });

  it('says when the name is taken', async () => {
    const user = userEvent.setup();
    open(defaultCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    create.mockRejectedValueOnce(
      statusError(
        409,
        'AlreadyExists',
        'containerruntimeconfigs "lazy-pull-worker" already exists',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(
      await screen.findByText(
        'A ContainerRuntimeConfig named lazy-pull-worker already exists: choose another name',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Someone else changed/)).not.toBeInTheDocument();
  });

  it('turns lazy pulling off: previews storage.conf going back and sends the object without layer stores', async () => {
    const user = userEvent.setup();
    const live = liveConfig();
    open(configuredCluster(live));
    await user.click(
      screen.getByRole('button', { name: 'Remove every layer store (turn lazy pulling off)' }),
    );
    expect(
      screen.getByText('No layer store: lazy pulling is off for this pool.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/This turns lazy pulling off for pool worker\./)).toBeInTheDocument();
    expect(
      screen.getByText(/6 nodes in pool worker will reboot, 1 at a time\./),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    const diff = screen.getByLabelText('storage.conf changes');
    const removed = [...diff.querySelectorAll('[data-diff="remove"]')].map((l) => l.textContent);
    expect(removed.some((l) => l?.includes(`additionallayerstores = ["${STARGZ}:ref"]`))).toBe(
      true,
    );
    expect(screen.getByText(/After: from MachineConfig/)).toBeInTheDocument();

    const expected = structuredClone(live);
    delete expected.spec.containerRuntimeConfig.additionalLayerStores;
    update.mockResolvedValue(expected);
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(update.mock.calls[0][0]).toEqual({
      model: ContainerRuntimeConfigModel,
      data: expected,
      name: 'lazy-pull-worker',
      queryParams: DRY_RUN,
    });
    expect(update.mock.calls[1][0].data).toEqual(expected);
    expect(
      'additionalLayerStores' in
        (update.mock.calls[1][0].data as ContainerRuntimeConfig).spec.containerRuntimeConfig,
    ).toBe(false);
  });

  it('follows the rollout until every node runs the new configuration', async () => {
    const user = userEvent.setup();
    const fixture = configuredCluster();
    const view = open(fixture);
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    const applied = structuredClone(liveConfig());
    applied.spec.containerRuntimeConfig.additionalLayerStores = [{ path: STARGZ }, { path: NYDUS }];
    applied.metadata.resourceVersion = '43';
    applied.metadata.generation = 4;
    update.mockResolvedValue(applied);
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('lazy-pull-worker applied')).toBeInTheDocument();
    expect(
      screen.getByText('Waiting for the Machine Config Operator to pick up the change.'),
    ).toBeInTheDocument();

    // The MCO accepts it and renders a new config; two of six nodes have moved.
    const accepted = structuredClone(applied);
    accepted.metadata.resourceVersion = '44';
    accepted.status = {
      observedGeneration: 4,
      conditions: [
        ...(applied.status?.conditions ?? []),
        { type: 'Success', status: 'True', message: 'Success' },
      ],
    };
    const moving = pool('worker', {
      machines: 6,
      sources: ['00-worker', GENERATED_MC],
      rendered: 'rendered-worker-2',
      conditions: { Updating: 'True', Updated: 'False' },
    });
    moving.status = {
      ...moving.status,
      updatedMachineCount: 2,
      readyMachineCount: 5,
      configuration: { name: 'rendered-worker-1' },
    };
    serveCluster({ ...fixture, configs: [accepted], pools: [moving] });
    view.rerender(tree());
    expect(screen.getByText('Last condition: Success')).toBeInTheDocument();
    expect(screen.getByText('2 of 6 updated, 5 ready, 0 degraded')).toBeInTheDocument();
    expect(
      screen.queryByText('Every node of pool worker runs the new configuration'),
    ).not.toBeInTheDocument();

    const done = pool('worker', {
      machines: 6,
      sources: ['00-worker', GENERATED_MC],
      rendered: 'rendered-worker-2',
    });
    serveCluster({ ...fixture, configs: [accepted], pools: [done] });
    view.rerender(tree());
    expect(
      screen.getByText('Every node of pool worker runs the new configuration'),
    ).toBeInTheDocument();
  });

  it('reports the MCO rejecting the applied config', async () => {
    const user = userEvent.setup();
    const fixture = configuredCluster();
    const view = open(fixture);
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    const applied = structuredClone(liveConfig());
    applied.metadata.generation = 4;
    update.mockResolvedValue(applied);
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText('lazy-pull-worker applied');
    const failed = structuredClone(applied);
    failed.metadata.resourceVersion = '45';
    failed.status = {
      observedGeneration: 4,
      conditions: [
        ...(applied.status?.conditions ?? []),
        {
          type: 'Failure',
          status: 'True',
          message: 'Error: max number of supported ctrcfgs (10) has been reached',
        },
      ],
    };
    serveCluster({ ...fixture, configs: [failed] });
    view.rerender(tree());
    expect(
      screen.getByText('The Machine Config Operator rejected the configuration'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/max number of supported ctrcfgs/).length).toBeGreaterThan(0);
  });
});
