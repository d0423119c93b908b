// Bundles the node agent into one CommonJS file, with smol-toml and the core inlined, for Node.js
// 20 and later (the image runs 22; the tests and the lab run the same bundle on these machines' 20),
// so that the image needs no node_modules. esbuild (not tsc) because tsc emits one file per
// module and leaves dependencies to be installed; the agent's worker thread also runs this same
// file (see main.ts), which only works with a single bundle.
//
//   node src/agent/build.mjs [outfile]      (default: dist-agent/lazy-pull-agent.js)
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUTFILE = resolve(here, '../../dist-agent/lazy-pull-agent.js');

export const buildAgent = async (outfile = DEFAULT_OUTFILE) => {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(here, 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    // Stack traces in the agent's log should still name functions.
    keepNames: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  return { outfile, bytes: Object.values(result.metafile.outputs)[0].bytes };
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outfile, bytes } = await buildAgent(
    process.argv[2] ? resolve(process.argv[2]) : undefined,
  );
  process.stdout.write(`built ${outfile} (${Math.round(bytes / 1024)} KiB)\n`);
}
