// `npm run bench:corpus`: how well the parser and the notes detection read real notes, and how rarely ordinary
// Markdown is taken for notes. Figures as ../shared/corpus/README.md defines them (read from there, never copied).
//   npm run bench:corpus [-- --corpus DIR] [-- --verbose] [-- --file NAME]
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { parseNotes, isConferenceNotes, DEFAULT_SETTINGS, type NotesDocument } from '../src/core';
import { explainNotes } from '../src/core/detect';

interface LabelTalk {
  line: number;
  title: string | null;
  speakers: string[];
  role: string | null;
  company: string | null;
}
interface Labels {
  file: string;
  talks: LabelTalk[];
  notTalks: Array<{ line: number; text: string }>;
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const corpusDir = flag('--corpus') ?? join(root, '..', 'shared', 'corpus');
const verbose = args.includes('--verbose');
const only = flag('--file');

/** Lower case, accents and punctuation removed, spaces collapsed: the corpus README's normalisation. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function contains(model: string | undefined, label: string): boolean {
  if (!model) return false;
  const m = ` ${normalise(model)} `;
  const l = normalise(label);
  return l !== '' && m.includes(` ${l} `);
}

interface FileFigures {
  file: string;
  recognised: boolean;
  why: string;
  labelled: number;
  found: number;
  withSpeaker: number;
  rightSpeaker: number;
  withRole: number;
  rightRole: number;
  withCompany: number;
  rightCompany: number;
  modelTalks: number;
  extra: number;
  problems: string[];
}

export function measureFile(name: string, path: string, text: string, labels: Labels): FileFigures {
  const doc: NotesDocument = parseNotes(text);
  // The file as a workspace of its repository sees it: the folder's name and the path inside.
  const [folder, inRepo] = path.includes('\u0000') ? path.split('\u0000') : [undefined, path];
  const recognised = isConferenceNotes(doc, DEFAULT_SETTINGS, inRepo, folder);
  const byLine = new Map(doc.talks.map((t) => [t.range.start.line + 1, t]));
  const labelledLines = new Set(labels.talks.map((t) => t.line));
  const f: FileFigures = {
    file: name, recognised, why: explainNotes(doc, DEFAULT_SETTINGS, inRepo, folder).reason, labelled: labels.talks.length, found: 0, withSpeaker: 0, rightSpeaker: 0,
    withRole: 0, rightRole: 0, withCompany: 0, rightCompany: 0, modelTalks: doc.talks.length, extra: 0, problems: [],
  };
  for (const label of labels.talks) {
    const talk = byLine.get(label.line);
    if (!talk) {
      f.problems.push(`missed   ${label.line}: ${label.title ?? '(no title)'} — ${label.speakers.join(', ')}`);
      continue;
    }
    f.found++;
    const speakers = talk.speakers.map((s) => s.text).join(' , ');
    if (label.speakers.length > 0) {
      f.withSpeaker++;
      if (contains(speakers, label.speakers[0]!)) f.rightSpeaker++;
      else f.problems.push(`speaker  ${label.line}: want '${label.speakers[0]}', got '${speakers}'`);
    }
    if (label.role) {
      f.withRole++;
      if (contains(talk.role?.text, label.role)) f.rightRole++;
      else f.problems.push(`role     ${label.line}: want '${label.role}', got '${talk.role?.text ?? ''}'`);
    }
    if (label.company) {
      f.withCompany++;
      if (contains(talk.company?.text, label.company)) f.rightCompany++;
      else f.problems.push(`company  ${label.line}: want '${label.company}', got '${talk.company?.text ?? ''}'`);
    }
    if (verbose && label.title && normalise(label.title) !== normalise(talk.title)) f.problems.push(`title    ${label.line}: want '${label.title}', got '${talk.title}'`);
  }
  for (const talk of doc.talks) {
    if (!labelledLines.has(talk.range.start.line + 1)) {
      f.extra++;
      f.problems.push(`extra    ${talk.range.start.line + 1}: ${talk.title} — ${talk.speakers.map((s) => s.text).join(', ')}`);
    }
  }
  return f;
}

const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);

function printCorpus(results: FileFigures[]): void {
  const rows = results.map((r) => [
    r.file.length > 48 ? r.file.slice(0, 47) + '…' : r.file,
    r.recognised ? 'yes' : 'NO',
    `${r.found}/${r.labelled}`,
    `${r.rightSpeaker}/${r.withSpeaker}`,
    `${r.rightRole}/${r.withRole}`,
    `${r.rightCompany}/${r.withCompany}`,
    `${r.extra}`,
  ]);
  const sum = (k: keyof FileFigures): number => results.reduce((s, r) => s + (r[k] as number), 0);
  const recognised = results.filter((r) => r.recognised).length;
  rows.push([
    'ALL',
    `${recognised}/${results.length}`,
    `${sum('found')}/${sum('labelled')} ${pct(sum('found'), sum('labelled'))}`,
    `${sum('rightSpeaker')}/${sum('withSpeaker')} ${pct(sum('rightSpeaker'), sum('withSpeaker'))}`,
    `${sum('rightRole')}/${sum('withRole')} ${pct(sum('rightRole'), sum('withRole'))}`,
    `${sum('rightCompany')}/${sum('withCompany')} ${pct(sum('rightCompany'), sum('withCompany'))}`,
    `${sum('extra')}/${sum('modelTalks')} ${pct(sum('extra'), sum('modelTalks'))}`,
  ]);
  printTable(['file', 'notes', 'talks found', 'right speaker', 'right role', 'right company', 'extra talks'], rows);
  const rc = sum('rightRole') + sum('rightCompany');
  const wc = sum('withRole') + sum('withCompany');
  console.log(`\nroles and companies together: ${rc}/${wc} ${pct(rc, wc)}`);
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]): string => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Markdown files that are not notes: package docs under node_modules and this repository's own docs. */
function nonNotesFiles(limit: number): string[] {
  const out: string[] = [];
  const nm = join(root, 'node_modules');
  const walk = (dir: string, depth: number): void => {
    if (out.length >= limit || depth > 4) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= limit) return;
      const p = join(dir, e);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (e === '.bin' || e === 'test' || e === 'fixtures' || e === '__tests__') continue;
        walk(p, depth + 1);
      } else if (/\.(md|markdown)$/i.test(e) && st.size > 200 && st.size < 2_000_000) out.push(p);
    }
  };
  for (const doc of ['README.md', 'CHANGELOG.md']) if (existsSync(join(root, doc))) out.push(join(root, doc));
  walk(join(root, 'bench'), 0);
  walk(nm, 0);
  return out;
}

function main(): void {
  const labelDir = join(corpusDir, 'labels');
  if (!existsSync(labelDir)) {
    console.error(`bench:corpus: no corpus at ${corpusDir} (pass --corpus DIR)`);
    process.exit(2);
  }
  // Each file's path in its own repository, as a workspace would see it (sources.tsv), not the flattened name.
  const paths = new Map<string, string>();
  const sources = join(corpusDir, 'sources.tsv');
  if (existsSync(sources)) {
    for (const row of readFileSync(sources, 'utf8').split('\n').slice(1)) {
      const [file, repo, path] = row.split('\t');
      if (file && path) paths.set(file, `${repo!.split('/')[1]}\u0000${path}`);
    }
  }
  const results: FileFigures[] = [];
  for (const labelFile of readdirSync(labelDir).filter((f) => f.endsWith('.json')).sort()) {
    const labels = JSON.parse(readFileSync(join(labelDir, labelFile), 'utf8')) as Labels;
    const name = labelFile.replace(/\.json$/, '');
    if (only && !name.includes(only)) continue;
    const text = readFileSync(join(corpusDir, 'notes', name), 'utf8');
    results.push(measureFile(name, paths.get(name) ?? name, text, labels));
  }
  console.log(`Real notes (${corpusDir}): talks found, right speaker/role/company among found talks, extra talks\n`);
  printCorpus(results);
  for (const r of results) {
    if (!verbose && r.recognised && r.problems.length === 0) continue;
    console.log(`\n${r.file}: ${r.recognised ? 'notes' : 'NOT notes'} (${r.why})`);
    for (const p of r.problems.slice(0, verbose ? 200 : 12)) console.log(`  ${p}`);
    if (!verbose && r.problems.length > 12) console.log(`  … ${r.problems.length - 12} more (--verbose)`);
  }
  if (only) return;
  const files = nonNotesFiles(600);
  const taken: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file).replace(/^node_modules\//, '');
    // The path as it would sit in a workspace of its own (so the node_modules exclude glob does not decide).
    const doc = parseNotes(text);
    if (isConferenceNotes(doc, { ...DEFAULT_SETTINGS, exclude: [] }, rel)) taken.push(`${rel} (${explainNotes(doc, { ...DEFAULT_SETTINGS, exclude: [] }, rel).reason})`);
  }
  console.log(`\nMarkdown that is not notes (${files.length} files: node_modules and this repo's docs): ${taken.length} taken for notes (${pct(taken.length, files.length)})`);
  for (const t of taken.slice(0, verbose ? 100 : 15)) console.log(`  ${t}`);
}

main();
