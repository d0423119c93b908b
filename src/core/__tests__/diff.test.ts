import fc from 'fast-check';
import { hunkHeader, lineDiff, type DiffHunk, type LineDiff } from '../diff';

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
    expect(d.hunks.map(hunkHeader)).toEqual(['@@ -0,0 +1,2 @@']);
    expect(d.hunks[0].lines).toEqual([
      { kind: 'add', text: 'a', newLine: 1 },
      { kind: 'add', text: 'b', newLine: 2 },
    ]);
  });
});

/** The length of a longest common subsequence, by dynamic programming (the reference). */
const lcsLength = (a: string[], b: string[]): number => {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    b.forEach((y, j) => row.push(x === y ? prev[j] + 1 : Math.max(prev[j + 1], row[j])));
    prev = row;
  }
  return prev[b.length];
};

/** Applies the hunks to the old lines, checking every context and removed line on the way. */
const applyHunks = (oldLines: string[], diff: LineDiff): string[] => {
  const out: string[] = [];
  let at = 0;
  for (const h of diff.hunks) {
    while (at < h.oldStart - 1) out.push(oldLines[at++]);
    for (const l of h.lines) {
      if (l.kind === 'add') {
        out.push(l.text);
        continue;
      }
      if (oldLines[at] !== l.text || l.oldLine !== at + 1) {
        throw new Error(`hunk does not match old line ${at + 1}`);
      }
      if (l.kind === 'context') out.push(l.text);
      at += 1;
    }
  }
  while (at < oldLines.length) out.push(oldLines[at++]);
  return out;
};

/** A text's lines, each with its line break if it has one. */
const linesWithBreaks = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

const textOf = (lines: string[], finalBreak: boolean) =>
  lines.length === 0 ? '' : `${lines.join('\n')}${finalBreak ? '\n' : ''}`;

describe('lineDiff against a reference', () => {
  // Few distinct lines, so that texts share many lines in many orders.
  const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 24 });

  it('finds a shortest edit and its hunks turn the old text into the new one', () => {
    fc.assert(
      fc.property(
        lines,
        lines,
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        (oldLines, newLines, context, oldBreak, newBreak) => {
          const oldText = textOf(oldLines, oldBreak);
          const newText = textOf(newLines, newBreak);
          const d = lineDiff(oldText, newText, context);
          expect(d.identical).toBe(oldText === newText);
          // The reference compares the texts' lines with their breaks: a last line without one
          // is a line of its own.
          const oldTokens = linesWithBreaks(oldText);
          const newTokens = linesWithBreaks(newText);
          expect(d.added + d.removed).toBe(
            oldTokens.length + newTokens.length - 2 * lcsLength(oldTokens, newTokens),
          );
          const bare = (tokens: string[]) => tokens.map((t) => t.replace(/\n$/, ''));
          expect(applyHunks(bare(oldTokens), d)).toEqual(bare(newTokens));
          // Only a text's last line can lack its break, and it is marked where a hunk shows it.
          const lacksBreak = (tokens: string[], n: number | undefined) =>
            n === tokens.length && !tokens[n - 1].endsWith('\n');
          for (const l of d.hunks.flatMap((h) => h.lines)) {
            expect(l.noNewlineAtEnd === true).toBe(
              (l.kind !== 'add' && lacksBreak(oldTokens, l.oldLine)) ||
                (l.kind !== 'remove' && lacksBreak(newTokens, l.newLine)),
            );
          }
          for (const h of d.hunks) {
            expect(h.lines.filter((l) => l.kind !== 'add')).toHaveLength(h.oldLines);
            expect(h.lines.filter((l) => l.kind !== 'remove')).toHaveLength(h.newLines);
            const lead = h.lines.findIndex((l) => l.kind !== 'context');
            const trail = [...h.lines].reverse().findIndex((l) => l.kind !== 'context');
            expect(lead).toBeGreaterThanOrEqual(0);
            expect(lead).toBeLessThanOrEqual(context);
            expect(trail).toBeLessThanOrEqual(context);
          }
          // Changes in different hunks are more than twice the context apart, or they would
          // share a hunk; and a hunk has all the context there is, up to `context` lines.
          const unchangedAround = (h: DiffHunk) => [
            h.lines.findIndex((l) => l.kind !== 'context'),
            [...h.lines].reverse().findIndex((l) => l.kind !== 'context'),
          ];
          d.hunks.slice(1).forEach((h, i) => {
            const before = d.hunks[i];
            const between = h.oldStart - (before.oldStart + before.oldLines);
            expect(between).toBeGreaterThanOrEqual(0);
            expect(unchangedAround(before)[1] + between + unchangedAround(h)[0]).toBeGreaterThan(
              2 * context,
            );
          });
          d.hunks.forEach((h) => {
            const [lead, trail] = unchangedAround(h);
            const firstChange = h.lines[lead];
            const lastChange = h.lines[h.lines.length - 1 - trail];
            const linesBefore = (firstChange.oldLine ?? h.oldStart + lead) - 1;
            expect(lead).toBe(Math.min(context, linesBefore));
            const lastOld = lastChange.oldLine ?? h.oldStart + h.oldLines - trail - 1;
            expect(trail).toBe(Math.min(context, oldTokens.length - lastOld));
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts a lost final line break as a changed line, and says which side lacks it', () => {
    const d = lineDiff('a\nb\n', 'a\nb');
    expect(d.identical).toBe(false);
    expect(d.hunks[0].lines.slice(-2)).toEqual([
      { kind: 'remove', text: 'b', oldLine: 2 },
      { kind: 'add', text: 'b', newLine: 2, noNewlineAtEnd: true },
    ]);
  });

  it('puts a change’s removed lines before its added ones', () => {
    const d = lineDiff('x\na\nb\ny\n', 'x\nc\nd\ny\n');
    expect(d.hunks[0].lines.map((l) => `${l.kind}:${l.text}`)).toEqual([
      'context:x',
      'remove:a',
      'remove:b',
      'add:c',
      'add:d',
      'context:y',
    ]);
    expect(hunkHeader(d.hunks[0])).toBe('@@ -1,4 +1,4 @@');
  });

  it('writes an empty side of a hunk as the line before it', () => {
    expect(hunkHeader(lineDiff('a\nb\n', '').hunks[0])).toBe('@@ -1,2 +0,0 @@');
    expect(hunkHeader(lineDiff('a\n', 'a\nb\n', 0).hunks[0])).toBe('@@ -1,0 +2,1 @@');
  });

  it('diffs two long, wholly different texts', () => {
    const oldText = Array.from({ length: 1000 }, (_, i) => `old ${i}`).join('\n');
    const newText = Array.from({ length: 1000 }, (_, i) => `new ${i}`).join('\n');
    const d = lineDiff(oldText, newText);
    expect([d.added, d.removed, d.hunks.length]).toEqual([1000, 1000, 1]);
  });
});
