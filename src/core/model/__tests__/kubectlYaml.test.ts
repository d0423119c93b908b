/**
 * YAML as kubectl reads it: sigs.k8s.io/yaml over go-yaml v2 (YAML 1.1 scalars, Go's integer
 * syntax), then the JSON the API server reads. Expected values are go-yaml's documented
 * resolutions (its resolve table) and Go's strconv rules, not this reader's output.
 */
import { ExactInteger } from '../exactInteger';
import { parseObjectText, serializeManifest } from '../manifest';

const read = (yaml: string): Record<string, unknown> => {
  const parsed = parseObjectText(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.object;
};
const value = (scalar: string): unknown => read(`v: ${scalar}\n`).v;

describe('scalars as kubectl reads them', () => {
  it.each([
    ['010000', 4096],
    ['4_096', 4096],
    ['0x1F', 31],
    ['0o17', 15],
    ['0b101', 5],
    ['-0b101', -5],
    ['+12', 12],
    ['08', 8],
    ['1e3', 1000],
    ['1.0', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1_000.5', 1000.5],
  ])('%s is the number %p', (scalar, expected) => {
    expect(value(scalar)).toBe(expected);
  });

  it.each([
    ['yes', true],
    ['Yes', true],
    ['on', true],
    ['ON', true],
    ['y', true],
    ['no', false],
    ['off', false],
    ['n', false],
    ['False', false],
    ['~', null],
    ['Null', null],
    ['"yes"', 'yes'],
    ["'010'", '010'],
    ['yES', 'yES'],
    ['0x', '0x'],
  ])('%s is %p', (scalar, expected) => {
    expect(value(scalar)).toBe(expected);
  });

  it('reads a date as the RFC 3339 text the server receives', () => {
    expect(value('2024-1-2')).toBe('2024-01-02T00:00:00Z');
    expect(value('2001-12-14t21:59:43.10-05:00')).toBe('2001-12-14T21:59:43.1-05:00');
    expect(value('2024-13-01')).toBe('2024-13-01');
  });

  it('applies merge keys', () => {
    expect(read('base: &b {a: 1, b: 2}\nv:\n  <<: *b\n  b: 3\n').v).toEqual({ a: 1, b: 3 });
  });

  it('keeps integers beyond 2^53 exact, and writes them back as digits', () => {
    const o = read('a: 9223372036854775807\nb: -9223372036854775808\nc: 9007199254740993\n');
    expect(o.a).toEqual(new ExactInteger(9223372036854775807n));
    expect(o.b).toEqual(new ExactInteger(-9223372036854775808n));
    expect(o.c).toEqual(new ExactInteger(9007199254740993n));
    expect(serializeManifest(o)).toBe(
      'a: 9223372036854775807\nb: -9223372036854775808\nc: 9007199254740993\n',
    );
  });

  it('reads an integer past int64 as go-yaml does (uint64), which the server reads as a float', () => {
    const big = value('9223372036854775808') as ExactInteger;
    expect(big.value).toBe(9223372036854775808n);
    expect(big.isInt64).toBe(false);
    // Past uint64 it is a float in YAML already.
    expect(value('99999999999999999999')).toBe(1e20);
  });

  it('refuses what kubectl cannot send as JSON, and a recursive alias', () => {
    expect(parseObjectText('v: .inf\n')).toMatchObject({ ok: false });
    expect(parseObjectText('v: .nan\n')).toMatchObject({ ok: false });
    expect(parseObjectText('a: &a [*a]\n')).toEqual({
      ok: false,
      problems: [{ message: 'an anchor’s value contains an alias to itself' }],
    });
  });

  it('quotes a string that would read back as something else', () => {
    expect(
      serializeManifest({ a: 'yes', b: 'on', c: '010', d: '1_000', e: '2024-01-02', f: 'plain' }),
    ).toBe('a: "yes"\nb: "on"\nc: "010"\nd: "1_000"\ne: "2024-01-02"\nf: plain\n');
  });
});
