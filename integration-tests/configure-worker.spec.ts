/**
 * Journey: an administrator turns on lazy pulling with stargz-store (installed on the pool by its
 * MachineConfig) for the worker pool. The
 * preview's storage.conf must be byte for byte what the core renders for the object the page is
 * about to send (and, after the apply, what the simulated MCO wrote into the MachineConfig); the
 * apply is a dry run and then the real request; the rollout panel follows the pool to done; the
 * node health page then shows every worker node Healthy.
 */
import { parseContainerRuntimeConfigText } from '../src/core/model/manifest';
import type { ContainerRuntimeConfig } from '../src/core/model/types';
import { decodeMachineConfigFiles, findFile } from '../src/core/ignition/decodeMachineConfigFiles';
import { renderForPool, STORAGE_CONF_PATH } from '../src/core/render';
import {
  API,
  test,
  expect,
  openPage,
  screenshotAt,
  screenshot,
  yamlEditor,
} from './support/fixtures';
import { installStargzStore } from './support/storage-plugin';

const STARGZ = '/var/lib/stargz-store/store';
const POOL = 'worker';

test('configure stargz-store on the worker pool: preview byte for byte, apply, rollout to done, nodes Healthy', async ({
  page,
  api,
}) => {
  test.setTimeout(120_000);
  // stargz-store first, as the install guide says: the editor warns before a layer store reaches
  // nodes that do not have it mounted.
  await installStargzStore(api, POOL);
  const poolBefore = await api.read(`${API.pools}/${POOL}`);
  const machineCount: number = poolBefore.status.machineCount;
  expect(machineCount, 'the worker pool has no nodes').toBeGreaterThan(0);

  // The pools overview: the worker card offers to configure lazy pulling.
  await openPage(page, '/lazy-pull');
  const workerCard = page
    .locator('.pf-v6-c-card')
    .filter({ has: page.getByRole('link', { name: POOL, exact: true }) });
  await workerCard.getByRole('link', { name: 'Configure lazy pulling' }).click();
  await page.waitForURL(/\/lazy-pull\/pools\/worker$/);
  await expect(
    page.getByRole('heading', { name: `Lazy image pulling for pool ${POOL}` }),
  ).toBeVisible();

  // Add a layer store and choose the stargz-store preset.
  await page.getByRole('button', { name: 'Add layer store' }).click();
  await page
    .getByRole('combobox', { name: 'Storage plugin of Layer store 1' })
    .selectOption('stargz-store');
  const store = page.getByRole('textbox', { name: 'Layer store 1' });
  await expect(store).toHaveValue(STARGZ);
  await screenshot(page, 'configure-worker-1-form');

  // The YAML tab shows the object the page will send.
  await page.getByRole('tab', { name: 'YAML' }).click();
  const yaml = await yamlEditor(page).text();
  const parsed = parseContainerRuntimeConfigText(yaml);
  if (!parsed.ok) throw new Error(`the YAML tab does not hold a ContainerRuntimeConfig:\n${yaml}`);
  const draft = parsed.object as unknown as ContainerRuntimeConfig;
  const name = draft.metadata.name ?? '';
  expect(draft.spec.containerRuntimeConfig).toEqual({
    additionalLayerStores: [{ path: STARGZ }],
  });
  expect(draft.spec.machineConfigPoolSelector).toEqual({
    matchLabels: { [`pools.operator.machineconfiguration.openshift.io/${POOL}`]: '' },
  });

  // What the core renders for that object: the storage.conf the MCO will write.
  const existing = (await api.read(API.ctrcfgs)).items as ContainerRuntimeConfig[];
  const rendered = renderForPool(draft, POOL, { existingConfigs: existing });
  if (!rendered.ok) throw new Error(`the core cannot render the draft: ${rendered.error}`);
  const expected = rendered.storageConf;
  if (expected === null) throw new Error('the core renders no storage.conf for a layer store');
  expect(expected).toMatch(/additionallayerstores = \["\/var\/lib\/stargz-store\/store:ref"\]/);

  // The preview shows exactly that text.
  await page.getByRole('tab', { name: 'Preview' }).click();
  const storageSection = page
    .locator('.pf-v6-l-stack__item')
    .filter({ has: page.getByRole('heading', { name: 'Storage configuration', level: 3 }) })
    .last();
  await storageSection.getByRole('button', { name: 'Show the whole new file' }).click();
  const shown = page.getByLabel(`New ${STORAGE_CONF_PATH}`);
  await expect(shown, 'the preview differs from the core rendering of storage.conf').toHaveText(
    expected,
  );
  await expect(
    page.getByText(`${machineCount} nodes in pool ${POOL} will reboot`).first(),
  ).toBeVisible();
  await screenshotAt(
    page.getByLabel(`New ${STORAGE_CONF_PATH}`),
    'configure-worker-2-preview-storage-conf',
  );

  // Apply: a dry run with strict field validation, then the real request.
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && r.url().includes('/containerruntimeconfigs'))
      writes.push(
        `${r.method()} ${new URL(r.url()).pathname.split('/').pop()}${new URL(r.url()).search}`,
      );
  });
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(`${name} created`)).toBeVisible();
  expect(writes).toEqual([
    'POST containerruntimeconfigs?dryRun=All&fieldValidation=Strict',
    'POST containerruntimeconfigs?fieldValidation=Strict',
  ]);
  const created = await api.read(`${API.ctrcfgs}/${name}`);
  expect(created.spec, 'the server holds another spec than the page sent').toEqual(draft.spec);

  // The rollout: the MCO accepts the configuration (it reacts by itself within a second)…
  const rollout = page.locator('.pf-v6-c-card').filter({ hasText: 'Rollout' });
  await expect(rollout.getByText('Last condition: Success')).toBeVisible();
  // …then the test steps it by hand until nodes are on their way, and lets it finish.
  await expect
    .poll(
      async () => {
        await api.mco('step');
        const pool = await api.read(`${API.pools}/${POOL}`);
        return (
          pool.status.updatedMachineCount < machineCount && pool.status.unavailableMachineCount > 0
        );
      },
      { message: 'a worker node to start updating', intervals: [100] },
    )
    .toBe(true);
  await expect
    .poll(
      async () =>
        Number(
          new RegExp(`(\\d+) of ${machineCount} updated`).exec(
            (await rollout.textContent()) ?? '',
          )?.[1] ?? machineCount,
        ),
      { message: 'the rollout panel to show the nodes updating' },
    )
    .toBeLessThan(machineCount);
  await screenshotAt(rollout, 'configure-worker-3-rolling-out');
  expect((await api.mco('settle')).busy).toBe(false);
  await expect(
    rollout.getByText(`Every node of pool ${POOL} runs the new configuration`),
  ).toBeVisible({ timeout: 30_000 });
  await expect(rollout.getByText(`${machineCount} of ${machineCount} updated`)).toBeVisible();
  await screenshotAt(rollout, 'configure-worker-4-rollout-done');

  // The MachineConfig the simulated MCO generated carries the same bytes.
  const generated = await api.read(`${API.machineConfigs}/${rendered.machineConfigName}`);
  const files = decodeMachineConfigFiles(generated);
  expect(files.errors).toEqual([]);
  expect(findFile(files.files, STORAGE_CONF_PATH)?.contents).toBe(expected);

  // Node health: every worker node reports the new store, Healthy.
  await page
    .getByRole('link', { name: 'Check that the storage plugin is healthy on every node' })
    .click();
  await page.waitForURL(/\/lazy-pull\/nodes/);
  const workerSummary = page.getByRole('region', { name: POOL, exact: true });
  await expect(
    workerSummary.getByRole('button', { name: `Healthy: ${machineCount} in ${POOL}` }),
  ).toBeVisible();
  const healthLabels = await workerSummary
    .getByRole('list', { name: 'Health' })
    .getByRole('button')
    .allTextContents();
  expect(
    healthLabels.map((t) => t.replace(/ in worker$/, '')),
    'not every worker node is Healthy',
  ).toEqual([`Healthy: ${machineCount}`]);
  await expect(workerSummary.getByText(`Layer stores: ${STARGZ}`)).toBeVisible();
  await expect(
    workerSummary.getByRole('button', { name: `Up to date: ${machineCount} in ${POOL}` }),
  ).toBeVisible();
  await screenshot(page, 'configure-worker-5-nodes-healthy');
});
