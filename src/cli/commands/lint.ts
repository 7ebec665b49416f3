// `confnotes lint [--format text|json] [--locale L] [--config FILE] [--fix] [--jobs N] FILE|DIR|GLOB...`
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { isWarningOrWorse } from '../../core/lint';
import { CONFIG_FILE_NAME, isSupportedLocale, LintConfigError, mergeLintConfig, parseLintConfig, unknownLocaleMessage } from '../../core/lintConfig';
import type { LintConfig, Speller } from '../../core/rules/types';
import { CliError, type CliIo } from '../io';
import { expandInputs } from '../files';
import { parseArgs } from '../args';
import { lintFile, type FileOutcome, type LintJob, type LintTask, type WireFinding } from '../lintFile';
import { lintInWorkers } from '../lintWorkers';
import { ProgressLine } from '../progress';

/** Reads `--config FILE`, else the nearest `.conference-notes.json` in the working folder or its ancestors. */
export function loadConfigFile(explicit: string | undefined, cwd: string): { config: LintConfig; file?: string } {
  let file: string | undefined;
  if (explicit) {
    file = path.resolve(cwd, explicit);
  } else {
    for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      if (existsSync(candidate)) {
        file = candidate;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  if (!file) return { config: { rules: {} } };
  const shown = explicit ?? (path.relative(cwd, file) || file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${shown}: cannot read config file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : code ?? 'error'})`);
  }
  try {
    return { config: parseLintConfig(text), file };
  } catch (e) {
    if (e instanceof LintConfigError) throw new CliError(`${shown}: config ${e.message}`);
    throw e;
  }
}

/** Loads the speller for a locale; the spelling rule does nothing without one. */
export type SpellerLoader = (locale: string | undefined) => Promise<Speller | undefined>;
const noSpeller: SpellerLoader = async () => undefined;

export interface LintRunOptions {
  /** The CLI bundle, which becomes a lint worker when started with workerData; without it every file is linted in process. */
  workerScript?: string;
}

// Without --jobs, workers are started only when there is enough to share: a worker costs about 0.1 s to start and
// load the dictionary (measured on 2 cores), which a handful of small files do not win back.
export const AUTO_JOBS_MIN_FILES = 8;
export const AUTO_JOBS_MIN_BYTES = 256 * 1024;
/**
 * On 2 cores one thread already keeps the second busy with garbage collection: two workers measured 3.2 -> 3.0 s on
 * 200 distinct files and 0.76 -> 1.05 s on 200 copies of one file. Workers start by themselves from 3 cores.
 */
export const AUTO_JOBS_MIN_CORES = 3;

/** Threads for `files` files of `bytes` bytes in all: `--jobs N` as given (one per file at most), else automatic. */
export function chooseJobs(requested: number | undefined, files: number, bytes: number, cores = availableParallelism()): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  if (files < AUTO_JOBS_MIN_FILES || bytes < AUTO_JOBS_MIN_BYTES || cores < AUTO_JOBS_MIN_CORES) return 1;
  return Math.max(1, Math.min(cores, files));
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) throw new CliError(`--jobs must be a whole number of 1 or more, not '${value}'`);
  return Number(value);
}

function textLine(file: string, f: WireFinding): string {
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}`;
}

function sizeOf(file: string, cwd: string): number {
  try {
    return statSync(path.resolve(cwd, file)).size;
  } catch {
    return 0;
  }
}

export function createRunLint(loadSpeller: SpellerLoader = noSpeller, runOptions: LintRunOptions = {}) {
  return async function runLint(argv: string[], io: CliIo): Promise<number> {
    const { options, positionals } = parseArgs(argv, { format: 'string', locale: 'string', config: 'string', fix: 'boolean', jobs: 'string' });
    const format = options.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json, not '${format}'`);
    const requestedJobs = parseJobs(options.jobs);
    if (options.locale !== undefined && !isSupportedLocale(options.locale)) throw new CliError(`--locale ${unknownLocaleMessage(options.locale)}`);
    if (positionals.length === 0) throw new CliError('lint needs at least one FILE, DIR or GLOB (try: confnotes lint samples/scaleconf-2017.md)');
    const { config: fileConfig } = loadConfigFile(options.config, io.cwd);
    const config = mergeLintConfig(fileConfig, options.locale ? { rules: {}, locale: options.locale } : undefined);
    // Only conference notes are linted, as in the editor; a file named one by one that is not notes is reported as skipped.
    const named = new Set<string>();
    const files: string[] = [];
    for (const arg of positionals) {
      const found = expandInputs([arg], io.cwd);
      let isFile = false;
      try {
        isFile = statSync(path.resolve(io.cwd, arg)).isFile();
      } catch {
        isFile = false;
      }
      if (isFile) named.add(found[0]!);
      for (const f of found) if (!files.includes(f)) files.push(f);
    }
    const tasks: LintTask[] = files.map((file, index) => ({ index, file, named: named.has(file) }));
    const job: LintJob = { cwd: io.cwd, config, fix: Boolean(options.fix) };
    const spelling = config.rules.spelling !== 'off';
    const jobs = runOptions.workerScript ? chooseJobs(requestedJobs, files.length, files.reduce((n, f) => n + sizeOf(f, io.cwd), 0)) : 1;

    // A terminal watching stderr gets one updating line; JSON consumers and logs get none.
    const progress = format === 'text' && io.stderrIsTTY && tasks.length > 1 ? new ProgressLine(io, tasks.length) : undefined;
    // Outcomes arrive in any order from workers; each is printed in input order as soon as all before it are in, and
    // then let go: a file's findings are written as they are turned into lines (in chunks), never held all together
    // and never joined into one string (a 40 MB file has 240,000 findings, ~380 MB of JSON).
    const outcomes: Array<FileOutcome | undefined> = new Array(tasks.length);
    const results: PrintedResult[] = [];
    const output = format === 'json' ? new JsonFilesWriter(io) : undefined;
    let printed = 0;
    let done = 0;
    let inputError = false;
    let problem = false;
    const onOutcome = (index: number, outcome: FileOutcome): void => {
      outcomes[index] = outcome;
      done++;
      for (let o = outcomes[printed]; o; o = outcomes[++printed]) {
        outcomes[printed] = PRINTED;
        if (o.kind === 'result') {
          if (o.findings.some((f) => isWarningOrWorse(f.severity))) problem = true;
          results.push({ path: o.path, skipped: o.skipped, notWritten: o.notWritten, fixed: o.fixed.length, spellingLeft: options.fix ? o.findings.filter((f) => f.rule === 'spelling').length : 0 });
          if (output) {
            if (!o.streamed) output.open(o.path);
            output.items(o.findings);
            output.close(o, Boolean(options.fix));
          } else {
            writeTextResult(io, o);
          }
          continue;
        }
        // A file that failed after some of its findings were streamed: its JSON entry is closed with what it had.
        if (output?.isOpen) output.close({ kind: 'result', path: '', findings: [], fixed: [] }, Boolean(options.fix));
        if (o.kind !== 'input-error') continue;
        inputError = true;
        progress?.clear();
        io.stderr(`confnotes lint: ${o.message}\n`);
      }
      progress?.update(done, done === tasks.length);
    };
    progress?.update(0, true);
    try {
      if (jobs > 1) {
        await lintInWorkers({ script: runOptions.workerScript!, workers: jobs, job, spelling, tasks, onOutcome });
      } else {
        const speller = spelling ? await loadSpeller(config.locale) : undefined;
        // In process, every file before this one is printed already: its findings are printed as they are found.
        for (const task of tasks) {
          let started = false;
          const sink = (found: WireFinding[]): void => {
            if (found.some((f) => isWarningOrWorse(f.severity))) problem = true;
            if (output) {
              if (!started) output.open(task.file);
              output.items(found);
            } else {
              writeTextResult(io, { kind: 'result', path: task.file, findings: found, fixed: [] });
            }
            started = true;
          };
          onOutcome(task.index, lintFile(task, job, speller, sink));
        }
      }
    } finally {
      progress?.clear();
    }

    // With --fix, stderr names every file written and every file that could not be, whatever the format: a failure
    // on one file never hides what happened to the others.
    let notWritten = false;
    if (options.fix) {
      for (const r of results) {
        if (r.notWritten) {
          notWritten = true;
          io.stderr(`confnotes lint: ${r.path}: ${r.notWritten}\n`);
        } else if (r.fixed > 0) {
          io.stderr(`confnotes lint: ${r.path}: written with ${r.fixed} fix${r.fixed === 1 ? '' : 'es'}\n`);
        }
      }
    }
    if (output) {
      output.end();
    } else {
      for (const r of results) if (r.skipped) io.stderr(`confnotes lint: ${r.path}: ${r.skipped}\n`);
      if (options.fix) {
        const out: string[] = [];
        const left = results.reduce((n, r) => n + r.spellingLeft, 0);
        if (left > 0) out.push(`${left} spelling finding${left === 1 ? ' was' : 's were'} left for you to choose (fix-all changes only certain spellings)`);
        const count = results.reduce((n, r) => n + r.fixed, 0);
        const changed = results.filter((r) => r.fixed > 0).length;
        out.push(`${count} problem${count === 1 ? '' : 's'} fixed in ${changed} file${changed === 1 ? '' : 's'}`);
        io.stdout(out.join('\n') + '\n');
      }
    }
    if (inputError || notWritten) return 2;
    return problem ? 1 : 0;
  };
}

/** What is kept of a file's result once its findings are printed. */
interface PrintedResult {
  path: string;
  skipped?: string;
  notWritten?: string;
  fixed: number;
  spellingLeft: number;
}

/** Marks an outcome already printed (its findings let go). */
const PRINTED: FileOutcome = { kind: 'passed-over' };

/** Lines (or JSON items) per write: big enough that writes are few, small enough that no string grows with the file. */
const WRITE_CHUNK = 2_000;

function writeTextResult(io: CliIo, r: Extract<FileOutcome, { kind: 'result' }>): void {
  let out: string[] = [];
  const flush = (): void => {
    if (out.length > 0) io.stdout(out.join('\n') + '\n');
    out = [];
  };
  for (const f of r.fixed) {
    out.push(`${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1} fixed ${f.rule} ${f.title}`);
    if (out.length >= WRITE_CHUNK) flush();
  }
  for (const f of r.findings) {
    out.push(textLine(r.path, f));
    if (out.length >= WRITE_CHUNK) flush();
  }
  flush();
}

/**
 * `JSON.stringify({ files }, null, 2)` written a file at a time and, within a file, a chunk of diagnostics at a
 * time: the same bytes (the JSON output is a contract, pinned by test/unit/cli-lint.test.ts) without the one string.
 * JSON text never holds a raw line break (strings escape it), so indenting a nested value is a replace of '\n'.
 */
class JsonFilesWriter {
  private count = 0;
  private written = 0;
  /** A file's entry is begun and not yet closed. */
  isOpen = false;

  constructor(private readonly io: CliIo) {}

  open(path: string): void {
    this.io.stdout(`${this.count++ === 0 ? '{\n  "files": [\n' : ',\n'}    {\n      "path": ${JSON.stringify(path)},\n      "diagnostics": `);
    this.written = 0;
    this.isOpen = true;
  }

  items(findings: readonly WireFinding[]): void {
    for (let at = 0; at < findings.length; at += WRITE_CHUNK) {
      const items = findings.slice(at, at + WRITE_CHUNK).map((f) => '        ' + indented(f, '        '));
      this.io.stdout((this.written === 0 ? '[\n' : ',\n') + items.join(',\n'));
      this.written += items.length;
    }
  }

  close(r: Extract<FileOutcome, { kind: 'result' }>, fix: boolean): void {
    const io = this.io;
    io.stdout(this.written === 0 ? '[]' : '\n      ]');
    const rest = { ...(fix ? { fixed: r.fixed } : {}), ...(r.skipped ? { skipped: r.skipped } : {}), ...(r.notWritten ? { notWritten: r.notWritten } : {}) };
    for (const [key, value] of Object.entries(rest)) io.stdout(`,\n      ${JSON.stringify(key)}: ${indented(value, '      ')}`);
    io.stdout('\n    }');
    this.isOpen = false;
  }

  end(): void {
    this.io.stdout(this.count === 0 ? '{\n  "files": []\n}\n' : '\n  ]\n}\n');
  }
}

function indented(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + indent);
}

export const runLint = createRunLint();
