/**
 * Journey: a user who may read but not write ContainerRuntimeConfigs (the dev server started with
 * `--persona read-only`) opens the editor: the page says why it cannot apply, offers no Apply or
 * Create, and its fields and YAML are read-only. The API server agrees: a write is 403.
 */
import {
  API,
  test,
  expect,
  openPage,
  screenshotAt,
  screenshot,
  yamlEditor,
} from './support/fixtures';

const CONFIG = 'gpu-lazy-pull';

test.use({ cluster: { persona: 'read-only' } });

test('read-only persona: the editor cannot apply and says why', async ({ page, api }) => {
  // The simulated API server refuses this user's writes, as RBAC would.
  const current = await api.read(`${API.ctrcfgs}/${CONFIG}`);
  const refused = await api.send(
    'PUT',
    `${API.ctrcfgs}/${CONFIG}?dryRun=All&fieldValidation=Strict`,
    current,
  );
  expect(refused.status, JSON.stringify(refused.body)).toBe(403);

  // An existing configuration: viewable, not changeable, and the page says why.
  await openPage(page, '/lazy-pull/pools/gpu');
  const notice = page
    .locator('.pf-v6-c-alert')
    .filter({ hasText: 'You can view this configuration but not change it' });
  await expect(notice).toBeVisible();
  await expect(
    notice.getByText(
      `Your user may not update ContainerRuntimeConfig ${CONFIG} (containerruntimeconfigs.machineconfiguration.openshift.io), so the form is read-only.`,
      { exact: false },
    ),
  ).toBeVisible();
  const store = page.getByRole('textbox', { name: 'Layer store 1' });
  await expect(store).toHaveValue(
    current.spec.containerRuntimeConfig.additionalLayerStores[0].path,
  );
  await expect(store, 'the store path can be edited').toHaveAttribute('readonly', '');
  await expect(
    page.getByRole('combobox', { name: 'Storage plugin of Layer store 1' }),
  ).toBeDisabled();
  for (const name of ['Apply', 'Create', 'Add layer store', 'Discard changes']) {
    await expect(
      page.getByRole('button', { name, exact: true }),
      `a read-only user is offered "${name}"`,
    ).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: /^Remove / })).toHaveCount(0);
  await screenshotAt(notice, 'read-only-1-existing-config');

  // Its YAML cannot be edited either.
  await page.getByRole('tab', { name: 'YAML' }).click();
  const yaml = yamlEditor(page);
  const before = await yaml.text();
  await yaml.locator.click();
  await page.keyboard.type('edited: true\n');
  expect(await yaml.text(), 'the YAML can be edited').toBe(before);

  // A pool without a configuration: this user may not create one, and is told so.
  await openPage(page, '/lazy-pull/pools/worker');
  await expect(
    page.getByText(
      'Your user may not create ContainerRuntimeConfigs (containerruntimeconfigs.machineconfiguration.openshift.io), so the form is read-only.',
      { exact: false },
    ),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add layer store' })).toHaveCount(0);
  await screenshot(page, 'read-only-2-new-config');
});
