import { structuredPatch } from 'diff';

/**
 * A line diff of two texts, in hunks with context, for the previews: jsdiff's structured patch
 * (Myers' algorithm, removed lines of a change before its added ones), with each line numbered on
 * its side so that the view can show where it is.
 */

export type DiffLineKind = 'context' | 'add' | 'remove';

export interface DiffLine {
  kind: DiffLineKind;
  /** The line without its line break. */
  text: string;
  /** 1-based line number in the old text (context and removed lines). */
  oldLine?: number;
  /** 1-based line number in the new text (context and added lines). */
  newLine?: number;
  /**
   * The last line of its text, without a final line break: "b" at the end of a text and "b\n"
   * are different lines (a file that loses its final line break is a real change).
   */
  noNewlineAtEnd?: boolean;
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

const KIND: Record<string, DiffLineKind> = { ' ': 'context', '+': 'add', '-': 'remove' };

export const lineDiff = (oldText: string, newText: string, context = 3): LineDiff => {
  if (oldText === newText) return { hunks: [], added: 0, removed: 0, identical: true };
  const patch = structuredPatch('', '', oldText, newText, undefined, undefined, { context });
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((h): DiffHunk => {
    let oldLine = h.oldStart;
    let newLine = h.newStart;
    const lines: DiffLine[] = [];
    for (const raw of h.lines) {
      // jsdiff's "\ No newline at end of file" belongs to the line before it.
      if (raw.startsWith('\\')) {
        const last = lines[lines.length - 1];
        if (last) last.noNewlineAtEnd = true;
        continue;
      }
      const kind = KIND[raw[0]];
      const text = raw.slice(1);
      if (kind === 'add') {
        lines.push({ kind, text, newLine });
        newLine += 1;
        added += 1;
      } else if (kind === 'remove') {
        lines.push({ kind, text, oldLine });
        oldLine += 1;
        removed += 1;
      } else {
        lines.push({ kind, text, oldLine, newLine });
        oldLine += 1;
        newLine += 1;
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

/** A hunk's header as unified diff writes it: an empty side names the line before it. */
export const hunkHeader = (h: DiffHunk): string =>
  `@@ -${h.oldLines === 0 ? h.oldStart - 1 : h.oldStart},${h.oldLines} +${
    h.newLines === 0 ? h.newStart - 1 : h.newStart
  },${h.newLines} @@`;
