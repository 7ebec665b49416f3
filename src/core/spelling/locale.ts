// Which English a document is written in, from its own spellings: a document that writes "behaviour",
// "organisers" and "realised" and never "behavior" is checked as British (and still accepts American spellings,
// since notes quote American sources). A locale the user sets (the file's `<!-- spelling: locale en-GB -->`
// comment, `.conference-notes.json`, the setting, `--locale`) always wins over what is inferred.
import type { NotesDocument, TextEdit } from '../model';
import type { Speller } from '../rules/types';
import { LOCALES, type Locale, localeBit, normalizeLocale } from './format';
import { tokenize } from './tokenize';
import { commentLinesSteps } from '../commentLines';
import { runToEnd } from '../scan';
import { MARKDOWN_LIMITS } from '../limits';

/** `<!-- spelling: locale en-GB -->`: the file's own dictionary. */
export const LOCALE_COMMENT = /<!--\s*spelling:\s*locale\s+([A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)\s*-->/;

/** What inference needs from a speller: which locales know a word (bits of LOCALES). */
export interface LocaleSpeller {
  localesOf(word: string): number;
  /** Names (the dictionary knows them only capitalised) say nothing of how a writer spells. */
  isProperName?(word: string): boolean;
}

export type LocaleSource = 'file' | 'config' | 'inferred' | 'default';

export interface DocumentLocale {
  /** The dictionary the document is checked with. */
  locale: Locale;
  /** Spellings accepted besides (an inferred British document also accepts American ones). */
  alsoAccepted: Locale[];
  source: LocaleSource;
  /** For an inferred locale: how many of the document's words only that locale spells so, and how many only en-US. */
  evidence?: { theirs: number; american: number };
}

/** Words of a locale-specific spelling at least this many times, and this many times as often as American ones. */
export const MIN_EVIDENCE = 2;
export const EVIDENCE_RATIO = 3;
/** Words looked at, at most (a big file is judged on its first part: enough to see how it spells). */
const MAX_WORDS = 30000;

/** By the document's comment lines (commentLines: the same list, the same lines). */
const fileLocales = new WeakMap<readonly number[], Locale | undefined>();

/** The locale set in the file itself (`<!-- spelling: locale en-GB -->`, the last one wins), if any. */
export function fileLocale(doc: NotesDocument): Locale | undefined {
  return runToEnd(fileLocaleSteps(doc));
}

/** Lines read per step of the locale's steps (fileLocaleSteps, inferLocaleSteps). */
const LINES_PER_STEP = 2_000;

function* fileLocaleSteps(doc: NotesDocument): Generator<void, Locale | undefined> {
  // The comment lines are found in steps once per version of the lines (after an edit, carried over: no steps).
  const comments = yield* commentLinesSteps(doc.lines, LINES_PER_STEP);
  if (fileLocales.has(comments)) return fileLocales.get(comments);
  let found: Locale | undefined;
  for (const l of comments) {
    const m = LOCALE_COMMENT.exec(doc.lines[l]!);
    if (m) found = normalizeLocale(m[1]);
  }
  fileLocales.set(comments, found);
  return found;
}

/**
 * Inferred locales per document structure: keyed by the model's `headings`, which an incremental parse keeps across
 * edits of plain notes lines (and a full parse makes anew). So typing prose never counts the whole file's spellings again (10 ms per keystroke on
 * 21,000 lines); the next structural edit (a heading, a new talk) or a full parse does.
 */
const inferred = new WeakMap<object, WeakMap<LocaleSpeller, DocumentLocale>>();

/** The locale the document's own spellings show (en-US when they show nothing else). */
export function inferLocale(doc: NotesDocument, speller: LocaleSpeller): DocumentLocale {
  return runToEnd(inferLocaleSteps(doc, speller));
}

/** `inferLocale` as resumable steps (a step per few hundred lines), for an editor that must stay responsive. */
function* inferLocaleSteps(doc: NotesDocument, speller: LocaleSpeller): Generator<void, DocumentLocale> {
  let perSpeller = inferred.get(doc.headings);
  if (!perSpeller) inferred.set(doc.headings, (perSpeller = new WeakMap()));
  const hit = perSpeller.get(speller);
  if (hit) return hit;
  const us = localeBit('en-US');
  const counts = new Map<Locale, { theirs: number; american: number }>();
  for (const l of LOCALES) if (l !== 'en-US') counts.set(l, { theirs: 0, american: 0 });
  let seen = 0;
  const decided = new Map<string, number>();
  // The lines themselves, less code and HTML (cheap: no Markdown parse; tokens are memoised per line).
  const skip = new Uint8Array(doc.lines.length);
  for (const r of doc.nonProse) for (let l = r.startLine; l <= r.endLine && l < skip.length; l++) skip[l] = 1;
  let sinceStep = 0;
  let stepLine = 0;
  outer: for (let l = 0; l < doc.lines.length; l++) {
    if (skip[l]) continue;
    // A step per few hundred words or lines (30,000 words took 80 ms at once; a table's lines have no words).
    if (seen - sinceStep >= 500 || l - stepLine >= 200) {
      sinceStep = seen;
      stepLine = l;
      yield;
    }
    // A line beyond the limits of the checks is not read (not checked, and costly to read word by word).
    if (doc.lines[l]!.length > MARKDOWN_LIMITS.lineLength) continue;
    for (const t of tokenize(doc.lines[l]!)) {
      if (++seen > MAX_WORDS) break outer;
      // Names (Tavares) say nothing of how the writer spells.
      if (t.text.charAt(0) !== t.text.charAt(0).toLowerCase() && speller.isProperName?.(t.text) !== false) continue;
      const lower = t.text.toLowerCase();
      let bits = decided.get(lower);
      if (bits === undefined) decided.set(lower, (bits = speller.localesOf(lower)));
      if (bits === 0 || bits === (1 << LOCALES.length) - 1) continue;
      for (const [l, c] of counts) {
        const own = (bits & localeBit(l)) !== 0;
        const american = (bits & us) !== 0;
        if (own && !american) c.theirs++;
        else if (american && !own) c.american++;
      }
    }
  }
  let best: DocumentLocale = { locale: 'en-US', alsoAccepted: [], source: 'default' };
  let bestScore = 0;
  let mixed: Locale | undefined;
  let mixedCount = 0;
  for (const [l, c] of counts) {
    // Some spellings of another locale among American ones (a writer who spells both ways): both are accepted.
    if (c.theirs > mixedCount || (c.theirs === mixedCount && l === 'en-GB' && c.theirs > 0)) {
      mixedCount = c.theirs;
      mixed = l;
    }
    if (c.theirs < MIN_EVIDENCE || c.theirs < EVIDENCE_RATIO * c.american) continue;
    // en-GB first among equals: the British spellings most notes from outside North America use.
    const score = c.theirs - c.american + (l === 'en-GB' ? 0.5 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = { locale: l, alsoAccepted: ['en-US'], source: 'inferred', evidence: c };
    }
  }
  if (best.source === 'default' && mixed && mixedCount > 0) {
    best = { locale: 'en-US', alsoAccepted: [mixed], source: 'inferred', evidence: counts.get(mixed) };
  }
  perSpeller.set(speller, best);
  return best;
}

/**
 * The locale a document is checked with: its own comment, else the configured one (config file, setting,
 * `--locale`), else what its spellings show.
 */
export function documentLocale(doc: NotesDocument, configured: string | undefined, speller: LocaleSpeller): DocumentLocale {
  return runToEnd(documentLocaleSteps(doc, configured, speller));
}

/** `documentLocale` as resumable steps: an editor runs them in slices (a big file is read in tens of milliseconds). */
export function* documentLocaleSteps(doc: NotesDocument, configured: string | undefined, speller: LocaleSpeller): Generator<void, DocumentLocale> {
  const own = yield* fileLocaleSteps(doc);
  if (own) return { locale: own, alsoAccepted: [], source: 'file' };
  if (configured) return { locale: normalizeLocale(configured), alsoAccepted: [], source: 'config' };
  return yield* inferLocaleSteps(doc, speller);
}

/** How a status bar or hover names the dictionary: "en-GB (inferred from the file's spellings; en-US accepted too)". */
export function describeLocale(l: DocumentLocale): string {
  const why = l.source === 'file' ? 'set in this file' : l.source === 'config' ? 'configured' : l.source === 'inferred' ? "inferred from the file's spellings" : 'default';
  return `${l.locale} (${why}${l.alsoAccepted.length ? `; ${l.alsoAccepted.join(', ')} accepted too` : ''})`;
}

/** The speller to check a document with: `speller` in the document's locale (see `documentLocale`), when it can switch. */
export function spellerForDocument(doc: NotesDocument, configured: string | undefined, speller: Speller): Speller {
  if (!speller.localesOf || !speller.withLocale) return speller;
  const l = documentLocale(doc, configured, speller as LocaleSpeller);
  return speller.withLocale(l.locale, l.alsoAccepted);
}

/** The edit that sets the file's own locale comment (`<!-- spelling: locale en-GB -->`), or removes it (`undefined`). */
export function localeCommentEdit(doc: NotesDocument, locale: Locale | undefined): TextEdit | undefined {
  for (let l = doc.lines.length - 1; l >= 0; l--) {
    const line = doc.lines[l]!;
    const m = LOCALE_COMMENT.exec(line);
    if (!m) continue;
    if (locale) return { range: { start: { line: l, character: m.index }, end: { line: l, character: m.index + m[0].length } }, newText: `<!-- spelling: locale ${locale} -->` };
    // The whole line when the comment is alone on it.
    if (line.trim() === m[0]) {
      const end = l + 1 < doc.lines.length ? { line: l + 1, character: 0 } : { line: l, character: line.length };
      return { range: { start: { line: l, character: 0 }, end }, newText: '' };
    }
    return { range: { start: { line: l, character: m.index }, end: { line: l, character: m.index + m[0].length } }, newText: '' };
  }
  if (!locale) return undefined;
  const last = doc.lines.length - 1;
  const end = { line: last, character: doc.lines[last]!.length };
  const comment = `<!-- spelling: locale ${locale} -->`;
  return { range: { start: end, end }, newText: doc.lines[last] === '' ? `${comment}\n` : `\n\n${comment}\n` };
}
