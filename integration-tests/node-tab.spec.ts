/**
 * Journey: from the node health table an administrator follows a node's link to the console's
 * Node details page and opens the plugin's "Lazy pull" tab, which shows that node's lazy-pull
 * detail: its health, its stores and the agent's checks, as its annotations say.
 */
import type { NodeHealthReport } from '../src/core/health/report';
import { HEALTH_ANNOTATION, REPORT_ANNOTATION } from '../src/core/health/reportFormat';
import {
  gpuNodeMetadata,
  test,
  expect,
  openPage,
  screenshotAt,
  screenshot,
} from './support/fixtures';

test("the Node details page has a Lazy pull tab with that node's lazy-pull detail", async ({
  page,
  api,
}) => {
  // The first GPU node (a pool with a layer store), as its agent reported it.
  const [node] = await gpuNodeMetadata(api);
  const health = node.annotations[HEALTH_ANNOTATION];
  const report = JSON.parse(node.annotations[REPORT_ANNOTATION]) as NodeHealthReport;
  expect(health, `${node.name} is not the healthy node the seed promises`).toBe('Healthy');
  expect(report.stores.length).toBeGreaterThan(0);
  expect(report.checks.length).toBeGreaterThan(0);

  // Its row links to the console's Node page.
  await openPage(page, `/lazy-pull/nodes?q=${encodeURIComponent(node.name)}`);
  await page
    .getByRole('grid', { name: 'Nodes' })
    .getByRole('link', { name: node.name, exact: true })
    .click();
  await page.waitForURL(new RegExp(`/k8s/cluster/nodes/${node.name.replace(/\./g, '\\.')}$`));
  const main = page.getByRole('main');
  const tabs = page.getByRole('main').getByRole('tablist');
  await expect(tabs.getByRole('tab', { name: 'Overview', selected: true })).toBeVisible();

  // The plugin's tab.
  await tabs.getByRole('tab', { name: 'Lazy pull' }).click();
  await page.waitForURL(
    new RegExp(`/k8s/cluster/nodes/${node.name.replace(/\./g, '\\.')}/lazy-pull$`),
  );
  await expect(tabs.getByRole('tab', { name: 'Lazy pull', selected: true })).toBeVisible();
  const healthTerm = main.getByRole('term').filter({ hasText: /^Health$/ });
  await expect(healthTerm).toBeVisible();
  expect(
    (await main.getByRole('definition').first().textContent())?.trim(),
    'the tab shows another health than the node reports',
  ).toBe('Healthy');
  const storesTable = main.getByRole('grid', { name: 'Stores' });
  for (const store of report.stores) {
    await expect(
      storesTable.getByRole('gridcell', { name: store.path, exact: true }),
    ).toBeVisible();
  }
  const checksTable = main.getByRole('grid', { name: 'Checks' });
  for (const check of report.checks) {
    await expect(
      checksTable.getByRole('gridcell', { name: check.message, exact: true }),
    ).toBeVisible();
  }
  await expect(
    checksTable.getByRole('row').filter({ has: page.getByRole('gridcell') }),
  ).toHaveCount(report.checks.length);
  await screenshot(page, 'node-tab-1-lazy-pull-tab');
  await screenshotAt(storesTable, 'node-tab-2-stores');

  // A reload keeps the tab (the tab is a route of the Node page).
  await page.reload();
  await expect(tabs.getByRole('tab', { name: 'Lazy pull', selected: true })).toBeVisible();
  await expect(
    checksTable.getByRole('gridcell', { name: report.checks[0].message, exact: true }),
  ).toBeVisible();
});
