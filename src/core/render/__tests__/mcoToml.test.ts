import {
  encodeKeyValueLine,
  encodeToml,
  mapTable,
  quoteTomlString,
  structTable,
  tomlKey,
} from '../mcoToml';

describe('quoteTomlString: BurntSushi/toml v1.5 string escaping', () => {
  it.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
    ['\b\t\n\f\r', '"\\b\\t\\n\\f\\r"'],
    ['\u0000', '"\\u0000"'],
    ['\u0001\u0007', '"\\u0001\\u0007"'],
    ['\u000b', '"\\u000b"'], // vertical tab has no short escape
    ['\u001b[0m', '"\\u001b[0m"'], // ESC is \u001b, not TOML 1.1's \e
    ['\u001f', '"\\u001f"'],
    ['\u007f', '"\\u007f"'],
    // Not escaped: everything else, non-ASCII and C1 controls included.
    ['\u0080 é ü ß 日本 😀 \u2028', '"\u0080 é ü ß 日本 😀 \u2028"'],
    [" !#$%&'()*+,-./:;<=>?@[]^_`{|}~", '" !#$%&\'()*+,-./:;<=>?@[]^_`{|}~"'],
    ['mixed "q" \\ \n end', '"mixed \\"q\\" \\\\ \\n end"'],
  ])('%j → %s', (input, expected) => {
    expect(quoteTomlString(input)).toBe(expected);
  });
});

describe('tomlKey', () => {
  it('writes bare keys bare and quotes the others', () => {
    expect(tomlKey('auto-userns-min-size')).toBe('auto-userns-min-size');
    expect(tomlKey('pull_options')).toBe('pull_options');
    expect(tomlKey('a.b')).toBe('"a.b"');
    expect(tomlKey('with space')).toBe('"with space"');
    expect(tomlKey('')).toBe('""');
    expect(tomlKey('ключ')).toBe('"ключ"');
  });
});

describe('encodeToml: layout', () => {
  it('indents two spaces per nesting level and writes keys before sub-tables', () => {
    const doc = structTable([
      [
        'a',
        structTable([
          ['sub', structTable([['deep', structTable([['x', 1]])]])],
          ['k', 'v'], // a direct key after a table field is still written first
        ]),
      ],
    ]);
    expect(encodeToml(doc)).toBe('[a]\n  k = "v"\n  [a.sub]\n    [a.sub.deep]\n      x = 1\n');
  });

  it('puts a blank line before every top-level table but the first', () => {
    const doc = structTable([
      ['top', 'level'],
      ['one', structTable([['x', 1n]])],
      ['two', structTable([['y', -2n]])],
    ]);
    expect(encodeToml(doc)).toBe('top = "level"\n\n[one]\n  x = 1\n\n[two]\n  y = -2\n');
  });

  it('writes a table header even for an empty table, and leaves out undefined fields', () => {
    expect(encodeToml(structTable([['t', structTable([['gone', undefined]])]]))).toBe('[t]\n');
  });

  it('writes arrays inline with ", " and integers and booleans plainly', () => {
    const doc = structTable([
      ['list', ['a', 'b"c']],
      ['empty', []],
      ['n', 0],
      ['big', 9223372036854775807n],
      ['yes', true],
      ['no', false],
    ]);
    expect(encodeToml(doc)).toBe(
      'list = ["a", "b\\"c"]\nempty = []\nn = 0\nbig = 9223372036854775807\nyes = true\nno = false\n',
    );
  });

  it('refuses a fraction, which no Go integer field holds', () => {
    expect(() => encodeToml(structTable([['x', 1.5]]))).toThrow(TypeError);
  });

  it('quotes keys that are not bare in lines and in headers', () => {
    expect(encodeToml(structTable([['a.b', structTable([['c d', 1]])]]))).toBe(
      '["a.b"]\n  "c d" = 1\n',
    );
  });
});

describe('mapTable: Go map keys in byte order', () => {
  it('sorts keys as Go sorts strings (by UTF-8 bytes, i.e. code points)', () => {
    const doc = structTable([
      ['m', mapTable({ b: '2', a: '1', Z: '0', '\uffff': 'bmp', '😀': 'astral' })],
    ]);
    // UTF-16 order would put 😀 (a surrogate pair, 0xD83D…) before U+FFFF; code point order does not.
    expect(encodeToml(doc)).toBe(
      '[m]\n  Z = "0"\n  a = "1"\n  b = "2"\n  "\uffff" = "bmp"\n  "😀" = "astral"\n',
    );
  });

  it('writes the map’s direct keys before its tables, each group sorted', () => {
    const doc = structTable([
      ['m', mapTable({ z: structTable([['k', 1]]), y: 'direct', a: structTable([]) })],
    ]);
    expect(encodeToml(doc)).toBe('[m]\n  y = "direct"\n  [m.a]\n  [m.z]\n    k = 1\n');
  });
});

describe('encodeKeyValueLine', () => {
  it('is the line encodeToml writes inside a table at that depth', () => {
    const doc = structTable([['a', structTable([['b', structTable([['key', ['x', 'y']]])]])]]);
    expect(encodeToml(doc).endsWith(encodeKeyValueLine(2, 'key', ['x', 'y']))).toBe(true);
    expect(encodeKeyValueLine(2, 'key', ['x', 'y'])).toBe('    key = ["x", "y"]\n');
    expect(encodeKeyValueLine(0, 'k', 'v')).toBe('k = "v"\n');
  });
});
