// Names a workspace of notes establishes, for the spelling check of every file in it (`LintConfig.names`): the
// speakers and companies of every file, and the words several talks write capitalised mid-sentence and never in
// lower case (the people and products a conference keeps mentioning). A conference's people are learnt once.
import type { NotesDocument } from '../model';
import { tokenize, knownWordsOf } from './tokenize';
import { startsSentence } from './sentence';
import { MARKDOWN_LIMITS } from '../limits';
import { runToEnd } from '../scan';

/** What one document contributes (computed once per document model). */
export interface DocumentNames {
  /** Lower-case words of its speakers and companies. */
  fields: Set<string>;
  /** Capitalised words used mid-sentence (as written, possessive dropped) -> the talks (indexes) using them. */
  capitalised: Map<string, Set<number>>;
  /** Lower-case words it writes in lower case somewhere (a capitalised word also written so is no name). */
  lowerCase: Set<string>;
}

/** Talks that must write a word capitalised before the workspace takes it as a name. */
export const MIN_NAME_TALKS = 2;
/** Lines read per document at most (a huge file is judged on its first part). */
const MAX_LINES = 20000;

const cache = new WeakMap<NotesDocument, DocumentNames>();

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && /\p{Ll}/u.test(word);
}

/** The names one document establishes. */
export function documentNames(doc: NotesDocument): DocumentNames {
  return runToEnd(documentNamesSteps(doc));
}

/** `documentNames` as resumable steps (a step every few hundred lines), for the editor to spread over turns. */
export function* documentNamesSteps(doc: NotesDocument): Generator<void, DocumentNames> {
  const hit = cache.get(doc);
  if (hit) return hit;
  const fields = new Set<string>();
  for (const talk of doc.talks) {
    for (const f of [talk.speaker, talk.company, ...talk.speakers]) if (f) for (const w of knownWordsOf(f.text)) fields.add(w);
  }
  for (const text of [doc.frontMatter?.speaker, doc.frontMatter?.company]) if (text) for (const w of knownWordsOf(text)) fields.add(w);
  const capitalised = new Map<string, Set<number>>();
  const lowerCase = new Set<string>();
  // Which talk each line belongs to (-1 before the first talk).
  const talkOf = new Int32Array(Math.min(doc.lines.length, MAX_LINES)).fill(-1);
  for (const talk of doc.talks) {
    for (let l = talk.range.start.line; l <= talk.range.end.line && l < talkOf.length; l++) talkOf[l] = talk.index;
  }
  const code = new Uint8Array(talkOf.length);
  for (const r of doc.nonProse) for (let l = r.startLine; l <= r.endLine && l < code.length; l++) code[l] = 1;
  for (let l = 0; l < talkOf.length; l++) {
    if ((l & 255) === 255) yield;
    const line = doc.lines[l]!;
    // Code, and lines beyond the limits of the checks (not checked, and costly to read word by word).
    if (code[l] || line.length > MARKDOWN_LIMITS.lineLength) continue;
    for (const t of tokenize(line)) {
      const w = t.text.replace(/['\u2019]s$/i, '');
      if (w === w.toLowerCase()) {
        lowerCase.add(w);
        continue;
      }
      if (!isCapitalised(w) || startsSentence(line, t.offset)) continue;
      let talks = capitalised.get(w);
      if (!talks) capitalised.set(w, (talks = new Set()));
      talks.add(talkOf[l]!);
    }
  }
  const names = { fields, capitalised, lowerCase };
  cache.set(doc, names);
  return names;
}

/**
 * The names of a workspace's notes, for `LintConfig.names`: every file's speakers and companies, and the words
 * written capitalised mid-sentence in `minTalks` talks or more (across its files) and in lower case in none.
 * Sorted, so that the same workspace gives the same list.
 */
export function workspaceNames(docs: Iterable<NotesDocument>, minTalks = MIN_NAME_TALKS, speller?: { isNearMiss?(word: string): boolean; listedCorrections?(word: string): string[] | undefined }): string[] {
  const out = new Set<string>();
  const talks = new Map<string, number>();
  const lower = new Set<string>();
  for (const doc of docs) {
    const n = documentNames(doc);
    for (const w of n.fields) out.add(w);
    for (const w of n.lowerCase) lower.add(w);
    for (const [w, t] of n.capitalised) talks.set(w, (talks.get(w) ?? 0) + t.size);
  }
  // A typo repeated in several talks (`Martics`, one typo from Metrics) is no name: with a speller, near misses
  // of common words and listed misspellings are left out.
  for (const [w, count] of talks) {
    if (count < minTalks || lower.has(w.toLowerCase())) continue;
    if (speller && (speller.isNearMiss?.(w) === true || speller.listedCorrections?.(w) !== undefined)) continue;
    out.add(w);
  }
  return [...out].sort();
}
