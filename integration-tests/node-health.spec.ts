/**
 * Journey: on the node health page an administrator clicks the Unhealthy count, the URL carries
 * the filter (so the view can be shared), and a row opens the node's detail with the failing
 * check. The failing node is made here, as its agent would report it (the simulated agent's
 * report for a node whose storage plugin stopped), so that the journey does not depend on which other
 * journeys ran before it.
 */
import { HEALTH_ANNOTATION, REPORT_ANNOTATION } from '../src/core/health/reportFormat';
import {
  agentAnnotations,
  configuredStoresOf,
  simulatedHostOf,
} from '../dev/simulated-cluster/agent-reports';
import { storageConfOf } from '../dev/simulated-cluster/machine-configs';
import { nodeVariant } from '../dev/simulated-cluster/simulated-agents';
import {
  API,
  gpuNodeMetadata,
  test,
  expect,
  openPage,
  screenshotAt,
  type NodeMeta,
  screenshot,
} from './support/fixtures';

test('node health: the Unhealthy count filters the table, the URL keeps it, a row shows its failing check', async ({
  page,
  api,
}) => {
  // The agent of the last GPU node reports that its storage plugin stopped.
  const node = (await gpuNodeMetadata(api)).at(-1) as NodeMeta;
  const rendered = await api.read(
    `${API.machineConfigs}/${node.annotations['machineconfiguration.openshift.io/currentConfig']}`,
  );
  const stores = configuredStoresOf(storageConfOf(rendered));
  expect(stores.layerStores.length, `${node.name} has no layer store configured`).toBeGreaterThan(
    0,
  );
  const annotations = agentAnnotations(
    'Unhealthy',
    simulatedHostOf(rendered),
    new Date(),
    nodeVariant(node.name),
  )!;
  expect(annotations[HEALTH_ANNOTATION]).toBe('Unhealthy');
  const failing = (
    JSON.parse(annotations[REPORT_ANNOTATION]) as {
      checks: { status: string; message: string }[];
    }
  ).checks
    .filter((c) => c.status === 'fail')
    .map((c) => c.message);
  expect(failing.length).toBeGreaterThan(0);
  const patched = await api.send(
    'PATCH',
    `${API.nodes}/${node.name}`,
    { metadata: { annotations } },
    'application/merge-patch+json',
  );
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);

  await openPage(page, '/lazy-pull/nodes');
  const all = page.getByRole('region', { name: 'All nodes' });
  const unhealthyCount = all.getByRole('button', { name: /^Unhealthy: \d+ in All nodes$/ });
  await expect(unhealthyCount).toBeVisible();
  // The watch delivers the patched node within a batch; wait until it is counted.
  const table = page.getByRole('grid', { name: 'Nodes' });
  const row = table.getByRole('row', {
    name: new RegExp(`\\b${node.name.replace(/\./g, '\\.')}\\b`),
  });
  await expect(row.getByRole('gridcell', { name: 'Unhealthy', exact: true })).toBeVisible();
  const total = Number(
    /(\d+) of (\d+) nodes/.exec(
      (await page.getByText(/^\d+ of \d+ nodes$/).textContent()) ?? '',
    )?.[2],
  );
  const count = Number(/: (\d+)/.exec((await unhealthyCount.textContent()) ?? '')?.[1]);
  expect(count, 'no Unhealthy node is counted').toBeGreaterThanOrEqual(1);
  await screenshotAt(all, 'node-health-1-summary');

  // The count filters the table, and the URL says so.
  await unhealthyCount.click();
  await page.waitForURL((url) => url.searchParams.get('health') === 'Unhealthy');
  await expect(page.getByText(`${count} of ${total} nodes`)).toBeVisible();
  const healthCells = await table
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
    .evaluateAll((rows) =>
      rows.map((r) => (r as HTMLTableRowElement).cells[2]?.textContent?.trim()),
    );
  expect(healthCells, 'the filtered table shows other rows than the Unhealthy ones').toEqual(
    Array.from({ length: count }, () => 'Unhealthy'),
  );
  // The filter shows as a removable chip.
  await expect(page.getByRole('button', { name: 'Close Unhealthy' })).toBeVisible();

  // A row opens the node's detail (and the URL names the node).
  await row.getByRole('gridcell', { name: 'Unhealthy', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('node') === node.name);
  const detail = page.getByRole('heading', { name: node.name, level: 2 });
  await expect(detail).toBeVisible();
  const checks = page.getByRole('grid', { name: 'Checks' });
  for (const message of failing) {
    const check = checks.getByRole('row').filter({ hasText: message });
    // In the drawer each cell shows its column's label before its value (PatternFly's grid
    // layout), and the label is part of the cell's name.
    await expect(check.getByRole('gridcell', { name: /^(Status )?Fail$/ })).toBeVisible();
  }
  await screenshotAt(detail, 'node-health-2-unhealthy-node-detail');
  await screenshotAt(checks, 'node-health-3-failing-checks');

  // The URL alone brings the same view back (a bookmark, a link sent to a colleague).
  const shared = page.url();
  await page.goto('about:blank');
  await page.goto(shared);
  await expect(page.getByText(`${count} of ${total} nodes`)).toBeVisible();
  await expect(page.getByRole('heading', { name: node.name, level: 2 })).toBeVisible();
  await expect(checks.getByText(failing[0])).toBeVisible();

  // Clearing the filters shows every node again.
  await page.getByRole('button', { name: 'Clear all filters' }).first().click();
  await expect(page.getByText(`${total} of ${total} nodes`)).toBeVisible();
  expect(new URL(page.url()).searchParams.get('health')).toBe(null);
  await screenshot(page, 'node-health-4-cleared');
});
