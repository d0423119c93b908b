/**
 * Journey: an administrator configures lazy pulling on a custom pool, which the MCO created
 * without the pool label that ContainerRuntimeConfigs select pools by. The editor says so and
 * offers to add the label; it also warns that stargz-store is not mounted on the pool's nodes,
 * until the admin installs it; then, with the admin's consent, it labels the pool (after a dry
 * run) and creates the configuration, the simulated MCO renders the pool's MachineConfig, and the
 * pool rolls out to nodes whose agents report the store Healthy.
 */
import { decodeMachineConfigFiles, findFile } from '../src/core/ignition/decodeMachineConfigFiles';
import { STORAGE_CONF_PATH } from '../src/core/render';
import { API, test, expect, openPage, screenshotAt, screenshot } from './support/fixtures';
import { createCustomPool, installStargzStore } from './support/storage-plugin';

// A cluster of its own: the journey adds a pool and moves nodes into it.
test.use({ cluster: { nodes: 8 } });

const POOL = 'inference';
const LABEL = `pools.operator.machineconfiguration.openshift.io/${POOL}`;
const STARGZ = '/var/lib/stargz-store/store';

test('a custom pool without the pool label gets a working configuration through the editor', async ({
  page,
  api,
}) => {
  test.setTimeout(120_000);
  const nodes = await createCustomPool(api, POOL, 2);
  const pool = await api.read(`${API.pools}/${POOL}`);
  // As the MCO leaves a custom pool: no labels of its own, its nodes on its rendered config.
  expect(pool.metadata.labels).toBeUndefined();
  expect(pool.status).toMatchObject({ machineCount: 2, updatedMachineCount: 2 });

  await openPage(page, `/lazy-pull/pools/${POOL}`);
  await expect(
    page.getByText(`Pool ${POOL} does not have the label this configuration selects it by`),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Add layer store' }).click();
  await expect(page.getByRole('textbox', { name: 'Layer store 1' })).toHaveValue(STARGZ);

  // stargz-store is not on the pool's nodes yet: the editor names them and will not apply.
  const warning = page.locator('.pf-v6-c-alert').filter({
    hasText: 'The layer store is not known to be mounted on every node this change reboots',
  });
  await expect(warning.getByRole('listitem')).toHaveText([
    `${STARGZ} is not mounted on 2 nodes of pool ${POOL}: ${[...nodes].sort().join(', ')}.`,
  ]);
  await expect(warning).toContainText('can’t stat additionallayerstore dir');
  const create = page.getByRole('button', { name: 'Create' });
  await expect(create).toBeDisabled();
  await screenshotAt(warning, 'custom-pool-1-store-not-mounted');

  // Install it as the install guide does; once the agents report the mount, the warning goes.
  await installStargzStore(api, POOL);
  await expect(warning).toHaveCount(0);
  await expect(create).toBeDisabled(); // the label is still to be agreed to

  // The preview shows the label as a change of its own, not allowed yet.
  await page.getByRole('tab', { name: 'Preview' }).click();
  const labelChange = page.getByLabel(`MachineConfigPool ${POOL} label changes`);
  await expect(labelChange).toContainText(`+     ${LABEL}: ""`);
  await expect(page.getByRole('heading', { name: `MachineConfigPool ${POOL}` })).toContainText(
    'Not allowed yet',
  );
  await screenshotAt(labelChange, 'custom-pool-2-preview-label');
  await page.getByRole('tab', { name: 'Form' }).click();
  await page
    .getByRole('checkbox', {
      name: `Add the label ${LABEL} to MachineConfigPool ${POOL} when I apply`,
    })
    .check();
  await expect(create).toBeEnabled();

  // Apply: both dry runs, then the label, then the configuration.
  const writes: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() !== 'GET' && /\/(machineconfigpools|containerruntimeconfigs)/.test(url.pathname))
      writes.push(`${r.method()} ${url.pathname.split('/').slice(-2).join('/')}${url.search}`);
  });
  await create.click();
  await expect(page.getByText(`lazy-pull-${POOL} created`)).toBeVisible();
  await expect(page.getByText(`Pool ${POOL} was labelled ${LABEL} first.`)).toBeVisible();
  expect(writes).toEqual([
    `PATCH machineconfigpools/${POOL}?dryRun=All&fieldValidation=Strict`,
    'POST v1/containerruntimeconfigs?dryRun=All&fieldValidation=Strict',
    `PATCH machineconfigpools/${POOL}?fieldValidation=Strict`,
    'POST v1/containerruntimeconfigs?fieldValidation=Strict',
  ]);
  expect((await api.read(`${API.pools}/${POOL}`)).metadata.labels).toEqual({ [LABEL]: '' });

  // The simulated MCO renders the pool's own MachineConfig and rolls the pool out.
  const rollout = page.locator('.pf-v6-c-card').filter({ hasText: 'Rollout' });
  await expect(rollout.getByText('Last condition: Success')).toBeVisible();
  expect((await api.mco('settle')).busy).toBe(false);
  await expect(
    rollout.getByText(`Every node of pool ${POOL} runs the new configuration`),
  ).toBeVisible({ timeout: 30_000 });
  await screenshotAt(rollout, 'custom-pool-3-rollout-done');
  const generated = await api.read(`${API.machineConfigs}/99-${POOL}-generated-containerruntime`);
  expect(generated.metadata.labels).toEqual({ 'machineconfiguration.openshift.io/role': POOL });
  expect(
    findFile(decodeMachineConfigFiles(generated).files, STORAGE_CONF_PATH)?.contents,
  ).toContain(`additionallayerstores = ["${STARGZ}:ref"]`);
  const rolledOut = await api.read(`${API.pools}/${POOL}`);
  expect(rolledOut.status).toMatchObject({ machineCount: 2, updatedMachineCount: 2 });
  expect(rolledOut.status.configuration.source.map((s: { name: string }) => s.name)).toContain(
    `99-${POOL}-generated-containerruntime`,
  );

  // Node health: the pool's two nodes serve the store, Healthy.
  await page
    .getByRole('link', { name: 'Check that the storage plugin is healthy on every node' })
    .click();
  const summary = page.getByRole('region', { name: POOL, exact: true });
  await expect(summary.getByRole('button', { name: `Healthy: 2 in ${POOL}` })).toBeVisible();
  await expect(summary.getByText(`Layer stores: ${STARGZ}`)).toBeVisible();
  await screenshot(page, 'custom-pool-4-nodes-healthy');
});
