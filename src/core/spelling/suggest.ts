// Suggestions: a noisy-channel ranking. Candidates come from a bounded, weighted Damerau-Levenshtein search over
// the dictionary trie (cheap edits for the typos people make: doubled letters, swapped neighbours, keys next to
// each other, vowels for vowels, letters that sound alike) and from the common-misspellings list; each is scored
// by how likely the typo is (edit cost) and how common the word is (frequency).
import { type DictionaryData, findWord, isCased, isSuggestable } from './dictionary';

export interface Candidate {
  /** Lower-case spelling. */
  word: string;
  id: number;
  cost: number;
  score: number;
}

export interface SuggestOptions {
  /** Bit of the locale whose words may be suggested. */
  localeBit: number;
  max?: number;
  /** Consult the common-misspellings list first (default true; the benchmark measures both). */
  useMisspellings?: boolean;
}

// ---- Edit costs (tuned on Norvig's development set, checked on his test set and Aspell's hard set) ----

export const COST = {
  substitute: 1,
  /** Vowel for vowel: "seperate", "definate". */
  vowel: 0.6,
  /** Keys next to each other on a QWERTY keyboard. */
  keyboard: 0.75,
  /** Letters that often stand for the same sound: c/k/s, i/y, s/z. */
  sound: 0.7,
  insert: 1,
  delete: 1,
  /** Doubling or undoubling a letter: "begining", "occured", "ammend". */
  double: 0.4,
  transpose: 0.75,
  /** A missing apostrophe: "dont", "wasnt". */
  apostrophe: 0.15,
  /** Any edit of the first letter costs this much more: people rarely get it wrong. */
  firstLetter: 0.4,
};

/** Ranking knobs; exported so the benchmark can re-tune them (bench/spelling-eval.ts --tune). */
export const TUNING = {
  /** Cost units per order of magnitude of word frequency. */
  freqWeight: 0.3,
  /** Edit budget for short words, and for words of 7 letters or more (a pass among words with the same first letter). */
  maxCost: 2.05,
  maxCostLong: 3.2,
  /** Long words are searched with maxCostLong only when the closest word found within maxCost is this far. */
  widenAbove: 1.3,
  /** A possessive ('s) suggested for a word without an apostrophe: usually the plain plural was meant. */
  possessive: 0.3,
  /** A capitalised name or acronym suggested for a lower-case word. */
  cased: 0.35,
  acronym: 0.8,
};

const VOWELS = new Set([...'aeiouy'].map((c) => c.charCodeAt(0)));
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const SOUND_GROUPS = ['cks', 'sz', 'iy', 'fv', 'gj', 'dt', 'mn', 'bp', 'qk', 'xz'];

const pairCost = new Map<number, number>();
function setPair(a: string, b: string, cost: number): void {
  const x = a.charCodeAt(0);
  const y = b.charCodeAt(0);
  const k1 = x * 65536 + y;
  const k2 = y * 65536 + x;
  pairCost.set(k1, Math.min(pairCost.get(k1) ?? cost, cost));
  pairCost.set(k2, Math.min(pairCost.get(k2) ?? cost, cost));
}
for (const g of SOUND_GROUPS) for (const a of g) for (const b of g) if (a !== b) setPair(a, b, COST.sound);
KEYBOARD_ROWS.forEach((row, r) => {
  for (let i = 0; i < row.length; i++) {
    if (i + 1 < row.length) setPair(row[i]!, row[i + 1]!, COST.keyboard);
    const below = KEYBOARD_ROWS[r + 1];
    if (below) {
      if (below[i]) setPair(row[i]!, below[i]!, COST.keyboard);
      if (i > 0 && below[i - 1]) setPair(row[i]!, below[i - 1]!, COST.keyboard);
    }
  }
});
for (const a of VOWELS) for (const b of VOWELS) if (a !== b) setPair(String.fromCharCode(a), String.fromCharCode(b), COST.vowel);

// The same costs as a flat table for letters below 128, read in the search's inner loop.
const subTable = new Float64Array(128 * 128).fill(COST.substitute);
for (const [k, v] of pairCost) {
  const a = Math.floor(k / 65536);
  const b = k % 65536;
  if (a < 128 && b < 128) subTable[a * 128 + b] = v;
}

function substituteCost(a: number, b: number): number {
  return a < 128 && b < 128 ? subTable[a * 128 + b]! : (pairCost.get(a * 65536 + b) ?? COST.substitute);
}

const APOSTROPHE = 39;
/** Score bonus of a correction the common-misspellings list gives for the word. */
const LISTED_BONUS = 3;

/** Buffers reused from one search to the next (searches are synchronous), so suggesting allocates little. */
const scratch = {
  f: new Map<string, Float64Array>(),
  i: new Map<string, Int32Array>(),
  floats(name: string, size: number): Float64Array {
    let a = this.f.get(name);
    if (!a || a.length < size) this.f.set(name, (a = new Float64Array(Math.max(size, 2 * (a?.length ?? 0)))));
    return a;
  },
  ints(name: string, size: number): Int32Array {
    let a = this.i.get(name);
    if (!a || a.length < size) this.i.set(name, (a = new Int32Array(Math.max(size, 2 * (a?.length ?? 0)))));
    return a;
  },
  grow(name: string, a: Int32Array): Int32Array {
    const bigger = new Int32Array(a.length * 2);
    bigger.set(a);
    this.i.set(name, bigger);
    return bigger;
  },
};

/**
 * Words of the dictionary within a bounded weighted edit distance of `query` (lower case), found by walking the
 * trie with one dynamic-programming row per depth and pruning branches whose row minimum exceeds the bound.
 */
export function searchTrie(d: DictionaryData, query: string, maxCost: number, localeBit: number, sameFirstLetter = false): Array<{ id: number; word: string; cost: number }> {
  const n = query.length;
  const q = new Int32Array(n);
  for (let i = 0; i < n; i++) q[i] = query.charCodeAt(i);
  const width = n + 1;
  const maxDepth = n + Math.ceil(maxCost / COST.double) + 2;
  const rows = scratch.floats('rows', (maxDepth + 1) * width);
  const word = scratch.ints('word', maxDepth + 1);
  // Cost of deleting q[j-1] (an extra letter in the typo), cheaper when it doubles a neighbour.
  const del = new Float64Array(width);
  for (let j = 1; j <= n; j++) {
    const c = q[j - 1]!;
    let cost = (j > 1 && q[j - 2] === c) || (j < n && q[j] === c) ? COST.double : COST.delete;
    if (c === APOSTROPHE) cost = COST.apostrophe;
    if (j === 1) cost += COST.firstLetter;
    del[j] = cost;
  }
  rows[0] = 0;
  for (let j = 1; j <= n; j++) rows[j] = rows[j - 1]! + del[j]!;
  // Substitution costs of every ASCII letter against each query position (first-letter surcharge included),
  // so the inner loop is a table read.
  const sub = scratch.floats('sub', 128 * width);
  for (let c = 0; c < 128; c++) {
    for (let j = 1; j <= n; j++) {
      const qc = q[j - 1]!;
      sub[c * width + j] = qc === c ? 0 : substituteCost(qc, c) + (j === 1 ? COST.firstLetter : 0);
    }
  }
  const found: Array<{ id: number; word: string; cost: number }> = [];

  // Iterative depth-first walk over a typed stack of (node, depth).
  let stackNode = scratch.ints('stackNode', 1024);
  let stackDepth = scratch.ints('stackDepth', 1024);
  let top = 0;
  const push = (node: number, depth: number): void => {
    if (top === stackNode.length) {
      stackNode = scratch.grow('stackNode', stackNode);
      stackDepth = scratch.grow('stackDepth', stackDepth);
    }
    stackNode[top] = node;
    stackDepth[top++] = depth;
  };
  const first0 = d.nodeFirst[0]!;
  for (let k = d.nodeCount[0]! - 1; k >= 0; k--) {
    if ((!sameFirstLetter || d.nodeChar[first0 + k] === q[0]) && d.nodeSuggest[first0 + k]) push(first0 + k, 1);
  }
  const { nodeChar, nodeWord, nodeFirst, nodeCount, nodeSuggest } = d;
  const transpose = COST.transpose;
  while (top > 0) {
    top--;
    const node = stackNode[top]!;
    const depth = stackDepth[top]!;
    if (depth > maxDepth) continue;
    const c = nodeChar[node]!;
    word[depth] = c;
    const prevChar = depth > 1 ? word[depth - 1]! : -1;
    const cur = depth * width;
    const prev = cur - width;
    // Inserting the word's letter c (the typo lacks it).
    let ins = c === prevChar ? COST.double : COST.insert;
    if (c === APOSTROPHE) ins = COST.apostrophe;
    rows[cur] = rows[prev]! + ins + (depth === 1 ? COST.firstLetter : 0);
    let rowMin = rows[cur]!;
    const subBase = c < 128 ? c * width : -1;
    for (let j = 1; j <= n; j++) {
      let s: number;
      if (subBase >= 0 && depth > 1) s = sub[subBase + j]!;
      else {
        const qc = q[j - 1]!;
        s = qc === c ? 0 : substituteCost(qc, c) + (j === 1 || depth === 1 ? COST.firstLetter : 0);
      }
      let best = rows[prev + j - 1]! + s;
      const a = rows[prev + j]! + ins;
      if (a < best) best = a;
      const b = rows[cur + j - 1]! + del[j]!;
      if (b < best) best = b;
      if (j > 1 && q[j - 1] === prevChar && q[j - 2] === c && prevChar !== c) {
        const t = rows[prev - width + j - 2]! + transpose;
        if (t < best) best = t;
      }
      rows[cur + j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > maxCost) continue;
    const id = nodeWord[node]!;
    if (id >= 0 && rows[cur + n]! <= maxCost && isSuggestable(d, id, localeBit)) {
      found.push({ id, word: String.fromCharCode(...word.subarray(1, depth + 1)), cost: rows[cur + n]! });
    }
    const first = nodeFirst[node]!;
    for (let k = nodeCount[node]! - 1; k >= 0; k--) if (nodeSuggest[first + k]) push(first + k, depth + 1);
  }
  return found;
}

/** Ranked candidates for a lower-case misspelling, best first. */
export function rankCandidates(d: DictionaryData, query: string, options: SuggestOptions): Candidate[] {
  const max = options.max ?? 8;
  const maxCost = query.length >= 7 ? TUNING.maxCostLong : TUNING.maxCost;
  const byId = new Map<number, Candidate>();
  const queryHasApostrophe = query.includes("'");
  const add = (id: number, word: string, cost: number): void => {
    let score = cost - TUNING.freqWeight * d.logFreq[d.wordFreq[id]!]!;
    if (!queryHasApostrophe && word.endsWith("'s")) score += TUNING.possessive;
    if (isCased(d, id) && cost > 0) {
      const form = d.cased.get(id) ?? word;
      score += form.length > 1 && form === form.toUpperCase() ? TUNING.acronym : TUNING.cased;
    }
    const old = byId.get(id);
    if (!old || score < old.score) byId.set(id, { id, word, cost, score });
  };
  // Search with the short-word budget first; widen it only when nothing close was found, and then only among
  // words with the typo's first letter (people rarely get it wrong; the whole wide search costs ten times more).
  const firstBudget = Math.min(maxCost, TUNING.maxCost);
  for (const r of searchTrie(d, query, firstBudget, options.localeBit)) add(r.id, r.word, r.cost);
  if (maxCost > firstBudget) {
    let closest = Infinity;
    for (const c of byId.values()) closest = Math.min(closest, c.cost);
    if (closest > TUNING.widenAbove) {
      for (const r of searchTrie(d, query, maxCost, options.localeBit, true)) add(r.id, r.word, r.cost);
    }
  }
  const listed = options.useMisspellings === false ? undefined : d.misspellings.get(query);
  if (listed) {
    // A known misspelling: its listed corrections go first, the list's order weighed with their own scores.
    listed.forEach((w, i) => {
      const lower = w.toLowerCase();
      const bonus = LISTED_BONUS + 0.5 * (listed.length - 1 - i);
      const hit = [...byId.values()].find((c) => c.word === lower);
      if (hit) hit.score -= bonus;
      else {
        // Beyond the search budget: look the word up, so that a cased word keeps its capitals.
        const id = findWord(d, lower);
        byId.set(id >= 0 ? id : -1 - byId.size, { id, word: lower, cost: 0, score: 2 - bonus });
      }
    });
  }
  const ranked = [...byId.values()].sort((a, b) => a.score - b.score);
  return ranked.slice(0, max);
}
