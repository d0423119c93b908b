import { applyJsonPatch, applyMergePatch } from '../patch';

describe('JSON merge patch (RFC 7386)', () => {
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it('does not change its input', () => {
    const target = { a: { b: 1 } };
    applyMergePatch(target, { a: { b: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
  });
});

describe('JSON patch (RFC 6902)', () => {
  const doc = { foo: ['bar', 'baz'], 'a/b': { '~c': 1 } };

  it('adds, removes, replaces, moves, copies and tests', () => {
    expect(
      applyJsonPatch(doc, [
        { op: 'add', path: '/foo/1', value: 'qux' },
        { op: 'add', path: '/foo/-', value: 'end' },
        { op: 'remove', path: '/foo/0' },
        { op: 'replace', path: '/a~1b/~0c', value: 2 },
        { op: 'copy', from: '/a~1b', path: '/copied' },
        { op: 'move', from: '/copied/~0c', path: '/moved' },
        { op: 'test', path: '/moved', value: 2 },
      ]),
    ).toEqual({ foo: ['qux', 'baz', 'end'], 'a/b': { '~c': 2 }, copied: {}, moved: 2 });
    expect(doc).toEqual({ foo: ['bar', 'baz'], 'a/b': { '~c': 1 } });
  });

  it('fails a test or a missing path with 422, and a malformed patch with 400', () => {
    expect(() => applyJsonPatch(doc, [{ op: 'test', path: '/foo/0', value: 'nope' }])).toThrow(
      expect.objectContaining({ code: 422 }),
    );
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/missing', value: 1 }])).toThrow(
      expect.objectContaining({ code: 422 }),
    );
    expect(() => applyJsonPatch(doc, [{ op: 'remove', path: '/foo/5' }])).toThrow(
      expect.objectContaining({ code: 422 }),
    );
    expect(() => applyJsonPatch(doc, { op: 'add' })).toThrow(
      expect.objectContaining({ code: 400 }),
    );
    expect(() => applyJsonPatch(doc, [{ op: 'jump', path: '/x' }])).toThrow(
      expect.objectContaining({ code: 400 }),
    );
  });
});
