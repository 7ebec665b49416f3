// A near miss of the talk's own speaker name in its notes ("Ronan" for Ronen, "Json" for Jason): capitalised words
// one or two edits away from a name token, same first letter, that are not ordinary words or other people's names.
import type { Root } from 'mdast';
import { blockTrees, type BlockTree } from '../blocks';
import type { Finding, NotesDocument, Range, Talk } from '../model';
import type { Rule, RuleContext } from './types';
import { blockRuns, rangeIn } from './shared/prose';
import { cachedForBlock, shiftRange } from './shared/blockCache';

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

const cache = new WeakMap<Root, BlockWords>();

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

export const speakerNameMismatch: Rule = {
  id: 'speaker-name-mismatch',
  defaultSeverity: 'warning',
  description: "A near miss of the talk's own speaker name in its notes, such as 'Ronan' for Ronen.",
  scope: 'block',
  // A word is ordinary when it is written in lower case anywhere in the file: an edit that adds or removes such a
  // word can change findings in other talks, but only for words close to some speaker's name.
  reachesBeyondEdit(before, after, doc) {
    const a = lowerWordsOf(before);
    const b = lowerWordsOf(after);
    for (const w of a) if (!b.has(w) && nearSomeName(doc, w)) return true;
    for (const w of b) if (!a.has(w) && nearSomeName(doc, w)) return true;
    return false;
  },
  check(ctx: RuleContext) {
    const { doc, lines } = ctx;
    const findings: Finding[] = [];
    // Everyone named anywhere in the document is a real spelling, never a near miss.
    const known = namesOf(doc).known;
    const words = (block: BlockTree): BlockWords => cachedForBlock(cache, doc, block, (local) => wordsOf(local.lines, local.block));
    const decided = decidedFor(doc, ctx.speller);
    const ordinary = (w: string): boolean => {
      const lower = w.toLowerCase();
      let result = decided.get(lower);
      if (result === undefined) {
        result = COMMON_WORDS.has(lower) || writtenInLowerCase(doc.lines, lower) || (ctx.speller?.isCorrect(lower) ?? false);
        decided.set(lower, result);
      }
      return result;
    };
    for (const talk of doc.talks) {
      if (lines && (talk.range.end.line < lines.start || talk.range.start.line >= lines.end)) continue;
      const names = nameTokens(talk);
      if (names.length === 0) continue;
      const from = Math.max(talk.headingRange.end.line + 1, lines?.start ?? 0);
      const to = Math.min(talk.range.end.line + 1, lines?.end ?? doc.lineCount);
      for (const block of blockTrees(doc, from, to)) {
        for (const { word: w, range: local } of words(block).candidates) {
          if (known.has(w.toLowerCase())) continue;
          const match = names.find((n) => n[0] === w[0] && Math.abs(n.length - w.length) <= 2 && editDistance(w, n) <= (n.length >= 8 ? 2 : 1));
          if (!match || ordinary(w)) continue;
          const range = shiftRange(local, block.startLine);
          findings.push({
            rule: 'speaker-name-mismatch',
            severity: 'warning',
            message: `'${w}' looks like a misspelling of the speaker's name '${match}' (talk '${talk.title}')`,
            range,
            fixes: [{ title: `Change to '${match}'`, preferred: true, safe: false, edits: [{ range, newText: match }] }],
            data: { word: w, name: match, talk: talk.title },
          });
        }
      }
    }
    return findings;
  },
};
