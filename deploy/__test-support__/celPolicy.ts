/**
 * Evaluates a ValidatingAdmissionPolicy the way the API server does: its match conditions
 * (all must be true for the policy to apply), then its variables in order, then each validation;
 * with failurePolicy Fail, an expression that errors denies. The CEL is evaluated by
 * @marcbachmann/cel-js, an ES module Jest cannot load in-process here, so a Node child process
 * evaluates a batch of cases in one go. celFidelity.test.ts checks that this evaluator agrees with
 * the CEL specification on everything the policies use.
 */
import { spawnSync } from 'node:child_process';
import { REPO_DIR } from './kustomize';

// Policies and admission requests are JSON read field by field.
type Json = Record<string, any>;

export interface AdmissionCase {
  name: string;
  request: Json;
  object: Json | null;
  oldObject: Json | null;
}

export interface Verdict {
  name: string;
  matched: boolean;
  violations: string[];
  errors: string[];
}

const EVALUATOR = `
import { evaluate } from '@marcbachmann/cel-js';
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const { policy, cases } = JSON.parse(input);
  const verdicts = cases.map(({ name, request, object, oldObject }) => {
    const context = { request, object, oldObject, variables: {} };
    const verdict = { name, matched: true, violations: [], errors: [] };
    for (const condition of policy.matchConditions ?? []) {
      let result;
      try { result = evaluate(condition.expression, context); }
      catch (error) { verdict.errors.push(condition.name + ': ' + error.message.split('\\n')[0]); result = true; }
      if (result !== true) verdict.matched = false;
    }
    if (!verdict.matched) return verdict;
    for (const variable of policy.variables ?? []) {
      try { context.variables[variable.name] = evaluate(variable.expression, context); }
      catch (error) { verdict.errors.push(variable.name + ': ' + error.message.split('\\n')[0]); }
    }
    for (const validation of policy.validations) {
      try {
        if (evaluate(validation.expression, context) !== true) verdict.violations.push(validation.message);
      } catch (error) {
        verdict.errors.push(error.message.split('\\n')[0]);
        verdict.violations.push(validation.message);
      }
    }
    return verdict;
  });
  process.stdout.write(JSON.stringify(verdicts));
});
`;

export const evaluatePolicy = (policySpec: Json, cases: AdmissionCase[]): Map<string, Verdict> => {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', EVALUATOR], {
    cwd: REPO_DIR,
    input: JSON.stringify({ policy: policySpec, cases }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`CEL evaluation failed: ${result.stderr}`);
  const verdicts = JSON.parse(result.stdout) as Verdict[];
  return new Map(verdicts.map((v) => [v.name, v]));
};

/** Evaluates bare expressions with the same evaluator: value, or the error's first line. */
export const evaluateExpressions = (
  cases: { expression: string; context?: Json }[],
): ({ value: unknown } | { error: string })[] => {
  const script = `
import { evaluate } from '@marcbachmann/cel-js';
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const out = JSON.parse(input).map(({ expression, context }) => {
    try {
      const value = evaluate(expression, context ?? {});
      return { value };
    } catch (error) { return { error: error.message.split('\\n')[0] }; }
  });
  // CEL integers come back as BigInt, bytes as Uint8Array: JSON knows neither.
  process.stdout.write(JSON.stringify(out, (_key, v) =>
    typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? Array.from(v) : v));
});`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_DIR,
    input: JSON.stringify(cases),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`CEL evaluation failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ({ value: unknown } | { error: string })[];
};
