// Re-parsing after an edit without redoing the whole document: an edit that only changes plain notes lines
// (same line count, no heading, fence, list, label or speaker line involved, outside every talk's field area)
// cannot change the structure, so the previous model is reused with the new lines.
import type { NotesDocument, Talk } from './model';
import type { LineSpan } from './rules/types';
import { isNameLike } from './lexicon';
import { parseNotes, type ParseOptions } from './parser';
import { fenceOpening, splitLines } from './scan';
import { reuseBlocks } from './blocks';
import { carryCommentLines } from './commentLines';
import { NEARBY_LINES } from './parse/fieldArea';

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
export function changedLines(a: readonly string[], b: readonly string[]): { start: number; end: number } {
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

/**
 * The new text's lines when the caller has them without splitting the whole text (an editor that receives the
 * changed lines only): `lines` are what splitLines(text) gives, and every line outside `changed` equals the previous
 * model's line at the same index (`changed` may be wider than what changed: the lines there are compared).
 */
export interface KnownLines {
  lines: string[];
  changed: { start: number; end: number };
}

/** A text, or how to get it when it is needed (an editor's document joined from its lines only then). */
export type TextSource = string | (() => string);

export function textOf(text: TextSource): string {
  return typeof text === 'string' ? text : text();
}

export function parseIncremental(text: TextSource, previous: NotesDocument | undefined, options: ParseOptions = {}, known?: KnownLines): ParseReuse {
  const reuse = previous && tryReuse(text, previous, known);
  if (reuse) return reuse;
  const doc = parseNotes(textOf(text), options);
  return { doc, changed: { start: 0, end: doc.lineCount }, reused: false };
}

/** `changedLines` when only lines [within.start, within.end) can differ. */
function changedLinesWithin(a: readonly string[], b: readonly string[], within: { start: number; end: number }): { start: number; end: number } {
  let start = Math.max(0, within.start);
  let end = Math.min(a.length, within.end);
  while (start < end && a[start] === b[start]) start++;
  if (start >= end) return { start: 0, end: 0 };
  while (end > start && a[end - 1] === b[end - 1]) end--;
  return { start, end };
}

/**
 * The previous model with the new lines when the edit kept the structure; undefined when a parse is needed. With
 * `known` (see KnownLines), the text is not split and only the lines it names are compared.
 */
export function tryReuse(text: TextSource, previous: NotesDocument, known?: KnownLines): ParseReuse | undefined {
  const lines = known ? known.lines : splitLines(textOf(text));
  if (lines.length !== previous.lineCount) return undefined;
  const changed = known ? changedLinesWithin(previous.lines, lines, known.changed) : changedLines(previous.lines, lines);
  if (changed.end === changed.start) return { doc: previous, changed, reused: true };
  const talk = reusableTalk(previous, lines, changed);
  if (!talk) return appendedToTalk(previous, lines, changed);
  const last = talk.range.end.line;
  // The talk's last line changed (and stays a non-blank plain line): only the end character of its range moves.
  const doc = changed.end - 1 >= last ? endTalkAt(previous, lines, talk, last) : { ...previous, lines };
  reuseBlocks(previous, doc, changed);
  carryCommentLines(previous.lines, lines, changed);
  return { doc, changed, reused: true };
}

/**
 * Notes written on the blank lines after a talk's last line (how notes are taken: the first key of a new line), when
 * that cannot change the structure: the talk and its notes (and a group section ending with it) now end at the last
 * changed line; the rest is shared. Undefined when a parse is needed.
 */
function appendedToTalk(previous: NotesDocument, lines: string[], changed: { start: number; end: number }): ParseReuse | undefined {
  const talk = previous.talks.find((t) => t.notesRange && t.range.end.line < changed.start && (previous.talks[t.index + 1]?.range.start.line ?? Infinity) >= changed.end);
  if (!talk || !talk.notesRange || !talk.hasNotes) return undefined;
  const last = talk.range.end.line;
  if (talk.notesRange.end.line !== last) return undefined;
  // Only blank lines between the talk's last line and the edit, before and after it; the edit writes plain lines.
  for (let l = last + 1; l < changed.end; l++) if (previous.lines[l]!.trim() !== '') return undefined;
  for (let l = last + 1; l < changed.start; l++) if (lines[l]!.trim() !== '') return undefined;
  for (let l = changed.start; l < changed.end; l++) if (!plainLine(lines[l]!)) return undefined;
  // What follows: a blank line, an ATX heading or the end (not a setext underline, code, a list, a table...).
  const after = lines[changed.end];
  if (after !== undefined && after.trim() !== '' && !/^ {0,3}#{1,6}(?:[ \t]|$)/.test(after)) return undefined;
  // Nothing that is not prose touches it (an HTML block runs on to the next blank line), no heading or section
  // starts within it, and no speaker can be read there (the first lines of notes below a head without one).
  if (previous.nonProse.some((r) => r.endLine >= last && r.startLine <= changed.end)) return undefined;
  if (previous.headings.some((h) => h.range.start.line > last && h.range.start.line < changed.end)) return undefined;
  if (previous.sections.some((sec) => sec.range.start.line > last && sec.range.start.line < changed.end)) return undefined;
  if (speakerMayBeReadBefore(previous, talk, last + 1)) return undefined;
  let newLast = changed.end - 1;
  while (newLast > last && lines[newLast]!.trim() === '') newLast--;
  const doc = endTalkAt(previous, lines, talk, newLast);
  // The lines between the old end and the edit are checked again with it (a block's end moved).
  const span = { start: last, end: changed.end };
  reuseBlocks(previous, doc, span);
  carryCommentLines(previous.lines, lines, span);
  return { doc, changed: span, reused: true };
}

/**
 * The previous model with the new lines and the talk (its range and notes, and a group section ending with it) ending
 * at the end of line `line`: new objects for those, the rest shared.
 */
function endTalkAt(previous: NotesDocument, lines: string[], talk: Talk, line: number): NotesDocument {
  const last = talk.range.end.line;
  const end = { line, character: lines[line]!.length };
  const talks = previous.talks.slice();
  talks[talk.index] = { ...talk, range: { start: talk.range.start, end }, notesRange: { start: talk.notesRange!.start, end } };
  const sections = previous.sections.map((section) => (section.range.end.line === last ? { ...section, range: { start: section.range.start, end } } : section));
  return { ...previous, lines, talks, sections };
}

/**
 * Whether the parser may read the talk's speaker from a line of its notes before `line`: with no speaker above its
 * notes, it looks for a person in their first NEARBY_LINES non-blank lines. An edit there must parse again.
 */
function speakerMayBeReadBefore(previous: NotesDocument, talk: Talk, line: number): boolean {
  const notes = talk.notesRange!;
  if (talk.speaker && talk.speaker.lineRange.start.line < notes.start.line) return false;
  let nonBlank = 0;
  for (let l = notes.start.line; l < line && nonBlank <= NEARBY_LINES; l++) if (previous.lines[l]!.trim() !== '') nonBlank++;
  return nonBlank <= NEARBY_LINES;
}

/** The talk whose notes hold every changed line, when the edit cannot change the structure; else undefined. */
function reusableTalk(previous: NotesDocument, lines: readonly string[], changed: { start: number; end: number }): Talk | undefined {
  // Only inside one talk's notes, past its field area, and only plain paragraph lines before and after.
  const talk = previous.talks.find((t) => t.notesRange && t.notesRange.start.line <= changed.start && changed.end - 1 <= t.notesRange.end.line);
  if (!talk || !talk.notesRange) return undefined;
  // The line right after the fields decides where notes start (a speaker line can sit there): keep it out, unless
  // the talk opens with a speaker heading, after which the parser reads no byline (labels need a colon: not plain).
  if (changed.start < talk.notesRange.start.line) return undefined;
  if (changed.start === talk.notesRange.start.line && !opensWithSpeakerHeading(previous, talk)) return undefined;
  // A speaker may be read from a line a few lines into the notes (after a date or a quote), or from the abstract of a
  // one-talk file: a changed line holding a field, or near the talk's start, can change the fields.
  const fieldLines = [talk.speaker, talk.role, talk.company, ...talk.speakers].map((f) => f?.lineRange.start.line);
  for (let l = changed.start; l < changed.end; l++) if (fieldLines.includes(l)) return undefined;
  if (speakerMayBeReadBefore(previous, talk, changed.start)) return undefined;
  // Inside a code block (not its first or last line), a line that stays a line of that block changes nothing else:
  // notes with a pasted log or listing of thousands of lines are re-parsed for every key otherwise.
  const code = previous.nonProse.find((r) => r.kind === 'code' && r.startLine < changed.start && changed.end - 1 < r.endLine);
  if (code) return codeLinesOnly(previous, lines, changed, code) ? talk : undefined;
  for (let l = changed.start; l < changed.end; l++) {
    if (!plainLine(previous.lines[l]!) || !plainLine(lines[l]!)) return undefined;
    if (previous.nonProse.some((r) => r.startLine <= l && l <= r.endLine)) return undefined;
    // A changed line that ends a setext heading's paragraph (next line `===`/`---`) could change a heading.
    const next = lines[l + 1];
    if (next !== undefined && /^ {0,3}(=+|-+)\s*$/.test(next)) return undefined;
  }
  return talk;
}

/** An indented code line: four spaces or a tab in, not blank (a blank line could end the block). */
const INDENTED_CODE = /^(?: {4}|\t|  ?\t| {3}\t)(?=.*\S)/;

/**
 * Whether the changed lines, old and new, are lines of the code block `code` that cannot end it or open another: in a
 * fenced block, no line that could close its fence; in an indented block, indented non-blank lines.
 */
function codeLinesOnly(previous: NotesDocument, lines: readonly string[], changed: { start: number; end: number }, code: { startLine: number; endLine: number }): boolean {
  const fence = fenceOpening(previous.lines[code.startLine]!);
  for (let l = changed.start; l < changed.end; l++) {
    for (const line of [previous.lines[l]!, lines[l]!]) {
      if (fence ? fence.close.test(line) : !INDENTED_CODE.test(line)) return false;
    }
  }
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

/** A change event's shape, as LSP's incremental TextDocumentContentChangeEvent and VS Code's both have it. */
export interface LineChange {
  range?: { start: { line: number }; end: { line: number } };
  text: string;
}

/**
 * The lines of the text after `changes` (applied in order, as TextDocument.update does) that may differ from the
 * text before, as [start, end) of the new text; undefined when a change replaces the whole text. A superset is fine
 * (the lines in it are compared); lines outside it are the old lines at the same index, if the line count stayed.
 */
export function changedLineSpan(lineCount: number, changes: readonly LineChange[]): LineSpan | undefined {
  let span: LineSpan | undefined;
  let count = lineCount;
  // Lines as TextDocument.update clamps them (a position past the end is the end).
  const clamp = (line: number): number => Math.max(0, Math.min(line, count - 1));
  for (const change of changes) {
    if (!('range' in change) || !change.range) return undefined;
    const a = clamp(Math.min(change.range.start.line, change.range.end.line));
    const b = clamp(Math.max(change.range.start.line, change.range.end.line));
    let breaks = 0;
    for (let i = 0; i < change.text.length; i++) {
      const c = change.text.charCodeAt(i);
      if (c === 10) breaks++;
      else if (c === 13) {
        breaks++;
        if (change.text.charCodeAt(i + 1) === 10) i++;
      }
    }
    // Old lines a..b become new lines a..a+breaks; those after b move by `delta`.
    const delta = breaks - (b - a);
    count += delta;
    if (!span) span = { start: a, end: a + breaks + 1 };
    else span = { start: Math.min(span.start, a), end: Math.max(span.end > b + 1 ? span.end + delta : span.end, a + breaks + 1) };
  }
  return span;
}
