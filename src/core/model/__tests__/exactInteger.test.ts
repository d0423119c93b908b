import fc from 'fast-check';
import { ExactInteger, manifestFromJson, manifestsEqual, manifestToJson } from '../exactInteger';

const key = fc.oneof(
  fc.string(),
  fc.constantFrom('$exactInteger', '$$exactInteger', '$', '__proto__', 'constructor'),
);
const manifest = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    // JSON has no -0 (the API server never receives one either).
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (d === 0 ? 0 : d)),
    fc.boolean(),
    fc.constant(null),
    fc.bigInt().map((b) => new ExactInteger(b)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(key, tie('value')), { maxLength: 4 })
      .map((entries) => Object.fromEntries(entries)),
  ),
})).value;

describe('a manifest tree as JSON', () => {
  it('comes back whole through JSON text, exact integers and every key included', () => {
    fc.assert(
      fc.property(manifest, (tree) => {
        const text = JSON.stringify(manifestToJson(tree));
        expect(manifestFromJson(JSON.parse(text))).toEqual(tree);
      }),
      { numRuns: 500 },
    );
  });

  it('writes an exact integer as its digits, and a key that looks like the tag apart from it', () => {
    const tree = { pidsLimit: new ExactInteger(9223372036854775807n), $exactInteger: '1' };
    expect(JSON.stringify(manifestToJson(tree))).toBe(
      '{"pidsLimit":{"$exactInteger":"9223372036854775807"},"$$exactInteger":"1"}',
    );
    const back = manifestFromJson(JSON.parse(JSON.stringify(manifestToJson(tree))));
    expect(back).toEqual(tree);
    expect((back as { pidsLimit: ExactInteger }).pidsLimit).toBeInstanceOf(ExactInteger);
  });
});

describe('manifestsEqual', () => {
  it('is what JSON text says, whatever the order of keys', () => {
    const canonical = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(canonical)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
            )
          : v;
    const sameText = (a: unknown, b: unknown) =>
      JSON.stringify(canonical(manifestToJson(a))) === JSON.stringify(canonical(manifestToJson(b)));
    fc.assert(
      fc.property(manifest, manifest, (a, b) => {
        expect(manifestsEqual(a, b)).toBe(sameText(a, b));
        expect(
          manifestsEqual(a, manifestFromJson(JSON.parse(JSON.stringify(manifestToJson(a))))),
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(manifestsEqual({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(
      manifestsEqual({ a: new ExactInteger(2n ** 70n) }, { a: new ExactInteger(2n ** 70n) }),
    ).toBe(true);
    expect(manifestsEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
