// `npm run bench:spelling:corpus` / `npm run bench:corpus:spelling`: the spelling figures of ../shared/corpus/README.md
// (read from there, never copied), for this project and for cspell 9.8.0 on the same files.
//   recall    = labelled typos a spelling finding covers exactly (that word, that line) / labelled typos
//   top-1     = of those, the ones whose first fix is the correction (case-insensitive) / labelled typos
//   precision = labelled typos flagged / all spelling findings
// Every file is linted as notes (whatever the notes detection says), with the whole rule set (as the editor does:
// a speaker-name-mismatch finding hides a spelling finding at the same place).
//   npm run bench:corpus:spelling [-- --corpus DIR] [-- --verbose] [-- --file NAME] [-- --no-cspell]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseNotes } from '../src/core';
import { lintDocument } from '../src/core/lint';
import type { Finding } from '../src/core/model';
import { loadSpeller, type EnglishSpeller } from '../src/core/spelling/speller';
import { SPELLING_RULE_ID } from '../src/core/rules/spelling';
import { documentLocale } from '../src/core/spelling/locale';

interface LabelTypo {
  line: number;
  word: string;
  correction: string;
}
interface Labels {
  file: string;
  typos?: LabelTypo[];
  talks?: Array<{ speakers?: string[] }>;
}

export interface SpellingFileFigures {
  file: string;
  typos: number;
  flagged: number;
  findings: number;
  recall: number;
  top1: number;
  precision: number;
}

export interface SpellingFigures {
  perFile: SpellingFileFigures[];
  overall: Omit<SpellingFileFigures, 'file'>;
}

export interface CorpusSpellingResult extends SpellingFigures {
  cspell: SpellingFigures;
  /** Findings that are no labelled typo, per file (this project), and labelled typos missed: for --verbose. */
  falseAlarms: Array<{ file: string; line: number; word: string }>;
  missed: Array<{ file: string; line: number; word: string; correction: string; got?: string }>;
  /** Findings on a word of a labelled speaker's name (should be none). */
  speakerNamesFlagged: Array<{ file: string; line: number; word: string }>;
}

/** A spelling finding as far as the figures care: its line (0-based), the word it covers and its first fix. */
interface Flag {
  line: number;
  word: string;
  first?: string;
}

const root = join(dirname(new URL(import.meta.url).pathname), '..');

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

function score(file: string, typos: readonly LabelTypo[], flags: readonly Flag[]): { figures: SpellingFileFigures; matched: Set<Flag>; missed: Array<LabelTypo & { got?: string }> } {
  const matched = new Set<Flag>();
  let top1 = 0;
  const missed: Array<LabelTypo & { got?: string }> = [];
  for (const t of typos) {
    const hit = flags.find((f) => !matched.has(f) && f.line === t.line - 1 && f.word === t.word);
    if (!hit) {
      missed.push(t);
      continue;
    }
    matched.add(hit);
    if ((hit.first ?? '').toLowerCase() === t.correction.toLowerCase()) top1++;
    else missed.push({ ...t, got: hit.first ?? '(no suggestion)' });
  }
  const flagged = matched.size;
  return {
    figures: { file, typos: typos.length, flagged, findings: flags.length, recall: ratio(flagged, typos.length), top1: ratio(top1, typos.length), precision: ratio(flagged, flags.length) },
    matched,
    missed,
  };
}

function overallOf(perFile: readonly SpellingFileFigures[]): Omit<SpellingFileFigures, 'file'> {
  const typos = perFile.reduce((n, f) => n + f.typos, 0);
  const flagged = perFile.reduce((n, f) => n + f.flagged, 0);
  const findings = perFile.reduce((n, f) => n + f.findings, 0);
  const top1 = perFile.reduce((n, f) => n + Math.round(f.top1 * f.typos), 0);
  return { typos, flagged, findings, recall: ratio(flagged, typos), top1: ratio(top1, typos), precision: ratio(flagged, findings) };
}

function corpusFiles(corpusDir: string): Array<{ name: string; text: string; labels: Labels }> {
  const notesDir = join(corpusDir, 'notes');
  const out: Array<{ name: string; text: string; labels: Labels }> = [];
  for (const name of readdirSync(notesDir).sort()) {
    const labelFile = join(corpusDir, 'labels', `${name}.json`);
    if (!existsSync(labelFile)) continue;
    out.push({ name, text: readFileSync(join(notesDir, name), 'utf8'), labels: JSON.parse(readFileSync(labelFile, 'utf8')) as Labels });
  }
  return out;
}

function flagsOf(findings: readonly Finding[]): Flag[] {
  return findings
    .filter((f) => f.rule === SPELLING_RULE_ID)
    .map((f) => ({ line: f.range.start.line, word: String(f.data?.word ?? ''), first: f.fixes[0]?.edits[0]?.newText }));
}

let spellerPromise: Promise<EnglishSpeller> | undefined;
function speller(): Promise<EnglishSpeller> {
  spellerPromise ??= loadSpeller('en-US', async (rel) => new Uint8Array(readFileSync(join(root, 'dict', rel))), async () => {});
  return spellerPromise;
}

// ---- cspell 9.8.0 (cspell-lib), its default English settings plus the software dictionaries it ships ----

type CspellLib = typeof import('cspell-lib');
let cspellLib: Promise<CspellLib> | undefined;
/** The dictionaries cspell enables for Markdown by default, plus its software ones (as a user of tech notes would). */
const CSPELL_DICTIONARIES = ['softwareTerms', 'companies', 'fullstack', 'aws', 'k8s', 'python', 'node', 'npm', 'golang', 'docker', 'data-science', 'en-common-misspellings'];

async function cspellFlags(name: string, text: string): Promise<Flag[]> {
  // cspell-lib is ES-only; keep the import dynamic.
  cspellLib ??= new Function('m', 'return import(m)')('cspell-lib') as Promise<CspellLib>;
  const lib = await cspellLib;
  const result = await lib.spellCheckDocument(
    { uri: pathToFileURL(join('/corpus', name)).href, text, languageId: 'markdown', locale: 'en' },
    { generateSuggestions: true, numSuggestions: 5, noConfigSearch: true },
    { language: 'en', dictionaries: CSPELL_DICTIONARIES },
  );
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return result.issues.map((i) => {
    const first = i.suggestionsEx?.[0]?.word ?? i.suggestions?.[0];
    return { line: lineOf(i.offset), word: i.text, first };
  });
}

// ---- The figures ----

export async function corpusSpellingFigures(corpusDir: string, options: { cspell?: boolean; only?: string } = {}): Promise<CorpusSpellingResult> {
  const sp = await speller();
  const perFile: SpellingFileFigures[] = [];
  const cspellPerFile: SpellingFileFigures[] = [];
  const falseAlarms: CorpusSpellingResult['falseAlarms'] = [];
  const missed: CorpusSpellingResult['missed'] = [];
  const speakerNamesFlagged: CorpusSpellingResult['speakerNamesFlagged'] = [];
  for (const { name, text, labels } of corpusFiles(corpusDir)) {
    if (options.only && !name.includes(options.only)) continue;
    const typos = labels.typos ?? [];
    const doc = parseNotes(text);
    // As the extension and the CLI do: the locale the document's own spelling shows, unless one is set.
    const locale = documentLocale(doc, undefined, sp);
    const fileSpeller = sp.withLocale(locale.locale, locale.alsoAccepted);
    const flags = flagsOf(lintDocument(doc, { rules: {} }, { speller: fileSpeller }));
    const ours = score(name, typos, flags);
    perFile.push(ours.figures);
    const speakerWords = new Set((labels.talks ?? []).flatMap((t) => t.speakers ?? []).flatMap((s) => s.split(/[^\p{L}'’-]+/u)).filter((w) => w.length > 1));
    for (const f of flags) {
      if (!ours.matched.has(f)) falseAlarms.push({ file: name, line: f.line + 1, word: f.word });
      if (speakerWords.has(f.word)) speakerNamesFlagged.push({ file: name, line: f.line + 1, word: f.word });
    }
    for (const m of ours.missed) missed.push({ file: name, ...m });
    if (options.cspell !== false) cspellPerFile.push(score(name, typos, await cspellFlags(name, text)).figures);
  }
  return {
    perFile,
    overall: overallOf(perFile),
    cspell: { perFile: cspellPerFile, overall: overallOf(cspellPerFile) },
    falseAlarms,
    missed,
    speakerNamesFlagged,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

export function printCorpusSpelling(result: CorpusSpellingResult, write: (line: string) => void = (l) => console.log(l), verbose = false): void {
  write('Spelling on the corpus (figures of ../shared/corpus/README.md; this project | cspell 9.8.0)');
  write('| file | typos | flagged | findings | recall | top-1 | precision | cspell findings | cspell recall | cspell top-1 | cspell precision |');
  write('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const row = (label: string, f: Omit<SpellingFileFigures, 'file'>, c?: Omit<SpellingFileFigures, 'file'>): string =>
    `| ${label} | ${f.typos} | ${f.flagged} | ${f.findings} | ${pct(f.recall)} | ${pct(f.top1)} | ${pct(f.precision)} | ` +
    (c ? `${c.findings} | ${pct(c.recall)} | ${pct(c.top1)} | ${pct(c.precision)} |` : '– | – | – | – |');
  result.perFile.forEach((f, i) => write(row(f.file.length > 60 ? `${f.file.slice(0, 57)}...` : f.file, f, result.cspell.perFile[i])));
  write(row('**overall**', result.overall, result.cspell.perFile.length ? result.cspell.overall : undefined));
  write(`speaker names flagged: ${result.speakerNamesFlagged.length}${result.speakerNamesFlagged.length ? ` (${result.speakerNamesFlagged.map((s) => s.word).join(', ')})` : ''}`);
  if (verbose) {
    write('');
    write(`false alarms (${result.falseAlarms.length}):`);
    for (const f of result.falseAlarms) write(`  ${f.file}:${f.line} ${f.word}`);
    write(`missed or wrong first fix (${result.missed.length}):`);
    for (const m of result.missed) write(`  ${m.file}:${m.line} ${m.word} -> ${m.correction}${m.got !== undefined ? ` (first fix: ${m.got})` : ' (not flagged)'}`);
  }
}

if (process.argv[1] && /corpusSpelling\.ts$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const corpusDir = flag('--corpus') ?? join(root, '..', 'shared', 'corpus');
  corpusSpellingFigures(corpusDir, { cspell: !args.includes('--no-cspell'), only: flag('--file') }).then(
    (r) => printCorpusSpelling(r, undefined, args.includes('--verbose')),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
