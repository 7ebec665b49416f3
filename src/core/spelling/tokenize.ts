// Words of a piece of prose, with their offsets. What is not a word to check never comes out: URLs, e-mail
// addresses, domain-like tokens (Bing.com, istio.io), HTML entities, words with digits (A2X) or underscores,
// all-caps acronyms (IAM, APIs) and single letters.

export interface WordToken {
  /** The word as written (apostrophes kept: don't, Ronen's, O'Brien). */
  text: string;
  /** Offset in the text given to `tokenize`, UTF-16 code units. */
  offset: number;
}

// A run of letters (and digits, to reject words with digits whole), with inner apostrophes.
const WORD = /[\p{L}\p{M}\p{N}_]+(?:['\u2019][\p{L}\p{M}\p{N}_]+)*/gu;
const CHUNK = /\S+/g;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)/i;
/** E-mail addresses, as `looksLikeEmail` finds them in a chunk with no blanks (the regular expression is its definition). */
export const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
// name.tld, a.b.c, with at least one inner dot between letters or digits: Bing.com, istio.io, e.g, file.txt
const DOMAIN = /[\p{L}\p{N}-]\.[\p{L}\p{N}]/u;
const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi;

const ACRONYM = /^\p{Lu}{2,}s?$/u;

export function isAcronym(word: string): boolean {
  // IAM, MSD, CTO; plurals APIs, URLs.
  return ACRONYM.test(word);
}

// Re-lints see the same lines again and again: remember their words (bounded).
const memo = new Map<string, WordToken[]>();
const MEMO_LIMIT = 50000;

/** Words to check in a line (or part of one) of prose. The result is shared: do not modify it. */
export function tokenize(text: string): readonly WordToken[] {
  const hit = memo.get(text);
  if (hit) return hit;
  const out = tokenizeUncached(text);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, out);
  return out;
}

const CLOSING = new Set([...')"\'\u2019\u201d],;:!?.*_>']);

/** The chunk without the punctuation that closes it; a loop, as `/[...]+$/` retries from every character (issue 15). */
function trimClosing(chunk: string): string {
  let end = chunk.length;
  while (end > 0 && CLOSING.has(chunk[end - 1]!)) end--;
  return chunk.slice(0, end);
}

/**
 * Whether a chunk (no blanks) holds `x@y.z` as EMAIL would find it, in one pass: the regular expression scans to
 * the `@` again from every character and takes seconds on a 200,000-letter word (issue 15).
 */
export function looksLikeEmail(chunk: string): boolean {
  if (!chunk.includes('@')) return false;
  const parts = chunk.split('@');
  for (let i = 0; i + 1 < parts.length; i++) {
    const domain = parts[i + 1]!;
    const dot = domain.indexOf('.', 1);
    if (parts[i]!.length > 0 && dot !== -1 && dot < domain.length - 1) return true;
  }
  return false;
}

function tokenizeUncached(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const chunk of text.matchAll(CHUNK)) {
    const raw = chunk[0];
    // Trim the punctuation that ends sentences and quotes before deciding whether the chunk is a domain.
    const core = trimClosing(raw.replace(/^[("'\u2018\u201c[<*_]+/, ''));
    if (URL_LIKE.test(core) || looksLikeEmail(core) || DOMAIN.test(core) || core.includes('://')) continue;
    const cleaned = raw.replace(ENTITY, (m) => ' '.repeat(m.length));
    for (const m of cleaned.matchAll(WORD)) {
      const word = m[0];
      if (/[\p{N}_]/u.test(word)) continue;
      const letters = word.replace(/['\u2019]/g, '');
      if ([...letters].length < 2 || isAcronym(letters)) continue;
      out.push({ text: word, offset: chunk.index! + m.index! });
    }
  }
  return out;
}

/**
 * The parts of a CamelCase word (DataDog -> Data, Dog; ThoughtWorks -> Thought, Works; iPhone -> i, Phone;
 * HTMLParser -> HTML, Parser), each with its offset inside the word. A word with no inner capital is one part.
 */
export function camelParts(word: string): WordToken[] {
  const parts: WordToken[] = [];
  const re = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?[\p{Ll}\p{M}'\u2019]+|\p{Lu}+|[^\p{Lu}\p{Ll}]+/gu;
  for (const m of word.matchAll(re)) parts.push({ text: m[0], offset: m.index! });
  return parts;
}

/** Whether the word has a capital after its first letter (so it may be CamelCase). */
export function hasInnerCapital(word: string): boolean {
  return /.\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
}

/** Every word a text establishes, lower case, with its CamelCase parts: for names of speakers, companies, roles. */
export function knownWordsOf(text: string): string[] {
  const words: string[] = [];
  for (const t of tokenize(text)) {
    words.push(t.text.toLowerCase());
    if (hasInnerCapital(t.text)) for (const p of camelParts(t.text)) words.push(p.text.toLowerCase());
    // Ronen's establishes Ronen.
    const base = t.text.replace(/['\u2019]s$/i, '');
    if (base !== t.text) words.push(base.toLowerCase());
  }
  // Also words with digits or in capitals (A2X, IAM) never need establishing: tokenize skips them.
  return words;
}
