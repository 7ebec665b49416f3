// A talk as one row of the Talks tree, from one parsed document: its title, speakers, company, words of notes and
// problems. Grouping (grouping.ts), moving between talks (navigation.ts) and new talks (skeleton.ts) build on it.
import type { NotesDocument, Range, Talk } from '../model';
import { runToEnd } from '../scan';

export type TalkState = 'complete' | 'problems' | 'no-notes';

/** One notes file as the tree sees it. */
export interface NotesFile {
  /** Stable key of the file (the URI as a string in the extension). */
  key: string;
  /** Short name for display, e.g. the workspace-relative path. */
  name: string;
  doc: NotesDocument;
  /** Ranges of the file's problems; undefined when the file has not been checked. */
  problems?: readonly { range: Range }[];
}

export interface TalkRow {
  /** Unique within a file and stable while the talk's title does not change. */
  id: string;
  fileKey: string;
  fileName: string;
  conference: string;
  /** Index in NotesDocument.talks. */
  index: number;
  label: string;
  /** `speaker · company`, empty when neither is known. */
  description: string;
  title: string;
  speakers: string[];
  role?: string;
  company?: string;
  /** Words in the talk's notes (outside code blocks and HTML). */
  notesWords: number;
  /** Problems inside the talk; undefined when the file has not been checked. */
  problems?: number;
  state: TalkState;
  /** Line of the talk heading. */
  line: number;
  /** Where the cursor goes on reveal: the start of the heading text. */
  titleRange: Range;
  range: Range;
}

const SEPARATOR = ' · ';
const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Per talk and the lines it was counted in: an incremental parse keeps Talk objects but not the lines. */
const wordCounts = new WeakMap<Talk, { lines: readonly string[]; words: number }>();

/** Words of the talk's notes, skipping code, HTML and front matter. Remembered per parsed talk and text. */
export function notesWordCount(doc: NotesDocument, talk: Talk): number {
  const hit = wordCounts.get(talk);
  if (hit && hit.lines === doc.lines) return hit.words;
  // A model reused after an edit keeps its Talk objects but has new lines: a talk whose lines read the same keeps
  // its count (comparing lines costs far less than counting their words, 2,860 talks a keystroke).
  if (hit && sameLines(hit.lines, doc.lines, talk)) {
    wordCounts.set(talk, { lines: doc.lines, words: hit.words });
    return hit.words;
  }
  const words = countNotesWords(doc, talk);
  wordCounts.set(talk, { lines: doc.lines, words });
  return words;
}

function sameLines(a: readonly string[], b: readonly string[], talk: Talk): boolean {
  const r = talk.notesRange;
  // No notes, no words: nothing to compare.
  if (!r) return true;
  if (a.length !== b.length) return false;
  for (let line = r.start.line; line <= r.end.line && line < b.length; line++) if (a[line] !== b[line]) return false;
  return true;
}

/** Lines inside code, HTML or front matter, per model (a model reused after an edit shares the array). */
const nonProseMasks = new WeakMap<object, Uint8Array>();

function nonProseMask(doc: NotesDocument): Uint8Array {
  let mask = nonProseMasks.get(doc.nonProse);
  if (!mask || mask.length !== doc.lineCount) {
    mask = new Uint8Array(doc.lineCount);
    for (const b of doc.nonProse) mask.fill(1, b.startLine, Math.min(b.endLine + 1, doc.lineCount));
    nonProseMasks.set(doc.nonProse, mask);
  }
  return mask;
}

/** Words per line of notes, by the line's text: an edit recounts the edited lines only. */
const lineWords = new Map<string, number>();

function wordsOfLine(text: string): number {
  let n = lineWords.get(text);
  if (n === undefined) {
    // Link targets are not words the note-taker wrote.
    n = countWords(text.replace(/\]\([^)]*\)/g, ']'));
    if (lineWords.size >= 100_000) lineWords.clear();
    lineWords.set(text, n);
  }
  return n;
}

function countNotesWords(doc: NotesDocument, talk: Talk): number {
  const r = talk.notesRange;
  if (!r) return 0;
  const mask = nonProseMask(doc);
  let words = 0;
  for (let line = r.start.line; line <= r.end.line && line < doc.lines.length; line++) {
    if (mask[line]) continue;
    let text = doc.lines[line] ?? '';
    if (line === r.end.line) text = text.slice(0, r.end.character);
    if (line === r.start.line) text = text.slice(r.start.character);
    words += wordsOfLine(text);
  }
  return words;
}

export function conferenceName(doc: NotesDocument, fileName: string): string {
  if (doc.conference) return doc.conference;
  if (doc.title?.text) return doc.title.text;
  const base = fileName.split('/').pop() ?? fileName;
  return base.replace(/\.(md|markdown|mdown|mkd)$/i, '');
}

export function speakerNames(talk: Talk): string[] {
  const names = talk.speakers.map((s) => s.text.trim()).filter((s) => s.length > 0);
  if (names.length === 0 && talk.speaker?.text.trim()) names.push(talk.speaker.text.trim());
  return names;
}


/** The non-empty parts, joined as a row's description shows them. */
export function joinDescription(...parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => !!p && p.trim().length > 0).join(SEPARATOR);
}

/** Rows of files without problem data, per parsed document: the index keeps documents until they change. */
interface RowsEntry {
  doc: NotesDocument;
  key: string;
  name: string;
  rows: TalkRow[];
}
const unchecked = new WeakMap<NotesDocument, RowsEntry>();
/**
 * Rows of open files, per list of problems (the client keeps one list until the findings change): built once for a
 * document and its problems, so rows made in steps (talkRowsSteps) are found by the build that follows.
 */
const checked = new WeakMap<object, RowsEntry>();

/** Talks per step of talkRowsSteps. */
const ROWS_PER_STEP = 250;

/** The rows already made for this file, if any (talkRows then costs nothing). */
export function cachedTalkRows(file: NotesFile): TalkRow[] | undefined {
  const hit = file.problems ? checked.get(file.problems) : unchecked.get(file.doc);
  return hit && hit.doc === file.doc && hit.key === file.key && hit.name === file.name ? hit.rows : undefined;
}

/** One row per talk, in document order. Sections that are not talks have no row. */
export function talkRows(file: NotesFile): TalkRow[] {
  return runToEnd(talkRowsSteps(file));
}

/**
 * talkRows as resumable steps (a few hundred talks each), for a host that must not build thousands of rows in one
 * go; the rows are remembered as talkRows would remember them.
 */
export function* talkRowsSteps(file: NotesFile): Generator<void, TalkRow[]> {
  const hit = cachedTalkRows(file);
  if (hit) return hit;
  const rows = yield* computeRows(file);
  const entry: RowsEntry = { doc: file.doc, key: file.key, name: file.name, rows };
  if (file.problems) checked.set(file.problems, entry);
  else unchecked.set(file.doc, entry);
  return rows;
}

/** The last row made of each talk (rows are never changed once made; a row's every field derives from its talk or is checked). */
const lastRow = new WeakMap<Talk, TalkRow>();

function* computeRows(file: NotesFile): Generator<void, TalkRow[]> {
  const { doc } = file;
  const conference = conferenceName(doc, file.name);
  const seen = new Map<string, number>();
  // Problems per talk by counting per line once (prefix sums), not by scanning every problem for every talk.
  let before: Int32Array | undefined;
  if (file.problems) {
    before = new Int32Array(doc.lineCount + 1);
    for (const p of file.problems) {
      const line = p.range.start.line;
      if (line >= 0 && line < doc.lineCount) before[line + 1]!++;
    }
    for (let l = 1; l <= doc.lineCount; l++) before[l]! += before[l - 1]!;
  }
  const problemsIn = (range: Range): number => before![Math.min(range.end.line + 1, doc.lineCount)]! - before![Math.min(range.start.line, doc.lineCount)]!;
  const rows: TalkRow[] = [];
  for (const talk of doc.talks) {
    if (rows.length % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    rows.push(rowOf(talk));
  }
  return rows;

  function rowOf(talk: Talk): TalkRow {
    const problems = before ? problemsIn(talk.range) : undefined;
    // A talk with no notes says so even when lint also flags it: that is the more useful thing to see.
    const state: TalkState = !talk.hasNotes ? 'no-notes' : problems ? 'problems' : 'complete';
    const n = (seen.get(talk.title) ?? 0) + 1;
    seen.set(talk.title, n);
    const id = `${file.key}#${talk.title}${n > 1 ? `#${n}` : ''}`;
    const notesWords = notesWordCount(doc, talk);
    // A talk carried over into the next version's model (typing elsewhere) keeps its row when nothing in it changed.
    const last = lastRow.get(talk);
    if (last && last.id === id && last.fileName === file.name && last.conference === conference && last.notesWords === notesWords && last.problems === problems && last.state === state) return last;
    const speakers = speakerNames(talk);
    const company = talk.company?.text.trim() || undefined;
    const role = talk.role?.text.trim() || undefined;
    const row: TalkRow = {
      id,
      fileKey: file.key,
      fileName: file.name,
      conference,
      index: talk.index,
      label: talk.title,
      description: joinDescription(speakers.join(', '), company),
      title: talk.title,
      speakers,
      role,
      company,
      notesWords,
      problems,
      state,
      line: talk.headingRange.start.line,
      titleRange: talk.heading.textRange,
      range: talk.range,
    };
    lastRow.set(talk, row);
    return row;
  }
}

/** The tooltip's lines, for a Markdown tooltip or plain text. */
export function tooltipLines(row: TalkRow): Array<{ label: string; value: string }> {
  const lines = [
    { label: 'Title', value: row.title },
    { label: row.speakers.length > 1 ? 'Speakers' : 'Speaker', value: row.speakers.join(', ') || '(none)' },
    { label: 'Role', value: row.role ?? '(none)' },
    { label: 'Company', value: row.company ?? '(none)' },
    { label: 'Notes', value: row.notesWords === 1 ? '1 word' : `${row.notesWords} words` },
    {
      label: 'Problems',
      value: row.problems === undefined ? 'not checked (file not open)' : String(row.problems),
    },
  ];
  return lines;
}

/** Lower case without accents and with single spaces, for matching and grouping names. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
