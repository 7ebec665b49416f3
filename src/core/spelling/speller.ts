// The English speller: checks words against one locale of the shared dictionary and suggests corrections whose
// case follows the word's own. `loadSpeller` takes the bytes from a loader the caller supplies (fs in Node,
// vscode.workspace.fs in a web worker), so nothing here needs Node.
import type { Speller } from '../rules/types';
import { type DictionaryData, type Yield, findWord, isCased, parseDictionary, spellingOf } from './dictionary';
import { nextTurn } from '../nextTurn';
import { DICT_FILE, type Locale, localeBit, normalizeLocale } from './format';
import { rankCandidates } from './suggest';

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

export class EnglishSpeller implements Speller {
  readonly locale: Locale;
  private readonly bit: number;
  private readonly extra = new Set<string>();

  constructor(
    private readonly data: DictionaryData,
    locale: string,
  ) {
    this.locale = normalizeLocale(locale);
    this.bit = localeBit(this.locale);
  }

  /** A speller of the same dictionary for words the document or the user add (they are matched case-insensitively). */
  withWords(words: Iterable<string>): EnglishSpeller {
    const s = new EnglishSpeller(this.data, this.locale);
    for (const w of this.extra) s.extra.add(w);
    for (const w of words) s.extra.add(normalizeApostrophes(w).toLowerCase());
    return s;
  }

  isCorrect(word: string): boolean {
    const w = normalizeApostrophes(word);
    if (this.isKnown(w)) return true;
    // Possessives of known words: Ronen's, Gregory's, users'.
    if (/'s$/i.test(w) && this.isKnown(w.slice(0, -2))) return true;
    if (/s'$/i.test(w) && this.isKnown(w.slice(0, -1))) return true;
    return false;
  }

  private isKnown(w: string): boolean {
    const lower = w.toLowerCase();
    if (this.extra.has(lower)) return true;
    const id = findWord(this.data, lower);
    if (id < 0 || (this.data.wordFlags[id]! & this.bit) === 0) return false;
    if (!isCased(this.data, id)) return true;
    const form = spellingOf(this.data, id, lower);
    return w === form || w === form.toUpperCase();
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
