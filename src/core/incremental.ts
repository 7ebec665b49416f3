// Re-parsing after an edit without redoing the whole document: an edit that only changes plain notes lines
// (same line count, no heading, fence, list, label or speaker line involved, outside every talk's field area)
// cannot change the structure, so the previous model is reused with the new lines.
import type { NotesDocument, Talk } from './model';
import { isNameLike } from './lexicon';
import { parseNotes, type ParseOptions } from './parser';
import { splitLines } from './scan';
import { reuseBlocks } from './blocks';

/** First characters that can change structure (headings, fences, HTML, lists, quotes, tables, setext, labels). */
const STRUCTURAL_FIRST = /^\s*[#`~<=\-*+>|_\d\\[!]|^ {4}|^\t/;

export interface ParseReuse {
  doc: NotesDocument;
  /** Lines [start, end) of the new text that differ from the previous one; empty when nothing changed. */
  changed: { start: number; end: number };
  /** Whether the previous model was reused (false: parsed from scratch). */
  reused: boolean;
}

/** The lines that differ between two versions with the same line count, as [start, end). */
function changedLines(a: readonly string[], b: readonly string[]): { start: number; end: number } {
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  if (start === a.length) return { start: 0, end: 0 };
  let end = a.length;
  while (end > start && a[end - 1] === b[end - 1]) end--;
  return { start, end };
}

/** Whether a line may be rewritten without touching the structure. */
function plainLine(line: string): boolean {
  return line.trim() !== '' && !STRUCTURAL_FIRST.test(line) && !/:/.test(line.slice(0, 40));
}

export function parseIncremental(text: string, previous: NotesDocument | undefined, options: ParseOptions = {}): ParseReuse {
  const reuse = previous && tryReuse(text, previous);
  if (reuse) return reuse;
  const doc = parseNotes(text, options);
  return { doc, changed: { start: 0, end: doc.lineCount }, reused: false };
}

/** The previous model with the new lines when the edit kept the structure; undefined when a parse is needed. */
export function tryReuse(text: string, previous: NotesDocument): ParseReuse | undefined {
  const lines = splitLines(text);
  if (lines.length !== previous.lineCount) return undefined;
  const changed = changedLines(previous.lines, lines);
  if (changed.end === changed.start) return { doc: previous, changed, reused: true };
  if (!canReuse(previous, lines, changed)) return undefined;
  const doc: NotesDocument = { ...previous, lines };
  reuseBlocks(previous, doc, changed);
  return { doc, changed, reused: true };
}

function canReuse(previous: NotesDocument, lines: readonly string[], changed: { start: number; end: number }): boolean {
  // Only inside one talk's notes, past its field area, and only plain paragraph lines before and after.
  const talk = previous.talks.find((t) => t.notesRange && t.notesRange.start.line <= changed.start && changed.end - 1 <= t.notesRange.end.line);
  if (!talk || !talk.notesRange) return false;
  // The line right after the fields decides where notes start (a speaker line can sit there): keep it out, unless
  // the talk opens with a speaker heading, after which the parser reads no byline (labels need a colon: not plain).
  if (changed.start < talk.notesRange.start.line) return false;
  if (changed.start === talk.notesRange.start.line && !opensWithSpeakerHeading(previous, talk)) return false;
  for (let l = changed.start; l < changed.end; l++) {
    if (!plainLine(previous.lines[l]!) || !plainLine(lines[l]!)) return false;
    if (previous.nonProse.some((r) => r.startLine <= l && l <= r.endLine)) return false;
    // A changed line that ends a setext heading's paragraph (next line `===`/`---`) could change a heading.
    const next = lines[l + 1];
    if (next !== undefined && /^ {0,3}(=+|-+)\s*$/.test(next)) return false;
  }
  // The talk's last line bounds its range: a change there could change the range's end character.
  if (changed.end - 1 >= talk.range.end.line) return false;
  return true;
}

/** Whether the first non-blank line under the talk heading is a sub-heading that reads as a name (parser: hasSpeakerHeading). */
function opensWithSpeakerHeading(doc: NotesDocument, talk: Talk): boolean {
  let line = talk.headingRange.end.line + 1;
  while (line < doc.lineCount && doc.lines[line]!.trim() === '') line++;
  // One of the talk's own field headings (so the parser took it into the run of fields) that reads as a name.
  const heading = talk.fieldHeadings.find((h) => h.range.start.line === line);
  return !!heading && heading.level > talk.heading.level && isNameLike(heading.text);
}
