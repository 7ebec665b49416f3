// Lints (and with --fix, fixes) one file for `confnotes lint`, in the main thread or in a worker. The outcome is
// plain data in the shape the output needs, so it crosses a worker boundary unchanged and both paths print the same bytes.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes, isConferenceNotes, DEFAULT_SETTINGS, type Finding, type NotesDocument, type Range, type Severity, type TextEdit } from '../core';
import { lintDocument, lintDocumentByStretch, fixAllSafe } from '../core/lint';
import { plainEdits } from '../core/edits';
import type { LintConfig, Speller } from '../core/rules/types';
import { CliError } from './io';
import { decodeNotes, encodeNotes, type TextEncoding } from './files';
import { writeBack, WriteBackError } from './writeBack';
import { spellerForDocument } from '../core/spelling/locale';
import { withTreesKept } from '../core/blocks';

/** What every file of one `lint` run shares. Plain data: it is a worker's workerData. */
export interface LintJob {
  cwd: string;
  config: LintConfig;
  fix: boolean;
}

export interface LintTask {
  /** Position in the input order; results are printed in this order. */
  index: number;
  file: string;
  /** Named on the command line (not found in a folder or by a glob): a file that is not notes gets a notice. */
  named: boolean;
}

/** A finding as `lint --format json` prints it (the key order is the JSON contract). */
export interface WireFinding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Array<{ title: string; preferred: boolean; edits: TextEdit[] }>;
}

/** A fix `--fix` applied, as `lint --format json` prints it. */
export interface WireFixed {
  rule: string;
  message: string;
  range: Range;
  title: string;
}

export type FileOutcome =
  /** Linted (or a named file skipped with a notice). */
  | {
      kind: 'result';
      path: string;
      findings: WireFinding[];
      fixed: WireFixed[];
      skipped?: string;
      /** With --fix: the fixes were found but the file could not be written (one line for stderr; exit 2). */
      notWritten?: string;
      /** The findings went to the sink given to lintFile as they were found (`findings` is then empty). */
      streamed?: boolean;
    }
  /** Could not be read, decoded or parsed: one line on stderr, exit 2, the other files still linted. */
  | { kind: 'input-error'; message: string }
  /** Found in a folder or by a glob, and not notes: passed over silently. */
  | { kind: 'passed-over' };

function wireFinding(f: Finding): WireFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    range: f.range,
    fixes: f.fixes.map((fix) => ({ title: fix.title, preferred: fix.preferred, edits: plainEdits(fix) })),
  };
}

function wireFixed(f: Finding): WireFixed {
  return { rule: f.rule, message: f.message, range: f.range, title: f.fixes.find((x) => x.preferred)?.title ?? '' };
}

/**
 * Lints one file; with `job.fix`, writes its safe fixes back. Throws only on an internal error. With `sink` (and no
 * --fix), the findings go there a stretch of lines at a time, in order, instead of into the outcome: a big file's
 * findings are then never all held at once.
 */
export function lintFile(task: LintTask, job: LintJob, speller: Speller | undefined, sink?: (findings: WireFinding[]) => void): FileOutcome {
  const { file } = task;
  const abs = path.resolve(job.cwd, file);
  // Let go of (undefined) on the streamed path below: a 40 MB file's bytes and text are 120 MB the lint never reads.
  let bytes: Buffer | undefined;
  let text: string | undefined;
  let encoding: TextEncoding;
  let doc: NotesDocument;
  try {
    try {
      bytes = readFileSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(`${file}: cannot read file (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? 'error'})`);
    }
    ({ text, encoding } = decodeNotes(bytes, file));
    doc = parseNotes(text);
  } catch (e) {
    return { kind: 'input-error', message: e instanceof CliError ? e.message : `${file}: cannot parse (${(e as Error).message})` };
  }
  const relative = path.relative(job.cwd, abs).split(path.sep).join('/');
  if (!isConferenceNotes(doc, DEFAULT_SETTINGS, relative)) {
    if (!task.named) return { kind: 'passed-over' };
    return { kind: 'result', path: file, findings: [], fixed: [], skipped: 'skipped: not conference notes (no conference in front matter, fewer than two talks with a speaker)' };
  }
  const dir = path.dirname(abs);
  const fileExists = (target: string): boolean => {
    const raw = target.replace(/[?#].*$/, '');
    let clean = raw;
    try {
      clean = decodeURIComponent(raw);
    } catch {
      // A stray '%' is part of the name.
    }
    return clean !== '' && existsSync(path.resolve(dir, clean));
  };
  // Without a configured locale, each file is checked in the English its own spellings show (or its comment says).
  const fileSpeller = speller && spellerForDocument(doc, job.config.locale, speller);
  const lint = (d: NotesDocument): Finding[] => lintDocument(d, job.config, { speller: fileSpeller, fileExists, releaseTrees: true });
  try {
    if (job.fix) return fixFile(file, abs, bytes, text, encoding, doc, lint);
    if (sink) {
      bytes = undefined;
      text = undefined;
      lintDocumentByStretch(doc, job.config, { speller: fileSpeller, fileExists, releaseTrees: true }, (found) => sink(found.map(wireFinding)));
      return { kind: 'result', path: file, findings: [], fixed: [], streamed: true };
    }
    return { kind: 'result', path: file, findings: lint(doc).map(wireFinding), fixed: [] };
  } catch (e) {
    // One file's failure is that file's outcome: the others are still linted and reported.
    return { kind: 'input-error', message: `${file}: internal error while linting (${(e as Error)?.message ?? String(e)})` };
  }
}

/**
 * Trees kept across the passes of `--fix` on one file, at most (estimated; blocks.ts withTreesKept): those of 2.5 MB
 * of prose take ~23 MB, of 30,000 footnotes (1.1 MB) ~83 MB; the trees beyond are parsed again on each pass, as
 * before. What it adds to the peak memory, also of a file with nothing to fix.
 */
const FIX_TREES_BYTES = 64 * 1024 * 1024;

/** `--fix` on one file: the safe fixes, written back in place (writeBack.ts) unless the file changed meanwhile. */
function fixFile(file: string, abs: string, bytes: Buffer, text: string, encoding: TextEncoding, doc: NotesDocument, lint: (d: NotesDocument) => Finding[]): FileOutcome {
  // Each pass after the first parses again only the blocks its fixes changed (the others' trees are kept, and with
  // them the block rules' findings), up to a bound on the trees kept.
  const outcome = withTreesKept(FIX_TREES_BYTES, () => fixAllSafe(text, (t) => parseNotes(t), lint));
  if (outcome.fixed.length > 0) {
    // Another program may have saved the file meanwhile: never overwrite what we did not read.
    let now: Buffer | undefined;
    try {
      now = readFileSync(abs);
    } catch {
      now = undefined;
    }
    if (!now || !now.equals(bytes)) {
      return { kind: 'result', path: file, findings: lint(doc).map(wireFinding), fixed: [], skipped: 'not fixed: it changed on disk while being linted' };
    }
    try {
      writeBack(abs, encodeNotes(outcome.text, encoding));
    } catch (e) {
      if (!(e instanceof WriteBackError)) throw e;
      return { kind: 'result', path: file, findings: lint(doc).map(wireFinding), fixed: [], notWritten: `not fixed: ${e.message}` };
    }
  }
  return { kind: 'result', path: file, findings: outcome.remaining.map(wireFinding), fixed: outcome.fixed.map(wireFixed) };
}
