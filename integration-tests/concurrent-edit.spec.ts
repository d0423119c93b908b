/**
 * Journey: an administrator edits the gpu pool's ContainerRuntimeConfig while someone else (here
 * the test, through the API) changes the same object. The page warns as soon as its watch sees the
 * other change; applying anyway fails with 409 Conflict at the dry run, nothing is overwritten, and
 * Reload brings the other writer's version into the editor, from which the edit can be made again
 * and applied.
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
const STARGZ = '/var/lib/stargz-store/store';
const OWNER_LABEL = 'example.com/owner';

test('concurrent edit: a stale apply gets 409 Conflict with Reload, and nothing is overwritten', async ({
  page,
  api,
  problems,
}) => {
  const url = `${API.ctrcfgs}/${CONFIG}`;
  const before = await api.read(url);
  expect(before.spec.containerRuntimeConfig.additionalLayerStores).toEqual([{ path: STARGZ }]);

  // The administrator opens the editor and adds a second layer store (the next preset).
  await openPage(page, '/lazy-pull/pools/gpu');
  await expect(page.getByRole('textbox', { name: 'Layer store 1' })).toHaveValue(STARGZ);
  await page.getByRole('button', { name: 'Add layer store' }).click();
  const added = page.getByRole('textbox', { name: 'Layer store 2' });
  await expect(added).not.toHaveValue('');
  // No gpu node has that store mounted: the editor asks to confirm before applying.
  const confirmStores = page.getByRole('checkbox', {
    name: 'Apply anyway: I have checked these nodes',
  });
  await confirmStores.check();
  const apply = page.getByRole('button', { name: 'Apply', exact: true });
  await expect(apply, 'Apply is not enabled after an edit').toBeEnabled();

  // Meanwhile another writer changes the same object through the API.
  const other = await api.send(
    'PATCH',
    url,
    { metadata: { labels: { [OWNER_LABEL]: 'platform-team' } } },
    'application/merge-patch+json',
  );
  expect(other.status, JSON.stringify(other.body)).toBe(200);
  const theirs = other.body as { metadata: { resourceVersion: string } };
  expect(theirs.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion);

  // The page's watch sees it and warns before anything is sent.
  const warning = page
    .locator('.pf-v6-c-alert')
    .filter({ hasText: `${CONFIG} changed on the cluster since you started editing` });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Reload and discard my edits' })).toBeVisible();
  await screenshot(page, 'concurrent-edit-1-changed-elsewhere');

  // Applying anyway: the dry run already gets 409, which the browser logs (expected, once).
  const conflictLogged = problems.expect(
    new RegExp(
      String.raw`^console\.error: Failed to load resource: the server responded with a status of 409 \(Conflict\) \[http://[^/]+/api/kubernetes/apis/machineconfiguration\.openshift\.io/v1/containerruntimeconfigs/${CONFIG}\?dryRun=All&fieldValidation=Strict\]$`,
    ),
  );
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && r.url().includes('/containerruntimeconfigs'))
      writes.push(`${r.method()} ${new URL(r.url()).search}`);
  });
  await apply.click();
  const conflict = page
    .locator('.pf-v6-c-alert')
    .filter({ hasText: `Someone else changed ${CONFIG} since it was read` });
  await expect(conflict).toBeVisible();
  await expect(
    conflict.getByText('Nothing was overwritten and your change was not applied.'),
  ).toBeVisible();
  const reload = conflict.getByRole('button', { name: 'Reload the current version' });
  await expect(reload).toBeVisible();
  await screenshotAt(conflict, 'concurrent-edit-2-conflict');
  expect(writes).toEqual(['PUT ?dryRun=All&fieldValidation=Strict']);
  expect(conflictLogged.count, 'the 409 was not logged exactly once').toBe(1);

  // Nothing was overwritten: the other writer's version is intact.
  const after = await api.read(url);
  expect(after.metadata.resourceVersion).toBe(theirs.metadata.resourceVersion);
  expect(after.metadata.labels?.[OWNER_LABEL]).toBe('platform-team');
  expect(after.spec).toEqual(before.spec);

  // Reload: the editor shows the current version, the draft is gone.
  await reload.click();
  await expect(conflict).toHaveCount(0);
  await expect(warning).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Layer store 2' })).toHaveCount(0);
  await expect(
    page.getByText('Nothing to apply: the form matches the object on the cluster.'),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect
    .poll(() => yamlEditor(page).text())
    .toMatch(new RegExp(`${OWNER_LABEL.replace('.', '\\.')}: platform-team`));
  await screenshot(page, 'concurrent-edit-3-reloaded');

  // The edit made again on the current version applies, and keeps the other writer's change.
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.getByRole('button', { name: 'Add layer store' }).click();
  await confirmStores.check();
  await apply.click();
  await expect(page.getByText(`${CONFIG} applied`)).toBeVisible();
  const merged = await api.read(url);
  expect(merged.metadata.labels?.[OWNER_LABEL]).toBe('platform-team');
  expect(merged.spec.containerRuntimeConfig.additionalLayerStores).toEqual([
    { path: STARGZ },
    { path: added },
  ]);
  await screenshot(page, 'concurrent-edit-4-applied');
  // Leave the cluster as the seed made it for the next journeys: the gpu nodes have no plugin
  // mounted at the added store, so their agents would report it failing.
  const restored = await api.send(
    'PATCH',
    url,
    { spec: { containerRuntimeConfig: { additionalLayerStores: [{ path: STARGZ }] } } },
    'application/merge-patch+json',
  );
  expect(restored.status, JSON.stringify(restored.body)).toBe(200);
  expect((await api.mco('settle')).busy).toBe(false);
});
