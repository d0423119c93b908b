/**
 * The admission policies' tests evaluate CEL with @marcbachmann/cel-js, not the API server's
 * cel-go. They prove something only where the two agree, so every construct the policies use is
 * checked here against what the CEL specification defines (its language definition and its
 * conformance suite, cel-spec tests/simple): error absorption by && and ||, the macros over
 * lists and maps, `in` and `has()` on maps, equality of nested maps and lists, string size in code
 * points and bytes(), and the string functions. A policy that starts using anything else fails
 * the last test until the construct is checked here too.
 */
import { evaluateExpressions } from '../__test-support__/celPolicy';
import { renderKustomize } from '../__test-support__/kustomize';

type Expected = { value: unknown } | { error: RegExp };

/** [expression, context, expected] from the specification. */
const FACTS: [string, Record<string, unknown>, Expected][] = [
  // Logic: && and || are commutative and absorb errors (conformance: logic).
  ['false && (2 / 0 > 3 ? false : true)', {}, { value: false }],
  ['(2 / 0 > 3 ? false : true) && false', {}, { value: false }],
  ['true || (2 / 0 > 3 ? false : true)', {}, { value: true }],
  ['(2 / 0 > 3 ? false : true) || true', {}, { value: true }],
  ['true && 1 / 0 != 0', {}, { error: /divi/i }],
  ['false || 1 / 0 != 0', {}, { error: /divi/i }],
  ['!true', {}, { value: false }],
  // Macros over lists and maps (conformance: macros); over a map they range over its keys.
  ["{'key1': 1, 'key2': 2}.exists(k, k == 'key2')", {}, { value: true }],
  ["{'key1': 1, 'key2': 2}.all(k, k == 'key2')", {}, { value: false }],
  ['l.all(e, e > 0)', { l: [] }, { value: true }],
  ['l.exists(e, e == 2)', { l: [] }, { value: false }],
  // The policies' fallbacks: an empty literal in place of a missing list or map.
  ['(has(m.l) ? m.l : []).all(e, e.x > 0)', { m: {} }, { value: true }],
  [
    '(has(m.l) ? m.l : []).filter(e, e.x > 0).map(e, e.name)',
    { m: { l: [{ x: 1, name: 'a' }] } },
    { value: ['a'] },
  ],
  ["(has(m.a) ? m.a : {}).all(k, k == 'x')", { m: {} }, { value: true }],
  ['[1, 2, 3].all(e, e > 0)', {}, { value: true }],
  ['[0, 1, 2, 3, 4].filter(x, x % 2 == 1)', {}, { value: [1, 3] }],
  ['[2, 4, 6].map(n, n / 2)', {}, { value: [1, 2, 3] }],
  ['[1, 2, 3].all(e, 6 / (2 - e) == 6)', {}, { value: false }],
  // Dynamic values from the request, as the API server passes unstructured objects.
  ["m.all(k, k.startsWith('a'))", { m: { a1: 'x', a2: 'y' } }, { value: true }],
  ["l.exists(e, e.name == 'b')", { l: [{ name: 'a' }, { name: 'b' }] }, { value: true }],
  [
    'l.filter(e, has(e.x)).map(e, e.name)',
    { l: [{ name: 'a', x: 1 }, { name: 'b' }] },
    { value: ['a'] },
  ],
  // `in` and has() on maps test keys; selecting a missing key is an error (language definition).
  ["'a' in {'a': 1}", {}, { value: true }],
  ["'b' in {'a': 1}", {}, { value: false }],
  ["'b' in ['a', 'b']", {}, { value: true }],
  ['has(m.a)', { m: { a: 1 } }, { value: true }],
  ['has(m.b)', { m: { a: 1 } }, { value: false }],
  ["has(m.a) ? m.a : 'none'", { m: {} }, { value: 'none' }],
  ["m['b']", { m: { a: 1 } }, { error: /no such key|not found|unknown key/i }],
  ['m.b', { m: { a: 1 } }, { error: /no such key|not found|unknown key/i }],
  // Equality of nested maps and lists, key order irrelevant; heterogeneous equality with null.
  ["{'a': [{'b': 'c'}]} == {'a': [{'b': 'c'}]}", {}, { value: true }],
  ["{'a': 1, 'b': 2} == {'b': 2, 'a': 1}", {}, { value: true }],
  ['[1, 2] == [2, 1]', {}, { value: false }],
  ['x == y', { x: { a: [{ b: 1 }], c: 'd' }, y: { c: 'd', a: [{ b: 1 }] } }, { value: true }],
  ['x == y', { x: { a: [{ b: 1 }] }, y: { a: [{ b: 2 }] } }, { value: false }],
  ['x == y', { x: [], y: [] }, { value: true }],
  ['x != null', { x: { a: 1 } }, { value: true }],
  ['x == null', { x: null }, { value: true }],
  ['x == {}', { x: {} }, { value: true }],
  // Strings: size counts code points; bytes() is UTF-8 (conformance: string, conversions).
  ["size('\\u65e5\\u672c\\u8a9e')", {}, { value: 3 }],
  ["size(bytes('\\u65e5\\u672c\\u8a9e'))", {}, { value: 9 }],
  ["size(bytes('\\u00ff'))", {}, { value: 2 }],
  ['size(bytes(s)) <= 16384', { s: 'é'.repeat(8192) }, { value: true }],
  ['size(bytes(s)) <= 16384', { s: 'é'.repeat(8193) }, { value: false }],
  ["size(['a', 'b'])", {}, { value: 2 }],
  ["size({'a': 1})", {}, { value: 1 }],
  [
    "'system:serviceaccount:x:lazy-pull-agent'.startsWith('system:serviceaccount:')",
    {},
    { value: true },
  ],
  ["'system:serviceaccount:x:lazy-pull-agent'.endsWith(':lazy-pull-agent')", {}, { value: true }],
  [
    "'system:serviceaccount:x:not-lazy-pull-agent'.endsWith(':lazy-pull-agent')",
    {},
    { value: false },
  ],
  ["'f:' + 'lazy-pull.openshift.io/health'", {}, { value: 'f:lazy-pull.openshift.io/health' }],
  ['[1] + [2, 3]', {}, { value: [1, 2, 3] }],
  ["'Healthy' in ['Healthy', 'Degraded']", {}, { value: true }],
  ['l[0] == n', { l: ['worker-0'], n: 'worker-0' }, { value: true }],
];

/**
 * Where cel-js is stricter than the specification: it type-checks a literal `[]` under a macro
 * with an operator as ambiguous, and refuses list literals of mixed types. The policies write
 * neither (an empty literal only as the fallback of a conditional, lists of one type), and these
 * cases show the difference stays the one known.
 */
const STRICTER: [string, RegExp][] = [
  ['[].all(e, e > 0)', /overlaps/],
  ["[1, {'b': 'c'}] == [1, {'b': 'c'}]", /same type/],
];

describe('the CEL evaluator the policy tests use', () => {
  const results = evaluateExpressions(
    FACTS.map(([expression, context]) => ({ expression, context })),
  );

  it.each(
    FACTS.map(([expression, context, expected], i) => [expression, context, expected, i] as const),
  )('%s', (_expression, _context, expected, i) => {
    const result = results[i];
    if ('value' in expected) expect(result).toEqual({ value: expected.value });
    else
      expect('error' in result ? result.error : `a value: ${JSON.stringify(result)}`).toMatch(
        expected.error,
      );
  });

  it.each(STRICTER)(
    'refuses %s, which the specification allows and the policies avoid',
    (expression, error) => {
      const [result] = evaluateExpressions([{ expression }]);
      expect('error' in result ? result.error : 'a value').toMatch(error);
    },
  );

  it('is asked about every function and macro the policies use', () => {
    const policies = [...renderKustomize('deploy/agent')].filter(
      (o) => o.kind === 'ValidatingAdmissionPolicy',
    );
    const spec = (o: (typeof policies)[number]) =>
      o.spec as Record<string, { expression: string }[]>;
    const expressions = policies.flatMap((o) =>
      ['matchConditions', 'variables', 'validations'].flatMap((key) =>
        (spec(o)[key] ?? []).map((item) => item.expression),
      ),
    );
    const called = (text: string) =>
      new Set(
        [...text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)]
          .map((m) => m[1])
          .filter((name) => name !== 'in'),
      );
    const used = new Set(expressions.flatMap((e) => [...called(e)]));
    const checked = new Set(FACTS.flatMap(([expression]) => [...called(expression)]));
    expect([...used].filter((name) => !checked.has(name)).sort()).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });
});
