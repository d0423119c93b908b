/**
 * Runs the browser tests: `npx tsx integration-tests/run.ts [spec files or name filters]`.
 *
 * A deliberately small runner instead of node:test or @playwright/test: the tests share one
 * expensive dev server and one Chromium, run strictly one after another (two shared CPU cores),
 * print what a person needs — each test with its time, the first error, where the screenshots
 * are — and end with the line `N passed, N failed`; the exit status is 1 on any failure.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { cleanups, registry, ROOT, setCurrentFile, SCREENSHOTS } from './harness';

const withTimeout = <T>(p: Promise<T>, ms: number, name: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`"${name}" timed out after ${ms / 1000} s`)),
      ms,
    );
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });

/** The newest change to what the plugin is built from, in ms since the epoch. */
const newestSource = (p: string): number => {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(p)
    .filter((name) => !name.startsWith('__'))
    .reduce((newest, name) => Math.max(newest, newestSource(path.join(p, name))), 0);
};

/** The tests run the plugin as built in dist/: say so when the sources have changed since. */
const warnIfStale = () => {
  const manifest = path.join(ROOT, 'dist/plugin-manifest.json');
  if (!existsSync(manifest)) return;
  const built = statSync(manifest).mtimeMs;
  const sources = ['src/views', 'src/core', 'locales', 'console-extensions.json'].map((p) =>
    path.join(ROOT, p),
  );
  if (sources.some((p) => existsSync(p) && newestSource(p) > built))
    console.log(
      "Note: the plugin's sources changed after dist/ was built; run `npm run build` to test the current code.\n",
    );
};

const main = async () => {
  warnIfStale();
  const dir = __dirname;
  const args = process.argv.slice(2);
  const fileArgs = args.filter((a) => a.endsWith('.spec.ts'));
  const filters = args.filter((a) => !a.endsWith('.spec.ts'));
  const specs =
    fileArgs.length > 0
      ? // A spec named as a path from the current directory, or by its name in integration-tests/.
        fileArgs.map((f) => (existsSync(path.resolve(f)) ? path.resolve(f) : path.join(dir, f)))
      : readdirSync(dir)
          .filter((f) => f.endsWith('.spec.ts'))
          .sort()
          .map((f) => path.join(dir, f));
  for (const spec of specs) {
    setCurrentFile(path.relative(ROOT, spec));
    await import(spec);
  }
  const selected = registry.filter(
    (t) => filters.length === 0 || filters.some((f) => t.name.includes(f)),
  );
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  for (const t of selected) {
    const t0 = Date.now();
    try {
      await withTimeout(t.fn(), t.timeoutMs, t.name);
      passed += 1;
      console.log(`  ✓ ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed += 1;
      console.log(`  ✗ ${t.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)  [${t.file}]`);
      const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
      console.log(
        text
          .split('\n')
          .map((l) => `      ${l}`)
          .join('\n'),
      );
    }
  }
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (e) {
      console.error('cleanup failed:', e);
    }
  }
  console.log(
    `\nScreenshots: ${path.relative(process.cwd(), SCREENSHOTS)}/  (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
};

main().catch((e: unknown) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
