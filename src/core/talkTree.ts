// The Talks tree as pure data: rows for one document, groups across files, filtering, the talk at a
// line, and the "new talk" skeleton. The VS Code glue (src/vscode/talksView.ts) only adapts these.
import type { Layout, NotesDocument, Range, Talk } from './model';

export type TalkState = 'complete' | 'problems' | 'no-notes';
export type GroupBy = 'conference' | 'speaker' | 'company';

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

export interface TalkNode {
  kind: 'talk';
  /** Unique in the whole tree (a talk may appear under several speakers). */
  id: string;
  row: TalkRow;
  label: string;
  /** Description fitting the grouping (e.g. under a speaker, the conference is shown instead of the speaker). */
  description: string;
}

export interface GroupNode {
  kind: 'group';
  id: string;
  groupBy: GroupBy;
  label: string;
  description: string;
  /** For a conference group: the file's key. */
  fileKey?: string;
  children: TalkNode[];
}

export type TreeNode = GroupNode | TalkNode;

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
  const words = countNotesWords(doc, talk);
  wordCounts.set(talk, { lines: doc.lines, words });
  return words;
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

function joinDescription(...parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => !!p && p.trim().length > 0).join(SEPARATOR);
}

function contains(range: Range, line: number): boolean {
  return line >= range.start.line && line <= range.end.line;
}

/** Rows of files without problem data, per parsed document: the index keeps documents until they change. */
const unchecked = new WeakMap<NotesDocument, { key: string; name: string; rows: TalkRow[] }>();

/** One row per talk, in document order. Sections that are not talks have no row. */
export function talkRows(file: NotesFile): TalkRow[] {
  if (file.problems) return computeRows(file);
  const hit = unchecked.get(file.doc);
  if (hit && hit.key === file.key && hit.name === file.name) return hit.rows;
  const rows = computeRows(file);
  unchecked.set(file.doc, { key: file.key, name: file.name, rows });
  return rows;
}

function computeRows(file: NotesFile): TalkRow[] {
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
  return doc.talks.map((talk) => {
    const speakers = speakerNames(talk);
    const company = talk.company?.text.trim() || undefined;
    const role = talk.role?.text.trim() || undefined;
    const problems = before ? problemsIn(talk.range) : undefined;
    // A talk with no notes says so even when lint also flags it: that is the more useful thing to see.
    const state: TalkState = !talk.hasNotes ? 'no-notes' : problems ? 'problems' : 'complete';
    const n = (seen.get(talk.title) ?? 0) + 1;
    seen.set(talk.title, n);
    return {
      id: `${file.key}#${talk.title}${n > 1 ? `#${n}` : ''}`,
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
      notesWords: notesWordCount(doc, talk),
      problems,
      state,
      line: talk.headingRange.start.line,
      titleRange: talk.heading.textRange,
      range: talk.range,
    };
  });
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

/** Every whitespace-separated term of the filter must occur in the title, a speaker or the company. */
export function matchesFilter(row: TalkRow, filter: string): boolean {
  const terms = normalizeName(filter).split(' ').filter((t) => t.length > 0);
  if (terms.length === 0) return true;
  const haystack = normalizeName([row.title, ...row.speakers, row.company ?? ''].join('\n'));
  return terms.every((t) => haystack.includes(t));
}

export function filterRows(rows: readonly TalkRow[], filter: string): TalkRow[] {
  return rows.filter((r) => matchesFilter(r, filter));
}

function byName(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
}

/** Talk nodes of a single file, no groups. */
export function fileNodes(rows: readonly TalkRow[]): TalkNode[] {
  return rows.map((row) => ({ kind: 'talk', id: row.id, row, label: row.label, description: row.description }));
}

/**
 * Groups talks of several files. Conferences keep the files' order and talks their document order;
 * speakers and companies are sorted by name, and talks under them by conference then document order.
 * Groups left empty by the filter are dropped.
 */
export function groupTalks(files: readonly NotesFile[], groupBy: GroupBy, filter = ''): GroupNode[] {
  const perFile = files.map((f) => ({ file: f, rows: filterRows(talkRows(f), filter) }));
  if (groupBy === 'conference') {
    return perFile
      .filter((p) => p.rows.length > 0)
      .map(({ file, rows }) => {
        const id = `conference:${file.key}`;
        return {
          kind: 'group',
          id,
          groupBy,
          label: rows[0]?.conference ?? conferenceName(file.doc, file.name),
          description: file.name,
          fileKey: file.key,
          children: rows.map((row) => ({
            kind: 'talk',
            id: `${id}/${row.id}`,
            row,
            label: row.label,
            description: row.description,
          })),
        } satisfies GroupNode;
      });
  }

  const groups = new Map<string, { label: string; rows: TalkRow[] }>();
  const add = (name: string, row: TalkRow): void => {
    const key = normalizeName(name);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label: name, rows: [] }));
    if (!g.rows.includes(row)) g.rows.push(row);
  };
  const none = groupBy === 'speaker' ? '(no speaker)' : '(no company)';
  for (const { rows } of perFile) {
    for (const row of rows) {
      if (groupBy === 'speaker') {
        if (row.speakers.length === 0) add(none, row);
        for (const s of row.speakers) add(s, row);
      } else {
        add(row.company ?? none, row);
      }
    }
  }
  const entries = [...groups.entries()].sort(([ka, a], [kb, b]) => {
    // The "(no …)" group goes last.
    const na = ka === none ? 1 : 0;
    const nb = kb === none ? 1 : 0;
    return na - nb || byName(a.label, b.label);
  });
  return entries.map(([key, g]) => {
    const id = `${groupBy}:${key}`;
    const conferences = new Set(g.rows.map((r) => r.conference));
    return {
      kind: 'group',
      id,
      groupBy,
      label: g.label,
      description: describeGroup(g.rows.length, conferences.size),
      children: g.rows.map((row) => ({
        kind: 'talk',
        id: `${id}/${row.id}`,
        row,
        label: row.label,
        // Under a speaker the speaker is known: show where and for whom; under a company, who and where.
        description:
          groupBy === 'speaker'
            ? joinDescription(row.conference, row.company)
            : joinDescription(row.speakers.join(', '), row.conference),
      })),
    } satisfies GroupNode;
  });
}

function describeGroup(talks: number, conferences: number): string {
  const t = talks === 1 ? '1 talk' : `${talks} talks`;
  return conferences > 1 ? `${t} at ${conferences} conferences` : t;
}

/** The talk whose range holds the line; undefined in sections that are not talks. */
export function talkAt(doc: NotesDocument, line: number): Talk | undefined {
  return doc.talks.find((t) => contains(t.range, line));
}

/** The first talk whose heading is below the line. */
export function nextTalk(doc: NotesDocument, line: number): Talk | undefined {
  return doc.talks.find((t) => t.headingRange.start.line > line);
}

/** The talk before the one at the line; outside a talk, the last talk above the line. */
export function previousTalk(doc: NotesDocument, line: number): Talk | undefined {
  const current = talkAt(doc, line);
  if (current) return current.index > 0 ? doc.talks[current.index - 1] : undefined;
  let found: Talk | undefined;
  for (const t of doc.talks) if (t.headingRange.start.line < line) found = t;
  return found;
}

// ---- The "new talk" skeleton -------------------------------------------------------------------------

function heading(level: number, text: string): string {
  return `${'#'.repeat(Math.min(Math.max(level, 1), 6))} ${text}`;
}

function label(style: Layout['labelStyle'], name: string, value: string): string {
  switch (style) {
    case 'plain':
      return `${name}: ${value}`;
    case 'list':
      return `- ${name}: ${value}`;
    case 'italic':
      return `*${name}:* ${value}`;
    case 'bold':
    default:
      return `**${name}:** ${value}`;
  }
}

/**
 * A talk in the document's own layout as a VS Code snippet: tab stops for title, speaker, role and
 * company, then the notes. Ends with a newline.
 */
export function talkSkeleton(layout: Layout, firstTabStop = 1): string {
  const level = layout.talkLevel;
  const stop = (n: number, text: string): string => `\${${n + firstTabStop - 1}:${text}}`;
  const title = stop(1, 'Talk title');
  const speaker = stop(2, 'Speaker');
  const role = stop(3, 'Role');
  const company = stop(4, 'Company');
  const notes = '${0:Notes}';
  let lines: string[];
  switch (layout.fieldStyle) {
    case 'label':
      lines = [
        heading(level, title),
        '',
        label(layout.labelStyle, 'Speaker', speaker),
        // Bold/italic/plain labels on consecutive lines would run together into one paragraph.
        ...(layout.labelStyle === 'list' ? [] : ['']),
        label(layout.labelStyle, 'Role', role),
        ...(layout.labelStyle === 'list' ? [] : ['']),
        label(layout.labelStyle, 'Company', company),
        '',
        notes,
      ];
      break;
    case 'title':
      lines = [heading(level, `${title} — ${speaker} (${company})`), '', notes];
      break;
    case 'byline':
      lines = [heading(level, title), `${speaker} - ${role} @ ${company}`, '', notes];
      break;
    case 'heading':
    case 'none':
    default: {
      const f = layout.fieldStyle === 'heading' ? layout.fieldLevels : { speaker: level + 1, role: level + 2, company: level + 2 };
      lines = [
        heading(level, title),
        heading(f.speaker, speaker),
        '',
        heading(f.role, role),
        '',
        heading(f.company, company),
        '',
        notes,
      ];
    }
  }
  return lines.join('\n') + '\n';
}

/** The layout of the bundled sample, for new notes files. */
export const DEFAULT_LAYOUT: Layout = {
  talkLevel: 2,
  fieldStyle: 'heading',
  fieldLevels: { speaker: 3, role: 4, company: 4 },
  labelStyle: 'bold',
};

/** A new notes file: the conference title, then a first talk; as a snippet. */
export function notesSkeleton(layout: Layout = DEFAULT_LAYOUT): string {
  return '# Notes from ${1:Conference name}\n\n' + talkSkeleton(layout, 2);
}

export interface SkeletonInsertion {
  /** Where to insert (a line start, or the end of the last line). */
  position: { line: number; character: number };
  snippet: string;
}

/**
 * Where a new talk goes for a cursor on `line`: after the talk or section the cursor is in (before the
 * first talk when the cursor is above every heading), with one blank line around it.
 */
export function newTalkInsertion(doc: NotesDocument, line: number): SkeletonInsertion {
  const blocks = [...doc.talks.map((t) => t.range), ...doc.sections.map((s) => s.range)];
  const block = blocks.find((r) => contains(r, line));
  let at: number;
  if (block) at = block.end.line + 1;
  else if (doc.talks[0] && doc.talks[0].headingRange.start.line > line) at = doc.talks[0].headingRange.start.line;
  else at = doc.lines.length;
  const floor = block ? block.start.line + 1 : 0;
  const blank = (l: number): boolean => (doc.lines[l] ?? '').trim() === '';
  // Insert before the blank lines that close the block, so they keep separating the new talk from what follows.
  while (at > floor && at - 1 < doc.lines.length && blank(at - 1)) at--;
  const skeleton = talkSkeleton(doc.layout);
  if (at >= doc.lines.length) {
    // The last line has text and no line break after it.
    const last = Math.max(doc.lines.length - 1, 0);
    return { position: { line: last, character: (doc.lines[last] ?? '').length }, snippet: '\n\n' + skeleton };
  }
  const prefix = at > 0 && !blank(at - 1) ? '\n' : '';
  const suffix = blank(at) ? '' : '\n';
  return { position: { line: at, character: 0 }, snippet: prefix + skeleton + suffix };
}

// ---- Symbols for Ctrl+T ----------------------------------------------------------------------------

export interface TalkSymbol {
  kind: 'talk' | 'speaker';
  name: string;
  /** For a talk: `speaker · conference`; for a speaker: the talk's title. */
  container: string;
  fileKey: string;
  range: Range;
}

/** The query's characters appear in the text in order (case and accent insensitive), as VS Code's own filter expects. */
export function fuzzyMatches(query: string, text: string): boolean {
  const q = normalizeName(query).replace(/\s/g, '');
  if (q.length === 0) return true;
  const t = normalizeName(text);
  let i = 0;
  for (const ch of t) if (ch === q[i] && ++i === q.length) return true;
  return false;
}

/** Talks by title and speakers by name whose names match the query, files in order. */
export function talkSymbols(files: readonly NotesFile[], query: string): TalkSymbol[] {
  const out: TalkSymbol[] = [];
  for (const file of files) {
    const conference = conferenceName(file.doc, file.name);
    for (const talk of file.doc.talks) {
      if (fuzzyMatches(query, talk.title)) {
        out.push({ kind: 'talk', name: talk.title, container: joinDescription(speakerNames(talk).join(', '), conference), fileKey: file.key, range: talk.heading.textRange });
      }
      const speakers = talk.speakers.length > 0 ? talk.speakers : talk.speaker ? [talk.speaker] : [];
      for (const s of speakers) {
        if (s.text.trim() && fuzzyMatches(query, s.text)) {
          out.push({ kind: 'speaker', name: s.text.trim(), container: talk.title, fileKey: file.key, range: s.range });
        }
      }
    }
  }
  return out;
}
