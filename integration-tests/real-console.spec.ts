/**
 * What the real console 4.22 showed and the shell used to hide: each test fails with a plugin
 * that has the defect, in the shell that behaves as the console does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from './support/dev-server';
import { API, expect, gpuNodeMetadata, openPage, test } from './support/fixtures';

const PLUGIN = 'lazy-pull-console-plugin';
const MCP_REF = 'machineconfiguration.openshift.io~v1~MachineConfigPool';

test('the YAML tab shows at least 20 lines of the editor', async ({ page }) => {
  await openPage(page, '/lazy-pull/pools/worker');
  await page.getByRole('tab', { name: 'YAML' }).click();
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toBeVisible();
  // Monaco's own view of its viewport: its height in lines of its line height.
  const lines = await page.evaluate(() => {
    const { monaco } = window as unknown as {
      monaco: {
        editor: {
          EditorOption: { lineHeight: number };
          getEditors(): {
            getLayoutInfo(): { height: number };
            getOption(option: number): number;
          }[];
        };
      };
    };
    const [ed] = monaco.editor.getEditors();
    return ed.getLayoutInfo().height / ed.getOption(monaco.editor.EditorOption.lineHeight);
  });
  expect(lines, 'lines the YAML editor shows').toBeGreaterThanOrEqual(20);
  expect((await editor.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(20 * 14);
});

test('a healthy load of the node health page warns of nothing', async ({ page }) => {
  await openPage(page, '/lazy-pull/nodes');
  await expect(page.locator('tr[data-node]').first()).toBeVisible();
  await expect(page.getByText(/^\d+ of \d+ nodes$/)).toBeVisible();
  await expect(page.getByText(/could not be loaded/)).toHaveCount(0);
});

test('the Node tab waits for the pools before it shows a node', async ({ page, api }) => {
  const [node] = await gpuNodeMetadata(api);
  // The pools arrive late, as on a busy cluster: until then the tab has nothing to show.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/machineconfigpools\?/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/k8s/cluster/nodes/${node.name}/lazy-pull`);
  await expect(page.getByRole('progressbar', { name: 'Loading node health' })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: /^Pool$/ })).toHaveCount(0);
  release();
  await expect(page.getByRole('term').filter({ hasText: /^Pool$/ })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Loading node health' })).toHaveCount(0);
});

/** The plugin's scripts the page downloaded, by file name. */
const pluginScripts = (page: Page): Set<string> => {
  const files = new Set<string>();
  page.on('requestfinished', (r) => {
    const m = new RegExp(`/api/plugins/${PLUGIN}/([^/?]+\\.js)(?:\\?|$)`).exec(r.url());
    if (m) files.add(m[1]);
  });
  return files;
};

/**
 * What marks code the console provides, in a script: PatternFly's components carry their class
 * names (pf-v6-c-…) and its icons pf-v6-svg (a stylesheet of ours that sets one of PatternFly's
 * custom properties, --pf-v6-c-…, is not PatternFly's code); react-dom (which only the plugin's PatternFly
 * imports) links its errors to React's decoder page; lodash's caches, behind the mergeWith of
 * the plugin's react-table, mark a stored undefined with a string of their own.
 */
const CONSOLE_CODE: [string, RegExp][] = [
  ['PatternFly', /(?<!--)pf-v6-(?:c-|svg)/],
  ['react-dom', /reactjs\.org\/docs\/error-decoder\.html/],
  ['lodash', /__lodash_hash_undefined__/],
];

/** The shared modules whose loaded copy is the plugin's own. */
const pluginCopiesLoaded = (page: Page): Promise<string[]> =>
  page.evaluate((plugin) => {
    const scope = window.__consoleShell?.shareScope as
      Record<string, Record<string, { from: string; loaded?: unknown }>> | undefined;
    if (!scope) throw new Error('the shell exposes no share scope');
    return Object.entries(scope).flatMap(([module, versions]) =>
      Object.entries(versions)
        .filter(([, v]) => v.loaded && v.from === plugin)
        .map(([version]) => `${module}@${version}`),
    );
  }, PLUGIN);

test('every page of the plugin runs the console’s PatternFly, downloading none of its own', async ({
  page,
  api,
}) => {
  const [node] = await gpuNodeMetadata(api);
  const scripts = pluginScripts(page);
  const visits: [string, () => Promise<void>][] = [
    [
      '/lazy-pull',
      () => expect(page.getByRole('link', { name: 'worker', exact: true })).toBeVisible(),
    ],
    [
      '/lazy-pull/pools/worker',
      () => expect(page.getByRole('tab', { name: 'YAML' })).toBeVisible(),
    ],
    ['/lazy-pull/nodes', () => expect(page.locator('tr[data-node]').first()).toBeVisible()],
    [
      `/k8s/cluster/nodes/${node.name}/lazy-pull`,
      () => expect(page.getByRole('term').filter({ hasText: /^Pool$/ })).toBeVisible(),
    ],
    [
      `/k8s/cluster/${MCP_REF}/gpu/lazy-pull`,
      () => expect(page.getByRole('main').getByText('gpu-lazy-pull').first()).toBeVisible(),
    ],
  ];
  for (const [url, rendered] of visits) {
    await openPage(page, url);
    await rendered();
    expect(
      await pluginCopiesLoaded(page),
      `shared modules the plugin's copy of runs at ${url}`,
    ).toEqual([]);
  }
  const withConsoleCode = [...scripts].flatMap((file) => {
    const text = readFileSync(path.join(ROOT, 'dist', file), 'utf8');
    return CONSOLE_CODE.filter(([, marker]) => marker.test(text)).map(
      ([name]) => `${file}: ${name}`,
    );
  });
  expect(scripts.size, 'no plugin script was downloaded: is the check broken?').toBeGreaterThan(1);
  expect(withConsoleCode, 'downloaded plugin scripts with code the console provides').toEqual([]);
  // The markers are those of the plugin's own copies, which dist/ still holds for a console
  // whose PatternFly would not do.
  const bundled = readdirSync(path.join(ROOT, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(path.join(ROOT, 'dist', f), 'utf8'));
  for (const [name, marker] of CONSOLE_CODE)
    expect(
      bundled.some((text) => marker.test(text)),
      `${name} in dist/`,
    ).toBe(true);
});

test('with NODE_MGMT_V1, a journal link opens the node’s Logs tab on that unit', async ({
  page,
  api,
}) => {
  const [node] = await gpuNodeMetadata(api);
  await openPage(page, `/lazy-pull/nodes?node=${encodeURIComponent(node.name)}`);
  await page.evaluate(() => window.__consoleShell?.setFlag('NODE_MGMT_V1', true));
  await page.getByRole('link', { name: 'stargz-store journal' }).click();
  await expect(page).toHaveURL(
    new RegExp(
      `/k8s/cluster/nodes/${node.name.replace(/\./g, '\\.')}/logs\\?path=journal&unit=stargz-store$`,
    ),
  );
  const tabs = page.getByRole('main').getByRole('tablist');
  await expect(tabs.getByRole('tab', { name: 'Logs', selected: true })).toBeVisible();
  await expect(
    page.getByText("The console would show the node's journal for stargz-store"),
  ).toBeVisible();
});

test('the Node details page has the tabs of console 4.22, then the plugin’s', async ({
  page,
  api,
}) => {
  const [node] = await gpuNodeMetadata(api);
  await openPage(page, `/k8s/cluster/nodes/${node.name}`);
  const tabs = page.getByRole('main').getByRole('tablist').getByRole('tab');
  await expect(tabs).toHaveText([
    'Overview',
    'Details',
    'YAML',
    'Pods',
    'Logs',
    'Events',
    'Terminal',
    'Lazy pull',
  ]);
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toContainText(node.name);
  // The API answers what the page shows.
  expect((await api.read(`${API.nodes}/${node.name}`)).metadata.name).toBe(node.name);
});
