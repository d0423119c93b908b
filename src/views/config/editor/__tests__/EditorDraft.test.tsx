/** @jest-environment jsdom */
/**
 * Nothing typed is lost: a failed watch keeps the form and its draft, the draft outlives a reload
 * of the page (session storage, per pool and object), and an apply that got no answer says that
 * the cluster could not be reached, not that it refused.
 */
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
  STARGZ,
  serveCluster,
  statusError,
  type ClusterFixture,
} from '../../__fixtures__/cluster';
import { draftStorageKey } from '../draftStorage';

const tree = () => editorTree();
const open = (fixture: ClusterFixture) => openEditor(fixture);
const yamlEditor = yamlTextarea;
const create = jest.mocked(SDK.k8sCreate);
const update = jest.mocked(SDK.k8sUpdate);
/** What the browser's fetch rejects with when the connection fails (Chromium's wording). */
const networkFailure = () => new TypeError('Failed to fetch');

beforeEach(() => {
  jest.clearAllMocks();
  allowEverything();
});

describe('a watch that fails', () => {
  it('keeps the form and the draft on the page, and says the cluster cannot be reached', async () => {
    const user = userEvent.setup();
    const view = open(defaultCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.clear(layerInput(1));
    await user.type(layerInput(1), '/mnt/typed');

    // The console's watches keep their last data when they fail.
    serveCluster({
      ...defaultCluster(),
      failing: { MachineConfigPool: networkFailure(), ContainerRuntimeConfig: networkFailure() },
    });
    view.rerender(tree());

    expect(layerInput(1)).toHaveValue('/mnt/typed');
    const outage = screen.getAllByText('Cannot reach the cluster');
    expect(outage.length).toBeGreaterThan(0);
    expect(
      screen.getAllByText(
        'What the page shows was read earlier and may be out of date; it updates by itself.',
      ).length,
    ).toBeGreaterThan(0);
    // Still editable while the cluster is away.
    await user.type(layerInput(1), '/more');
    expect(layerInput(1)).toHaveValue('/mnt/typed/more');

    serveCluster(defaultCluster());
    view.rerender(tree());
    expect(screen.queryByText('Cannot reach the cluster')).not.toBeInTheDocument();
    expect(layerInput(1)).toHaveValue('/mnt/typed/more');
  });

  it('says an error of the API server is one, and keeps the editor too', () => {
    open({
      ...defaultCluster(),
      failing: { ContainerRuntimeConfig: statusError(403, 'Forbidden', 'no longer allowed') },
    });
    expect(screen.getByText('ContainerRuntimeConfigs could not be loaded')).toBeInTheDocument();
    expect(screen.getByText('403: no longer allowed')).toBeInTheDocument();
    expect(screen.queryByText('Cannot reach the cluster')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add layer store' })).toBeEnabled();
  });
});

describe('a reload of the page', () => {
  it('brings back the draft of a new object, and forgets it once created', async () => {
    const user = userEvent.setup();
    const first = open(defaultCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.clear(layerInput(2));
    await user.type(layerInput(2), '/mnt/second');
    first.unmount();

    open(defaultCluster());
    expect(screen.getByText('Your unsaved changes are back')).toBeInTheDocument();
    expect(layerInput(1)).toHaveValue('/var/lib/stargz-store/store');
    expect(layerInput(2)).toHaveValue('/mnt/second');

    create.mockImplementation(({ data }) => Promise.resolve(data));
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('lazy-pull-worker created')).toBeInTheDocument();
    expect(Object.keys(window.sessionStorage)).toEqual([]);
  });

  it('brings back YAML that is not in the form, as typed, with its problems', async () => {
    const user = userEvent.setup();
    const first = open(defaultCluster());
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    fireEvent.change(yamlEditor(), { target: { value: 'spec: [unclosed\n' } });
    first.unmount();

    open(defaultCluster());
    expect(yamlEditor().value).toBe('spec: [unclosed\n');
    expect(screen.getByText('This YAML is not applied to the form')).toBeInTheDocument();
    expect(screen.getByText('Fix the YAML first, or discard your YAML edits.')).toBeInTheDocument();
  });

  it('never applies a restored draft over a version that changed meanwhile', async () => {
    const user = userEvent.setup();
    const first = open(configuredCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    expect(layerInput(2)).toHaveValue(NYDUS);
    first.unmount();

    const newer = liveConfig({ logLevel: 'debug' });
    newer.metadata.resourceVersion = '77';
    open(configuredCluster(newer));
    expect(layerInput(2)).toHaveValue(NYDUS);
    expect(
      screen.getByText('lazy-pull-worker changed on the cluster since you started editing'),
    ).toBeInTheDocument();
    update.mockRejectedValue(statusError(409, 'Conflict', 'the object has been modified'));
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    // Sent against the version the draft started from, so the API server refuses it.
    expect(update.mock.calls[0][0].data.metadata?.resourceVersion).toBe('42');
    expect(
      await screen.findByText('Someone else changed lazy-pull-worker since it was read'),
    ).toBeInTheDocument();
  });

  it('offers the draft of an object deleted since, as a new object', async () => {
    const user = userEvent.setup();
    const first = open(configuredCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    first.unmount();

    open(defaultCluster());
    const kept = screen
      .getByText('Your unsaved changes to lazy-pull-worker are kept in this browser tab')
      .closest('.pf-v6-c-alert') as HTMLElement;
    expect(
      within(kept).getByText(
        'lazy-pull-worker no longer exists on the cluster. Continuing creates it again from your changes.',
      ),
    ).toBeInTheDocument();
    await user.click(
      within(kept).getByRole('button', {
        name: 'Continue with them as a new ContainerRuntimeConfig',
      }),
    );
    expect(layerInput(2)).toHaveValue(NYDUS);
    expect(window.sessionStorage.getItem(draftStorageKey('worker', 'lazy-pull-worker'))).toBe(null);
    // The deleted object had a field the schema the page reads does not know: created anew, the
    // API server would refuse it (strict field validation). It is kept, and named, not dropped.
    expect(screen.getByRole('button', { name: 'Create' })).toBeDisabled();
    expect(
      await screen.findByText(
        'Remove the fields the API server does not know first: spec.futureSpecField, futureTopLevel',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    expect(yamlEditor().value).toContain('futureSpecField:\n    keep: me\n');
    expect(yamlEditor().value).toMatch(/^futureTopLevel: /m);
    fireEvent.change(yamlEditor(), {
      target: {
        value: yamlEditor()
          .value.replace('  futureSpecField:\n    keep: me\n', '')
          .replace(/^futureTopLevel: .*\n/m, ''),
      },
    });
    create.mockImplementation(({ data }) => Promise.resolve(data));
    await user.click(screen.getByRole('button', { name: 'Create' }));
    const sent = create.mock.calls[0][0].data as ReturnType<typeof liveConfig>;
    expect(sent.metadata).toEqual({
      name: 'lazy-pull-worker',
      labels: { team: 'platform' },
      annotations: { 'machineconfiguration.openshift.io/mc-name-suffix': '' },
      finalizers: ['99-worker-generated-containerruntime'],
    });
    expect(sent.spec.containerRuntimeConfig.additionalLayerStores).toEqual([
      { path: STARGZ },
      { path: NYDUS },
    ]);
  });

  it('lets the user discard a kept draft', async () => {
    const user = userEvent.setup();
    const first = open(configuredCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    first.unmount();
    open(defaultCluster());
    await user.click(screen.getByRole('button', { name: 'Discard them' }));
    expect(
      screen.queryByText('Your unsaved changes to lazy-pull-worker are kept in this browser tab'),
    ).not.toBeInTheDocument();
    expect(Object.keys(window.sessionStorage)).toEqual([]);
  });

  it('says when the browser keeps nothing, and edits all the same', async () => {
    const user = userEvent.setup();
    const setItem = jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      open(defaultCluster());
      await user.click(screen.getByRole('button', { name: 'Add layer store' }));
      expect(
        screen.getByText(
          'Your changes cannot be kept if the page reloads: The quota has been exceeded.',
        ),
      ).toBeInTheDocument();
      expect(layerInput(1)).toHaveValue('/var/lib/stargz-store/store');
    } finally {
      setItem.mockRestore();
    }
  });
});

describe('an apply that gets no answer', () => {
  it('says the cluster cannot be reached, not that it refused, and keeps the draft', async () => {
    const user = userEvent.setup();
    open(defaultCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    create.mockRejectedValueOnce(networkFailure());
    await user.click(screen.getByRole('button', { name: 'Create' }));
    const alert = (
      await screen.findByText(
        'Cannot reach the cluster: the dry run got no answer, and nothing was changed',
      )
    ).closest('.pf-v6-c-alert') as HTMLElement;
    expect(within(alert).getByText('No answer from the API server: Failed to fetch')).toBeVisible();
    expect(screen.queryByText(/rejected/)).not.toBeInTheDocument();
    expect(layerInput(1)).toHaveValue('/var/lib/stargz-store/store');
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('says it is not known whether the real request was carried out', async () => {
    const user = userEvent.setup();
    open(configuredCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    update
      .mockResolvedValueOnce(liveConfig())
      .mockRejectedValueOnce(Object.assign(new Error('Bad Gateway'), { code: 502, response: {} }));
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(
      await screen.findByText(
        'Cannot reach the cluster: whether lazy-pull-worker was applied is not known',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No answer from the API server: 502 Bad Gateway')).toBeInTheDocument();
    expect(layerInput(2)).toHaveValue(NYDUS);
  });
});
