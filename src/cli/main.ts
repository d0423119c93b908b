/**
 * `lazy-pull`: the core's renderings from the command line, for GitOps review and for tests.
 *
 *   lazy-pull render FILE --out DIR [--pool NAME]
 *   lazy-pull validate FILE
 */
import { runCli } from './run';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
