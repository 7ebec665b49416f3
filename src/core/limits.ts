// What the Markdown parser (remark) is given, so every input is parsed in time about linear in its size and in
// bounded memory (issue 15). Measured on remark-parse 11 / micromark 4: a paragraph's text is merged in time that
// grows with the square of its lines (40,000 lines: 20 s), emphasis and link marks are matched in time that grows
// with the square of their number in one paragraph (50,000 `*a`: 86 s), nesting costs per level on every line
// (2,000 levels: no answer in 90 s) and a table costs ~10 KB per cell (20,000 x 50: out of memory).
// So, in one pass over the lines of a block, before parsing:
//   - lines beyond a limit (too long, nested too deep, in a paragraph with too many marks) are blanked: kept as
//     empty lines, so every other position is unchanged, and reported (the `not-checked` rule says so, once);
//   - a run of lines with no blank line is cut into pieces of at most `pieceLines` lines (or `pieceCells` table
//     cells, or `inlineMarks` marks), each parsed on its own: a paragraph longer than that is read as several, and
//     a big table as a table of its first rows followed by rows read as text, whose words are still checked.
// Pure and cheap: nothing here parses Markdown.
import { fenceOpening } from './scan';

export const MARKDOWN_LIMITS = {
  /** Characters in one line; longer lines are not checked (a line cannot be cut into pieces). */
  lineLength: 50_000,
  /**
   * Quote and list levels a line is nested in (indentation counts a level per two columns); outside fenced code.
   * remark's cost per line grows with its depth: 100 levels cost 0.3 s in one go, 16 levels 0.1 s.
   */
  nesting: 16,
  /** Emphasis, strikethrough and link marks (`*`, `_`, `~`, `[`, `]`) in one paragraph. */
  inlineMarks: 2_000,
  /** Lines parsed at once in a run without a blank line. */
  pieceLines: 200,
  /** Characters parsed at once (a piece of 8,000 characters took 15-50 ms, a step too long for an editor under load). */
  pieceChars: 2_000,
  /** Table cell separators (`|`) parsed at once (a piece of 2,000 cells took 0.1 s). */
  pieceCells: 500,
  /** Characters of a block of the document (blockCuts): the most a rule reads in one step of a lint in slices. */
  blockChars: 4_000,
  /**
   * Lines of code given to the parser as they are. A longer fence's lines are given as blank lines (its text is put
   * back into the tree after: blocks.ts); a longer run of indented lines after a blank line is cut into pieces of
   * this many lines (each still indented code; in a list item, where such lines would be a paragraph, the rest of a
   * paragraph that long reads as code). remark's cost per line of code: a fence of 200,000 lines (4.6 MB) took 8.3 s
   * and 405 MB in one go (200,000 blank lines: 0.3 s), 200,000 indented lines 7.9 s and 735 MB.
   */
  codeLines: 500,
} as const;

export type SkipReason = 'long-line' | 'deep-nesting' | 'inline-marks' | 'long-front-matter';

/** Lines [start, end) of the text given to `boundMarkdown` that are blanked, and why. */
export interface SkippedLines {
  reason: SkipReason;
  start: number;
  end: number;
}

export interface BoundedMarkdown {
  /** The lines, with the skipped ones blanked ('' instead). */
  lines: string[];
  skipped: SkippedLines[];
  /** Lines where a new piece starts (ascending, each > 0); empty when the text is parsed in one piece. */
  cuts: number[];
  /** Fences longer than `codeLines` whose lines were blanked: opener line, content lines [start, end), indent. */
  fences: LongFence[];
}

export interface LongFence {
  /** The opening fence's line. */
  opener: number;
  /** Content lines [start, end) (end: the closing fence's line, or the end of the text). */
  start: number;
  end: number;
  /** Spaces before the opening fence (removed from the start of each content line, as CommonMark does). */
  indent: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A line indented enough to be indented code (four columns). */
const INDENTED = /^(?: {4}| {0,3}\t)/;

/** Fenced code of more than codeLines lines (CommonMark's rules for where a fence ends; top level only). */
function longFences(lines: readonly string[]): LongFence[] {
  const out: LongFence[] = [];
  for (let l = 0; l < lines.length; l++) {
    const open = fenceOpening(lines[l]!);
    if (!open) continue;
    let end = l + 1;
    while (end < lines.length && !open.close.test(lines[end]!)) end++;
    if (end - (l + 1) > MARKDOWN_LIMITS.codeLines) out.push({ opener: l, start: l + 1, end, indent: open.indent });
    l = end;
  }
  return out;
}

/**
 * Container levels a line opens or continues: `>` and list markers at its start, plus one per two columns of
 * indentation (the one blank a marker needs after it aside); counted up to just past `limit`.
 */
export function nestingOf(line: string, limit = Infinity): number {
  let depth = 0;
  let columns = 0;
  let i = 0;
  const n = line.length;
  const next = (at: number): boolean => at >= n || line[at] === ' ' || line[at] === '\t';
  for (;;) {
    // Past `limit`, the exact depth does not matter (a line of 10,000 list markers).
    if (depth + (columns >> 1) > limit) break;
    const afterMarker = depth > 0;
    const from = i;
    while (i < n && (line[i] === ' ' || line[i] === '\t')) columns += line[i++] === '\t' ? 4 : 1;
    if (afterMarker && i > from) columns--;
    const c = line[i];
    if (c === '>') {
      depth++;
      i++;
    } else if ((c === '-' || c === '*' || c === '+') && next(i + 1)) {
      depth++;
      i++;
    } else {
      let j = i;
      while (j < n && j - i < 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
      if (j > i && (line[j] === '.' || line[j] === ')') && next(j + 1)) {
        depth++;
        i = j + 1;
      } else {
        break;
      }
    }
  }
  return depth + (columns >> 1);
}

/** Whether a line starts a list item or a quote (a new paragraph, for counting marks). */
function opensContainer(line: string): boolean {
  return /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|^[ \t]*>/.test(line);
}

function countMarks(line: string): number {
  let marks = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    // * _ ~ [ ]
    if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93) marks++;
  }
  return marks;
}

function countPipes(line: string): number {
  let pipes = 0;
  for (let at = line.indexOf('|'); at !== -1; at = line.indexOf('|', at + 1)) pipes++;
  return pipes;
}

/** The lines of a block as the Markdown parser should get them: see the top of this file. */
export function boundMarkdown(source: readonly string[]): BoundedMarkdown {
  const lines = source.slice();
  const fences = longFences(lines);
  for (const f of fences) for (let l = f.start; l < f.end; l++) lines[l] = '';
  const skipped: SkippedLines[] = [];
  const skip = (reason: SkipReason, start: number, end: number): void => {
    for (let l = start; l < end; l++) lines[l] = '';
    skipped.push({ reason, start, end });
  };
  // Per line: too long, nested too deep (code in a fence is not nesting), or more marks than a paragraph may have.
  let fenced = false;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const fence = FENCE.test(line);
    if (line.length > MARKDOWN_LIMITS.lineLength) skip('long-line', l, l + 1);
    else if (!fenced && !fence && line.length > MARKDOWN_LIMITS.nesting && nestingOf(line, MARKDOWN_LIMITS.nesting) > MARKDOWN_LIMITS.nesting) skip('deep-nesting', l, l + 1);
    else if (!fenced && line.length > MARKDOWN_LIMITS.inlineMarks && countMarks(line) > MARKDOWN_LIMITS.inlineMarks) skip('inline-marks', l, l + 1);
    if (fence) fenced = !fenced;
  }
  const cuts = pieceCuts(lines);
  // Per paragraph as the parser sees it (up to a blank line, a list item or quote, a fence or a cut): a piece is cut
  // once it has inlineMarks marks, so only a run that could not be cut (indented lines) can get to twice that.
  let paragraphStart = 0;
  let marks = 0;
  let inFence = false;
  let nextCut = 0;
  const endParagraph = (end: number): void => {
    if (marks > 2 * MARKDOWN_LIMITS.inlineMarks) skip('inline-marks', paragraphStart, end);
    paragraphStart = end;
    marks = 0;
  };
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    if (cuts[nextCut] === l) {
      endParagraph(l);
      nextCut++;
    }
    if (FENCE.test(line)) {
      endParagraph(l);
      inFence = !inFence;
      paragraphStart = l + 1;
    } else if (inFence) {
      paragraphStart = l + 1;
    } else {
      if (line.trim() === '' || opensContainer(line)) endParagraph(l);
      marks += countMarks(line);
    }
  }
  endParagraph(lines.length);
  skipped.sort((a, b) => a.start - b.start);
  const merged: SkippedLines[] = [];
  for (const s of skipped) {
    const last = merged[merged.length - 1];
    if (last && last.reason === s.reason && last.end === s.start) last.end = s.end;
    else merged.push(s);
  }
  return { lines, skipped: merged, cuts, fences };
}

/**
 * Where pieces start, in lines [start, end) of `lines`: once a piece has pieceLines lines, pieceChars characters
 * (blocks: blockChars),
 * pieceCells cells or inlineMarks marks (`counts` false: lines and characters only), at the next line where a
 * paragraph may start; in the middle of a
 * run of lines with no blank line (a paragraph) only once the run itself is that long. A piece always starts at a
 * line at the margin (indented, it could read as code), never in fenced code or at HTML.
 */
function cutsOf(lines: readonly string[], start: number, end: number, counts: boolean): number[] {
  const cuts: number[] = [];
  let piece = { lines: 0, cells: 0, marks: 0, chars: 0 };
  let run = { lines: 0, cells: 0, marks: 0, chars: 0 };
  const maxChars = counts ? MARKDOWN_LIMITS.pieceChars : MARKDOWN_LIMITS.blockChars;
  const over = (c: typeof piece): boolean =>
    c.lines >= MARKDOWN_LIMITS.pieceLines || c.cells >= MARKDOWN_LIMITS.pieceCells || c.marks >= MARKDOWN_LIMITS.inlineMarks || c.chars >= maxChars;
  let inFence = false;
  // Whether the run so far is indented code: indented lines only, after a blank line (or the start).
  let codeRun = false;
  for (let l = start; l < end; l++) {
    const line = lines[l]!;
    const fence = FENCE.test(line);
    const blank = line.trim() === '';
    const indented = !blank && INDENTED.test(line);
    if (blank) run = { lines: 0, cells: 0, marks: 0, chars: 0 };
    else if (l > start && !inFence && !fence && !/^[ \t<]/.test(line) && (over(run) || (lines[l - 1]!.trim() === '' && over(piece)))) {
      cuts.push(l);
      piece = { lines: 0, cells: 0, marks: 0, chars: 0 };
      run = { lines: 0, cells: 0, marks: 0, chars: 0 };
    } else if (indented && codeRun && !inFence && run.lines >= MARKDOWN_LIMITS.codeLines) {
      // A long run of indented code: the next piece starts with an indented line, code again.
      cuts.push(l);
      piece = { lines: 0, cells: 0, marks: 0, chars: 0 };
      run = { lines: 0, cells: 0, marks: 0, chars: 0 };
    }
    if (!blank) codeRun = run.lines === 0 ? indented : codeRun && indented;
    if (fence) inFence = !inFence;
    piece.lines++;
    piece.chars += line.length + 1;
    if (!blank) {
      run.lines++;
      run.chars += line.length + 1;
    }
    if (counts && !blank) {
      const cells = countPipes(line);
      const marks = inFence ? 0 : countMarks(line);
      piece.cells += cells;
      run.cells += cells;
      piece.marks += marks;
      run.marks += marks;
    }
  }
  return cuts;
}

/** Pieces of a block's text for the parser (relative lines), by lines, cells and marks. */
function pieceCuts(lines: readonly string[]): number[] {
  return cutsOf(lines, 0, lines.length, true);
}

/**
 * Where a long block of the document (lines [start, end) between two headings) is split into blocks of its own,
 * each parsed, cached and checked on its own (blocks.ts), so no step of a lint in slices holds a whole 40,000-line
 * paragraph. From lines and characters, never marks or cells. An edit of plain lines keeps the blocks it was made
 * in (incremental.ts), so their cuts stay where they were until the next full parse.
 */
export function blockCuts(lines: readonly string[], start: number, end: number): number[] {
  return cutsOf(lines, start, end, false);
}
