/**
 * What a first visit downloads, in the dev shell that negotiates shared modules as console 4.22
 * does (its PatternFly wins, so the plugin's copies are never fetched):
 *
 * - bundle.entry.gz: the plugin entry (plugin-entry*.js), which the console loads on every page
 *   before any of the plugin's pages is opened. Goal: at most 10 KB.
 * - bundle.page.<Module>.gz, one per exposed module: the plugin's scripts (other than the entry)
 *   that a fresh browser downloads to show the page, tab or YAML template of that module for
 *   the first time. Goal: at most 60 KB each.
 *
 * Each figure is the sum of the files' sizes gzip-compressed at level 9, as a server compressing
 * them would send them. Always makes a fresh production build first, so the figures are those of
 * the code as it is; then starts the dev server and visits each page in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, VIEWPORT } from '../integration-tests/support/chromium';
import { startShell } from '../integration-tests/support/dev-server';
import { report } from './measure';

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const PKG = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  consolePlugin: { name: string; exposedModules: Record<string, string> };
};
const PLUGIN = PKG.consolePlugin.name;
const MCP = 'machineconfiguration.openshift.io~v1~MachineConfigPool';
const CTRCFG = 'machineconfiguration.openshift.io~v1~ContainerRuntimeConfig';

/** Where each exposed module shows, and what shows that it has rendered. */
const PAGES: Record<string, { url: (node: string) => string; ready: string }> = {
  PoolsPage: { url: () => '/lazy-pull', ready: 'text=Configure lazy pulling' },
  PoolEditorPage: { url: () => '/lazy-pull/pools/worker', ready: 'role=tab[name="YAML"]' },
  NodeHealthPage: { url: () => '/lazy-pull/nodes', ready: 'tr[data-node]' },
  NodeLazyPullTab: {
    url: (node) => `/k8s/cluster/nodes/${node}/lazy-pull`,
    ready: 'role=term >> text=Pool',
  },
  MachineConfigPoolTab: {
    url: () => `/k8s/cluster/${MCP}/gpu/lazy-pull`,
    ready: 'main >> text=gpu-lazy-pull',
  },
  ctrcfgYamlTemplate: { url: () => `/k8s/cluster/${CTRCFG}/~new`, ready: '.monaco-editor' },
};

const GOALS = { page: 60, entry: 10 };

const gzipKB = (file: string) =>
  gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;

const main = async () => {
  execFileSync('npm', ['run', '-s', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const missing = Object.keys(PKG.consolePlugin.exposedModules).filter((m) => !(m in PAGES));
  if (missing.length > 0) throw new Error(`no page to visit for ${missing.join(', ')}`);
  const shell = await startShell({ nodes: 12 });
  const browser = await launchChromium();
  try {
    const nodes = (await (await fetch(`${shell.url}/api/kubernetes/api/v1/nodes`)).json()) as {
      items: { metadata: { name: string } }[];
    };
    const node = nodes.items[0].metadata.name;
    let entryKB = 0;
    const over: string[] = [];
    for (const [module, { url, ready }] of Object.entries(PAGES)) {
      // A fresh context: nothing cached, as on a first visit.
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      const scripts = new Set<string>();
      // The plugin's requests in flight; its node watch is a stream that stays open, so the page
      // never reaches Playwright's networkidle.
      let loading = 0;
      page.on('request', (r) => {
        if (r.url().includes(`/api/plugins/${PLUGIN}/`)) loading += 1;
      });
      page.on('requestfailed', (r) => {
        if (r.url().includes(`/api/plugins/${PLUGIN}/`)) loading -= 1;
      });
      page.on('requestfinished', (r) => {
        if (r.url().includes(`/api/plugins/${PLUGIN}/`)) loading -= 1;
        const m = new RegExp(`/api/plugins/${PLUGIN}/([^/?]+\\.js)(?:\\?|$)`).exec(r.url());
        if (m) scripts.add(m[1]);
      });
      await page.goto(`${shell.url}${url(node)}`);
      await page.locator(ready).first().waitFor({ timeout: 60_000 });
      // No plugin file loading for 500 ms: every chunk the page asks for has arrived.
      for (let quiet = 0; quiet < 5;) {
        await page.waitForTimeout(100);
        quiet = loading === 0 ? quiet + 1 : 0;
      }
      const entry = [...scripts].filter((f) => f.startsWith('plugin-entry'));
      const rest = [...scripts].filter((f) => !f.startsWith('plugin-entry'));
      if (entry.length !== 1 || rest.length === 0)
        throw new Error(`${module}: unexpected scripts ${[...scripts].join(', ')}`);
      entryKB = gzipKB(entry[0]);
      const kb = rest.reduce((sum, f) => sum + gzipKB(f), 0);
      report(`bundle.page.${module}.gz`, kb, 'KB');
      if (kb > GOALS.page) over.push(`${module}: ${rest.join(', ')}`);
      await context.close();
    }
    report('bundle.entry.gz', entryKB, 'KB');
    if (entryKB > GOALS.entry) over.push(`the entry: ${entryKB.toFixed(1)} KB`);
    if (over.length > 0)
      process.stderr.write(
        `bundle: over the goals (${GOALS.page} KB a page, ${GOALS.entry} KB for the entry):\n  ${over.join('\n  ')}\n`,
      );
  } finally {
    await browser.close();
    await shell.stop();
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
