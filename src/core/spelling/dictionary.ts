// Reads the compact dictionary file (format.ts) from bytes the caller supplies: no Node APIs, so the same code
// loads it in the CLI, the extension host and a web worker.
import { FLAG_CASED, FLAG_NOSUGGEST, FORMAT_VERSION, MAGIC, SECTIONS, freqToLog10 } from './format';
import { nextTurn } from '../nextTurn';

export interface DictionaryData {
  nodeChar: Uint16Array;
  nodeFirst: Uint32Array;
  nodeCount: Uint8Array;
  nodeWord: Int32Array;
  /** Per node: a suggestable word ends at or below it. */
  nodeSuggest: Uint8Array;
  wordFlags: Uint8Array;
  wordFreq: Uint8Array;
  /** Word id -> the form with capitals it must be written in (London, iOS). */
  cased: { get(id: number): string | undefined };
  /** Common misspelling (lower case) -> corrections, best first. */
  misspellings: { get(word: string): string[] | undefined };
  /** Log10 probability per frequency byte, precomputed. */
  logFreq: Float64Array;
}

/** Lets a long parse give the thread back (the extension host must not block for more than ~50 ms). */
export type Yield = () => Promise<void>;

function view<T>(bytes: Uint8Array, offset: number, length: number, make: (b: ArrayBuffer, o: number, n: number) => T, size: number): T {
  const at = bytes.byteOffset + offset;
  if (at % size === 0) return make(bytes.buffer as ArrayBuffer, at, length / size);
  // Unaligned (a pooled Node Buffer): copy this section.
  const copy = bytes.slice(offset, offset + length);
  return make(copy.buffer as ArrayBuffer, 0, length / size);
}

/**
 * A sorted `key<TAB>value` text searched in place (binary search over the string): nothing is parsed at load
 * time, and a look-up costs a few dozen string comparisons.
 */
export class SortedLines {
  constructor(
    private readonly text: string,
    private readonly compare: (key: string, lineKey: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  ) {}

  get(key: string): string | undefined {
    const t = this.text;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const start = mid === 0 ? 0 : t.lastIndexOf('\n', mid - 1) + 1;
      let end = t.indexOf('\n', start);
      if (end === -1) end = t.length;
      const tab = t.indexOf('\t', start);
      const c = this.compare(key, t.slice(start, tab));
      if (c === 0) return t.slice(tab + 1, end);
      if (c < 0) hi = start;
      else lo = end + 1;
    }
    return undefined;
  }
}

/** Parses the dictionary file. Each synchronous stretch is a few milliseconds; `yieldFn` runs between them. */
export async function parseDictionary(bytes: Uint8Array, yieldFn: Yield = nextTurn): Promise<DictionaryData> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dec = new TextDecoder();
  if (dec.decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('spelling dictionary: not a dictionary file');
  const version = dv.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new Error(`spelling dictionary: format ${version}, expected ${FORMAT_VERSION} (rebuild it)`);
  const count = dv.getUint32(8, true);
  const sections = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const name = dec.decode(bytes.subarray(12 + i * 12, 16 + i * 12));
    sections.set(name, { offset: dv.getUint32(16 + i * 12, true), length: dv.getUint32(20 + i * 12, true) });
  }
  const section = (name: string): { offset: number; length: number } => {
    const s = sections.get(name);
    if (!s) throw new Error(`spelling dictionary: section ${name} missing`);
    return s;
  };
  const u8 = (name: string): Uint8Array => {
    const s = section(name);
    return bytes.subarray(s.offset, s.offset + s.length);
  };
  const typed = <T>(name: string, make: (b: ArrayBuffer, o: number, n: number) => T, size: number): T => {
    const s = section(name);
    return view(bytes, s.offset, s.length, make, size);
  };
  await yieldFn();
  const casedLines = new SortedLines(dec.decode(u8(SECTIONS.cased)), (a, b) => Number(a) - Number(b));
  await yieldFn();
  const missLines = new SortedLines(dec.decode(u8(SECTIONS.misspellings)));
  await yieldFn();
  const logFreq = new Float64Array(256);
  for (let q = 0; q < 256; q++) logFreq[q] = freqToLog10(q);
  return {
    nodeChar: typed(SECTIONS.nodeChar, (b, o, n) => new Uint16Array(b, o, n), 2),
    nodeFirst: typed(SECTIONS.nodeFirst, (b, o, n) => new Uint32Array(b, o, n), 4),
    nodeCount: u8(SECTIONS.nodeCount),
    nodeWord: typed(SECTIONS.nodeWord, (b, o, n) => new Int32Array(b, o, n), 4),
    nodeSuggest: u8(SECTIONS.nodeSuggest),
    wordFlags: u8(SECTIONS.wordFlags),
    wordFreq: u8(SECTIONS.wordFreq),
    cased: { get: (id) => casedLines.get(String(id)) },
    misspellings: { get: (word) => missLines.get(word)?.split(',') },
    logFreq,
  };
}

/** The child of `node` reached by character code `c`, or -1 (children are sorted: binary search). */
export function childOf(d: DictionaryData, node: number, c: number): number {
  let lo = d.nodeFirst[node]!;
  let hi = lo + d.nodeCount[node]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = d.nodeChar[mid]!;
    if (m === c) return mid;
    if (m < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The word id of a lower-case spelling, or -1. */
export function findWord(d: DictionaryData, lower: string): number {
  let node = 0;
  for (let i = 0; i < lower.length; i++) {
    node = childOf(d, node, lower.charCodeAt(i));
    if (node < 0) return -1;
  }
  return d.nodeWord[node]!;
}

export function isSuggestable(d: DictionaryData, id: number, localeBit: number): boolean {
  const f = d.wordFlags[id]!;
  return (f & localeBit) !== 0 && (f & FLAG_NOSUGGEST) === 0;
}

export function isCased(d: DictionaryData, id: number): boolean {
  return (d.wordFlags[id]! & FLAG_CASED) !== 0;
}

/** Spells out a word id by walking the trie from its node; used only for the few suggestions returned. */
export function spellingOf(d: DictionaryData, id: number, lower: string): string {
  return isCased(d, id) ? (d.cased.get(id) ?? lower) : lower;
}
