/**
 * The node-health dashboard at 5,000 nodes (see lib/dashboardFigures.ts for each figure), in
 * Chromium, the engine the dashboard runs in: the console computes the model in the page. The
 * same figures measured under Node are printed after them with a `.node` suffix, for comparison
 * (Node 20's V8 is older than any browser's: its JSON.parse, which is half of the full build, is
 * slower).
 *
 * The page is a blank one: the figures measure the core's code, bundled for the browser as the
 * plugin's build bundles it, not the page around it (the browser bench measures that).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { launchChromium } from '../integration-tests/support/chromium';
import { dashboardFigures, type Figure } from './lib/dashboardFigures';
import { report } from './measure';

const measureInChromium = async (): Promise<Figure[]> => {
  const outfile = join(__dirname, '..', '.tmp', 'bench', 'dashboard-page.js');
  buildSync({
    entryPoints: [join(__dirname, 'lib', 'dashboardPage.ts')],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  const browser = await launchChromium(['--js-flags=--expose-gc']);
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: readFileSync(outfile, 'utf8') });
    return await page.evaluate(() =>
      (globalThis as unknown as { dashboardFigures: () => Figure[] }).dashboardFigures(),
    );
  } finally {
    await browser.close();
  }
};

const main = async () => {
  for (const f of await measureInChromium()) report(f.name, f.value, f.unit);
  for (const f of dashboardFigures()) {
    if (f.unit !== 'MiB') report(`${f.name}.node`, f.value, f.unit);
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
