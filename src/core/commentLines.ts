// The lines of a text that hold `<!--`, where a file's own spelling comments (`<!-- spelling: ignore ... -->`,
// `<!-- spelling: locale ... -->`) can be. Kept per lines array; a model reused after an edit of plain lines takes
// its predecessor's list, moved on by the changed lines only (tryReuse), so reading a big file's comments after a
// keystroke does not look at every line. The same list (the same array) means the same comment lines, unchanged:
// what is read from them can be kept by the list.
import { runToEnd } from './scan';

const byLines = new WeakMap<readonly string[], readonly number[]>();

const hasComment = (line: string | undefined): boolean => line !== undefined && line.includes('<!--');

/** Indices of the lines that hold `<!--`, ascending. */
export function commentLines(lines: readonly string[]): readonly number[] {
  return runToEnd(commentLinesSteps(lines));
}

/** `commentLines`, yielding every `linesPerStep` lines when it has to look at them (a lint in slices). */
export function* commentLinesSteps(lines: readonly string[], linesPerStep = Infinity): Generator<void, readonly number[]> {
  const known = byLines.get(lines);
  if (known) return known;
  const out: number[] = [];
  for (let l = 0; l < lines.length; l++) {
    if (l % linesPerStep === linesPerStep - 1) yield;
    if (hasComment(lines[l])) out.push(l);
  }
  // Looked at meanwhile by a synchronous read (between two of our steps): that list is the one kept.
  const raced = byLines.get(lines);
  if (raced) return raced;
  byLines.set(lines, out);
  return out;
}

/**
 * `after` is `before` with lines [changed.start, changed.end) replaced (same line count): its comment lines from
 * `before`'s, when those are known. The same list when no changed line holds a comment, before or after.
 */
export function carryCommentLines(before: readonly string[], after: readonly string[], changed: { start: number; end: number }): void {
  const old = byLines.get(before);
  if (!old || byLines.has(after) || before.length !== after.length) return;
  let touched = false;
  for (let l = changed.start; l < changed.end && !touched; l++) touched = hasComment(before[l]) || hasComment(after[l]);
  if (!touched) {
    byLines.set(after, old);
    return;
  }
  const out: number[] = [];
  for (const l of old) if (l < changed.start) out.push(l);
  for (let l = changed.start; l < changed.end; l++) if (hasComment(after[l])) out.push(l);
  for (const l of old) if (l >= changed.end) out.push(l);
  byLines.set(after, out);
}
