/**
 * bundle.js.gz: every JavaScript file of the production build (dist/), each gzip-compressed at
 * level 9, summed. bundle.entry.gz: the same for the plugin entry (plugin-entry*.js), the script
 * the console loads on every page before any of the plugin's pages is opened.
 * Goals: at most 200 KB and 10 KB.
 *
 * bundle.page.<module>.gz, one per exposed module (a page, a tab, the YAML template): the chunks
 * of its webpack chunk group, which the console loads when it first shows that module. Not
 * counted: the shared modules (PatternFly's components), which come from whichever of the console
 * and its plugins provides them (see ARCHITECTURE.md). Informational: they show that a heavy
 * dependency (YAML, diffs, the renderers) loads only where it is used.
 *
 * Always makes a fresh production build (npm run build, with webpack's stats), so the figures
 * are those of the code as it is.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { report } from './measure';

const root = join(__dirname, '..');
const dist = join(root, 'dist');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );

interface ChunkGroupStats {
  assets: { name: string }[];
}

// The PatternFly notices webpack's plugins print come before the stats' JSON.
const output = execFileSync('npm', ['run', '-s', 'build', '--', '--json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stats = JSON.parse(output.slice(output.indexOf('\n{') + 1)) as {
  namedChunkGroups: Record<string, ChunkGroupStats>;
};

const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

const sizes = filesUnder(dist)
  .filter((f) => f.endsWith('.js'))
  .map((file) => ({ file: relative(dist, file), kb: gzipKB(file) }))
  .sort((a, b) => b.kb - a.kb);
const kbOf = new Map(sizes.map((s) => [s.file, s.kb]));
const total = sizes.reduce((sum, s) => sum + s.kb, 0);
const entry = sizes
  .filter((s) => basename(s.file).startsWith('plugin-entry'))
  .reduce((sum, s) => sum + s.kb, 0);

report('bundle.js.gz', total, 'KB');
report('bundle.entry.gz', entry, 'KB');
for (const [name, group] of Object.entries(stats.namedChunkGroups)) {
  if (!name.startsWith('exposed-')) continue;
  const kb = group.assets.reduce((sum, a) => sum + (kbOf.get(a.name) ?? 0), 0);
  report(`bundle.page.${name.slice('exposed-'.length)}.gz`, kb, 'KB');
}

const GOALS = { total: 200, entry: 10 };
if (total > GOALS.total || entry > GOALS.entry) {
  process.stderr.write(
    `bundle: over the goals (${GOALS.total} KB in all, ${GOALS.entry} KB for the entry); largest scripts, gzip:\n`,
  );
  for (const { file, kb } of sizes.slice(0, 10))
    process.stderr.write(`  ${kb.toFixed(1).padStart(7)} KB  ${file}\n`);
}
