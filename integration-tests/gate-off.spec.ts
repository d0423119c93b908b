/**
 * Journey: on a cluster without the AdditionalStorageConfig feature gate (the dev server started
 * with `--gate off`) the pages explain what turning it on costs (TechPreviewNoUpgrade, or wait for
 * 5.0), and the editor blocks the apply of store lists, saying why. The API server agrees: it
 * does not know the store fields while the gate is off.
 */
import assert from 'node:assert/strict';
import { API, journey, openPage, screenshotAt } from './fixtures';
import { screenshot } from './harness';

const GATE_OFF = 'The AdditionalStorageConfig feature gate is off';

journey(
  'gate off: the pages explain the feature gate and the editor blocks the apply',
  'gate-off',
  async ({ page, shell, api }) => {
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
    assert.equal(rejected.status, 400, JSON.stringify(rejected.body));
    assert.match(JSON.stringify(rejected.body), /unknown field/);

    // The overview explains the gate and what turning it on means.
    await openPage(page, shell, '/lazy-pull');
    const explanation = page.locator('.pf-v6-c-alert').filter({ hasText: GATE_OFF });
    await explanation.waitFor();
    const text = (await explanation.textContent()) ?? '';
    assert.match(text, /TechPreviewNoUpgrade feature set/);
    assert.match(text, /cannot be undone and blocks minor version upgrades/);
    assert.match(text, /From OpenShift 5\.0 the gate is on by default/);
    await explanation.getByRole('link', { name: 'View FeatureGate cluster' }).waitFor();
    await screenshot(page, 'gate-off-1-overview');

    // The editor: a store can be drafted, not applied, and the page says why.
    const workerCard = page
      .locator('.pf-v6-c-card')
      .filter({ has: page.getByRole('link', { name: 'worker', exact: true }) });
    await workerCard.getByRole('link', { name: 'Configure lazy pulling' }).click();
    await page.waitForURL(/\/lazy-pull\/pools\/worker$/);
    await page.locator('.pf-v6-c-alert').filter({ hasText: GATE_OFF }).waitFor();
    await page.getByRole('button', { name: 'Add layer store' }).click();
    await page.getByRole('textbox', { name: 'Layer store 1' }).waitFor();
    const create = page.getByRole('button', { name: 'Create', exact: true });
    const why = page.getByText(
      'The AdditionalStorageConfig feature gate is off, so the API server does not accept store lists.',
    );
    await why.waitFor();
    assert.ok(await create.isDisabled(), 'Create is enabled while the gate is off');
    await screenshotAt(create, 'gate-off-2-editor-blocked');

    // Nothing reached the API server.
    const configs = await api.read(API.ctrcfgs);
    assert.deepEqual(
      configs.items.map((c: { metadata: { name: string } }) => c.metadata.name),
      ['gpu-lazy-pull'],
    );
  },
  { stopsShell: true },
);
