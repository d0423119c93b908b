/**
 * Journey: from the node health table an administrator follows a node's link to the console's
 * Node details page and opens the plugin's "Lazy pull" tab, which shows that node's lazy-pull
 * detail: its health, its stores and the agent's checks, as its annotations say.
 */
import assert from 'node:assert/strict';
import type { NodeHealthReport } from '../src/core/health/report';
import { HEALTH_ANNOTATION, REPORT_ANNOTATION } from '../src/core/health/reportFormat';
import { gpuNodeMetadata, journey, openPage, screenshotAt } from './fixtures';
import { screenshot } from './harness';

journey(
  "the Node details page has a Lazy pull tab with that node's lazy-pull detail",
  'admin',
  async ({ page, shell, api }) => {
    // The first GPU node (a pool with a layer store), as its agent reported it.
    const [node] = await gpuNodeMetadata(api);
    const health = node.annotations[HEALTH_ANNOTATION];
    const report = JSON.parse(node.annotations[REPORT_ANNOTATION]) as NodeHealthReport;
    assert.equal(health, 'Healthy', `${node.name} is not the healthy node the seed promises`);
    assert.ok(report.stores.length > 0 && report.checks.length > 0);

    // Its row links to the console's Node page.
    await openPage(page, shell, `/lazy-pull/nodes?q=${encodeURIComponent(node.name)}`);
    await page
      .getByRole('grid', { name: 'Nodes' })
      .getByRole('link', { name: node.name, exact: true })
      .click();
    await page.waitForURL(new RegExp(`/k8s/cluster/nodes/${node.name.replace(/\./g, '\\.')}$`));
    const main = page.getByRole('main');
    const tabs = page.getByRole('main').getByRole('tablist');
    await tabs.getByRole('tab', { name: 'Overview', selected: true }).waitFor();

    // The plugin's tab.
    await tabs.getByRole('tab', { name: 'Lazy pull' }).click();
    await page.waitForURL(
      new RegExp(`/k8s/cluster/nodes/${node.name.replace(/\./g, '\\.')}/lazy-pull$`),
    );
    await tabs.getByRole('tab', { name: 'Lazy pull', selected: true }).waitFor();
    const healthTerm = main.getByRole('term').filter({ hasText: /^Health$/ });
    await healthTerm.waitFor();
    assert.equal(
      (await main.getByRole('definition').first().textContent())?.trim(),
      'Healthy',
      'the tab shows another health than the node reports',
    );
    const storesTable = main.getByRole('grid', { name: 'Stores' });
    for (const store of report.stores) {
      await storesTable.getByRole('gridcell', { name: store.path, exact: true }).waitFor();
    }
    const checksTable = main.getByRole('grid', { name: 'Checks' });
    for (const check of report.checks) {
      await checksTable.getByRole('gridcell', { name: check.message, exact: true }).waitFor();
    }
    assert.equal(
      await checksTable
        .getByRole('row')
        .filter({ has: page.getByRole('gridcell') })
        .count(),
      report.checks.length,
    );
    await screenshot(page, 'node-tab-1-lazy-pull-tab');
    await screenshotAt(storesTable, 'node-tab-2-stores');

    // A reload keeps the tab (the tab is a route of the Node page).
    await page.reload();
    await tabs.getByRole('tab', { name: 'Lazy pull', selected: true }).waitFor();
    await checksTable
      .getByRole('gridcell', { name: report.checks[0].message, exact: true })
      .waitFor();
  },
);
