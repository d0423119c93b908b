/** A line diff of two texts, in hunks with context, for the previews. */

export type DiffLineKind = 'context' | 'add' | 'remove';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  /** 1-based line number in the old text (context and removed lines). */
  oldLine?: number;
  /** 1-based line number in the new text (context and added lines). */
  newLine?: number;
}

export interface DiffHunk {
  /**
   * 1-based line number in the old text where the hunk starts; for a hunk with no old lines,
   * the number the next old line has (see hunkHeader for how unified diff writes that).
   */
  oldStart: number;
  oldLines: number;
  /** The same, in the new text. */
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

export interface LineDiff {
  hunks: DiffHunk[];
  added: number;
  removed: number;
  identical: boolean;
}

/**
 * A text's lines, each with its line break if it has one: "b" at the end of a text and "b\n"
 * are different lines, as in any line diff (the preview shows the change; a file that loses its
 * final line break is a real change).
 */
const splitLines = (text: string): string[] => {
  if (text === '') return [];
  const lines: string[] = [];
  let from = 0;
  for (;;) {
    const end = text.indexOf('\n', from);
    if (end < 0) {
      if (from < text.length) lines.push(text.slice(from));
      return lines;
    }
    lines.push(text.slice(from, end + 1));
    from = end + 1;
  }
};

const EQUAL = 0;
const REMOVE = 1;
const ADD = 2;
type Op = typeof EQUAL | typeof REMOVE | typeof ADD;

/**
 * A shortest edit script from a to b (sequences of line ids), by Myers' O((N+M)D) algorithm
 * ("An O(ND) Difference Algorithm and Its Variations", 1986): the furthest-reaching path on each
 * diagonal, kept for every edit count d so that the path can be walked back.
 */
const shortestEdit = (a: Int32Array, b: Int32Array): Op[] => {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it was before step d, which is all step d reads.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d += 1) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d -= 1) {
    const before = trace[d];
    const at = (k: number) => before[k + d];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(EQUAL);
      x -= 1;
      y -= 1;
    }
    ops.push(down ? ADD : REMOVE);
    x = prevX;
    y = prevY;
  }
  for (; x > 0; x -= 1) ops.push(EQUAL);
  return ops.reverse();
};

/** Numbers each distinct line, so that the diff compares integers. */
const lineIds = (oldLines: string[], newLines: string[]): [Int32Array, Int32Array] => {
  const ids = new Map<string, number>();
  const idsOf = (lines: string[]) =>
    Int32Array.from(lines, (line) => {
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      return id;
    });
  return [idsOf(oldLines), idsOf(newLines)];
};

const withoutBreak = (line: string) => (line.endsWith('\n') ? line.slice(0, -1) : line);

export const lineDiff = (oldText: string, newText: string, context = 3): LineDiff => {
  if (oldText === newText) return { hunks: [], added: 0, removed: 0, identical: true };
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  // Lines both texts start and end with are not handed to the diff.
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) {
    head += 1;
  }
  let tail = 0;
  while (
    tail < oldLines.length - head &&
    tail < newLines.length - head &&
    oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
  ) {
    tail += 1;
  }
  const [a, b] = lineIds(
    oldLines.slice(head, oldLines.length - tail),
    newLines.slice(head, newLines.length - tail),
  );
  const ops: Op[] = [
    ...new Array<Op>(head).fill(EQUAL),
    ...shortestEdit(a, b),
    ...new Array<Op>(tail).fill(EQUAL),
  ];

  // Every line of both texts in order, a change's removed lines before its added ones.
  const all: DiffLine[] = [];
  let o = 0;
  let nw = 0;
  let added = 0;
  let removed = 0;
  for (let i = 0; i < ops.length;) {
    if (ops[i] === EQUAL) {
      all.push({
        kind: 'context',
        text: withoutBreak(oldLines[o]),
        oldLine: o + 1,
        newLine: nw + 1,
      });
      o += 1;
      nw += 1;
      i += 1;
      continue;
    }
    const adds: DiffLine[] = [];
    for (; i < ops.length && ops[i] !== EQUAL; i += 1) {
      if (ops[i] === REMOVE) {
        all.push({ kind: 'remove', text: withoutBreak(oldLines[o]), oldLine: o + 1 });
        o += 1;
        removed += 1;
      } else {
        adds.push({ kind: 'add', text: withoutBreak(newLines[nw]), newLine: nw + 1 });
        nw += 1;
        added += 1;
      }
    }
    all.push(...adds);
  }

  // Hunks: each change with up to `context` lines around it; changes whose context would
  // touch or overlap share a hunk.
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < all.length) {
    while (i < all.length && all[i].kind === 'context') i += 1;
    if (i === all.length) break;
    const from = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < all.length && all[end].kind !== 'context') end += 1;
      let next = end;
      while (next < all.length && all[next].kind === 'context') next += 1;
      if (next < all.length && next - end <= 2 * context) end = next;
      else break;
    }
    const to = Math.min(all.length, end + context);
    const lines = all.slice(from, to);
    const first = all[from];
    const oldStart = first.oldLine ?? countBefore(all, from, 'oldLine') + 1;
    const newStart = first.newLine ?? countBefore(all, from, 'newLine') + 1;
    hunks.push({
      oldStart,
      oldLines: lines.filter((l) => l.kind !== 'add').length,
      newStart,
      newLines: lines.filter((l) => l.kind !== 'remove').length,
      lines,
    });
    i = to;
  }
  return { hunks, added, removed, identical: false };
};

/** How many lines of one side come before position `at` of the merged lines. */
const countBefore = (all: DiffLine[], at: number, side: 'oldLine' | 'newLine'): number => {
  for (let j = at - 1; j >= 0; j -= 1) {
    const n = all[j][side];
    if (n !== undefined) return n;
  }
  return 0;
};

/** A hunk's header as unified diff writes it: an empty side names the line before it. */
export const hunkHeader = (h: DiffHunk): string =>
  `@@ -${h.oldLines === 0 ? h.oldStart - 1 : h.oldStart},${h.oldLines} +${
    h.newLines === 0 ? h.newStart - 1 : h.newStart
  },${h.newLines} @@`;

const MARK: Record<DiffLineKind, string> = { context: ' ', add: '+', remove: '-' };

/** The diff as unified-diff text (for the CLI and for copying). */
export const formatUnifiedDiff = (
  diff: LineDiff,
  oldName = 'live',
  newName = 'proposed',
): string => {
  if (diff.identical) return '';
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  for (const h of diff.hunks) {
    out.push(hunkHeader(h));
    for (const l of h.lines) out.push(`${MARK[l.kind]}${l.text}`);
  }
  return `${out.join('\n')}\n`;
};
