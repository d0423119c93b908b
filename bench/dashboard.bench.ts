/**
 * The node-health page's own work at 5,000 nodes (see lib/dashboardFigures.ts for each figure),
 * in Chromium, the engine the page runs in, then under Node with a `.node` suffix for comparison.
 * The page is a blank one: these figures time the page's code, bundled for the browser as the
 * plugin's build bundles it, on the inputs the console hands it; the browser bench times the
 * whole page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { launchChromium } from '../integration-tests/support/chromium';
import { dashboardFigures, type Figure } from './lib/dashboardFigures';
import { dashboardInput, type DashboardInput } from './lib/dashboardInput';
import { report } from './measure';

const ORIGIN = 'http://bench.invalid';

const measureInChromium = async (input: DashboardInput): Promise<Figure[]> => {
  const outfile = join(__dirname, '..', '.tmp', 'bench', 'dashboard-page.js');
  buildSync({
    entryPoints: [join(__dirname, 'lib', 'dashboardPage.ts')],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const browser = await launchChromium(['--js-flags=--expose-gc']);
  try {
    const page = await browser.newPage();
    // The inputs are tens of megabytes: the page fetches them instead of receiving arguments.
    await page.route(`${ORIGIN}/**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === '') return route.fulfill({ contentType: 'text/html', body: '<!doctype html>' });
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify(input) });
    });
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({ content: readFileSync(outfile, 'utf8') });
    return await page.evaluate(async (origin) => {
      const given = (await (await fetch(`${origin}/input`)).json()) as DashboardInput;
      return (
        globalThis as unknown as { dashboardFigures: (i: DashboardInput) => Promise<Figure[]> }
      ).dashboardFigures(given);
    }, ORIGIN);
  } finally {
    await browser.close();
  }
};

const main = async () => {
  const input = dashboardInput();
  for (const f of await measureInChromium(input)) report(f.name, f.value, f.unit);
  for (const f of await dashboardFigures(input)) {
    if (f.unit !== 'MiB') report(`${f.name}.node`, f.value, f.unit);
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
