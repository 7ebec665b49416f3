// The compact dictionary file (`dict/en.bin`), written at build time by scripts/build-dict.ts and read by
// dictionary.ts in Node and in a web worker alike. Little-endian; every section starts on a 4-byte boundary.
//
// Header: magic 'CNSP', u32 version, u32 section count, then per section: 4-byte ASCII name, u32 offset, u32 length.
// The words form a trie over their lower-case spelling, nodes in breadth-first order so that a node's children
// are contiguous and sorted by character.

export const MAGIC = 'CNSP';
export const FORMAT_VERSION = 5;
export const DICT_FILE = 'en.bin';

export const SECTIONS = {
  /** Uint16 per node: the character on the edge into the node. */
  nodeChar: 'NCHR',
  /** Uint32 per node: index of its first child. */
  nodeFirst: 'NFST',
  /** Uint8 per node: its number of children. */
  nodeCount: 'NCNT',
  /** Int32 per node: the word id ending here, or -1. */
  nodeWord: 'NWRD',
  /** Uint8 per node: 1 when a word that may be suggested ends at or below it (the search skips the others). */
  nodeSuggest: 'NSUG',
  /** Uint8 per word: flags (locale bits, no-suggest, cased, technical). */
  wordFlags: 'WFLG',
  /** Uint8 per word: quantized log frequency, 0 = unknown. */
  wordFreq: 'WFRQ',
  /** UTF-8 text, one `id<TAB>Form` line per word that must keep its capitals (London, iOS). */
  cased: 'CASE',
  /** UTF-8 text, one `misspelling<TAB>correction` line per common misspelling. */
  misspellings: 'MISS',
} as const;

export const LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-CA'] as const;
export type Locale = (typeof LOCALES)[number];

/** Word flag bits 0-3: the word belongs to LOCALES[i]. */
export const FLAG_NOSUGGEST = 1 << 4;
export const FLAG_CASED = 1 << 5;
/** The word comes only from the technical lists (cspell's software, cloud, language dictionaries), not from English. */
export const FLAG_TECH = 1 << 6;
/**
 * A rare English word from the large list only (`combinatorial`, but also `miniscule`, `nite`): accepted unless it
 * is one typo away from a common word, where the common word is the likelier meaning.
 */
export const FLAG_RARE = 1 << 7;

export function localeBit(locale: Locale): number {
  return 1 << LOCALES.indexOf(locale);
}

export function normalizeLocale(locale: string | undefined): Locale {
  const l = (locale ?? '').replace('_', '-').toLowerCase();
  if (l === 'en-gb' || l === 'en-nz' || l === 'en-ie') return 'en-GB';
  if (l === 'en-au') return 'en-AU';
  if (l === 'en-ca') return 'en-CA';
  return 'en-US';
}

/** Frequency per word is stored as round((log10(p) + 10) * FREQ_SCALE), p = probability of the word in running text. */
export const FREQ_SCALE = 25;
export function freqToLog10(q: number): number {
  return q === 0 ? -10.5 : q / FREQ_SCALE - 10;
}
