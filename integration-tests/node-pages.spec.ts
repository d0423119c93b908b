/**
 * The node pages by keyboard, history and screen reader (each test failed on the plugin before
 * it was fixed): axe finds no serious or critical violation on any node page or the overview,
 * in either theme; Escape and × close the node detail and give the focus back to its row; Back
 * and Forward step through opening and closing a node; a link to a node that does not exist
 * says so.
 */
import type { Page } from '@playwright/test';
import { expectAccessible, useTheme, type Theme } from './support/axe';
import { expect, gpuNodeMetadata, openPage, test } from './support/fixtures';

const MCP_REF = 'machineconfiguration.openshift.io~v1~MachineConfigPool';

const rowOf = (page: Page, name: string) => page.locator(`tr[data-node="${name}"]`);
const detailHeading = (page: Page, name: string) =>
  page.getByRole('heading', { name, level: 2, exact: true });

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`axe: no serious or critical violation on the node pages and the overview (${theme})`, async ({
    page,
    api,
  }) => {
    const [node] = await gpuNodeMetadata(api);
    const pages: [string, string, () => Promise<void>][] = [
      [
        'the overview',
        '/lazy-pull',
        () => expect(page.getByRole('link', { name: 'worker', exact: true })).toBeVisible(),
      ],
      [
        'the node health page',
        '/lazy-pull/nodes',
        () => expect(page.locator('tr[data-node]').first()).toBeVisible(),
      ],
      [
        'the node detail',
        `/lazy-pull/nodes?node=${encodeURIComponent(node.name)}`,
        () => expect(page.getByRole('grid', { name: 'Checks' })).toBeVisible(),
      ],
      [
        'the Node tab',
        `/k8s/cluster/nodes/${node.name}/lazy-pull`,
        () => expect(page.getByRole('grid', { name: 'Stores' })).toBeVisible(),
      ],
      [
        'the MachineConfigPool tab',
        `/k8s/cluster/${MCP_REF}/gpu/lazy-pull`,
        () => expect(page.getByRole('main').getByText('gpu-lazy-pull').first()).toBeVisible(),
      ],
    ];
    for (const [what, url, shown] of pages) {
      await openPage(page, url);
      await shown();
      if (theme === 'dark') await useTheme(page, 'dark');
      await expectAccessible(page, `${what} (${theme})`);
    }
  });
}

test('Escape and × close the node detail, and the focus goes back to its row', async ({
  page,
  api,
}) => {
  const [first, second] = await gpuNodeMetadata(api);
  await openPage(page, '/lazy-pull/nodes');
  for (const [node, close] of [
    [first.name, () => page.keyboard.press('Escape')],
    [second.name, () => page.getByRole('button', { name: 'Close node detail' }).click()],
  ] as const) {
    const row = rowOf(page, node);
    await row.focus();
    await page.keyboard.press('Enter');
    await expect(detailHeading(page, node)).toBeVisible();
    await close();
    await expect(detailHeading(page, node)).toHaveCount(0);
    await expect(row).toBeFocused();
  }
});

test('Back and Forward step through opening and closing a node', async ({ page, api }) => {
  const [node] = await gpuNodeMetadata(api);
  await openPage(page, '/lazy-pull/nodes');
  await rowOf(page, node.name).getByRole('gridcell').nth(2).click();
  await expect(detailHeading(page, node.name)).toBeVisible();
  await page.getByRole('button', { name: 'Close node detail' }).click();
  await expect(detailHeading(page, node.name)).toHaveCount(0);

  await page.goBack();
  await expect(detailHeading(page, node.name)).toBeVisible();
  expect(new URL(page.url()).searchParams.get('node')).toBe(node.name);
  await page.goBack();
  await expect(detailHeading(page, node.name)).toHaveCount(0);
  expect(new URL(page.url()).pathname).toBe('/lazy-pull/nodes');
  await page.goForward();
  await expect(detailHeading(page, node.name)).toBeVisible();
});

test('a link to a node that does not exist says so', async ({ page }) => {
  await openPage(page, '/lazy-pull/nodes?node=no-such-node');
  await expect(page.locator('tr[data-node]').first()).toBeVisible();
  await expect(page.getByText('Node no-such-node was not found')).toBeVisible();
  await page
    .getByRole('button', { name: /^Close/ })
    .first()
    .click();
  await expect(page.getByText('Node no-such-node was not found')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('node')).toBe(null);
});
