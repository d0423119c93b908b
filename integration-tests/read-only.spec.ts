/**
 * Journey: a user who may read but not write ContainerRuntimeConfigs (the dev server started with
 * `--persona read-only`) opens the editor: the page says why it cannot apply, offers no Apply or
 * Create, and its fields and YAML are read-only. The API server agrees: a write is 403.
 */
import assert from 'node:assert/strict';
import { API, journey, openPage, screenshotAt } from './fixtures';
import { screenshot } from './harness';

const CONFIG = 'gpu-lazy-pull';

journey(
  'read-only persona: the editor cannot apply and says why',
  'read-only',
  async ({ page, shell, api }) => {
    // The simulated API server refuses this user's writes, as RBAC would.
    const current = await api.read(`${API.ctrcfgs}/${CONFIG}`);
    const refused = await api.send(
      'PUT',
      `${API.ctrcfgs}/${CONFIG}?dryRun=All&fieldValidation=Strict`,
      current,
    );
    assert.equal(refused.status, 403, JSON.stringify(refused.body));

    // An existing configuration: viewable, not changeable, and the page says why.
    await openPage(page, shell, '/lazy-pull/pools/gpu');
    const notice = page
      .locator('.pf-v6-c-alert')
      .filter({ hasText: 'You can view this configuration but not change it' });
    await notice.waitFor();
    await notice
      .getByText(
        `Your user may not update ContainerRuntimeConfig ${CONFIG} (containerruntimeconfigs.machineconfiguration.openshift.io), so the form is read-only.`,
        { exact: false },
      )
      .waitFor();
    const store = page.getByRole('textbox', { name: 'Layer store 1' });
    assert.equal(
      await store.inputValue(),
      current.spec.containerRuntimeConfig.additionalLayerStores[0].path,
    );
    assert.equal(await store.getAttribute('readonly'), '', 'the store path can be edited');
    assert.ok(
      await page.getByRole('combobox', { name: 'Storage plugin of Layer store 1' }).isDisabled(),
    );
    for (const name of ['Apply', 'Create', 'Add layer store', 'Discard changes']) {
      assert.equal(
        await page.getByRole('button', { name, exact: true }).count(),
        0,
        `a read-only user is offered "${name}"`,
      );
    }
    assert.equal(await page.getByRole('button', { name: /^Remove / }).count(), 0);
    await screenshotAt(notice, 'read-only-1-existing-config');

    // Its YAML cannot be edited either.
    await page.getByRole('tab', { name: 'YAML' }).click();
    const yaml = page.getByRole('textbox', { name: 'yaml editor' });
    assert.equal(await yaml.getAttribute('readonly'), '', 'the YAML can be edited');

    // A pool without a configuration: this user may not create one, and is told so.
    await openPage(page, shell, '/lazy-pull/pools/worker');
    await page
      .getByText(
        'Your user may not create ContainerRuntimeConfigs (containerruntimeconfigs.machineconfiguration.openshift.io), so the form is read-only.',
        { exact: false },
      )
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Add layer store' }).count(), 0);
    await screenshot(page, 'read-only-2-new-config');
  },
  { stopsShell: true },
);
