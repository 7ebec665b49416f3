// The `spelling` rule: unknown words in the prose of a notes file (headings, paragraphs, list items, quotes,
// table cells, link and image text), with "Change to" fixes. Names the document establishes (speakers, roles,
// companies, the conference) are known throughout it.
import type { Html, Image, Parent } from 'mdast';
import type { Node } from 'unist';
import { blockTrees } from '../blocks';
import { commentLines } from '../commentLines';
import { MARKDOWN_LIMITS } from '../limits';
import type { FindingAction, Fix, NotesDocument, Range, TextEdit } from '../model';
import { camelParts, hasInnerCapital, isAcronym, knownWordsOf, tokenize, type WordToken } from '../spelling/tokenize';
import { startsSentence } from '../spelling/sentence';
import { everyNode, nodeSource, type ProseRun } from './shared/prose';
import type { DocumentRule, LineSpan, LintConfig, Report, Speller } from './types';

export const SPELLING_RULE_ID = 'spelling';
const MAX_FIXES = 5;
/** Tokens longer than this are not checked (the longest English words have about 45 letters). */
const MAX_WORD_LENGTH = 50;

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

/** By the document's comment lines (commentLines: the same list, the same lines). */
const ignoredCache = new WeakMap<readonly number[], string[]>();

export function fileIgnoredWords(doc: NotesDocument): string[] {
  const comments = commentLines(doc.lines);
  let hit = ignoredCache.get(comments);
  if (!hit) {
    hit = readIgnoredWords(doc, comments);
    ignoredCache.set(comments, hit);
  }
  return hit;
}

function readIgnoredWords(doc: NotesDocument, comments: readonly number[]): string[] {
  const words: string[] = [];
  for (const l of comments) {
    const line = doc.lines[l]!;
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
    everyNode(block.tree, (node: Node) => {
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
  // Headings are in document order: those of `lines` are found by a binary search (50,000 headings, 60 lines a step).
  let first = 0;
  if (lines) {
    let hi = doc.headings.length;
    while (first < hi) {
      const mid = (first + hi) >> 1;
      if (doc.headings[mid]!.textRange.start.line < lines.start) first = mid + 1;
      else hi = mid;
    }
  }
  for (let k = first; k < doc.headings.length; k++) {
    const h = doc.headings[k]!;
    const { start, end } = h.textRange;
    if (lines && start.line >= lines.end) break;
    if (start.line !== end.line) continue;
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
  /** The first suggestion leads the next clearly: the light bulb's preferred fix. */
  preferred: boolean;
  /**
   * The first suggestion is certain: the common-misspellings list gives this one correction for the word, and no
   * other suggestion comes close. Only then may fix-all apply it (and only in prose: see `finding`).
   */
  certain: boolean;
}

const verdicts = new WeakMap<Speller, Map<string, Verdict>>();

/**
 * Words that are English but almost always a contraction without its apostrophe in notes ("it wont scale"): checked
 * as typos, with the contraction first; never applied by fix-all (the word exists).
 */
const APOSTROPHE_LESS = new Map<string, string>([
  ['wont', "won't"],
  ['cant', "can't"],
]);

function verdictOf(speller: Speller, word: string): Verdict {
  let cache = verdicts.get(speller);
  if (!cache) verdicts.set(speller, (cache = new Map()));
  const hit = cache.get(word);
  if (hit) return hit;
  let v: Verdict;
  const contraction = APOSTROPHE_LESS.get(word.toLowerCase());
  if (contraction) {
    const first = word.charAt(0) === word.charAt(0).toUpperCase() ? contraction.charAt(0).toUpperCase() + contraction.slice(1) : contraction;
    v = { suggestions: [first], preferred: true, certain: false };
  } else if (speller.suggestScored) {
    const scored = speller.suggestScored(word, MAX_FIXES + 3);
    const gap = scored.length > 1 ? scored[1]!.score - scored[0]!.score : Infinity;
    const preferred = scored.length > 0 && gap >= PREFERRED_GAP;
    const listed = speller.listedCorrections?.(word);
    const best = scored[0]?.word.toLowerCase() ?? '';
    // Certain: the list's one correction, or the contraction the word lacks its apostrophe for (dont, wasnt).
    const contracted = best.includes("'") && best.replace("'", '') === word.toLowerCase();
    const certain = preferred && ((listed?.length === 1 && best === listed[0]!.toLowerCase()) || (listed === undefined && contracted));
    v = { suggestions: scored.map((s) => s.word), preferred, certain };
  } else {
    const list = speller.suggest(word, MAX_FIXES + 3);
    v = { suggestions: list, preferred: list.length === 1, certain: false };
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

/** Why fix-all leaves a spelling finding to the user (data.unsafe), or undefined when it may apply the fix. */
export type UnsafeReason = 'uncertain' | 'title-or-field' | 'capitalised' | 'locale-variant';

/** What a user can do about an unknown word besides changing it: add it to the workspace dictionary, or ignore it in this file. */
export function spellingActions(word: string): FindingAction[] {
  return [
    { kind: 'addToDictionary', word },
    { kind: 'ignoreInFile', word },
  ];
}

function finding(word: string, range: Range, v: Verdict, unsafe: UnsafeReason | undefined): Report {
  const safe = v.certain && unsafe === undefined;
  const fixes: Fix[] = v.suggestions.slice(0, MAX_FIXES).map((s, i) => ({
    title: `Change to '${s}'`,
    preferred: i === 0 && v.preferred,
    safe: i === 0 && safe,
    edits: [{ range, newText: s }],
  }));
  return {
    message: spellingMessage(word, v.suggestions),
    range,
    fixes,
    data: { word, suggestions: v.suggestions.join('\n'), ...(safe || !v.suggestions.length ? {} : { unsafe: unsafe ?? 'uncertain' }) },
    actions: spellingActions(word),
  };
}

/**
 * Lines that hold a heading (a talk's title, a section's) or a talk's field: fix-all never changes a word there.
 * Kept per structure: by the headings array, which a model reused after an edit of plain notes lines shares with
 * its predecessor (its headings, title and fields are the same; see incremental.ts), and checked against the title.
 */
const titleLinesCache = new WeakMap<object, { title: NotesDocument['title']; talks: number; lines: Set<number> }>();
function titleAndFieldLines(doc: NotesDocument): Set<number> {
  const hit = titleLinesCache.get(doc.headings);
  if (hit && hit.title === doc.title && hit.talks === doc.talks.length) return hit.lines;
  const lines = new Set<number>();
  const span = (r: Range): void => {
    for (let l = r.start.line; l <= r.end.line; l++) lines.add(l);
  };
  for (const h of doc.headings) span(h.range);
  if (doc.title) span(doc.title.range);
  for (const t of doc.talks) {
    span(t.headingRange);
    for (const f of [t.speaker, t.role, t.company, ...t.speakers]) if (f) span(f.lineRange);
  }
  titleLinesCache.set(doc.headings, { title: doc.title, talks: doc.talks.length, lines });
  return lines;
}

// ---- Names ----

/** `GitHub: liztio`, `twitter: @x`: what follows is a handle. */
const HANDLE_LABEL = /\b(?:github|gitlab|twitter|mastodon|bluesky|linkedin|handle)\s*:\s*$/i;

/** A letter outside English's alphabet (Jiří, Bonér, práce, Tākina): a word with one is a name or another language. */
const NON_ENGLISH_LETTER = /[^\p{ASCII}]/u;

/** Whether the word starts a sentence (or a line, heading, list item or table cell), looking at what precedes it. */

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && /\p{Ll}/u.test(word);
}

/** A capitalised word this short that is no near miss of a common word is a name even at the start of a sentence. */
const SHORT_NAME = 8;

/** Surnames written with an inner capital after a prefix: McKenna, MacCarthaigh, DeVito, LaGuardia, O'Brien. */
const CAMEL_SURNAME = /^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|Fitz)\p{Lu}\p{Ll}/u;

/** `called X`, `named "X Y"`: what follows is a name (up to two capitalised words before this one). */
const NAME_INTRODUCER = /\b(?:called|named|dubbed|aka)\s+["'\u201c\u2018]?(?:\p{Lu}[\p{L}'\u2019-]*\s+){0,2}$/u;

/**
 * A word this short in lower case that is no near miss of a common word is an abbreviation or a tool's name
 * (`kcat`, `jslt`): a typo of a word this short is one edit from it.
 */
const SHORT_ABBREVIATION = 5;

/** Name particles between the parts of a name: Fito von Zastrow, Ludwig van Beethoven. */
const PARTICLES = new Set(['von', 'van', 'de', 'der', 'den', 'da', 'di', 'del', 'della', 'du', 'le', 'la', 'bin', 'ibn', 'al', 'dos', 'das']);

/** The word just before and just after a token in its run (raw: acronyms and words with digits included). */
function neighbours(runText: string, from: number, to: number): { before: string; gapBefore: string; after: string; gapAfter: string } {
  const b = /(\S*)(\s*)$/.exec(runText.slice(0, from))!;
  const a = /^(\s*)(\S*)/.exec(runText.slice(to))!;
  return { before: b[1]!, gapBefore: b[2]!, after: a[2]!, gapAfter: a[1]! };
}

function isAllCaps(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * A capitalised unknown word that reads as a name. Next to another name (a known first name, another unknown
 * capitalised word, an acronym: Stephen Kell, Nabil Hassein, Gilmore-Innis, NASA Seti), it is one. Otherwise only
 * when it is not one typo away from a common word (`Diven`, `Spee` stay typos) and it is used like a name:
 * capitalised mid-sentence, next to another capitalised word (Francois Chollet), before a possessive (Hanlon's),
 * or introducing something (`Hystrix - a library`, `Nashorn: ...`, `Adoptium (Temurin)`).
 */
function isLikelyName(speller: Speller, known: ReadonlySet<string>, line: string, at: number, runText: string, tokens: readonly WordToken[], index: number): boolean {
  const token = tokens[index]!;
  const word = token.text;
  // d'Oliveira, O'Brien, l'Arc: a name behind an elided particle.
  if (/^[dlDLoO]['\u2019]\p{Lu}/u.test(word)) return true;
  if (!isCapitalised(word)) return false;
  const bare = word.replace(/['\u2019]s?$/i, '');
  const prev = tokens[index - 1];
  const next = tokens[index + 1];
  const isName = (w: string): boolean => known.has(w.toLowerCase()) || speller.isProperName?.(w) === true || !speller.isCorrect(w);
  // Only a space (or a hyphen, in a double-barrelled name) between them: not "Chollet. Then".
  const joined = (gap: string): boolean => /^(?: +|-)$/.test(gap);
  const prevCapital = prev !== undefined && isCapitalised(prev.text) && joined(runText.slice(prev.offset + prev.text.length, token.offset));
  const nextCapital = next !== undefined && isCapitalised(next.text) && joined(runText.slice(token.offset + word.length, next.offset));
  if ((prevCapital && isName(prev!.text)) || (nextCapital && isName(next!.text))) return true;
  const around = neighbours(runText, token.offset, token.offset + word.length);
  // Introduced as a name: a startup called Cuil, a movie called "Robot Jox", a tool named Hystrix.
  if (NAME_INTRODUCER.test(runText.slice(0, token.offset))) return true;
  // After an acronym: NASA Seti, AWS Fargate.
  if (joined(around.gapBefore) && isAllCaps(around.before)) return true;
  if (PARTICLES.has(around.after) && next !== undefined && isCapitalised(tokens[index + 2]?.text ?? '')) return true;
  // Without the near-miss test the speller cannot tell a typo from a name: everything is checked.
  if (!speller.isNearMiss || speller.isNearMiss(bare)) return false;
  if (bare !== word || !startsSentence(line, at) || prevCapital || nextCapital) return true;
  // At the start of a sentence: a short word (a typo of one is one edit from it), or the only word of its run
  // (a list item that names something: `* Malloy`).
  if ([...bare].length <= SHORT_NAME || tokens.length === 1) return true;
  // `Hystrix - tool from Netflix`, `Nashorn: implementing...`, `Adoptium (Temurin)`: a name being introduced.
  const rest = runText.slice(token.offset + word.length);
  return /^(?::\s|\s+[-\u2013\u2014]\s|\s+\()/.test(rest);
}

/**
 * A run in another language (a Czech talk's abstract in English notes): several words with letters English does
 * not use, or one such word in lower case (a word, not a name) beside other unknown words, or most of its words
 * unknown. Nothing there is checked.
 */
function isForeignRun(tokens: readonly WordToken[], unknown: number): boolean {
  let foreign = 0;
  let foreignLower = 0;
  for (const t of tokens) {
    if (!NON_ENGLISH_LETTER.test(t.text)) continue;
    foreign++;
    if (!isCapitalised(t.text)) foreignLower++;
  }
  if (foreign >= 2 && foreign * 2 >= tokens.length) return true;
  if (foreignLower >= 1 && unknown - foreign >= 2) return true;
  return unknown >= 4 && unknown * 2 >= tokens.length;
}

/** Link targets and web addresses on a line, lower case: a word that is part of one is a name (`[Purugin](https://github.com/enebo/Purugin)`). */
function addressesOf(line: string): string {
  const found: string[] = [];
  for (const m of line.matchAll(/\]\(([^)\s]+)|<([a-z][\w+.-]*:[^>\s]+)>|\b((?:https?:\/\/|www\.)[^\s)>\]]+|[\w-]+(?:\.[\w-]+)+\/[^\s)>\]]*)/gi)) found.push(m[1] ?? m[2] ?? m[3] ?? '');
  return found.join(' ').toLowerCase();
}

function isPartOfAddress(line: string, word: string): boolean {
  if (!line.includes('/') && !line.includes('](')) return false;
  const addresses = addressesOf(line);
  if (!addresses) return false;
  const w = word.toLowerCase();
  return new RegExp(`(?:^|[^a-z])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^a-z])`).test(addresses);
}

interface WordUse {
  /** Occurrences in any case. */
  all: number;
  /** Occurrences in lower case. */
  lower: number;
  /** Occurrences capitalised in the middle of a sentence. */
  capitalisedMid: number;
}

/**
 * How each word (lower case) is used in the document's lines: counted once per version of the lines (keyed by the
 * lines array, which every model has its own of), and after an edit moved on from the version before by the changed
 * lines alone (see `linesBeyondEdit`).
 */
const wordUses = new WeakMap<readonly string[], Map<string, WordUse>>();
function usesOf(doc: NotesDocument): Map<string, WordUse> {
  if (!wordUses.has(doc.lines)) for (const _ of countAllUses(doc));
  return wordUses.get(doc.lines)!;
}

/**
 * Lines and characters whose words are counted per step when the uses are counted in steps (a 10,000-line paragraph
 * took 78 ms at once, 500 lines of a wide table 65 ms).
 */
const USE_LINES_PER_STEP = 500;
const USE_CHARS_PER_STEP = 20_000;

/** Counts the document's word uses (see usesOf), a step per few hundred lines, for a lint in slices. */
function* countAllUses(doc: NotesDocument): Generator<void> {
  const uses = new Map<string, WordUse>();
  let lines = 0;
  let chars = 0;
  for (let l = 0; l < doc.lines.length; l++) {
    if (++lines >= USE_LINES_PER_STEP || chars >= USE_CHARS_PER_STEP) {
      lines = 0;
      chars = 0;
      yield;
    }
    const line = doc.lines[l]!;
    chars += line.length;
    countUses(uses, line, 1);
  }
  wordUses.set(doc.lines, uses);
}

/** Adds (`sign` 1) or takes away (-1) a line's uses of its words (a line beyond the limits of the checks has none). */
function countUses(uses: Map<string, WordUse>, line: string, sign: 1 | -1): void {
  if (line.length > MARKDOWN_LIMITS.lineLength) return;
  for (const t of tokenize(line)) {
    const w = t.text.toLowerCase();
    let u = uses.get(w);
    if (!u) uses.set(w, (u = { all: 0, lower: 0, capitalisedMid: 0 }));
    u.all += sign;
    if (t.text === w) u.lower += sign;
    else if (isCapitalised(t.text) && !startsSentence(line, t.offset)) u.capitalisedMid += sign;
    if (u.all === 0) uses.delete(w);
  }
}

/** What isDocumentName and isOwnVocabulary read of a word's uses: a word whose signature stays is judged the same. */
function useSignature(u: WordUse | undefined): number {
  if (!u) return 0;
  return (u.all >= 2 ? 1 : 0) | (u.lower > 0 ? 2 : 0) | (u.capitalisedMid >= 2 ? 4 : 0) | 8;
}

/** Lines checked again beyond an edit, at most (more: the rule runs in full). */
const MAX_LINES_BEYOND_EDIT = 400;

/**
 * After an edit of lines `changed`, the lines elsewhere that use a word whose uses changed in a way that can change
 * its verdict (isDocumentName, isOwnVocabulary: used twice instead of once, no longer in lower case anywhere). The
 * uses of `before` move on to `after` by the changed lines (they were counted once, at the first lint).
 */
function spellingLinesBeyondEdit(before: NotesDocument, after: NotesDocument, changed: LineSpan): readonly number[] | 'all' {
  const words = new Set<string>();
  const wordsOf = (line: string): void => {
    if (line.length <= MARKDOWN_LIMITS.lineLength) for (const t of tokenize(line)) words.add(t.text.toLowerCase());
  };
  for (let l = changed.start; l < changed.end; l++) {
    wordsOf(before.lines[l] ?? '');
    wordsOf(after.lines[l] ?? '');
  }
  let old: Map<string, number>;
  const carried = wordUses.get(before.lines);
  if (carried && !wordUses.has(after.lines) && before.lines !== after.lines) {
    old = new Map([...words].map((w) => [w, useSignature(carried.get(w))]));
    for (let l = changed.start; l < changed.end; l++) {
      countUses(carried, before.lines[l] ?? '', -1);
      countUses(carried, after.lines[l] ?? '', 1);
    }
    wordUses.delete(before.lines);
    wordUses.set(after.lines, carried);
  } else {
    const uses = usesOf(before);
    old = new Map([...words].map((w) => [w, useSignature(uses.get(w))]));
  }
  const now = usesOf(after);
  const moved = [...words].filter((w) => old.get(w) !== useSignature(now.get(w)));
  if (moved.length === 0) return [];
  // Every line that may hold one of those words, in any case (more is only slower).
  const pattern = new RegExp(moved.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
  const lines: number[] = [];
  for (let l = 0; l < after.lines.length; l++) {
    if (l >= changed.start && l < changed.end) continue;
    if (!pattern.test(after.lines[l]!)) continue;
    lines.push(l);
    if (lines.length > MAX_LINES_BEYOND_EDIT) return 'all';
  }
  return lines;
}

/** A capitalised word the notes write capitalised mid-sentence again and again, never in lower case: a name (Gradle, Astros). */
function isDocumentName(doc: NotesDocument, speller: Speller, word: string): boolean {
  if (!isCapitalised(word) || speller.listedCorrections?.(word)) return false;
  const u = usesOf(doc).get(word.toLowerCase());
  if (u === undefined || u.lower > 0) return false;
  // Capitalised mid-sentence twice, or capitalised wherever it is used and no typo of a common word.
  return u.capitalisedMid >= 2 || (u.all >= 2 && speller.isNearMiss?.(word) === false);
}

/**
 * A lower-case word the notes use again and again that is no typo of a common word (`graalvm`, `pgvector`,
 * `rebalancing`): the talk's own vocabulary. A listed common misspelling is never one.
 */
function isOwnVocabulary(doc: NotesDocument, speller: Speller, word: string): boolean {
  if (!speller.isNearMiss || speller.listedCorrections?.(word)) return false;
  const u = usesOf(doc).get(word.toLowerCase());
  // Capitalised too, once the notes also write it in lower case (`Distroless images` and `distroless images`).
  if (!u || u.all < 2 || (isCapitalised(word) && u.lower === 0)) return false;
  return !speller.isNearMiss(word);
}

/**
 * A part of a hyphenated name that is no typo of a common word (`scikit-learn`, `redlock-db`, `gh-ost`): a
 * package's or a tool's name. A typo inside a hyphenated word is one of a common word (`Domain-Diven`).
 */
function isIdentifierPart(runText: string, tokens: readonly WordToken[], index: number, speller: Speller, isKnown: (w: string) => boolean): boolean {
  const t = tokens[index]!;
  const end = t.offset + t.text.length;
  const hyphenated = runText.charAt(t.offset - 1) === '-' || runText.charAt(end) === '-';
  if (!hyphenated || t.text !== t.text.toLowerCase() || !speller.isNearMiss || speller.listedCorrections?.(t.text)) return false;
  // Both sides must be word characters: `- item` is a list bullet, `word - word` a dash.
  const joinedBefore = runText.charAt(t.offset - 1) === '-' && /[\p{L}\p{N}]/u.test(runText.charAt(t.offset - 2));
  const joinedAfter = runText.charAt(end) === '-' && /[\p{L}\p{N}]/u.test(runText.charAt(end + 1));
  if (!joinedBefore && !joinedAfter) return false;
  // Every part unknown (`gh-ost`): a name, whatever its parts look like.
  const other = joinedBefore ? tokens[index - 1] : tokens[index + 1];
  const adjacent = other !== undefined && (joinedBefore ? other.offset + other.text.length === t.offset - 1 : other.offset === end + 1);
  if (adjacent && !isKnown(other.text)) return true;
  return !speller.isNearMiss(t.text);
}

/** Letters from which a lower-case word that nothing in the dictionary is close to is taken as a term. */
const LONG_TERM = 8;

/**
 * A long lower-case word that is no near miss of a common word and that the dictionary has no suggestion for at
 * all (`neuroatypical`, `productionalization`): a term. A typo of a long word stays close to it.
 */
function isUnhelpableTerm(speller: Speller, word: string): boolean {
  if ([...word].length < LONG_TERM || word !== word.toLowerCase() || !speller.isNearMiss || speller.isNearMiss(word)) return false;
  return verdictOf(speller, word).suggestions.length === 0;
}

/** Words looked at between two pauses of unknownWords (a step of a lint in slices). */
const WORDS_PER_PAUSE = 2_000;

/**
 * The unknown words of a document's prose, each with its run and offset, in document order; undefined now and then
 * (every WORDS_PER_PAUSE words looked at), a pause for a lint in slices: prose whose every word is known (notes that
 * repeat their own words) would otherwise be one step of the whole file (2 MB: over 100 ms).
 */
function* unknownWords(doc: NotesDocument, config: Pick<LintConfig, 'words' | 'names'>, speller: Speller, lines?: LineSpan): Generator<{ word: string; run: ProseRun; from: number } | undefined> {
  const known = knownWords(doc, config.words, config.names);
  // Notes repeat their words: decide each spelling once per check.
  const decided = new Map<string, boolean>();
  const isKnown = (w: string): boolean => {
    let ok = decided.get(w);
    if (ok === undefined) {
      const lower = w.replace(/\u2019/g, "'").toLowerCase();
      const base = lower.replace(/'s$/, '');
      if (APOSTROPHE_LESS.has(lower)) ok = false;
      // A known word in another case (api, github, Javascript) is accepted: the `spelling-case` rule can say so.
      else ok = known.has(lower) || (base !== lower && known.has(base)) || speller.isCorrect(w) || speller.inAnotherCase?.(w) !== undefined;
      decided.set(w, ok);
    }
    return ok;
  };
  let looked = 0;
  for (const run of spellingRuns(doc, lines)) {
    const tokens = tokenize(run.text);
    looked += tokens.length;
    if (looked >= WORDS_PER_PAUSE) {
      looked = 0;
      yield undefined;
    }
    const unknown: number[] = [];
    tokens.forEach((token, i) => {
      // Longer than any word (a run of letters, an encoded blob): nothing a speller can say, and costly to ask.
      if (token.text.length <= MAX_WORD_LENGTH && !isKnown(token.text)) unknown.push(i);
    });
    // Typos of English words (near misses) do not make a run foreign, however many, unless letters English does
    // not use say it is another language.
    const hasForeignLetter = tokens.some((t) => NON_ENGLISH_LETTER.test(t.text));
    const strange = hasForeignLetter ? unknown.length : unknown.filter((i) => speller.isNearMiss?.(tokens[i]!.text) !== true).length;
    if (unknown.length === 0 || isForeignRun(tokens, strange)) continue;
    for (const i of unknown) {
      const token = tokens[i]!;
      // A handle (@kytrinyx), and words with letters English does not use: names, or another language.
      const before = run.text.charAt(token.offset - 1);
      if (before === '@' || NON_ENGLISH_LETTER.test(token.text) || HANDLE_LABEL.test(run.text.slice(0, token.offset))) continue;
      // A name's particle: Fito von Zastrow.
      if (PARTICLES.has(token.text) && isCapitalised(tokens[i - 1]?.text ?? '') && isCapitalised(tokens[i + 1]?.text ?? '')) continue;
      const start = run.positionAt(token.offset);
      const line = doc.lines[start.line] ?? '';
      const camel = hasInnerCapital(token.text);
      // A CamelCase word is checked part by part below (DataDgos); a surname with a prefix (McKenna, MacCarthaigh) is a name.
      if (camel ? CAMEL_SURNAME.test(token.text) : isLikelyName(speller, known, line, start.character, run.text, tokens, i)) continue;
      if (isPartOfAddress(line, token.text) || isOwnVocabulary(doc, speller, token.text) || isDocumentName(doc, speller, token.text)) continue;
      if (isIdentifierPart(run.text, tokens, i, speller, isKnown)) continue;
      if (!isCapitalised(token.text) && [...token.text].length <= SHORT_ABBREVIATION && speller.isNearMiss?.(token.text) === false && !speller.listedCorrections?.(token.text)) continue;
      // CamelCase (DataDog, ThoughtWorks): each part on its own, unless the whole word is known; an unknown
      // compound is a name (haveIbeenPwned, GusterFS) unless a part is a typo of a common word.
      // With capitals in a row (RLlib, GusterFS, TransmogrifAI, PaaS), a product's name.
      if (camel && /\p{Lu}{2}/u.test(token.text)) continue;
      const parts = camel ? camelParts(token.text) : [{ text: token.text, offset: 0 }];
      for (const part of parts) {
        const letters = part.text.replace(/['\u2019]/g, '');
        if (parts.length > 1 && ([...letters].length < 2 || isAcronym(letters) || !/\p{L}/u.test(letters) || isKnown(part.text))) continue;
        if (camel && speller.isNearMiss && ([...letters].length < 4 || !speller.isNearMiss(part.text))) continue;
        if (isUnhelpableTerm(speller, part.text)) continue;
        yield { word: part.text, run, from: token.offset + part.offset };
      }
    }
  }
}

/**
 * Keyed by the headings array, which a model reused after an edit of plain lines shares with its predecessor (and
 * with it the talks' fields: a reused model's talks array is new when the edit was on a talk's last line), and
 * checked against the rest.
 */
const knownCache = new WeakMap<object, { words: readonly string[] | undefined; names: readonly string[] | undefined; ignored: string; known: Set<string> }>();

/** Lower-case words known in this document: its names, its ignore comments, the configured words and the workspace's names. */
function knownWords(doc: NotesDocument, words: readonly string[] | undefined, names: readonly string[] | undefined, established?: Set<string>): Set<string> {
  const ignoredWords = fileIgnoredWords(doc);
  const ignored = ignoredWords.join(' ');
  const hit = knownCache.get(doc.headings);
  if (hit && hit.words === words && hit.names === names && hit.ignored === ignored) return hit.known;
  const known = established ?? documentWords(doc);
  for (const w of ignoredWords) known.add(w.toLowerCase());
  for (const w of words ?? []) known.add(w.replace(/\u2019/g, "'").toLowerCase());
  for (const w of names ?? []) for (const k of knownWordsOf(w)) known.add(k);
  knownCache.set(doc.headings, { words, names, ignored, known });
  return known;
}

const warmedUp = new WeakSet<Speller>();

/** The suggestions a check of `lines` will need, one word per step (for lints in slices). */
export function* spellingPreparation(doc: NotesDocument, config: Pick<LintConfig, 'words' | 'names'>, speller: Speller, lines?: LineSpan): Generator<void> {
  if (!warmedUp.has(speller)) {
    // The first suggestion compiles the search: a short word first, on its own step, keeps that step short.
    warmedUp.add(speller);
    speller.suggest('teh', 1);
    yield;
  }
  if (!knownCache.has(doc.headings)) {
    // The words the document establishes (every talk's fields), in steps: ~25 ms at once on 1,300 talks.
    const established = new Set<string>();
    yield* collectDocumentWords(doc, established);
    knownWords(doc, config.words, config.names, established);
    yield;
  }
  if (!wordUses.has(doc.lines)) yield* countAllUses(doc);
  // A step per unknown word, its verdict known or not: a block of 2,000 unknown words is many short steps, and the
  // findings are made here too, for the check that follows to take (findingsOf).
  const reports: Report[] = [];
  for (const unknown of unknownWords(doc, config, speller, lines)) {
    if (unknown) reports.push(findingAt(doc, speller, unknown.word, unknown.run, unknown.from));
    yield;
  }
  let byDoc = preparedReports.get(doc);
  if (!byDoc) preparedReports.set(doc, (byDoc = new Map()));
  byDoc.set(spanKey(lines), { speller, config, reports });
}

/**
 * Findings a preparation made, by document and lines, for the check of the same lines, speller and config to take
 * (once: the check of a lint in slices follows its preparation at once).
 */
const preparedReports = new WeakMap<NotesDocument, Map<string, { speller: Speller; config: object; reports: Report[] }>>();
const spanKey = (lines: LineSpan | undefined): string => (lines ? `${lines.start}:${lines.end}` : '*');

function takePrepared(doc: NotesDocument, config: object, speller: Speller, lines: LineSpan | undefined): Report[] | undefined {
  const byDoc = preparedReports.get(doc);
  const key = spanKey(lines);
  const hit = byDoc?.get(key);
  if (!hit) return undefined;
  byDoc!.delete(key);
  return hit.speller === speller && hit.config === config ? hit.reports : undefined;
}

function findingAt(doc: NotesDocument, speller: Speller, word: string, run: ProseRun, from: number): Report {
  const range = { start: run.positionAt(from), end: run.positionAt(from + word.length) };
  const v = verdictOf(speller, word);
  return finding(word, range, v, v.certain ? unsafeHere(doc, speller, word, range) : 'uncertain');
}

/** Why fix-all must leave this finding to the user, if anything in its place says so. */
function unsafeHere(doc: NotesDocument, speller: Speller, word: string, range: Range): UnsafeReason | undefined {
  if (titleAndFieldLines(doc).has(range.start.line)) return 'title-or-field';
  if (word.charAt(0) !== word.charAt(0).toLowerCase()) return 'capitalised';
  if (speller.isOtherLocaleSpelling?.(word)) return 'locale-variant';
  return undefined;
}

export const spellingRule: DocumentRule = {
  id: SPELLING_RULE_ID,
  prepare: ({ doc, config, speller, lines }) => (speller ? spellingPreparation(doc, config, speller, lines) : []),
  defaultSeverity: 'information',
  description: "Unknown words in the notes' prose, with suggestions; names of speakers, roles, companies and the conference are known.",
  scope: 'block',
  // An ignore comment (`<!-- spelling: ignore ... -->`) is read from the whole file.
  reachesBeyondEdit: (before, after) => before.some((l) => l.includes('<!--')) || after.some((l) => l.includes('<!--')),
  // A word used once instead of twice (or no longer in lower case anywhere) is judged anew everywhere it is used.
  linesBeyondEdit: spellingLinesBeyondEdit,
  check({ doc, config, speller, lines }) {
    if (!speller) return [];
    const prepared = takePrepared(doc, config, speller, lines);
    if (prepared) return prepared;
    const findings: Report[] = [];
    for (const unknown of unknownWords(doc, config, speller, lines)) if (unknown) findings.push(findingAt(doc, speller, unknown.word, unknown.run, unknown.from));
    return findings;
  },
};

export const SPELLING_CASE_RULE_ID = 'spelling-case';

/**
 * `spelling-case` (with `checkCase`): a known word written in another case than the dictionary's (`github` for
 * GitHub, `Javascript` for JavaScript). The spelling rule accepts these; this hint is for those who want the case right.
 */
export const spellingCaseRule: DocumentRule = {
  id: SPELLING_CASE_RULE_ID,
  defaultSeverity: 'hint',
  description: "A known word written in another case than the dictionary's (`github` for GitHub); only with the setting `conferenceNotes.spelling.checkCase`.",
  scope: 'block',
  reachesBeyondEdit: (before, after) => before.some((l) => l.includes('<!--')) || after.some((l) => l.includes('<!--')),
  check({ doc, config, speller, lines }) {
    if (!speller?.inAnotherCase || !config.checkCase) return [];
    const known = knownWords(doc, config.words, config.names);
    const findings: Report[] = [];
    for (const run of spellingRuns(doc, lines)) {
      for (const token of tokenize(run.text)) {
        const w = token.text;
        if (known.has(w.toLowerCase()) || speller.isCorrect(w)) continue;
        const form = speller.inAnotherCase(w);
        if (!form) continue;
        const bare = w.replace(/['\u2019]s?$/i, '');
        const range = { start: run.positionAt(token.offset), end: run.positionAt(token.offset + bare.length) };
        findings.push({
          message: `'${bare}' is usually written '${form}'`,
          range,
          fixes: [{ title: `Change to '${form}'`, preferred: true, edits: [{ range, newText: form }] }],
          data: { word: bare, form },
        });
      }
    }
    return findings;
  },
};
