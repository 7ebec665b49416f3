// A near miss of the talk's own speaker name in its notes ("Ronan" for Ronen, "Json" for Jason): capitalised words
// one or two edits away from a name token, same first letter, that are not ordinary words or other people's names.
import type { Root } from 'mdast';
import { blockTrees, type BlockTree } from '../blocks';
import type { Finding, Range, Talk } from '../model';
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
  /** Words written in lower case. */
  lower: Set<string>;
}

function wordsOf(lines: readonly string[], block: BlockTree): BlockWords {
  const candidates: BlockWords['candidates'] = [];
  const lower = new Set<string>();
  for (const run of blockRuns({ lines }, block)) {
    const word = /[\p{L}][\p{L}\p{M}]*(?:['’]s)?/gu;
    for (let m = word.exec(run.text); m; m = word.exec(run.text)) {
      const w = m[0].replace(/['’]s$/u, '');
      if (/^\p{Ll}/u.test(w)) lower.add(w);
      else if (w.length >= 3 && isCapitalised(w)) candidates.push({ word: w, range: rangeIn(run, m.index, m.index + w.length) });
    }
  }
  return { candidates, lower };
}

const cache = new WeakMap<Root, BlockWords>();

export const speakerNameMismatch: Rule = {
  id: 'speaker-name-mismatch',
  defaultSeverity: 'warning',
  description: "A near miss of the talk's own speaker name in its notes, such as 'Ronan' for Ronen.",
  check(ctx: RuleContext) {
    const { doc } = ctx;
    const findings: Finding[] = [];
    // Everyone named anywhere in the document is a real spelling, never a near miss.
    const known = new Set<string>();
    for (const talk of doc.talks) {
      for (const f of [...talk.speakers, talk.role, talk.company]) if (f) for (const t of tokens(f.text)) known.add(t.toLowerCase());
    }
    const words = (block: BlockTree): BlockWords => cachedForBlock(cache, doc, block, (local) => wordsOf(local.lines, local.block));
    const decided = new Map<string, boolean>();
    const ordinary = (w: string): boolean => {
      const lower = w.toLowerCase();
      let result = decided.get(lower);
      if (result === undefined) {
        result = COMMON_WORDS.has(lower) || blockTrees(doc).some((b) => words(b).lower.has(lower)) || (ctx.speller?.isCorrect(lower) ?? false);
        decided.set(lower, result);
      }
      return result;
    };
    for (const talk of doc.talks) {
      const names = nameTokens(talk);
      if (names.length === 0) continue;
      for (const block of blockTrees(doc, talk.headingRange.end.line + 1, talk.range.end.line + 1)) {
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
