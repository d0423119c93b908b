import { structuredPatch } from 'diff';

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
  oldStart: number;
  oldLines: number;
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

const MARKERS: Record<string, DiffLineKind> = { ' ': 'context', '+': 'add', '-': 'remove' };

export const lineDiff = (oldText: string, newText: string, context = 3): LineDiff => {
  if (oldText === newText) return { hunks: [], added: 0, removed: 0, identical: true };
  const patch = structuredPatch('old', 'new', oldText, newText, '', '', { context });
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((h) => {
    let oldNo = h.oldStart;
    let newNo = h.newStart;
    const lines: DiffLine[] = [];
    for (const raw of h.lines) {
      const kind = MARKERS[raw[0]];
      // "\ No newline at end of file" markers carry no line of their own.
      if (!kind) continue;
      const text = raw.slice(1);
      if (kind === 'context') lines.push({ kind, text, oldLine: oldNo++, newLine: newNo++ });
      else if (kind === 'remove') {
        removed += 1;
        lines.push({ kind, text, oldLine: oldNo++ });
      } else {
        added += 1;
        lines.push({ kind, text, newLine: newNo++ });
      }
    }
    return {
      oldStart: h.oldStart,
      oldLines: h.oldLines,
      newStart: h.newStart,
      newLines: h.newLines,
      lines,
    };
  });
  return { hunks, added, removed, identical: false };
};

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
    // Unified diff names the line before an empty range, so an empty side starts at 0.
    const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
    const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
    out.push(`@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`);
    for (const l of h.lines) out.push(`${MARK[l.kind]}${l.text}`);
  }
  return `${out.join('\n')}\n`;
};
