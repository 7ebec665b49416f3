// `npm run bench:lsp`: the language server as an editor sees it, over stdio (`node dist/cli.js lsp --stdio`, driven
// by test/harness/lspClient.ts), on the big notes (bench/big-notes.mjs, into .bench/lsp/) and the sample:
//   - open -> first complete diagnostics (dictionary load, parse, full lint in slices, publish);
//   - edit -> fresh diagnostics: 50 one-word edits (bench/editSites.ts: a word becomes a typo, later back), each sent
//     as an incremental didChange after a visibleRange at the edit (and the window's move there), timed until the server says the version's findings
//     are complete (findingsChanged, sent right after its publishDiagnostics): median, p95, max;
//   - the server's findings after the edits against a full lint of the same text in this process (must be equal);
//   - the server's resident memory after the edits.
// The VS Code client's window is used (diagnosticsWindow 1000), so a publish carries at most 1,000 diagnostics.
//
//   npm run bench:lsp            (builds first)
//   node --import tsx bench/lsp.ts [--quick]   (--quick: the sample only; WINDOW=N another diagnostics window)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadNodeSpeller } from '../src/cli/dictionary';
import { parseNotes } from '../src/core';
import { LintSession } from '../src/core/lintSession';
import { findingsChangedNotification } from '../src/core/protocol';
import { spellerForDocument } from '../src/core/spelling/locale';
import { LspClient, ROOT } from '../test/harness/lspClient';
import { applyEdit, editSites } from './editSites';

const quick = process.argv.includes('--quick');
const EDITS = 50;
const WINDOW = Number(process.env.WINDOW ?? 1000);
const log = (msg: string): void => void process.stderr.write(`bench:lsp: ${msg}\n`);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number): string => `${n.toFixed(1)} ms`;

/** CPU time (user + system) of a process so far, in ms (/proc: clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command name: state is field 3, utime 14 and stime 15 (1-based) of the whole line.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

interface Result {
  file: string;
  lines: number;
  openMs: number;
  findingsOpen: number;
  median: number;
  /** Server CPU per edit (user + system over the 50 edits): what load on the machine does not inflate. */
  cpuPerEdit: number;
  p95: number;
  max: number;
  published: number;
  findingsAfter: number;
  findingsFullLint: number;
  rssMb: number;
}

async function measure(file: string): Promise<Result> {
  const text = readFileSync(file, 'utf8');
  const folder = path.dirname(file);
  const uri = pathToFileURL(file).toString();
  // LSP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server.
  const client = new LspClient(['lsp', '--stdio'], folder, (process.env.LSP_NODE_ARGS ?? '').split(' ').filter((a) => a));
  try {
    await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).toString(), capabilities: {}, initializationOptions: { diagnosticsWindow: WINDOW } });
    client.notify('initialized', {});
    const complete = (version: number, since: number) =>
      client.waitFor((n) => n.method === findingsChangedNotification.method && n.params.uri === uri && n.params.version === version && n.params.complete, `complete findings of v${version}`, since);

    let since = client.notifications.length;
    const t0 = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const opened = await complete(1, since);
    const openMs = performance.now() - t0;

    const doc = parseNotes(text);
    const withNotes = doc.talks.filter((t) => t.notesRange && t.notesRange.end.line - t.notesRange.start.line >= 2).length;
    const sites = editSites(doc, Math.min(EDITS, withNotes));
    const lines = text.split('\n');
    const times: number[] = [];
    let published = 0;
    let current = text;
    const cpuBefore = cpuMs(client.process.pid!);
    for (let n = 0; n < EDITS; n++) {
      const site = sites[n % sites.length]!;
      const version = n + 2;
      const before = lines[site.line]!;
      current = applyEdit(lines, sites, n);
      const after = lines[site.line]!;
      // The user scrolls to the edit first: the window moves there (a publish of its own), then the user types.
      const scrolled = client.notifications.length;
      client.notify('conferenceNotes/visibleRange', { uri, range: { start: Math.max(0, site.line - 30), end: site.line + 30 } });
      await Promise.race([client.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri, 'the window moving', scrolled).catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
      // The edit as an editor sends it: the changed line only.
      const change = { range: { start: { line: site.line, character: 0 }, end: { line: site.line, character: before.length } }, text: after };
      since = client.notifications.length;
      const start = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await complete(version, since);
      times.push(performance.now() - start);
      if (client.notifications.slice(since).some((x) => x.method === 'textDocument/publishDiagnostics' && x.params.version === version)) published++;
    }
    const cpuPerEdit = (cpuMs(client.process.pid!) - cpuBefore) / EDITS;
    const preview = await client.request('conferenceNotes/preview', { uri });
    const rss = rssMb(client.process.pid!);
    // The same dictionary choice as the server (and the CLI): the English the file's own spellings show.
    const check = new LintSession();
    const checked = check.update(current).doc;
    check.configure({ config: { rules: {} }, speller: spellerForDocument(checked, undefined, await loadNodeSpeller(undefined)) });
    const full = await check.lintAll();
    await client.request('shutdown', null);
    client.notify('exit', null);
    await client.exited;
    return {
      file: path.relative(ROOT, file),
      lines: doc.lineCount,
      openMs,
      findingsOpen: opened.params.problems,
      median: median(times),
      cpuPerEdit,
      p95: percentile(times, 95),
      max: Math.max(...times),
      published,
      findingsAfter: preview.problems.length,
      findingsFullLint: full?.length ?? -1,
      rssMb: rss,
    };
  } finally {
    client.kill();
  }
}

async function main(): Promise<void> {
  const dir = path.join(ROOT, '.bench', 'lsp');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  if (!quick) {
    const { makeBigNotes } = (await import(pathToFileURL(path.join(__dirname, 'big-notes.mjs')).href)) as { makeBigNotes: (copies?: number) => string };
    const big = path.join(dir, 'big-notes.md');
    writeFileSync(big, makeBigNotes());
    files.push(big);
  }
  const sample = path.join(dir, 'scaleconf-2017.md');
  writeFileSync(sample, readFileSync(path.join(ROOT, 'samples', 'scaleconf-2017.md')));
  files.push(sample);
  const results: Result[] = [];
  for (const f of files) {
    log(`measuring ${path.relative(ROOT, f)}`);
    results.push(await measure(f));
  }
  const out = [
    `| file | lines | open → complete diagnostics | findings | edit → fresh diagnostics, median | p95 | max | server CPU per edit | edits published | findings after edits (server / full lint) | server RSS |`,
    `|---|---|---|---|---|---|---|---|---|---|---|`,
    ...results.map((r) => `| ${r.file} | ${r.lines.toLocaleString('en-US')} | ${ms(r.openMs)} | ${r.findingsOpen.toLocaleString('en-US')} | ${ms(r.median)} ${r.median <= 10 ? '✓' : '✗'} | ${ms(r.p95)} | ${ms(r.max)} | ${ms(r.cpuPerEdit)} | ${r.published}/${EDITS} | ${r.findingsAfter.toLocaleString('en-US')} / ${r.findingsFullLint.toLocaleString('en-US')} ${r.findingsAfter === r.findingsFullLint ? '✓' : '✗'} | ${r.rssMb.toFixed(0)} MB |`),
    '',
    `${EDITS} one-word edits over stdio (diagnostics window ${WINDOW}); ✓ = median ≤ 10 ms (issue 17). ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
  ];
  process.stdout.write(out.join('\n') + '\n');
  if (results.some((r) => r.findingsAfter !== r.findingsFullLint)) process.exitCode = 1;
}

void main().catch((err: unknown) => {
  process.stderr.write(`bench:lsp: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 2;
});
