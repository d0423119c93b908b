/**
 * Runs every bench/*.bench.ts in its own process (so that one benchmark's heap and JIT state do
 * not colour another's) and passes their `<name>: <number> <unit>` lines through.
 *
 * Each benchmark is first bundled with esbuild into one scope-hoisted file, as the production
 * builds are (webpack concatenates the plugin's modules; the agent ships as one esbuild file), so
 * that calls between core modules cost what they cost in the product. Run through a module
 * loader that wraps every import in a getter, the dashboard's full build measured about 1.7
 * times slower than the same code bundled.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const only = process.argv.slice(2);
const dir = __dirname;
const outDir = join(dir, '..', '.tmp', 'bench');
mkdirSync(outDir, { recursive: true });
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = false;
for (const file of files) {
  const outfile = join(outDir, file.replace(/\.ts$/, '.cjs'));
  buildSync({
    entryPoints: [join(dir, file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Dependencies stay where npm put them; only this repository's code is bundled.
    packages: 'external',
    // The benchmarks find the repository from their own directory.
    define: { __dirname: JSON.stringify(dir) },
    logLevel: 'warning',
  });
  const res = spawnSync(process.execPath, ['--expose-gc', outfile], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) {
    failed = true;
    process.stderr.write(`${file}: exited with ${String(res.status ?? res.signal)}\n`);
  }
}
process.exit(failed ? 1 : 0);
