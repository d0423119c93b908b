/**
 * Before the browser tests: they run the plugin as built in dist/, so say so when its sources
 * changed after the build.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './dev-server';

/** The newest change to what the plugin is built from, in ms since the epoch. */
const newestSource = (p: string): number => {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(p)
    .filter((name) => !name.startsWith('__'))
    .reduce((newest, name) => Math.max(newest, newestSource(path.join(p, name))), 0);
};

export default function globalSetup(): void {
  const manifest = path.join(ROOT, 'dist/plugin-manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(
      'dist/plugin-manifest.json is missing: build the plugin first (npm run build).',
    );
  }
  const built = statSync(manifest).mtimeMs;
  const sources = ['src/views', 'src/core', 'locales', 'console-extensions.json'].map((p) =>
    path.join(ROOT, p),
  );
  if (sources.some((p) => existsSync(p) && newestSource(p) > built))
    console.warn(
      "Note: the plugin's sources changed after dist/ was built; run `npm run build` to test the current code.",
    );
}
