/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import PoolEditorPage from '../../PoolEditorPage';
import {
  allowEverything,
  configuredCluster,
  defaultCluster,
  liveConfig,
  NYDUS,
  pool,
  renderAt,
  serveCluster,
  STARGZ,
  type ClusterFixture,
} from '../../__fixtures__/cluster';
import { newContainerRuntimeConfig } from '../../../../core/model/storeSection';
import { renderForPool } from '../../../../core/render';
import { yamlOf } from '../yamlSync';

const open = (fixture: ClusterFixture) => {
  serveCluster(fixture);
  return renderAt(<PoolEditorPage />, '/lazy-pull/pools/worker', '/lazy-pull/pools/:pool');
};
const layerInput = (n: number) => screen.getByRole('textbox', { name: `Layer store ${n}` });
const yamlEditor = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'yaml editor' });
const typeYaml = (text: string) => fireEvent.change(yamlEditor(), { target: { value: text } });
const problemsAlert = () =>
  screen.getByText('This YAML is not applied to the form').closest('.pf-v6-c-alert') as HTMLElement;

beforeEach(() => {
  jest.clearAllMocks();
  allowEverything();
});

describe('the YAML view', () => {
  it('shows the form object, without managedFields, and follows form edits', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), configs: [liveConfig()] });
    await user.click(screen.getByRole('tab', { name: 'Form' }));
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    const expected = liveConfig();
    expected.spec.containerRuntimeConfig.additionalLayerStores = [
      { path: STARGZ },
      { path: NYDUS },
    ];
    expect(yamlEditor().value).toBe(yamlOf(expected));
    expect(yamlEditor().value).toContain(`- path: ${NYDUS}`);
    expect(yamlEditor().value).not.toContain('managedFields');
  });

  it('updates the form from YAML that is a valid ContainerRuntimeConfig', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), configs: [liveConfig()] });
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    typeYaml(
      yamlEditor().value.replace(
        `    - path: ${STARGZ}`,
        `    - path: ${NYDUS}\n    - path: ${STARGZ}`,
      ),
    );
    expect(screen.queryByText('This YAML is not applied to the form')).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Form' }));
    expect(layerInput(1)).toHaveValue(NYDUS);
    expect(layerInput(2)).toHaveValue(STARGZ);
  });

  it('never lets YAML that does not parse overwrite the form', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), configs: [liveConfig()] });
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    typeYaml(
      'apiVersion: machineconfiguration.openshift.io/v1\nkind: ContainerRuntimeConfig\nspec: [\n',
    );
    expect(within(problemsAlert()).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(within(problemsAlert()).getAllByRole('listitem')[0].textContent).toMatch(/^Line \d+: /);
    expect(yamlEditor().value).toContain('spec: [');
    await user.click(screen.getByRole('tab', { name: 'Form' }));
    expect(layerInput(1)).toHaveValue(STARGZ);
    expect(
      screen.getByText('Your YAML edits have errors and are not in the form'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
    expect(screen.getByText('Fix the YAML first, or discard your YAML edits.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard YAML edits' }));
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    expect(yamlEditor().value).toBe(yamlOf(liveConfig()));
  });

  it('does not take six layer stores into the form, and says why', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), configs: [liveConfig()] });
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    const six = Array.from({ length: 6 }, (_, i) => `    - path: /mnt/store${i}`).join('\n');
    typeYaml(yamlEditor().value.replace(`    - path: ${STARGZ}`, six));
    expect(
      within(problemsAlert()).getByText(
        'spec.containerRuntimeConfig.additionalLayerStores: Too many: 6: must have at most 5 items',
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Form' }));
    expect(screen.getAllByRole('textbox', { name: /^Layer store \d$/ })).toHaveLength(1);
  });

  it('rejects YAML of another kind or another object', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), configs: [liveConfig()] });
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    typeYaml('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n');
    expect(
      within(problemsAlert()).getByText('not a ContainerRuntimeConfig: kind is "Pod"'),
    ).toBeInTheDocument();
    typeYaml(yamlOf(liveConfig()).replace('name: lazy-pull-worker', 'name: renamed'));
    expect(
      within(problemsAlert()).getByText(/metadata.name: this page edits lazy-pull-worker/),
    ).toBeInTheDocument();
  });

  it('shows a YAML path error with its field path and keeps the form', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), configs: [liveConfig()] });
    await user.click(screen.getByRole('tab', { name: 'YAML' }));
    typeYaml(yamlOf(liveConfig()).replace(`path: ${STARGZ}`, 'path: var/lib/x'));
    expect(
      within(problemsAlert()).getByText(
        "spec.containerRuntimeConfig.additionalLayerStores[0].path: Invalid value: \"string\": path must be absolute and contain only alphanumeric characters, '/', '.', '_', and '-'",
      ),
    ).toBeInTheDocument();
  });
});

describe('the preview', () => {
  it('shows the storage.conf the core renders, byte for byte, and what happens to the nodes', async () => {
    const user = userEvent.setup();
    open(defaultCluster());
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.click(screen.getByRole('tab', { name: 'Preview' }));

    const draft = newContainerRuntimeConfig('lazy-pull-worker', 'worker', {
      additionalLayerStores: [STARGZ],
      additionalImageStores: [],
      additionalArtifactStores: [],
    });
    const expected = renderForPool(draft, 'worker');
    if (!expected.ok || expected.storageConf === null) throw new Error('render');

    expect(
      screen.getByText('6 nodes in pool worker will reboot, 1 at a time.', { selector: 'h4' }),
    ).toBeInTheDocument();
    expect(screen.getByText('(created on apply)').closest('p')).toHaveTextContent(
      '99-worker-generated-containerruntime (created on apply)',
    );
    const added = [
      ...screen.getByLabelText('storage.conf changes').querySelectorAll('[data-diff="add"]'),
    ].map((l) => l.textContent);
    expect(added).toContain(`6+    additionallayerstores = ["${STARGZ}:ref"]`);
    expect(
      screen.getByText(/Now: from the rendered MachineConfig the pool runs/),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show the whole new file' }));
    const code = screen
      .getByLabelText('New /etc/containers/storage.conf')
      .querySelector('code') as HTMLElement;
    expect(code.textContent).toBe(expected.storageConf);
    expect(
      screen.getByText('This configuration writes no CRI-O drop-in, and none is removed.'),
    ).toBeInTheDocument();
  });

  it('words the consequence from the pool: batch size, a single node, a paused pool', async () => {
    const user = userEvent.setup();
    const cases: [ReturnType<typeof pool>, string][] = [
      [
        pool('worker', { machines: 6, maxUnavailable: 2 }),
        '6 nodes in pool worker will reboot, 2 at a time.',
      ],
      [pool('worker', { machines: 1 }), '1 node in pool worker will reboot.'],
      [
        pool('worker', { machines: 4, paused: true }),
        'Pool worker is paused: its 4 nodes will reboot, 1 at a time, once it is resumed.',
      ],
    ];
    for (const [p, text] of cases) {
      const view = open({ ...defaultCluster(), pools: [p] });
      await user.click(screen.getByRole('button', { name: 'Add layer store' }));
      await user.click(screen.getByRole('tab', { name: 'Preview' }));
      expect(screen.getByText(text, { selector: 'h4' })).toBeInTheDocument();
      view.unmount();
    }
  });

  it('names a custom pool that inherits the worker MachineConfigs and reboots too', async () => {
    const user = userEvent.setup();
    const gpu = pool('gpu', { machines: 4, maxUnavailable: 2, rendered: 'rendered-worker-1' });
    gpu.spec = {
      ...gpu.spec,
      machineConfigSelector: {
        matchExpressions: [
          {
            key: 'machineconfiguration.openshift.io/role',
            operator: 'In',
            values: ['worker', 'gpu'],
          },
        ],
      },
    };
    const cluster = defaultCluster();
    open({ ...cluster, pools: [...cluster.pools, gpu] });
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(
      screen.getByText(
        'Pool gpu takes the MachineConfigs of pool worker too: 4 nodes in pool gpu will reboot, 2 at a time.',
        { selector: 'p' },
      ),
    ).toBeInTheDocument();
  });

  it('says nothing reboots when no file changes', async () => {
    const user = userEvent.setup();
    open(configuredCluster());
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(
      screen.getByText('No file on the nodes changes: the nodes of pool worker do not reboot.', {
        selector: 'h4',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Nothing to apply: the form matches the object on the cluster.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
    expect(screen.getByText('(updated on apply)')).toBeInTheDocument();
  });

  it('uses the base template as "now" when the MachineConfigs cannot be read', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), errors: { MachineConfig: new Error('forbidden') } });
    await user.click(screen.getByRole('button', { name: 'Add layer store' }));
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(
      screen.getByText('The MachineConfigs of the pool cannot be read yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Now: the MCO base template/)).toBeInTheDocument();
  });

  it('lists the CRI-O drop-ins a change writes, and diffs the object against the live one', async () => {
    const user = userEvent.setup();
    open({ ...defaultCluster(), configs: [liveConfig()] });
    await user.click(screen.getByRole('button', { name: 'Image and artifact stores' }));
    await user.click(screen.getByRole('button', { name: 'Add artifact store' }));
    await user.type(screen.getByRole('textbox', { name: 'Artifact store 1' }), '/var/lib/models');
    await user.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(
      screen.getByText('/etc/crio/crio.conf.d/01-ctrcfg-additionalArtifactStores'),
    ).toBeInTheDocument();
    const crd = [
      ...screen
        .getByLabelText('ContainerRuntimeConfig changes')
        .querySelectorAll('[data-diff="add"]'),
    ].map((l) => l.textContent);
    expect(crd.some((l) => l?.includes('additionalArtifactStores:'))).toBe(true);
    expect(crd.some((l) => l?.includes('- path: /var/lib/models'))).toBe(true);
  });
});
