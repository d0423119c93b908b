/**
 * Runs every bench/*.bench.ts in its own process (so that one benchmark's heap and JIT state do
 * not colour another's) and passes their `<name>: <number> <unit>` lines through.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const dir = __dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = false;
for (const file of files) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) {
    failed = true;
    process.stderr.write(`${file}: exited with ${String(res.status ?? res.signal)}\n`);
  }
}
process.exit(failed ? 1 : 0);
