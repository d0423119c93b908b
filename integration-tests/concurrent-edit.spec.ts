/**
 * Journey: an administrator edits the gpu pool's ContainerRuntimeConfig while someone else (here
 * the test, through the API) changes the same object. The page warns as soon as its watch sees the
 * other change; applying anyway fails with 409 Conflict at the dry run, nothing is overwritten, and
 * Reload brings the other writer's version into the editor, from which the edit can be made again
 * and applied.
 */
import assert from 'node:assert/strict';
import { API, journey, openPage, screenshotAt } from './fixtures';
import { screenshot } from './harness';

const CONFIG = 'gpu-lazy-pull';
const STARGZ = '/var/lib/stargz-store/store';
const OWNER_LABEL = 'example.com/owner';

journey(
  'concurrent edit: a stale apply gets 409 Conflict with Reload, and nothing is overwritten',
  'admin',
  async ({ page, shell, api }) => {
    const url = `${API.ctrcfgs}/${CONFIG}`;
    const before = await api.read(url);
    assert.deepEqual(before.spec.containerRuntimeConfig.additionalLayerStores, [{ path: STARGZ }]);

    // The administrator opens the editor and adds a second layer store (the next preset).
    await openPage(page, shell, '/lazy-pull/pools/gpu');
    assert.equal(await page.getByRole('textbox', { name: 'Layer store 1' }).inputValue(), STARGZ);
    await page.getByRole('button', { name: 'Add layer store' }).click();
    const added = await page.getByRole('textbox', { name: 'Layer store 2' }).inputValue();
    assert.notEqual(added, '');
    const apply = page.getByRole('button', { name: 'Apply', exact: true });
    assert.ok(await apply.isEnabled(), 'Apply is not enabled after an edit');

    // Meanwhile another writer changes the same object through the API.
    const other = await api.send(
      'PATCH',
      url,
      { metadata: { labels: { [OWNER_LABEL]: 'platform-team' } } },
      'application/merge-patch+json',
    );
    assert.equal(other.status, 200, JSON.stringify(other.body));
    const theirs = other.body as { metadata: { resourceVersion: string } };
    assert.notEqual(theirs.metadata.resourceVersion, before.metadata.resourceVersion);

    // The page's watch sees it and warns before anything is sent.
    const warning = page
      .locator('.pf-v6-c-alert')
      .filter({ hasText: `${CONFIG} changed on the cluster since you started editing` });
    await warning.waitFor();
    await warning.getByRole('button', { name: 'Reload and discard my edits' }).waitFor();
    await screenshot(page, 'concurrent-edit-1-changed-elsewhere');

    // Applying anyway: the dry run already gets 409, which the browser logs (expected, once).
    const conflictLogged = page.expectProblem(
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
    await conflict.waitFor();
    await conflict.getByText('Nothing was overwritten and your change was not applied.').waitFor();
    const reload = conflict.getByRole('button', { name: 'Reload the current version' });
    await reload.waitFor();
    await screenshotAt(conflict, 'concurrent-edit-2-conflict');
    assert.deepEqual(writes, ['PUT ?dryRun=All&fieldValidation=Strict']);
    assert.equal(conflictLogged.count, 1, 'the 409 was not logged exactly once');

    // Nothing was overwritten: the other writer's version is intact.
    const after = await api.read(url);
    assert.equal(after.metadata.resourceVersion, theirs.metadata.resourceVersion);
    assert.equal(after.metadata.labels?.[OWNER_LABEL], 'platform-team');
    assert.deepEqual(after.spec, before.spec);

    // Reload: the editor shows the current version, the draft is gone.
    await reload.click();
    await conflict.waitFor({ state: 'detached' });
    await warning.waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('textbox', { name: 'Layer store 2' }).count(), 0);
    await page.getByText('Nothing to apply: the form matches the object on the cluster.').waitFor();
    await page.getByRole('tab', { name: 'YAML' }).click();
    const yaml = await page.getByRole('textbox', { name: 'yaml editor' }).inputValue();
    assert.match(yaml, new RegExp(`${OWNER_LABEL.replace('.', '\\.')}: platform-team`));
    await screenshot(page, 'concurrent-edit-3-reloaded');

    // The edit made again on the current version applies, and keeps the other writer's change.
    await page.getByRole('tab', { name: 'Form' }).click();
    await page.getByRole('button', { name: 'Add layer store' }).click();
    await apply.click();
    await page.getByText(`${CONFIG} applied`).waitFor();
    const merged = await api.read(url);
    assert.equal(merged.metadata.labels?.[OWNER_LABEL], 'platform-team');
    assert.deepEqual(merged.spec.containerRuntimeConfig.additionalLayerStores, [
      { path: STARGZ },
      { path: added },
    ]);
    await screenshot(page, 'concurrent-edit-4-applied');
    // Leave the cluster quiet for the next journeys: let the MCO finish the gpu pool's rollout.
    assert.equal((await api.mco('settle')).busy, false);
  },
);
