import { Environment } from '@marcbachmann/cel-js';
import type { CelEngine } from './cel';

/**
 * The CEL engine: @marcbachmann/cel-js, with variables not declared read as dyn (a rule's `self`
 * is whatever the schema node holds) and lists and maps of mixed values allowed, as in
 * Kubernetes' CEL environment. The CLI and the simulated cluster import it; the editor loads it
 * only once a rule must run.
 */
export const celEnvironment: CelEngine = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
});
