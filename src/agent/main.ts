/**
 * Entry point of the node agent. The image ships one bundled file, and the store probe's worker
 * thread runs that same file: here it becomes either the agent or the worker.
 */
import { isStoreProbeWorker, serveStoreProbes } from './probe/storeProbeWorker';
import { runAgent } from './runAgent';

if (isStoreProbeWorker()) {
  serveStoreProbes();
} else {
  void runAgent({
    env: process.env,
    argv: process.argv.slice(2),
    workerScript: __filename,
    // Unbundled (tsx, for development) the worker needs the TypeScript hook too.
    workerExecArgv: __filename.endsWith('.ts') ? ['--require', 'tsx/cjs'] : undefined,
  }).catch((error: unknown) => {
    process.stderr.write(`lazy-pull-agent: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
