/**
 * The node health page while it still reads the node list page by page (the test failed on the
 * plugin before it was fixed): counts say they are partial until every node is read, and never
 * read as final before.
 */
import { expect, openPage, test } from './support/fixtures';

// More nodes than one page of the plugin's node list (500), so the list arrives in two pages.
test.use({ cluster: { nodes: 600 } });

test('counts say they are partial until every node is read', async ({ page }) => {
  // Hold the list's later pages until the partial state has been checked.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/kubernetes\/api\/v1\/nodes\?.*continue=/, async (route) => {
    await held;
    await route.continue();
  });
  await openPage(page, '/lazy-pull/nodes');
  // The toolbar's count of the rows shown.
  const toolbar = page.getByText(/[\d,]+ of [\d,]+ nodes/);
  await expect(toolbar).toContainText('500 of 500 nodes so far, 603 in the cluster');
  const allNodes = page.getByRole('region', { name: 'All nodes' });
  await expect(allNodes).toContainText('500 nodes so far');
  // No pool card reads as final either ("gpu: 0 nodes").
  for (const card of await page
    .getByRole('list', { name: 'Summary by pool' })
    .getByRole('region')
    .all())
    await expect(card).toContainText('so far');

  release();
  await expect(toolbar).toContainText('603 of 603 nodes');
  await expect(toolbar).not.toContainText('so far');
  await expect(allNodes).toContainText('603 nodes');
  await expect(page.getByRole('main')).not.toContainText('so far');
});
