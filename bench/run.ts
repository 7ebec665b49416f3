// `npm run bench`: one table from one run (../shared/PERF.md, issue 8). This project beside cspell 9.8.0 and
// markdownlint-cli2 (dev dependencies) on the big notes (bench/big-notes.mjs, generated into .bench/) and the sample:
//   - cold CLI lint, whole process, median of 5, the three tools interleaved run by run; peak RSS; findings reported;
//   - in-process figures, each in a fresh child (bench/inprocess.ts): first full lint against remark-parse on the same
//     text, longest synchronous slice, edit-to-fresh-diagnostics latency, heap growth over 1,000 edits, activation.
// Options: --quick (one run of each, for development).
//
//   npm run bench            (builds first: the CLI and the extension bundle are measured as shipped from dist/)
//   node --import tsx bench/run.ts [--quick]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
// @ts-expect-error: a plain .mjs module of the build scripts, without types
import { nodeExtensionBuilds } from '../scripts/extension-builds.mjs';

const root = path.resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const CLI_RUNS = quick ? 1 : 5;
const FIRSTLINT_RUNS = quick ? 1 : 3;
const ACTIVATION_RUNS = quick ? 1 : 5;
const benchDir = path.join(root, '.bench');
/** The extension bundle as the .vsix ships it (minified), built by the bench into .bench/ (dist/ keeps the dev build). */
const prodBundle = path.join(benchDir, 'prod', 'extension.js');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

const log = (msg: string): void => void process.stderr.write(`bench: ${msg}\n`);

// ---- helpers ----

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number): string => (n >= 1000 ? `${fmt(n / 1000, 2)} s` : n >= 100 ? `${fmt(n)} ms` : `${fmt(n, 1)} ms`);
const secs = (n: number): string => `${fmt(n / 1000, 2)} s`;
const mb = (kb: number): string => `${fmt(kb / 1024)} MB`;
const x = (n: number): string => `${fmt(n, 2)}x`;
const mark = (ok: boolean): string => (ok ? '✓' : '✗');
const loadavg = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

// ---- cold CLI lint ----

interface Tool {
  key: 'ours' | 'cspell' | 'mdl';
  command: (file: string) => string[];
  /** Findings the tool reported, from its stdout and stderr. */
  count: (stdout: string, stderr: string) => number;
}

const TOOLS: Tool[] = [
  {
    key: 'ours',
    command: (file) => [process.execPath, path.join(root, 'dist', 'cli.js'), 'lint', file],
    count: (stdout) => stdout.split('\n').filter((l) => /^\S.*:\d+:\d+ /.test(l)).length,
  },
  {
    key: 'cspell',
    command: (file) => [bin('cspell'), 'lint', '--no-progress', file],
    count: (stdout, stderr) => {
      const m = /Issues found: (\d+)/.exec(stderr + stdout);
      if (!m) throw new Error(`cspell printed no "Issues found": ${stderr.slice(-300)}`);
      return Number(m[1]);
    },
  },
  {
    key: 'mdl',
    command: (file) => [bin('markdownlint-cli2'), file],
    // One finding per line (on stderr), `file:line[:col] error MD012/no-multiple-blanks ...`; its summary must agree.
    count: (stdout, stderr) => {
      const n = (stderr + stdout).split('\n').filter((l) => /^\S.*:\d+(:\d+)? .*\bMD\d{3}\//.test(l)).length;
      const summary = /Summary: (\d+) error/.exec(stdout + stderr);
      if (summary && Number(summary[1]) !== n) throw new Error(`markdownlint-cli2: ${n} finding lines but "${summary[0]}"`);
      return n;
    },
  },
];

interface CliRun {
  ms: number;
  rssKB: number;
  findings: number;
}

function runCli(tool: Tool, file: string): CliRun {
  const timeFile = path.join(benchDir, 'time.txt');
  const [cmd, ...args] = tool.command(file);
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, cmd!, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const elapsed = performance.now() - t0;
  if (r.error) throw r.error;
  // Exit 1 = findings for all three; anything else is a failure of the run.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${tool.key} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!;
  const [, rss] = last.split(' ');
  return { ms: elapsed, rssKB: Number(rss), findings: tool.count(r.stdout, r.stderr) };
}

interface CliFigures {
  lines: number;
  byTool: Record<Tool['key'], { ms: number; rssKB: number; findings: number; runs: number }>;
}

function coldCli(file: string): CliFigures {
  const runs: Record<Tool['key'], CliRun[]> = { ours: [], cspell: [], mdl: [] };
  // Interleaved run by run, so machine noise hits all three alike.
  for (let i = 0; i < CLI_RUNS; i++) for (const tool of TOOLS) runs[tool.key].push(runCli(tool, file));
  const summary = (rs: CliRun[]) => {
    const counts = new Set(rs.map((r) => r.findings));
    if (counts.size > 1) throw new Error(`finding counts differ between runs: ${[...counts].join(', ')}`);
    return { ms: median(rs.map((r) => r.ms)), rssKB: median(rs.map((r) => r.rssKB)), findings: rs[0]!.findings, runs: rs.length };
  };
  return {
    lines: readFileSync(file, 'utf8').split('\n').length,
    byTool: { ours: summary(runs.ours), cspell: summary(runs.cspell), mdl: summary(runs.mdl) },
  };
}

// ---- in-process children ----

/**
 * bench/inprocess.ts bundled as the extension is (esbuild, one file): measured through tsx, the first use of each
 * module would also count loading and compiling it from node_modules, which the shipped bundle never does.
 */
const inprocessBundle = path.join(benchDir, 'inprocess.js');
let inprocessBuilt = false;

function child(figure: string, ...args: string[]): Record<string, number | string> {
  if (!inprocessBuilt) {
    buildSync({ entryPoints: [path.join(root, 'bench', 'inprocess.ts')], outfile: inprocessBundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
    inprocessBuilt = true;
  }
  const r = spawnSync(process.execPath, ['--expose-gc', inprocessBundle, figure, ...args], {
    cwd: root,
    env: { ...process.env, CN_BENCH_BUNDLE: prodBundle },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`bench/inprocess.ts ${figure} failed (exit ${r.status}):\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as Record<string, number | string>;
}

const num = (o: Record<string, number | string>, k: string): number => {
  const v = o[k];
  if (typeof v !== 'number') throw new Error(`${String(o.figure)}: no number '${k}' in ${JSON.stringify(o)}`);
  return v;
};

// ---- main ----

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg();
  mkdirSync(benchDir, { recursive: true });
  const { makeBigNotes } = (await import(pathToFileURL(path.join(__dirname, 'big-notes.mjs')).href)) as { makeBigNotes: (copies?: number) => string };
  const big = path.join(benchDir, 'big-notes.md');
  writeFileSync(big, makeBigNotes());
  // The same file with every body line made unique (its line number appended): no block's text repeats, so nothing
  // is reused between the 100 copies (the big notes repeat the sample's notes, which per-block caches share).
  const distinct = path.join(benchDir, 'big-notes-distinct.md');
  writeFileSync(distinct, readFileSync(big, 'utf8').split('\n').map((l, i) => (l.trim() === '' || l.startsWith('#') ? l : `${l} ${i}`)).join('\n'));
  const sample = path.join(root, 'samples', 'scaleconf-2017.md');
  const rel = (f: string): string => path.relative(root, f);
  const cspellVersion = versionOf('cspell');
  const mdlVersion = versionOf('markdownlint-cli2');

  log(`cold CLI lint of ${rel(big)}, ${CLI_RUNS} run(s) of each tool, interleaved`);
  const cliBig = coldCli(big);
  log(`cold CLI lint of ${rel(sample)}`);
  const cliSample = coldCli(sample);

  log(`first full lint against remark-parse, ${FIRSTLINT_RUNS} fresh process(es)`);
  const first = Array.from({ length: FIRSTLINT_RUNS }, () => child('firstlint', rel(big)));
  const firstSample = Array.from({ length: FIRSTLINT_RUNS }, () => child('firstlint', rel(sample)));
  log('longest synchronous slice during the first full lint');
  const slice = child('slice', rel(big));
  log('the same, every block distinct');
  const firstDistinct = child('firstlint', rel(distinct));
  const sliceDistinct = child('slice', rel(distinct));
  log('edit latency (50 edits)');
  const edits = child('edits', rel(big));
  log('heap after 1,000 edits');
  const heap = child('heap', rel(big));
  log('preview of the big notes: first render and after an edit, in slices');
  const preview = child('preview', rel(big));
  log(`activation of the production bundle (minified, as in the .vsix), ${ACTIVATION_RUNS} fresh process(es)`);
  // extension.js and the two bundles it requires later (the language client, the schedule readers), as shipped.
  for (const options of nodeExtensionBuilds(path.dirname(prodBundle), { bundle: true, minify: true, legalComments: 'none', logLevel: 'warning', absWorkingDir: root })) buildSync(options);
  const act = Array.from({ length: ACTIVATION_RUNS }, () => child('activation'));
  rmSync(path.join(benchDir, 'time.txt'), { force: true });
  const loadAfter = loadavg();

  const firstOf = (rs: Array<Record<string, number | string>>) => ({
    ours: median(rs.map((r) => num(r, 'oursMs'))),
    remark: median(rs.map((r) => num(r, 'remarkMs'))),
    ratio: median(rs.map((r) => num(r, 'oursMs') / num(r, 'remarkMs'))),
    dict: median(rs.map((r) => num(r, 'dictionaryLoadMs'))),
    findings: num(rs[0]!, 'findings'),
  });
  const fb = firstOf(first);
  const fs = firstOf(firstSample);
  const actTotal = median(act.map((r) => num(r, 'totalMs')));
  const actLoad = median(act.map((r) => num(r, 'loadMs')));
  const actActivate = median(act.map((r) => num(r, 'activateMs')));
  const firstSlice = Math.max(num(slice, 'tickerMs'), num(slice, 'histogramMs'));
  const typingSlice = Math.max(num(edits, 'tickerMs'), num(edits, 'histogramMs'));

  // ---- the table ----
  const rows: string[][] = [];
  const row = (...cells: string[]): void => void rows.push(cells);
  const bars: Array<[string, boolean]> = [];
  const bar = (text: string, ok: boolean): string => {
    bars.push([text, ok]);
    return `${mark(ok)} ${text}`;
  };

  for (const [label, f] of [
    [`big notes (${fmt(cliBig.lines)} lines)`, cliBig],
    [`sample (${fmt(cliSample.lines)} lines)`, cliSample],
  ] as const) {
    const { ours, cspell, mdl } = f.byTool;
    const isBig = f === cliBig;
    row(
      `Cold CLI lint, ${label}, median of ${ours.runs}`,
      secs(ours.ms),
      secs(cspell.ms),
      secs(mdl.ms),
      `cspell/ours ${x(cspell.ms / ours.ms)} · mdl/ours ${x(mdl.ms / ours.ms)}`,
      isBig ? bar('≥ 2x faster than cspell', cspell.ms / ours.ms >= 2) : '',
    );
    row(
      `Peak RSS, ${label}, median`,
      mb(ours.rssKB),
      mb(cspell.rssKB),
      mb(mdl.rssKB),
      `cspell/ours ${x(cspell.rssKB / ours.rssKB)} · mdl/ours ${x(mdl.rssKB / ours.rssKB)}`,
      isBig ? bar('ours ≤ 150 MB', ours.rssKB / 1024 <= 150) : '',
    );
    row(
      `Findings reported, ${label}`,
      `${fmt(ours.findings)} (every one)`,
      `${fmt(cspell.findings)} (spelling; stops at its repeat limits)`,
      `${fmt(mdl.findings)} (Markdown style rules)`,
      '–',
      '',
    );
  }
  row(
    `First full lint, big notes, in process (parse + every rule incl. spelling, through lintAll's slices), median of ${first.length}`,
    ms(fb.ours),
    '–',
    `remark-parse alone: ${ms(fb.remark)}`,
    `ours/remark ${x(fb.ratio)}`,
    bar('≤ 1.5x remark-parse', fb.ratio <= 1.5),
  );
  row(`First full lint, sample, in process, median of ${firstSample.length}`, ms(fs.ours), '–', `remark-parse alone: ${ms(fs.remark)}`, `ours/remark ${x(fs.ratio)}`, '');
  row('Dictionary load (excluded above)', ms(fb.dict), '–', '–', '–', '');
  row(
    'Longest synchronous slice, first full lint of big notes',
    `${ms(firstSlice)} wall, CPU ${ms(num(slice, 'cpuMs'))} (parse in slices took ${ms(num(slice, 'updateMs'))} in all; longest lintAll slice: ${ms(num(slice, 'longestLintAllSliceMs'))})`,
    '–',
    '–',
    '–',
    bar('no slice > 50 ms', firstSlice <= 50),
  );
  const previewSlice = Math.max(num(preview, 'firstSliceMs'), num(preview, 'editSliceMs'));
  row(
    'Preview of big notes (6,000 problems), sliced: first render / after an edit; longest slice',
    `${ms(num(preview, 'firstMs'))} / ${ms(num(preview, 'editMs'))}; longest slice ${ms(num(preview, 'firstSliceMs'))} / ${ms(num(preview, 'editSliceMs'))} (one-go render: ${ms(num(preview, 'oneGoMs'))})`,
    '–',
    '–',
    '–',
    bar('no slice > 50 ms', previewSlice <= 50),
  );
  const distinctSlice = Math.max(num(sliceDistinct, 'tickerMs'), num(sliceDistinct, 'histogramMs'));
  row(
    'Same, every body line made unique (no block shared between copies): first full lint; longest slice',
    `${ms(num(firstDistinct, 'oursMs'))} (${fmt(num(firstDistinct, 'findings'))} findings); longest slice ${ms(distinctSlice)} wall, CPU ${ms(num(sliceDistinct, 'cpuMs'))}`,
    '–',
    `remark-parse alone: ${ms(num(firstDistinct, 'remarkMs'))}`,
    `ours/remark ${x(num(firstDistinct, 'oursMs') / num(firstDistinct, 'remarkMs'))}`,
    bar('≤ 1.5x remark-parse; no slice > 50 ms', num(firstDistinct, 'oursMs') / num(firstDistinct, 'remarkMs') <= 1.5 && distinctSlice <= 50),
  );
  const incremental = num(edits, 'incremental');
  row(
    `Edit → fresh diagnostics, big notes, median / p95 of ${num(edits, 'edits')} (max)`,
    `${ms(num(edits, 'medianMs'))} / ${ms(num(edits, 'p95Ms'))} (${ms(num(edits, 'maxMs'))}); ${incremental} of ${num(edits, 'edits')} re-linted one block only`,
    '–',
    '–',
    '–',
    bar('≤ 20 ms median, ≤ 50 ms p95', num(edits, 'medianMs') <= 20 && num(edits, 'p95Ms') <= 50),
  );
  row('Longest synchronous slice while typing (the 50 edits)', `${ms(typingSlice)} wall, CPU ${ms(num(edits, 'cpuMs'))}`, '–', '–', '–', bar('no slice > 50 ms', typingSlice <= 50));
  const growth = num(heap, 'growthMB');
  row(
    `Heap after ${fmt(num(heap, 'edits'))} edits − after 10 (after gc)`,
    `${fmt(growth, 1)} MB (${fmt(num(heap, 'heapAfter10MB'), 1)} → ${fmt(num(heap, 'heapAfter1000MB'), 1)} MB)`,
    '–',
    '–',
    '–',
    bar('≤ 10 MB', Math.abs(growth) <= 10 && num(heap, 'edits') >= 1000),
  );
  row(
    `Activation: production bundle (as shipped) load + activate(), stub vscode API, median of ${act.length}`,
    `${ms(actTotal)} (load ${ms(actLoad)} + activate ${ms(actActivate)})`,
    '–',
    '–',
    '–',
    bar('≤ 30 ms', actTotal <= 30),
  );

  const header = ['figure', 'this project', `cspell ${cspellVersion}`, `markdownlint-cli2 ${mdlVersion}`, 'ratio', 'bar'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  const out: string[] = [];
  out.push(...lines, '');
  out.push(`Bars: ${bars.map(([t, ok]) => `${mark(ok)} ${t}`).join('; ')}. (${bars.filter(([, ok]) => ok).length} of ${bars.length} met.)`);
  out.push(
    'Notes: each tool is a fresh process per run (the file cache is warm); ratio = peer / ours for the CLI rows (> 1: we are faster or leaner), ours / remark for the first full lint, where remark-parse (`unified().use(remarkParse).parse`) runs second in the same process, after ours (micromark is warm by then, which favours remark). An edit swaps two letters of a word in the middle of one talk\'s notes (50 talks spread through the file), timed from `session.update(text)` to complete findings, no debounce. Slices: the longest stretch without an event-loop turn, wall clock (setImmediate ticker and monitorEventLoopDelay, the larger; the bar is judged on it), and the most process CPU time one stretch used (all threads, so GC helpers count; under load the wall figure also holds time the thread was not scheduled).',
  );
  out.push(
    `Checks: in-process first lint found ${fmt(fb.findings)} on the big notes (CLI: ${fmt(cliBig.byTool.ours.findings)}); after the 50 edits the session held ${num(edits, 'findingsAfter')} findings, a full lint of the same text ${num(edits, 'findingsFullLint')}; activation registered ${num(act[0]!, 'subscriptions')} subscriptions under the stub, with ${median(act.map((r) => num(r, 'loggedErrors')))} errors logged and ${median(act.map((r) => num(r, 'asyncErrors')))} unhandled rejections.`,
  );
  out.push(
    `Machine: ${os.cpus().length} cores, Node ${process.version}, load average ${loadBefore} before / ${loadAfter} after; ${quick ? 'QUICK (1 run each)' : `${CLI_RUNS} CLI runs, ${FIRSTLINT_RUNS} first-lint and ${ACTIVATION_RUNS} activation processes`}; ${fmt((performance.now() - started) / 1000, 0)} s in all.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
