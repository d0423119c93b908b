/**
 * bundle.js.gz: every JavaScript file of the production build (dist/), each gzip-compressed at
 * level 9, summed. bundle.entry.gz: the same for the plugin entry (plugin-entry*.js), the script
 * the console loads on every page before any of the plugin's pages is opened.
 * Goals: at most 200 KB and 10 KB. Builds dist/ first when it is missing or is a development build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { report } from './measure';

const root = join(__dirname, '..');
const dist = join(root, 'dist');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );

const scriptsOf = () => (existsSync(dist) ? filesUnder(dist).filter((f) => f.endsWith('.js')) : []);

// A production build names its scripts *.min.js (webpack.config.ts); anything else is a
// development build, whose size says nothing about what the console downloads.
const isProductionBuild = (scripts: string[]) =>
  existsSync(join(dist, 'plugin-manifest.json')) &&
  scripts.length > 0 &&
  scripts.every((f) => f.endsWith('.min.js'));

if (!isProductionBuild(scriptsOf())) {
  process.stderr.write(
    'bundle: dist/ is missing or not a production build; running npm run build\n',
  );
  execFileSync('npm', ['run', '-s', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

const sizes = scriptsOf()
  .map((file) => ({ file: relative(dist, file), kb: gzipKB(file) }))
  .sort((a, b) => b.kb - a.kb);
const total = sizes.reduce((sum, s) => sum + s.kb, 0);
const entry = sizes
  .filter((s) => basename(s.file).startsWith('plugin-entry'))
  .reduce((sum, s) => sum + s.kb, 0);

report('bundle.js.gz', total, 'KB');
report('bundle.entry.gz', entry, 'KB');

const GOALS = { total: 200, entry: 10 };
if (total > GOALS.total || entry > GOALS.entry) {
  process.stderr.write(
    `bundle: over the goals (${GOALS.total} KB in all, ${GOALS.entry} KB for the entry); largest scripts, gzip:\n`,
  );
  for (const { file, kb } of sizes.slice(0, 10))
    process.stderr.write(`  ${kb.toFixed(1).padStart(7)} KB  ${file}\n`);
}
