// The `spelling` rule: unknown words in the prose of a notes file (headings, paragraphs, list items, quotes,
// table cells, link and image text), with "Change to" fixes. Names the document establishes (speakers, roles,
// companies, the conference) are known throughout it.
import type { Html, Image, Parent } from 'mdast';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import { blockTrees } from '../blocks';
import type { Finding, Fix, NotesDocument, Range, TextEdit } from '../model';
import { nodeSource, type ProseRun } from '../rules/shared/prose';
import type { LineSpan, Rule, Speller } from '../rules/types';
import { camelParts, hasInnerCapital, isAcronym, knownWordsOf, tokenize } from './tokenize';

export const SPELLING_RULE_ID = 'spelling';
const MAX_FIXES = 5;
/** Tokens longer than this are not checked (the longest English words have about 45 letters). */
const MAX_WORD_LENGTH = 50;

/** A speller that can tell how far ahead its best suggestion is (EnglishSpeller); others just list. */
interface ScoringSpeller extends Speller {
  suggestScored(word: string, max?: number): Array<{ word: string; score: number }>;
}

function hasScores(s: Speller): s is ScoringSpeller {
  return typeof (s as Partial<ScoringSpeller>).suggestScored === 'function';
}

/** Lower-case words the document itself establishes: every speaker, role and company, the conference, the title. */
export function documentWords(doc: NotesDocument): Set<string> {
  const words = new Set<string>();
  for (const _ of collectDocumentWords(doc, words));
  return words;
}

/** Talks whose fields are read per step when the words are collected in steps (a step of ~1–3 ms). */
const TALKS_PER_STEP = 150;

/** `documentWords` into `words`, a step per TALKS_PER_STEP talks (a lint in slices of a big file). */
function* collectDocumentWords(doc: NotesDocument, words: Set<string>): Generator<void> {
  const add = (text: string | undefined): void => {
    if (text) for (const w of knownWordsOf(text)) words.add(w);
  };
  for (const [i, talk] of doc.talks.entries()) {
    for (const s of talk.speakers) add(s.text);
    add(talk.speaker?.text);
    add(talk.role?.text);
    add(talk.company?.text);
    if (i % TALKS_PER_STEP === TALKS_PER_STEP - 1) yield;
  }
  add(doc.conference);
  const fm = doc.frontMatter;
  if (fm) {
    add(fm.conference);
    add(fm.speaker);
    add(fm.role);
    add(fm.company);
  }
}

const OPEN_TAG = /^<([A-Za-z][\w-]*)(?:\s[^>]*)?>$/;
const CLOSE_TAG = /^<\/[A-Za-z][\w-]*\s*>$/;

/** `<!-- spelling: ignore Tepapa Shadowtraffic -->`: words this file itself tells the checker to leave alone. */
export const IGNORE_COMMENT = /<!--\s*spelling:\s*ignore\s+([^]*?)\s*-->/;

const ignoredCache = new WeakMap<NotesDocument, string[]>();

export function fileIgnoredWords(doc: NotesDocument): string[] {
  let hit = ignoredCache.get(doc);
  if (!hit) {
    hit = readIgnoredWords(doc);
    ignoredCache.set(doc, hit);
  }
  return hit;
}

function readIgnoredWords(doc: NotesDocument): string[] {
  const words: string[] = [];
  for (const line of doc.lines) {
    if (!line.includes('<!--')) continue;
    const m = IGNORE_COMMENT.exec(line);
    if (m) for (const w of m[1]!.split(/[\s,]+/)) if (w !== '') words.push(w);
  }
  return words;
}

/** The edit that adds a word to the file's ignore comment (the last one), or a new comment at the end of the file. */
export function ignoreInFileEdit(doc: NotesDocument, word: string): TextEdit {
  for (let l = doc.lines.length - 1; l >= 0; l--) {
    const line = doc.lines[l]!;
    const m = IGNORE_COMMENT.exec(line);
    if (!m) continue;
    const at = m.index + m[0].lastIndexOf(m[1]!) + m[1]!.length;
    return { range: { start: { line: l, character: at }, end: { line: l, character: at } }, newText: ` ${word}` };
  }
  const last = doc.lines.length - 1;
  const end = { line: last, character: doc.lines[last]!.length };
  const comment = `<!-- spelling: ignore ${word} -->`;
  return { range: { start: end, end }, newText: doc.lines[last] === '' ? `${comment}\n` : `\n\n${comment}\n` };
}

/** Runs of prose to check: body text (not inside inline HTML), link and image text, and heading text. */
export function spellingRuns(doc: NotesDocument, lines?: LineSpan): ProseRun[] {
  const runs: ProseRun[] = [];
  for (const block of blockTrees(doc, lines?.start, lines?.end)) {
    visit(block.tree, (node: Node) => {
      if (node.type === 'image') {
        const image = node as Image;
        const run = nodeSource(doc, block, image);
        if (!run || !image.alt) return;
        // `![alt](url)`: the alt text starts two characters in.
        const at = run.text.indexOf(image.alt, 2);
        if (at >= 0) runs.push({ text: image.alt, start: run.positionAt(at), positionAt: (o) => run.positionAt(at + o) });
        return;
      }
      const children = (node as Parent).children;
      if (!children) return;
      // Text between inline tags (`<span>text</span>`) is HTML's, not prose.
      let inHtml = 0;
      for (const child of children) {
        if (child.type === 'html') {
          const value = (child as Html).value.trim();
          if (OPEN_TAG.test(value) && !value.endsWith('/>')) inHtml++;
          else if (CLOSE_TAG.test(value) && inHtml > 0) inHtml--;
        } else if (child.type === 'text' && inHtml === 0) {
          const run = nodeSource(doc, block, child);
          if (run) runs.push(run);
        }
      }
    });
  }
  for (const h of doc.headings) {
    const { start, end } = h.textRange;
    if (start.line !== end.line) continue;
    if (lines && (start.line < lines.start || start.line >= lines.end)) continue;
    const line = doc.lines[start.line] ?? '';
    // Inline code in a heading is not prose: blank it out, keeping offsets.
    const text = line.slice(start.character, end.character).replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
    runs.push({ text, start, positionAt: (o) => ({ line: start.line, character: start.character + o }) });
  }
  return runs;
}

/** Suggestions' case follows the word (Martics -> Metrics, ALLCAPS stays all caps), done by the speller. */
interface Verdict {
  suggestions: string[];
  preferred: boolean;
}

const verdicts = new WeakMap<Speller, Map<string, Verdict>>();

function verdictOf(speller: Speller, word: string): Verdict {
  let cache = verdicts.get(speller);
  if (!cache) verdicts.set(speller, (cache = new Map()));
  const hit = cache.get(word);
  if (hit) return hit;
  let v: Verdict;
  if (hasScores(speller)) {
    const scored = speller.suggestScored(word, MAX_FIXES + 3);
    const gap = scored.length > 1 ? scored[1]!.score - scored[0]!.score : Infinity;
    v = { suggestions: scored.map((s) => s.word), preferred: scored.length > 0 && gap >= PREFERRED_GAP };
  } else {
    const list = speller.suggest(word, MAX_FIXES + 3);
    v = { suggestions: list, preferred: list.length === 1 };
  }
  if (cache.size > 20000) cache.clear();
  cache.set(word, v);
  return v;
}

/** How far (in score units, about one edit) the best suggestion must lead the next to be preferred. */
export const PREFERRED_GAP = 0.5;

export function spellingMessage(word: string, suggestions: readonly string[]): string {
  return suggestions.length ? `Unknown word '${word}' — did you mean '${suggestions[0]}'?` : `Unknown word '${word}'`;
}

function finding(word: string, range: Range, v: Verdict): Finding {
  const fixes: Fix[] = v.suggestions.slice(0, MAX_FIXES).map((s, i) => ({
    title: `Change to '${s}'`,
    preferred: i === 0 && v.preferred,
    safe: i === 0 && v.preferred,
    edits: [{ range, newText: s }],
  }));
  return {
    rule: SPELLING_RULE_ID,
    severity: 'information',
    message: spellingMessage(word, v.suggestions),
    range,
    fixes,
    data: { word, suggestions: v.suggestions.join('\n') },
  };
}

/** The unknown words of a document's prose, each with its run and offset, in document order. */
function* unknownWords(doc: NotesDocument, words: readonly string[] | undefined, speller: Speller, lines?: LineSpan): Generator<{ word: string; run: ProseRun; from: number }> {
  const known = knownWords(doc, words);
  // Notes repeat their words: decide each spelling once per check.
  const decided = new Map<string, boolean>();
  const isKnown = (w: string): boolean => {
    let ok = decided.get(w);
    if (ok === undefined) {
      const lower = w.replace(/\u2019/g, "'").toLowerCase();
      const base = lower.replace(/'s$/, '');
      ok = known.has(lower) || (base !== lower && known.has(base)) || speller.isCorrect(w);
      decided.set(w, ok);
    }
    return ok;
  };
  for (const run of spellingRuns(doc, lines)) {
    for (const token of tokenize(run.text)) {
      // Longer than any word (a run of letters, an encoded blob): nothing a speller can say, and costly to ask.
      if (token.text.length > MAX_WORD_LENGTH) continue;
      if (isKnown(token.text)) continue;
      // CamelCase (DataDog, ThoughtWorks): each part on its own, unless the whole word is known.
      const parts = hasInnerCapital(token.text) ? camelParts(token.text) : [{ text: token.text, offset: 0 }];
      for (const part of parts) {
        const letters = part.text.replace(/['\u2019]/g, '');
        if (parts.length > 1 && ([...letters].length < 2 || isAcronym(letters) || !/\p{L}/u.test(letters) || isKnown(part.text))) continue;
        yield { word: part.text, run, from: token.offset + part.offset };
      }
    }
  }
}

/** Keyed by the talks array (shared by a model reused after an edit of plain lines) and checked against the rest. */
const knownCache = new WeakMap<object, { words: readonly string[] | undefined; ignored: string; known: Set<string> }>();

/** Lower-case words known in this document: its names, its ignore comments and the configured words. */
function knownWords(doc: NotesDocument, words: readonly string[] | undefined, established?: Set<string>): Set<string> {
  const ignoredWords = fileIgnoredWords(doc);
  const ignored = ignoredWords.join(' ');
  const hit = knownCache.get(doc.talks);
  if (hit && hit.words === words && hit.ignored === ignored) return hit.known;
  const known = established ?? documentWords(doc);
  for (const w of ignoredWords) known.add(w.toLowerCase());
  for (const w of words ?? []) known.add(w.replace(/\u2019/g, "'").toLowerCase());
  knownCache.set(doc.talks, { words, ignored, known });
  return known;
}

const warmedUp = new WeakSet<Speller>();

/** The suggestions a check of `lines` will need, one word per step (for lints in slices). */
export function* spellingPreparation(doc: NotesDocument, words: readonly string[] | undefined, speller: Speller, lines?: LineSpan): Generator<void> {
  if (!warmedUp.has(speller)) {
    // The first suggestion compiles the search: a short word first, on its own step, keeps that step short.
    warmedUp.add(speller);
    speller.suggest('teh', 1);
    yield;
  }
  if (!knownCache.has(doc.talks)) {
    // The words the document establishes (every talk's fields), in steps: ~25 ms at once on 1,300 talks.
    const established = new Set<string>();
    yield* collectDocumentWords(doc, established);
    knownWords(doc, words, established);
    yield;
  }
  for (const { word } of unknownWords(doc, words, speller, lines)) {
    if (verdicts.get(speller)?.has(word)) continue;
    verdictOf(speller, word);
    yield;
  }
}

export const spellingRule: Rule = {
  id: SPELLING_RULE_ID,
  prepare: ({ doc, config, speller, lines }) => (speller ? spellingPreparation(doc, config.words, speller, lines) : []),
  defaultSeverity: 'information',
  description: "Unknown words in the notes' prose, with suggestions; names of speakers, roles, companies and the conference are known.",
  scope: 'block',
  // An ignore comment (`<!-- spelling: ignore ... -->`) is read from the whole file.
  reachesBeyondEdit: (before, after) => before.some((l) => l.includes('<!--')) || after.some((l) => l.includes('<!--')),
  check({ doc, config, speller, lines }) {
    if (!speller) return [];
    const findings: Finding[] = [];
    for (const { word, run, from } of unknownWords(doc, config.words, speller, lines)) {
      const range = { start: run.positionAt(from), end: run.positionAt(from + word.length) };
      findings.push(finding(word, range, verdictOf(speller, word)));
    }
    return findings;
  },
};
