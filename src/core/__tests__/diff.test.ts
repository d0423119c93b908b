import { formatUnifiedDiff, lineDiff } from '../diff';

describe('lineDiff', () => {
  it('says when texts are identical', () => {
    expect(lineDiff('a\nb\n', 'a\nb\n')).toEqual({
      hunks: [],
      added: 0,
      removed: 0,
      identical: true,
    });
  });

  it('numbers lines on both sides and counts changes', () => {
    const oldText = [
      '[storage]',
      '  driver = "overlay"',
      '  [storage.options]',
      '    force_mask = 0',
      '',
    ].join('\n');
    const newText = [
      '[storage]',
      '  driver = "overlay"',
      '  [storage.options]',
      '    additionallayerstores = ["/var/lib/stargz-store/store:ref"]',
      '    force_mask = 0',
      '',
    ].join('\n');
    const d = lineDiff(oldText, newText);
    expect(d.added).toBe(1);
    expect(d.removed).toBe(0);
    expect(d.hunks).toHaveLength(1);
    const added = d.hunks[0].lines.find((l) => l.kind === 'add');
    expect(added).toEqual({
      kind: 'add',
      text: '    additionallayerstores = ["/var/lib/stargz-store/store:ref"]',
      newLine: 4,
    });
    const after = d.hunks[0].lines.find((l) => l.text === '    force_mask = 0');
    expect(after).toMatchObject({ oldLine: 4, newLine: 5, kind: 'context' });
  });

  it('splits distant changes into hunks with the given context', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const changed = [...lines];
    changed[2] = 'changed 2';
    changed[35] = 'changed 35';
    const d = lineDiff(`${lines.join('\n')}\n`, `${changed.join('\n')}\n`, 2);
    expect(d.hunks).toHaveLength(2);
    expect(d.added).toBe(2);
    expect(d.removed).toBe(2);
    expect(d.hunks[0].lines.filter((l) => l.kind === 'context')).toHaveLength(4);
  });

  it('diffs against nothing (a file that does not exist yet)', () => {
    const d = lineDiff('', 'a\nb\n');
    expect(d.added).toBe(2);
    expect(formatUnifiedDiff(d)).toBe('--- live\n+++ proposed\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });
});
