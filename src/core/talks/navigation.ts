// Moving between talks: the talk at a line, the next and the previous one, and talks and speakers by name (Ctrl+T).
import type { NotesDocument, Range, Talk } from '../model';
import { conferenceName, joinDescription, normalizeName, speakerNames, type NotesFile } from './rows';

/** Whether the line is one of the range's. */
export function holdsLine(range: Range, line: number): boolean {
  return line >= range.start.line && line <= range.end.line;
}

/** The talk whose range holds the line; undefined in sections that are not talks. */
export function talkAt(doc: NotesDocument, line: number): Talk | undefined {
  const at = talkIndexByLine(doc.talks);
  const index = line >= 0 && line < at.length ? at[line]! : -1;
  return index >= 0 ? doc.talks[index] : undefined;
}

/** Per talks array (an edit inside a talk's notes keeps it): each line's first talk holding it, or -1. */
const lineIndexes = new WeakMap<readonly Talk[], Int32Array>();

/**
 * The Talks view asks on every cursor move, and a big file has thousands of talks. Talks can nest (a keynote block
 * around its talks): filled from the last talk to the first, so the first holding a line wins, as a search would.
 */
function talkIndexByLine(talks: readonly Talk[]): Int32Array {
  let at = lineIndexes.get(talks);
  if (at) return at;
  let lines = 0;
  for (const t of talks) lines = Math.max(lines, t.range.end.line + 1);
  at = new Int32Array(lines).fill(-1);
  for (let i = talks.length - 1; i >= 0; i--) {
    const range = talks[i]!.range;
    at.fill(i, Math.max(0, range.start.line), range.end.line + 1);
  }
  lineIndexes.set(talks, at);
  return at;
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
