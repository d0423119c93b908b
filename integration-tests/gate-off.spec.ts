/**
 * Journey: on a cluster without the AdditionalStorageConfig feature gate (the dev server started
 * with `--gate off`) the pages explain what turning it on costs (TechPreviewNoUpgrade, or wait for
 * 5.0), and the editor blocks the apply of store lists, saying why. The API server agrees: it
 * does not know the store fields while the gate is off.
 */
import { API, test, expect, openPage, screenshotAt, screenshot } from './support/fixtures';

const GATE_OFF = 'The AdditionalStorageConfig feature gate is off';

test.use({ cluster: { gate: 'off' } });

test('gate off: the pages explain the feature gate and the editor blocks the apply', async ({
  page,
  api,
}) => {
  // The API server rejects the store fields (strict field validation) while the gate is off.
  const rejected = await api.send('POST', `${API.ctrcfgs}?dryRun=All&fieldValidation=Strict`, {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'ContainerRuntimeConfig',
    metadata: { name: 'gate-check' },
    spec: {
      machineConfigPoolSelector: {
        matchLabels: { 'pools.operator.machineconfiguration.openshift.io/worker': '' },
      },
      containerRuntimeConfig: {
        additionalLayerStores: [{ path: '/var/lib/stargz-store/store' }],
      },
    },
  });
  expect(rejected.status, JSON.stringify(rejected.body)).toBe(400);
  expect(JSON.stringify(rejected.body)).toMatch(/unknown field/);

  // The overview explains the gate and what turning it on means.
  await openPage(page, '/lazy-pull');
  const explanation = page.locator('.pf-v6-c-alert').filter({ hasText: GATE_OFF });
  await expect(explanation).toBeVisible();
  const text = (await explanation.textContent()) ?? '';
  expect(text).toMatch(/TechPreviewNoUpgrade feature set/);
  expect(text).toMatch(/cannot be undone and blocks minor version upgrades/);
  expect(text).toMatch(/From OpenShift 5\.0 the gate is on by default/);
  await expect(explanation.getByRole('link', { name: 'View FeatureGate cluster' })).toBeVisible();
  await screenshot(page, 'gate-off-1-overview');

  // The editor: a store can be drafted, not applied, and the page says why.
  const workerCard = page
    .locator('.pf-v6-c-card')
    .filter({ has: page.getByRole('link', { name: 'worker', exact: true }) });
  await workerCard.getByRole('link', { name: 'Configure lazy pulling' }).click();
  await page.waitForURL(/\/lazy-pull\/pools\/worker$/);
  await expect(page.locator('.pf-v6-c-alert').filter({ hasText: GATE_OFF })).toBeVisible();
  await page.getByRole('button', { name: 'Add layer store' }).click();
  await expect(page.getByRole('textbox', { name: 'Layer store 1' })).toBeVisible();
  const create = page.getByRole('button', { name: 'Create', exact: true });
  const why = page.getByText(
    'The AdditionalStorageConfig feature gate is off, so the API server does not accept store lists.',
  );
  await expect(why).toBeVisible();
  await expect(create, 'Create is enabled while the gate is off').toBeDisabled();
  await screenshotAt(create, 'gate-off-2-editor-blocked');

  // Nothing reached the API server.
  const configs = await api.read(API.ctrcfgs);
  expect(configs.items.map((c: { metadata: { name: string } }) => c.metadata.name)).toEqual([
    'gpu-lazy-pull',
  ]);
});
