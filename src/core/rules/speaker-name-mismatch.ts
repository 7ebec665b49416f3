// A near miss of the talk's own speaker name in its notes ("Ronan" for Ronen, "Json" for Jason): capitalised words
// one or two edits away from a name token, same first letter, that are not ordinary words or other people's names.
import type { BlockTree } from '../blocks';
import type { NotesDocument, Range, Talk } from '../model';
import type { BlockContext, BlockRule, Report } from './types';
import { blockRuns, rangeIn } from './shared/prose';

// Capitalised ordinary words that sit one edit from common first names; used when no dictionary is loaded.
const COMMON_WORDS = new Set([
  'mark', 'bill', 'will', 'may', 'june', 'april', 'august', 'grant', 'job', 'jobs', 'jack', 'back', 'join', 'man', 'pan',
  'ran', 'can', 'bed', 'same', 'some', 'ton', 'time', 'tin', 'him', 'risk', 'neck', 'way', 'day', 'save', 'have', 'gave',
  'pull', 'mason', 'mat', 'math', 'patch', 'king', 'see', 'seen', 'make', 'like', 'plan', 'clan', 'crisp', 'tiny', 'rose',
  'moss', 'boss', 'loss', 'lose', 'angel', 'angle', 'frank', 'franc', 'brain', 'mean', 'bean', 'jeans', 'rich', 'price',
  'prince', 'hope', 'faith', 'grace', 'joy', 'dawn', 'down', 'done', 'dug', 'carry', 'card', 'cart', 'hunter', 'carter',
  'baker', 'cook', 'cooper', 'fisher', 'miller', 'walker', 'young', 'long', 'short', 'wells', 'well', 'hall', 'hill', 'wood',
  'woods', 'stone', 'lane', 'line', 'rain', 'then', 'than', 'them', 'they', 'there', 'these', 'this', 'those', 'when', 'what',
  'where', 'while', 'which', 'with', 'java', 'rust', 'ruby', 'node', 'note', 'notes', 'react', 'cloud', 'data', 'reason',
]);

const tokenCache = new Map<string, string[]>();

/** Name tokens of a field's text ("Sarah Dapul-Weberman" → Sarah, Dapul, Weberman), memoized: fields rarely change. */
function tokens(text: string): string[] {
  let hit = tokenCache.get(text);
  if (!hit) {
    if (tokenCache.size > 50_000) tokenCache.clear();
    hit = splitTokens(text);
    tokenCache.set(text, hit);
  }
  return hit;
}

function splitTokens(text: string): string[] {
  return text.split(/[\s,.;:()[\]"“”/|&+_*]+|-(?=\p{Lu})/u).map((t) => t.replace(/['’]s$/u, '')).filter((t) => t.length > 0);
}

/** Optimal string alignment distance (a swap of two neighbours costs one), case-insensitive. */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

const isCapitalised = (w: string): boolean => /^\p{Lu}/u.test(w) && w !== w.toUpperCase();

function nameTokens(talk: Talk): string[] {
  return talk.speakers.flatMap((s) => tokens(s.text)).filter((t) => t.length >= 4 && isCapitalised(t));
}

interface BlockWords {
  /** Capitalised words (possessive 's dropped), block-relative. */
  candidates: Array<{ word: string; range: Range }>;
}

function wordsOf(lines: readonly string[], block: BlockTree): BlockWords {
  const candidates: BlockWords['candidates'] = [];
  for (const run of blockRuns({ lines }, block)) {
    const word = /[\p{L}][\p{L}\p{M}]*(?:['’]s)?/gu;
    for (let m = word.exec(run.text); m; m = word.exec(run.text)) {
      const w = m[0].replace(/['’]s$/u, '');
      if (w.length >= 3 && isCapitalised(w)) candidates.push({ word: w, range: rangeIn(run, m.index, m.index + w.length) });
    }
  }
  return { candidates };
}

interface DocumentNames {
  /** Every name token of every speaker, role and company, lower case: real spellings, never near misses. */
  known: Set<string>;
  /** Every speaker name token a near miss is measured against. */
  all: string[];
}

/** Keyed by the talks array, which a model reused after an edit of plain lines shares with its predecessor. */
const namesCache = new WeakMap<readonly Talk[], DocumentNames>();

function namesOf(doc: NotesDocument): DocumentNames {
  let hit = namesCache.get(doc.talks);
  if (!hit) {
    const known = new Set<string>();
    const all = new Set<string>();
    for (const talk of doc.talks) {
      for (const f of [...talk.speakers, talk.role, talk.company]) if (f) for (const t of tokens(f.text)) known.add(t.toLowerCase());
      for (const n of nameTokens(talk)) all.add(n);
    }
    hit = { known, all: [...all] };
    namesCache.set(doc.talks, hit);
  }
  return hit;
}

/** Per document and speller, whether a word is ordinary: the slices of one lint share the answers. */
const decidedCache = new WeakMap<NotesDocument, { speller: unknown; decided: Map<string, boolean> }>();

function decidedFor(doc: NotesDocument, speller: unknown): Map<string, boolean> {
  const hit = decidedCache.get(doc);
  if (hit && hit.speller === speller) return hit.decided;
  const decided = new Map<string, boolean>();
  decidedCache.set(doc, { speller, decided });
  return decided;
}

const LOWER_WORD = /(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*/gu;

/** Lower-case words of some lines (a word written in lower case somewhere is an ordinary word, not a name). */
function lowerWordsOf(lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const line of lines) for (const m of line.matchAll(LOWER_WORD)) out.add(m[0]);
  return out;
}

/** Whether `lower` is written, in lower case and as a whole word, on some line of the document. */
function writtenInLowerCase(lines: readonly string[], lower: string): boolean {
  const whole = new RegExp(`(?<![\\p{L}\\p{M}])${lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}])`, 'u');
  for (const line of lines) if (line.includes(lower) && whole.test(line)) return true;
  return false;
}

/** Whether a word could be a near miss of some speaker's name in the document (same test as the rule, without the context). */
function nearSomeName(doc: NotesDocument, word: string): boolean {
  {
    for (const n of namesOf(doc).all) {
      if (n[0]!.toLowerCase() === word[0]!.toLowerCase() && Math.abs(n.length - word.length) <= 2 && editDistance(word, n) <= (n.length >= 8 ? 2 : 1)) return true;
    }
  }
  return false;
}

/** The talks whose notes (the lines after the heading, to the talk's end) overlap a block, in order. */
function talksOver(doc: NotesDocument, block: BlockTree): Talk[] {
  const talks = doc.talks;
  // The last talk whose notes start before the block ends; talks end before the next one starts, so the ones before
  // it that reach into the block are just before it.
  let lo = 0;
  let hi = talks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (talks[mid]!.headingRange.end.line + 1 < block.endLine) lo = mid + 1;
    else hi = mid;
  }
  const out: Talk[] = [];
  for (let i = lo - 1; i >= 0 && talks[i]!.range.end.line + 1 > block.startLine; i--) out.push(talks[i]!);
  return out.reverse();
}

const keyOf = (t: Talk): string => (t.speakers.length === 1 ? `${t.title}\u0000${t.speakers[0]!.text}` : `${t.title}\u0000${t.speakers.map((s) => s.text).join('\u0000')}`);

export const speakerNameMismatch: BlockRule = {
  id: 'speaker-name-mismatch',
  defaultSeverity: 'warning',
  description: "A near miss of the talk's own speaker name in its notes, such as 'Ronan' for Ronen.",
  scope: 'block',
  // One problem, one message: a near miss of a speaker's name is not also an unknown word.
  hides: ['spelling'],
  // A word is ordinary when it is written in lower case anywhere in the file: an edit that adds or removes such a
  // word can change findings in other talks, but only for words close to some speaker's name.
  reachesBeyondEdit(before, after, doc) {
    const a = lowerWordsOf(before);
    const b = lowerWordsOf(after);
    for (const w of a) if (!b.has(w) && nearSomeName(doc, w)) return true;
    for (const w of b) if (!a.has(w) && nearSomeName(doc, w)) return true;
    return false;
  },
  // The block's findings depend on the talks it is in (their titles and speakers' names).
  // What a finding says of its talk: the title and the speakers' names.
  blockKey: ({ doc, at }) => {
    const talks = talksOver(doc, at);
    return talks.length === 1 ? keyOf(talks[0]!) : talks.map(keyOf).join('\u0001');
  },
  checkBlock(local, { doc, at, byText }: BlockContext) {
    const reports: Report[] = [];
    const talks = talksOver(doc, at);
    if (talks.length === 0) return reports;
    // The capitalised words are the block's text alone: one text in many talks is read once.
    const { candidates } = byText(() => wordsOf(local.lines, local.block));
    for (const talk of talks) {
      const names = nameTokens(talk);
      if (names.length === 0) continue;
      for (const { word: w, range } of candidates) {
        const match = names.find((n) => n[0] === w[0] && Math.abs(n.length - w.length) <= 2 && editDistance(w, n) <= (n.length >= 8 ? 2 : 1));
        if (!match) continue;
        reports.push({
          message: `'${w}' looks like a misspelling of the speaker's name '${match}' (talk '${talk.title}')`,
          range,
          fixes: [{ title: `Change to '${match}'`, preferred: true, safe: false, edits: [{ range, newText: match }] }],
          data: { word: w, name: match, talk: talk.title },
        });
      }
    }
    return reports;
  },
  // Everyone named anywhere in the document is a real spelling, and a word written in lower case somewhere (or one
  // the dictionary knows) is an ordinary word: both can change without the block changing.
  keep(report, ctx) {
    const w = String(report.data?.word);
    const lower = w.toLowerCase();
    if (namesOf(ctx.doc).known.has(lower)) return false;
    const decided = decidedFor(ctx.doc, ctx.speller);
    let ordinary = decided.get(lower);
    if (ordinary === undefined) {
      ordinary = COMMON_WORDS.has(lower) || writtenInLowerCase(ctx.doc.lines, lower) || (ctx.speller?.isCorrect(lower) ?? false);
      decided.set(lower, ordinary);
    }
    return !ordinary;
  },
};
