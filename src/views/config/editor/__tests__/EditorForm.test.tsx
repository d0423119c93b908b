/** @jest-environment jsdom */
import * as SDK from '@openshift-console/dynamic-plugin-sdk';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import PoolEditorPage from '../../PoolEditorPage';
import {
  allowEverything,
  defaultCluster,
  featureGate,
  liveConfig,
  NYDUS,
  renderAt,
  serveCluster,
  STARGZ,
  type ClusterFixture,
} from '../../__fixtures__/cluster';
import { PATH_PATTERN_MESSAGE, PATH_SLASHES_MESSAGE } from '../../../../core/validation';

const open = (fixture: ClusterFixture = defaultCluster(), pool = 'worker') => {
  serveCluster(fixture);
  return renderAt(<PoolEditorPage />, `/lazy-pull/pools/${pool}`, '/lazy-pull/pools/:pool');
};
const layerInput = (n: number) => screen.getByRole('textbox', { name: `Layer store ${n}` });
const helperOf = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '') as HTMLElement;
const applyButton = () => screen.getByRole('button', { name: /^(Apply|Create)$/ });

beforeEach(() => {
  jest.clearAllMocks();
  allowEverything();
});

describe('the editor form', () => {
  it('starts a new config with a suggested name and no layer store', () => {
    open();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('lazy-pull-worker');
    expect(
      screen.getByText('No layer store: lazy pulling is off for this pool.'),
    ).toBeInTheDocument();
  });

  it('suggests a free name when the first one is taken by a config of another pool', () => {
    const taken = {
      ...liveConfig(),
      spec: { ...liveConfig().spec, machineConfigPoolSelector: { matchLabels: { other: '' } } },
    };
    open({ ...defaultCluster(), configs: [taken] });
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('lazy-pull-worker-2');
  });

  it('adds the stargz-store preset, then nydus-store, and switches a row to a custom path', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(layerInput(1)).toHaveValue(STARGZ);
    expect(screen.getByRole('combobox', { name: 'Storage plugin of Layer store 1' })).toHaveValue(
      'stargz-store',
    );
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(layerInput(2)).toHaveValue(NYDUS);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Storage plugin of Layer store 2' }),
      'custom',
    );
    expect(layerInput(2)).toHaveValue('');
    expect(layerInput(2)).toHaveFocus();
    await user.type(layerInput(2), '/mnt/layers');
    expect(screen.getByRole('combobox', { name: 'Storage plugin of Layer store 2' })).toHaveValue(
      'custom',
    );
  });

  // CEL rule failures read as the API server words them: `Invalid value: "<type>": <message>`.
  it.each([
    ['relative/path', `Invalid value: "string": ${PATH_PATTERN_MESSAGE}`],
    ['/var/lib/store:ref', `Invalid value: "string": ${PATH_PATTERN_MESSAGE}`],
    ['/path with space', `Invalid value: "string": ${PATH_PATTERN_MESSAGE}`],
    ['/var//lib', `Invalid value: "string": ${PATH_SLASHES_MESSAGE}`],
    [`/${'a'.repeat(256)}`, 'Too long: may not be more than 256 bytes'],
  ])('shows the core message at the field for %j', async (path, message) => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.clear(layerInput(1));
    await user.click(layerInput(1));
    await user.paste(path);
    expect(within(helperOf(layerInput(1))).getByText(message)).toBeInTheDocument();
    expect(layerInput(1)).toHaveAttribute('aria-invalid', 'true');
    expect(applyButton()).toBeDisabled();
    expect(screen.getByText('Fix the problems marked in the form first.')).toBeInTheDocument();
  });

  it('reports an empty path at its field', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.clear(layerInput(1));
    expect(
      within(helperOf(layerInput(1))).getByText(
        'Invalid value: "": spec.containerRuntimeConfig.additionalLayerStores[0].path in body should be at least 1 chars long',
      ),
    ).toBeInTheDocument();
  });

  it('marks duplicate paths at the row and the list', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Storage plugin of Layer store 2' }),
      'stargz-store',
    );
    expect(
      screen.getByText(
        'Invalid value: "array": additionalLayerStores must not contain duplicate paths',
      ),
    ).toBeInTheDocument();
    expect(
      within(helperOf(layerInput(2))).getByText('The same path is listed above.'),
    ).toBeInTheDocument();
    expect(
      within(helperOf(layerInput(1))).queryByText('The same path is listed above.'),
    ).not.toBeInTheDocument();
    expect(applyButton()).toBeDisabled();
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(screen.getByText('This configuration cannot be applied: 1 problem')).toBeInTheDocument();
  });

  it('offers the mount point when the stargz-store root is given', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.clear(layerInput(1));
    await user.type(layerInput(1), '/var/lib/stargz-store');
    const helper = helperOf(layerInput(1));
    expect(
      within(helper).getByText(
        /\/var\/lib\/stargz-store is the root directory of stargz-store, not its mount point/,
      ),
    ).toBeInTheDocument();
    await user.click(within(helper).getByRole('button', { name: `Use ${STARGZ}` }));
    expect(layerInput(1)).toHaveValue(STARGZ);
    expect(screen.queryByText(/is the root directory of stargz-store/)).not.toBeInTheDocument();
  });

  it('allows at most five layer stores from the form', async () => {
    const user = userEvent.setup();
    open();
    const add = screen.getByRole('button', { name: 'Add layer store' });
    for (let i = 0; i < 5; i += 1) await user.click(add);
    expect(screen.getAllByRole('textbox', { name: /^Layer store \d$/ })).toHaveLength(5);
    expect(add).toBeDisabled();
    expect(screen.getByText('5 of at most 5')).toBeInTheDocument();
  });

  it('moves stores up and down and removes them, keeping focus on the moved row', async () => {
    const user = userEvent.setup();
    open({
      ...defaultCluster(),
      configs: [
        liveConfig({
          additionalLayerStores: [{ path: STARGZ }, { path: NYDUS }, { path: '/mnt/c' }],
        }),
      ],
    });
    await user.click(screen.getByRole('button', { name: 'Move Layer store 3 up' }));
    expect([1, 2, 3].map((n) => (layerInput(n) as HTMLInputElement).value)).toEqual([
      STARGZ,
      '/mnt/c',
      NYDUS,
    ]);
    expect(screen.getByRole('button', { name: 'Move Layer store 2 up' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Move Layer store 1 down' }));
    expect([1, 2, 3].map((n) => (layerInput(n) as HTMLInputElement).value)).toEqual([
      '/mnt/c',
      STARGZ,
      NYDUS,
    ]);
    expect(screen.getByRole('button', { name: 'Move Layer store 1 up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move Layer store 3 down' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Remove Layer store 2' }));
    expect([1, 2].map((n) => (layerInput(n) as HTMLInputElement).value)).toEqual(['/mnt/c', NYDUS]);
    expect(screen.queryByRole('textbox', { name: 'Layer store 3' })).not.toBeInTheDocument();
    // At either end the pressed button is disabled, so focus moves to its twin.
    await user.click(screen.getByRole('button', { name: 'Move Layer store 2 up' }));
    expect(screen.getByRole('button', { name: 'Move Layer store 1 down' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Move Layer store 1 down' }));
    expect(screen.getByRole('button', { name: 'Move Layer store 2 up' })).toHaveFocus();
    expect([1, 2].map((n) => (layerInput(n) as HTMLInputElement).value)).toEqual(['/mnt/c', NYDUS]);
  });

  it('keeps image and artifact stores in an expandable section', async () => {
    const user = userEvent.setup();
    open();
    expect(screen.queryByRole('button', { name: 'Add image store' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Image and artifact stores' }));
    await user.click(screen.getByRole('button', { name: 'Add image store' }));
    await user.type(screen.getByRole('textbox', { name: 'Image store 1' }), 'nfs/images');
    expect(
      within(helperOf(screen.getByRole('textbox', { name: 'Image store 1' }))).getByText(
        `Invalid value: "string": ${PATH_PATTERN_MESSAGE}`,
      ),
    ).toBeInTheDocument();
  });

  it('explains the feature gate and does not apply store lists while it is off', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), featureGate: featureGate(false) });
    expect(screen.getByText('The AdditionalStorageConfig feature gate is off')).toBeInTheDocument();
    expect(screen.getByText(/TechPreviewNoUpgrade cannot be undone/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(applyButton()).toBeDisabled();
    expect(
      screen.getByText(
        'The AdditionalStorageConfig feature gate is off, so the API server does not accept store lists.',
      ),
    ).toBeInTheDocument();
    await user.click(applyButton());
    expect(SDK.k8sCreate).not.toHaveBeenCalled();
  });

  it('is read-only, and says why, for a user who may not update the config', () => {
    jest
      .mocked(SDK.useAccessReview)
      .mockImplementation((attrs) => [attrs.verb !== 'update', false]);
    open({ ...defaultCluster(), configs: [liveConfig()] });
    expect(
      screen.getByText('You can view this configuration but not change it'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Your user may not update ContainerRuntimeConfig lazy-pull-worker/),
    ).toBeInTheDocument();
    expect(layerInput(1)).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Apply' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add layer store' })).not.toBeInTheDocument();
    expect(SDK.useAccessReview).toHaveBeenCalledWith({
      group: 'machineconfiguration.openshift.io',
      resource: 'containerruntimeconfigs',
      verb: 'update',
      name: 'lazy-pull-worker',
    });
  });

  it('is read-only for a user who may not create one', () => {
    jest.mocked(SDK.useAccessReview).mockReturnValue([false, false]);
    open();
    expect(
      screen.getByText(/Your user may not create ContainerRuntimeConfigs/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create' })).not.toBeInTheDocument();
  });

  it('shows a pool that does not exist as such', () => {
    open(defaultCluster(), 'nope');
    expect(screen.getByText('Pool nope not found')).toBeInTheDocument();
  });

  it('lets the user pick which config to edit when several select the pool', async () => {
    const user = userEvent.setup();
    const second = {
      ...liveConfig({ additionalLayerStores: [{ path: NYDUS }] }),
      metadata: { name: 'second', resourceVersion: '7' },
    };
    open({ ...defaultCluster(), configs: [liveConfig(), second] });
    expect(screen.getByText('2 ContainerRuntimeConfigs select pool worker')).toBeInTheDocument();
    expect(layerInput(1)).toHaveValue(STARGZ);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'ContainerRuntimeConfig to edit' }),
      'second',
    );
    expect(layerInput(1)).toHaveValue(NYDUS);
  });
});

describe('a new config without settings', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    allowEverything();
  });

  it('is not created empty', async () => {
    const user = userEvent.setup();
    open();
    expect(applyButton()).toBeDisabled();
    expect(
      screen.getByText('Add a layer store first: an empty ContainerRuntimeConfig changes nothing.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(applyButton()).toBeEnabled();
  });
});
