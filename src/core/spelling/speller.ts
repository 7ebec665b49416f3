// The English speller: checks words against one locale of the shared dictionary and suggests corrections whose
// case follows the word's own. `loadSpeller` takes the bytes from a loader the caller supplies (fs in Node,
// vscode.workspace.fs in a web worker), so nothing here needs Node.
import type { Speller } from '../rules/types';
import { type DictionaryData, type Yield, findWord, isCased, parseDictionary, spellingOf } from './dictionary';
import { nextTurn } from '../nextTurn';
import { DICT_FILE, FLAG_CASED, FLAG_NOSUGGEST, FLAG_RARE, FLAG_TECH, LOCALES, type Locale, localeBit, normalizeLocale } from './format';
import { rankCandidates, searchTrie } from './suggest';

export type ReadFile = (relativePath: string) => Promise<Uint8Array>;

export function applyCase(original: string, word: string): string {
  if (word !== word.toLowerCase()) return word; // a cased dictionary word keeps its own capitals (London, iOS)
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return word.toUpperCase();
  const first = original.charAt(0);
  if (first !== first.toLowerCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

function normalizeApostrophes(word: string): string {
  return word.replace(/[\u2019\u02bc]/g, "'");
}

/** Edit cost within which an unknown word is a near miss of a common word (one edit: `Diven` for Driven). */
export const NEAR_MISS_COST = 1;
/** A common word: log10 of its probability in running text at least this (about the 20,000 commonest words). */
export const COMMON_LOG10 = -5.6;
/** A capitalised word (day, month, product) counts for near misses from this commonness (log10 of its probability). */
export const CASED_COMMON_LOG10 = -4.85;

/**
 * A word of the large English list only, written in lower case, is accepted when no common word is one typo from
 * it (`nite`: note, `pomes`: poems); when running text hardly ever shows it (log10 of its weighted probability
 * below this), only...
 */
export const RARE_MIN_LOG10 = -7.3;
/** ... when no English word at all is this close to it (an edit and a half): then it is a word of its own (`prototypal`). */
export const RARE_CLOSE_COST = 1.5;
/** Nor when an English word of any frequency is a vowel or a doubled letter away (`kippur`: kipper). */
export const VERY_NEAR_COST = 0.6;

/** An everyday word (after re-, co-): log10 of its probability at least this. */
const EVERYDAY_LOG10 = -5.2;

/** A name written all in lower case is accepted when it is at least this common (apache, youtube; not mylan). */
export const CASELESS_NAME_LOG10 = -6.5;

/** Prefixes that make a word of a known word (`autoscaling`, `multiline`, `microbenchmark`, `semistructured`). */
const SHORT_PREFIXES = ['re', 'co'];
const PREFIXES = ['auto', 'micro', 'multi', 'inter', 'intra', 'hyper', 'super', 'semi', 'anti', 'cross', 'meta', 'mega', 'pseudo', 'post', 'non'];

export class EnglishSpeller implements Speller {
  readonly locale: Locale;
  /** Locales whose spellings are accepted too (a document inferred British also accepts American spellings). */
  readonly alsoAccepted: readonly Locale[];
  /** Locale bits of the words accepted and suggested. */
  private readonly bit: number;
  private readonly extra = new Set<string>();
  private readonly nearMisses = new Map<string, boolean>();
  private readonly variants = new Map<string, EnglishSpeller>();

  constructor(
    private readonly data: DictionaryData,
    locale: string,
    alsoAccepted: readonly string[] = [],
  ) {
    this.locale = normalizeLocale(locale);
    this.alsoAccepted = [...new Set(alsoAccepted.map(normalizeLocale))].filter((l) => l !== this.locale);
    this.bit = this.alsoAccepted.reduce((b, l) => b | localeBit(l), localeBit(this.locale));
  }

  /** A speller of the same dictionary for words the document or the user add (they are matched case-insensitively). */
  withWords(words: Iterable<string>): EnglishSpeller {
    const s = new EnglishSpeller(this.data, this.locale, this.alsoAccepted);
    for (const w of this.extra) s.extra.add(w);
    for (const w of words) s.extra.add(normalizeApostrophes(w).toLowerCase());
    return s;
  }

  /** The same dictionary and added words in another locale (accepting also the spellings of `alsoAccepted`). */
  withLocale(locale: string, alsoAccepted: readonly string[] = []): EnglishSpeller {
    const same = normalizeLocale(locale) === this.locale && alsoAccepted.map(normalizeLocale).filter((l) => l !== this.locale).join() === this.alsoAccepted.join();
    if (same) return this;
    // The same object for the same locales: its caches (near misses, and the rule's verdicts) are kept.
    const key = `${normalizeLocale(locale)}+${alsoAccepted.map(normalizeLocale).join('+')}`;
    let s = this.variants.get(key);
    if (!s) {
      s = new EnglishSpeller(this.data, locale, alsoAccepted);
      for (const w of this.extra) s.extra.add(w);
      this.variants.set(key, s);
    }
    return s;
  }

  /** Known, in this exact case (or all in capitals): `GitHub`, `London`, `api`. */
  isCorrect(word: string): boolean {
    const w = normalizeApostrophes(word);
    return this.withPossessive(w, (x) => this.isKnown(x)) || this.isDerived(w);
  }

  /**
   * The dictionary's own spelling of a word known only in another case (`github` -> GitHub, `Javascript` ->
   * JavaScript, `api` -> API, `apache` -> Apache). A rare name written in lower case (`mylan`) is not one: it is
   * more likely a typo than a name typed fast.
   */
  inAnotherCase(word: string): string | undefined {
    const w = normalizeApostrophes(word).replace(/'s$|'$/i, '');
    const own = this.caseFormOf(w);
    if (own !== undefined || !/[^s]s$/i.test(w)) return own;
    // The plural of a product's name typed in lower case: `legos`, `kafkas`.
    const stem = this.caseFormOf(w.slice(0, -1));
    return stem !== undefined && /^\p{Lu}\p{Ll}+$/u.test(stem) ? `${stem}s` : undefined;
  }

  private caseFormOf(w: string): string | undefined {
    const lower = w.toLowerCase();
    const id = findWord(this.data, lower);
    if (id < 0 || (this.data.wordFlags[id]! & this.bit) === 0 || !isCased(this.data, id)) return undefined;
    const form = spellingOf(this.data, id, lower);
    if (w === form || w === form.toUpperCase()) return undefined;
    // Acronyms, CamelCase names and technical names (postgres, ceph, kafka) are typed in lower case all the time.
    const shaped = form === form.toUpperCase() || /.\p{Lu}/u.test(form) || (this.data.wordFlags[id]! & FLAG_TECH) !== 0;
    if (!shaped && w === lower && this.data.logFreq[this.data.wordFreq[id]!]! < CASELESS_NAME_LOG10) return undefined;
    return form;
  }

  /** Whether the dictionary knows the word as a name, with its capitals as written (Stephen, Marc, Brooker). */
  isProperName(word: string): boolean {
    const w = normalizeApostrophes(word).replace(/'s$|'$/i, '');
    const id = findWord(this.data, w.toLowerCase());
    if (id < 0 || !isCased(this.data, id)) return false;
    const form = spellingOf(this.data, id, w.toLowerCase());
    return form === w && form !== form.toUpperCase();
  }

  /** The locales (bits of LOCALES) that know the word, whatever its case; 0 if none. */
  localesOf(word: string): number {
    const w = normalizeApostrophes(word);
    const bits = (x: string): number => {
      const id = findWord(this.data, x.toLowerCase());
      return id < 0 ? 0 : this.data.wordFlags[id]! & ((1 << LOCALES.length) - 1);
    };
    let b = bits(w);
    if (b === 0 && /'s$/i.test(w)) b = bits(w.slice(0, -2));
    return b;
  }

  /** The locales of this speller: its own and those it also accepts. */
  get localeMask(): number {
    return this.bit;
  }

  /** Whether another English locale spells the word this way (`behaviour` in en-US, `color` in en-GB). */
  isOtherLocaleSpelling(word: string): boolean {
    const b = this.localesOf(word);
    return b !== 0 && (b & this.bit) === 0;
  }

  /**
   * Whether the word is one typing mistake away from a common English word (`Diven` from driven, `Spee` from
   * speed): then it is probably a typo even when capitalised, not a name.
   */
  isNearMiss(word: string, except?: string): boolean {
    const lower = normalizeApostrophes(word).toLowerCase();
    const key = except === undefined ? lower : `${lower}\u0000${except}`;
    let hit = this.nearMisses.get(key);
    if (hit === undefined) {
      hit = false;
      if (lower.length <= 64) {
        for (const r of searchTrie(this.data, lower, NEAR_MISS_COST, this.bit)) {
          if (r.word === except) continue;
          const f = this.data.wordFlags[r.id]!;
          if (f & FLAG_NOSUGGEST) continue;
          // A name counts when it is a common word's kind of common (Wednesday, Google: `Wensday` is a typo).
          if (f & FLAG_CASED && this.data.logFreq[this.data.wordFreq[r.id]!]! < CASED_COMMON_LOG10) continue;
          // A technical term counts whatever its frequency (`Builpacks` for buildpacks), unless it is very short.
          if ((f & FLAG_TECH ? r.word.length >= 5 : false) || this.data.logFreq[this.data.wordFreq[r.id]!]! >= COMMON_LOG10) {
            hit = true;
            break;
          }
        }
      }
      if (this.nearMisses.size > 20000) this.nearMisses.clear();
      this.nearMisses.set(key, hit);
    }
    return hit;
  }

  /** Whether an English word of any frequency is within `cost` of the word (`sherbert`: sherbet, `kippur`: kipper). */
  private isCloseToEnglish(lower: string, cost: number): boolean {
    const key = `${lower}\u0001${cost}`;
    let hit = this.nearMisses.get(key);
    if (hit === undefined) {
      hit = false;
      if (lower.length <= 64) {
        for (const r of searchTrie(this.data, lower, cost, this.bit)) {
          if (r.word === lower || (this.data.wordFlags[r.id]! & (FLAG_CASED | FLAG_NOSUGGEST | FLAG_TECH | FLAG_RARE)) !== 0) continue;
          hit = true;
          break;
        }
      }
      this.nearMisses.set(key, hit);
    }
    return hit;
  }

  /** The word, or without its possessive ('s, s'), passes `test`. */
  private withPossessive(w: string, test: (x: string) => boolean): boolean {
    if (test(w)) return true;
    // Possessives of known words: Ronen's, Gregory's, users'.
    if (/'s$/i.test(w) && test(w.slice(0, -2))) return true;
    if (/s'$/i.test(w) && test(w.slice(0, -1))) return true;
    return false;
  }

  /**
   * A noun or adjective ending in e used as a verb (`offlined`, `baselined`): the past of a known word that the
   * dictionary has no verb forms of. A known verb (`write`) keeps its own forms: `writed` stays a typo.
   */
  private isVerbed(lower: string): boolean {
    const m = /^(.{4,}e)(d)$/.exec(lower);
    if (!m || !this.isEverydayWord(m[1]!)) return false;
    const stem = m[1]!.slice(0, -1);
    return !this.isKnownLower(`${stem}ing`) && !this.isKnownLower(`${m[1]}d`) && !this.isKnownLower(`${m[1]}s`);
  }

  /** British `-ise` forms of a known `-ize` word, when a British locale is accepted (`incentivised`, `prioritising`). */
  private isBritishIse(lower: string): boolean {
    if ((this.bit & ~localeBit('en-US') & ~localeBit('en-CA')) === 0) return false;
    const m = /^(.{3,})is(e|es|ed|ing|ation|ations|er|ers)$/.exec(lower);
    if (!m) return false;
    const id = findWord(this.data, `${m[1]}iz${m[2]}`);
    return id >= 0 && (this.data.wordFlags[id]! & localeBit('en-US')) !== 0;
  }

  /**
   * A known word behind a productive prefix (`autoscaling`, `multicolumn`) or a plural of a known word that
   * lacks one (`integrations`, `webhooks`), when both parts are long enough that a typo rarely looks like it.
   */
  private isDerived(w: string): boolean {
    const lower = w.toLowerCase();
    if (lower.length < 6 || lower.includes("'") || this.data.misspellings.get(lower)) return false;
    if (this.isBritishIse(lower)) return true;
    if (this.isVerbed(lower)) return true;
    // The singular of a plural in a technical list written by hand (`buildpack`: the list has buildpacks); not of
    // a word that only ends in s (`serverles` is serverless misspelt).
    if (!/[su]$/.test(lower)) {
      const plural = findWord(this.data, `${lower}s`);
      const f = plural >= 0 ? this.data.wordFlags[plural]! : 0;
      if ((f & FLAG_TECH) !== 0 && (f & (FLAG_RARE | FLAG_NOSUGGEST | FLAG_CASED)) === 0 && (f & this.bit) !== 0) return true;
    }
    // One typo away from a common word (other than its own stem), a typo is the likelier reading.
    if (this.isNearMiss(lower, lower.endsWith('s') ? lower.slice(0, -1) : undefined)) return false;
    for (const p of PREFIXES) {
      if (lower.startsWith(p) && lower.length - p.length >= 4) {
        const rest = lower.slice(p.length);
        if (this.isKnownLower(rest) || (rest.startsWith('-') && this.isKnownLower(rest.slice(1)))) return true;
      }
    }
    // re- and co- before an everyday word (`rewatch`, `rerank`, `cochair`); the near-miss test above keeps out
    // `remined` (remind) and `colate` (collate).
    for (const p of SHORT_PREFIXES) {
      if (lower.startsWith(p) && lower.length - p.length >= (p === 're' ? 4 : 5) && this.isEverydayWord(lower.slice(p.length))) return true;
    }
    // Plurals the dictionary lacks (`integrations`, `webhooks`); not of indefinite pronouns, which have none:
    // `anyones` is a possessive without its apostrophe.
    if (lower.endsWith('s') && !/(?:s|x|z|ch|sh)s$/.test(lower) && !/[^aeiou]ys$/.test(lower) && !/(?:one|body|thing|self|where)s$/.test(lower)) {
      const stem = lower.slice(0, -1);
      const id = stem.length >= 4 ? findWord(this.data, stem) : -1;
      const tech = id >= 0 && (this.data.wordFlags[id]! & FLAG_TECH) !== 0;
      if (id >= 0 && (tech || stem.length >= 6) && this.isKnownLower(stem)) return true;
    }
    return false;
  }

  /** A common English word (not only a technical or rare one). */
  private isEverydayWord(lower: string): boolean {
    const id = findWord(this.data, lower);
    if (id < 0) return false;
    const f = this.data.wordFlags[id]!;
    return (f & this.bit) !== 0 && (f & (FLAG_TECH | FLAG_RARE | FLAG_CASED | FLAG_NOSUGGEST)) === 0 && this.data.logFreq[this.data.wordFreq[id]!]! >= EVERYDAY_LOG10;
  }

  private isKnownLower(lower: string): boolean {
    if (this.extra.has(lower)) return true;
    const id = findWord(this.data, lower);
    return id >= 0 && (this.data.wordFlags[id]! & this.bit) !== 0 && !isCased(this.data, id);
  }

  private isKnown(w: string): boolean {
    const lower = w.toLowerCase();
    if (this.extra.has(lower)) return true;
    const id = findWord(this.data, lower);
    if (id < 0 || (this.data.wordFlags[id]! & this.bit) === 0) return false;
    if ((this.data.wordFlags[id]! & FLAG_RARE) !== 0) {
      // A word only the large list knows and running text hardly ever shows (`sherbert`, `preemptory`) is a
      // misspelling more often than not; and one typo from a common word, the common word was meant (`nite`).
      // (Written in lower case: a capitalised one is a name, `Vox`, `Aeron`.)
      const unseen = this.data.logFreq[this.data.wordFreq[id]!]! < RARE_MIN_LOG10;
      if (w === lower && (unseen ? this.isCloseToEnglish(lower, RARE_CLOSE_COST) : this.isCloseToEnglish(lower, VERY_NEAR_COST) || this.isNearMiss(lower))) return false;
    }
    if (!isCased(this.data, id)) return true;
    const form = spellingOf(this.data, id, lower);
    return w === form || w === form.toUpperCase();
  }

  /** Whether the common-misspellings list has the word (`teh`, `recieve`), and its corrections. */
  listedCorrections(word: string): string[] | undefined {
    return this.data.misspellings.get(normalizeApostrophes(word).toLowerCase());
  }

  suggest(word: string, max = 8): string[] {
    return this.suggestScored(word, max).map((s) => s.word);
  }

  /** Suggestions with their scores (lower is better; about one unit per edit or per 3x rarer word). */
  suggestScored(word: string, max = 8, useMisspellings = true): Array<{ word: string; score: number }> {
    // The search's tables grow with the square of the length: nothing that long is a word.
    if (word.length > 64) return [];
    const w = normalizeApostrophes(word);
    const lower = w.toLowerCase();
    const out: Array<{ word: string; score: number }> = [];
    for (const c of rankCandidates(this.data, lower, { localeBit: this.bit, max: max + 2, useMisspellings })) {
      const form = c.id >= 0 ? spellingOf(this.data, c.id, c.word) : c.word;
      const s = applyCase(w, form);
      if (s !== w && !out.some((o) => o.word === s)) out.push({ word: s, score: c.score });
      if (out.length >= max) break;
    }
    return out;
  }
}

const loaded = new WeakMap<ReadFile, Promise<DictionaryData>>();

/** Loads (once per loader) and parses the dictionary file, yielding between chunks. */
export function loadDictionary(readFile: ReadFile, yieldFn: Yield = nextTurn): Promise<DictionaryData> {
  let p = loaded.get(readFile);
  if (!p) {
    p = readFile(DICT_FILE).then((bytes) => parseDictionary(bytes, yieldFn));
    loaded.set(readFile, p);
    p.catch(() => loaded.delete(readFile));
  }
  return p;
}

/** The speller of a locale ('en-US' by default; en-GB, en-AU, en-CA; en-NZ and en-IE read as en-GB). */
export async function loadSpeller(locale: string | undefined, readFile: ReadFile, yieldFn?: Yield): Promise<EnglishSpeller> {
  return new EnglishSpeller(await loadDictionary(readFile, yieldFn), normalizeLocale(locale));
}
