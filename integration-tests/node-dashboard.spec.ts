/**
 * The node health page at a narrow width and through an outage (each test failed on the plugin
 * before it was fixed): at 1024 px the detail's Stores table is not clipped, the table behind the drawer keeps
 * its columns whole, and node names are never cut short; after a clean stop of the server the
 * page keeps its rows under "Cannot reach the cluster" and recovers by itself once it is back.
 */
import { createServer } from 'node:net';
import type { Locator } from '@playwright/test';
import { startShell, type RunningShell } from './support/dev-server';
import { expect, gpuNodeMetadata, openPage, test } from './support/fixtures';

/** Cells (or their text) whose content is wider than their box: clipped or cut with "…". */
const clippedCells = (scope: Locator) =>
  scope.locator('td, th').evaluateAll((cells) =>
    cells
      .filter((c) => {
        const box = c as HTMLElement;
        const inner = [box, ...box.querySelectorAll<HTMLElement>('*')];
        return inner.some((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0);
      })
      .map((c) => (c.textContent ?? '').trim()),
  );

/** Whether the element's box lies inside the container's visible box. */
const inside = async (element: Locator, container: Locator): Promise<boolean> => {
  const [a, b] = await Promise.all([element.boundingBox(), container.boundingBox()]);
  if (!a || !b) return false;
  return a.x >= b.x - 1 && a.x + a.width <= b.x + b.width + 1;
};

test.describe('at 1024 px', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the detail’s Stores table is whole and the table behind keeps its columns', async ({
    page,
    api,
  }) => {
    const [node] = await gpuNodeMetadata(api);
    await openPage(page, `/lazy-pull/nodes?node=${encodeURIComponent(node.name)}`);
    // PatternFly's drawer panel: the box the detail must fit in.
    const panel = page.locator('.pf-v6-c-drawer__panel');
    const stores = panel.getByRole('grid', { name: 'Stores' });
    await expect(stores).toBeVisible();
    expect(await inside(stores, panel), 'the Stores table runs past the panel').toBe(true);
    expect(await clippedCells(stores)).toEqual([]);

    const table = page.getByRole('grid', { name: 'Nodes' });
    const row = table.locator(`tr[data-node="${node.name}"]`);
    await expect(row).toBeVisible();
    expect(await clippedCells(table.locator('tr[data-node]').first())).toEqual([]);
    // The name is whole and in view, not "ip-10-0…".
    const name = row.getByRole('link', { name: node.name, exact: true });
    await expect(name).toHaveText(node.name);
    expect(await inside(name, page.locator('.lazy-pull-node-table'))).toBe(true);
    expect(await clippedCells(table.locator('thead'))).toEqual([]);
  });
});

for (const width of [1400, 1024]) {
  test(`node names are never cut short (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await openPage(page, '/lazy-pull/nodes');
    const rows = page.locator('tr[data-node]');
    await expect(rows.first()).toBeVisible();
    const cut = await rows.evaluateAll((trs) =>
      trs
        .map((tr) => tr.querySelector<HTMLElement>('td a'))
        .filter((a): a is HTMLElement => a !== null)
        .filter((a) => {
          const cell = a.closest('td') as HTMLElement;
          return a.scrollWidth > a.clientWidth + 1 || cell.scrollWidth > cell.clientWidth + 1;
        })
        .map((a) => a.textContent),
    );
    expect(cut).toEqual([]);
  });
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

test.describe('after a clean stop of the server', () => {
  let shell: RunningShell | undefined;

  test.afterEach(async () => {
    await shell?.stop();
    shell = undefined;
  });

  test('the rows stay, marked as out of date, and come back by themselves', async ({
    page,
    problems,
  }) => {
    test.setTimeout(240_000);
    const port = await freePort();
    const start = () => startShell({ extraArgs: ['--port', String(port)] });
    shell = await start();
    // While the server is down, the browser logs the refused connections.
    problems.expect(/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|WebSocket connection to/);
    problems.expect(/Failed to load resource/);
    // The node watch's stream is cut when the server stops.
    problems.expect(/nodes\?watch=true.*net::ERR_/);
    await openPage(page, `${shell.url}/lazy-pull/nodes`);
    const rows = page.locator('tr[data-node]');
    await expect(rows.first()).toBeVisible();
    const shown = await rows.count();

    await shell.stop();
    const outage = page.getByText('Cannot reach the cluster');
    await expect(outage).toBeVisible({ timeout: 60_000 });
    await expect(rows).toHaveCount(shown);

    shell = await start();
    await expect(outage).toHaveCount(0, { timeout: 120_000 });
    await expect(rows).toHaveCount(shown);
  });
});
