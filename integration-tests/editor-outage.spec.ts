/**
 * The cluster goes away while an administrator edits a pool: the API server (here the whole dev
 * server, as when the console loses its backend) is stopped after stores were entered, and
 * started again on the same address. The draft must survive all of it: the outage shows above a
 * form that stays editable, applying during it says that the cluster cannot be reached (not that
 * the server refused anything), a reload brings the draft back, and the page resumes once the
 * server answers again.
 */
import { expect, test } from './support/fixtures';
import { startShell, type RunningShell } from './support/dev-server';

const POOL = 'worker';
const STARGZ = '/var/lib/stargz-store/store';
const IMAGE_STORE = '/var/lib/shared-images';

test('a stopped API server costs no keystroke of the draft, and a reload keeps it', async ({
  page,
  problems,
}) => {
  test.setTimeout(180_000);
  // Everything the browser tries while the server is down fails; that is the point of the test.
  problems.expect(/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|Failed to fetch|WebSocket|net::/);
  let shell: RunningShell = await startShell({ nodes: 6 });
  const port = new URL(shell.url).port;
  try {
    const url = `${shell.url}/lazy-pull/pools/${POOL}`;
    await page.goto(url);
    await expect(
      page.getByRole('heading', { name: `Lazy image pulling for pool ${POOL}` }),
    ).toBeVisible({ timeout: 30_000 });

    // The administrator enters a layer store and an image store, key by key.
    await page.getByRole('button', { name: 'Add layer store' }).click();
    await page
      .getByRole('combobox', { name: 'Storage plugin of Layer store 1' })
      .selectOption('stargz-store');
    await expect(page.getByRole('textbox', { name: 'Layer store 1' })).toHaveValue(STARGZ);
    await page.getByRole('button', { name: 'Image and artifact stores' }).click();
    await page.getByRole('button', { name: 'Add image store' }).click();
    const imageStore = page.getByRole('textbox', { name: 'Image store 1' });
    await imageStore.pressSequentially(IMAGE_STORE);
    await expect(imageStore).toHaveValue(IMAGE_STORE);

    // stargz-store is not installed on the pool: the editor asks to confirm before applying.
    await page.getByRole('checkbox', { name: 'Apply anyway: I have checked these nodes' }).check();
    const create = page.getByRole('button', { name: 'Create' });
    await expect(create).toBeEnabled();

    // The server stops.
    await shell.stop();

    // Applying now: the request gets no answer, and the page says so in those words.
    await create.click();
    await expect(
      page.getByRole('heading', {
        name: /Cannot reach the cluster: the dry run got no answer, and nothing was changed$/,
      }),
    ).toBeVisible();
    await expect(page.getByText('The API server rejected the dry run')).toHaveCount(0);

    // The watches notice the outage (the console re-reads a list 15 s after its socket dropped):
    // it shows above the form, and the form stays, with every keystroke, and editable.
    const outage = page.getByRole('heading', { name: /alert: Cannot reach the cluster$/ });
    await expect(outage.first()).toBeVisible({ timeout: 40_000 });
    await expect(page.getByRole('textbox', { name: 'Layer store 1' })).toHaveValue(STARGZ);
    await expect(imageStore).toHaveValue(IMAGE_STORE);
    await expect(imageStore).toBeEditable();
    await imageStore.press('End');
    await imageStore.pressSequentially('-2');
    await expect(imageStore).toHaveValue(`${IMAGE_STORE}-2`);

    // The server comes back on the same address; the page resumes by itself.
    shell = await startShell({ nodes: 6, extraArgs: ['--port', port] });
    await expect(outage).toHaveCount(0, { timeout: 40_000 });
    await expect(page.getByRole('textbox', { name: 'Layer store 1' })).toHaveValue(STARGZ);
    await expect(imageStore).toHaveValue(`${IMAGE_STORE}-2`);

    // A reload keeps the draft (session storage, per pool).
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Layer store 1' })).toHaveValue(STARGZ, {
      timeout: 30_000,
    });
    await expect(page.getByRole('textbox', { name: 'Image store 1' })).toHaveValue(
      `${IMAGE_STORE}-2`,
    );
  } finally {
    await shell.stop();
  }
});
