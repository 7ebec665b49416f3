// `confnotes lint [--format text|json] [--locale L] [--config FILE] [--fix] FILE|DIR|GLOB...`
import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, chmodSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseNotes, isConferenceNotes, DEFAULT_SETTINGS, type Finding, type NotesDocument } from '../../core';
import { lintDocument, isWarningOrWorse, fixAllSafe } from '../../core/lint';
import { plainEdits } from '../../core/edits';
import { CONFIG_FILE_NAME, LintConfigError, mergeLintConfig, parseLintConfig } from '../../core/lintConfig';
import type { LintConfig, Speller } from '../../core/rules/types';
import { CliError, type CliIo } from '../io';
import { expandInputs, decodeText } from '../files';
import { parseArgs } from '../args';

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

/** Loads the speller for a locale; the spelling rule does nothing without one. Replaced by the spelling loader when it lands. */
export type SpellerLoader = (locale: string | undefined) => Promise<Speller | undefined>;
const noSpeller: SpellerLoader = async () => undefined;

function diagnosticJson(f: Finding): unknown {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    range: f.range,
    fixes: f.fixes.map((fix) => ({ title: fix.title, preferred: fix.preferred, edits: plainEdits(fix) })),
  };
}

function textLine(file: string, f: Finding): string {
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}`;
}

interface FileResult {
  path: string;
  findings: Finding[];
  fixed: Finding[];
  /** Why the file was not linted, or not written back although it had fixes (one line for stderr). */
  skipped?: string;
}

/** Writes through a temporary file in the same folder and a rename, so a reader never sees half a file. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.confnotes-tmp`);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    chmodSync(tmp, statSync(file).mode & 0o7777);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

export function createRunLint(loadSpeller: SpellerLoader = noSpeller) {
  return async function runLint(argv: string[], io: CliIo): Promise<number> {
    const { options, positionals } = parseArgs(argv, { format: 'string', locale: 'string', config: 'string', fix: 'boolean' });
    const format = options.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json, not '${format}'`);
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
    const speller = config.rules.spelling === 'off' ? undefined : await loadSpeller(config.locale);

    const results: FileResult[] = [];
    let inputError = false;
    for (const file of files) {
      const abs = path.resolve(io.cwd, file);
      let bytes: Buffer;
      let text: string;
      let doc: NotesDocument;
      try {
        try {
          bytes = readFileSync(abs);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          throw new CliError(`${file}: cannot read file (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? 'error'})`);
        }
        text = decodeText(bytes, file);
        doc = parseNotes(text);
      } catch (e) {
        inputError = true;
        io.stderr(`confnotes lint: ${e instanceof CliError ? e.message : `${file}: cannot parse (${(e as Error).message})`}\n`);
        continue;
      }
      const relative = path.relative(io.cwd, abs).split(path.sep).join('/');
      if (!isConferenceNotes(doc, DEFAULT_SETTINGS, relative)) {
        if (named.has(file)) results.push({ path: file, findings: [], fixed: [], skipped: 'skipped: not conference notes (no conference in front matter, fewer than two talks with a speaker)' });
        continue;
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
      const lint = (d: NotesDocument): Finding[] => lintDocument(d, config, { speller, fileExists });
      if (!options.fix) {
        results.push({ path: file, findings: lint(doc), fixed: [] });
        continue;
      }
      const outcome = fixAllSafe(text, (t) => parseNotes(t), lint);
      const result: FileResult = { path: file, findings: outcome.remaining, fixed: outcome.fixed };
      if (outcome.fixed.length > 0) {
        // Another program may have saved the file meanwhile: never overwrite what we did not read.
        let now: Buffer | undefined;
        try {
          now = readFileSync(abs);
        } catch {
          now = undefined;
        }
        if (!now || !now.equals(bytes)) {
          result.skipped = 'not fixed: it changed on disk while being linted';
          result.findings = lint(doc);
          result.fixed = [];
        } else {
          const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
          writeAtomically(abs, Buffer.from(bom + outcome.text, 'utf8'));
        }
      }
      results.push(result);
    }

    if (format === 'json') {
      const files = results.map((r) => ({
        path: r.path,
        diagnostics: r.findings.map(diagnosticJson),
        ...(options.fix ? { fixed: r.fixed.map((f) => ({ rule: f.rule, message: f.message, range: f.range, title: f.fixes.find((x) => x.preferred)?.title ?? '' })) } : {}),
        ...(r.skipped ? { skipped: r.skipped } : {}),
      }));
      io.stdout(JSON.stringify({ files }, null, 2) + '\n');
    } else {
      const out: string[] = [];
      for (const r of results) {
        for (const f of r.fixed) out.push(`${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1} fixed ${f.rule} ${f.fixes.find((x) => x.preferred)?.title ?? ''}`);
        if (r.skipped) io.stderr(`confnotes lint: ${r.path}: ${r.skipped}\n`);
        for (const f of r.findings) out.push(textLine(r.path, f));
      }
      if (options.fix) {
        const count = results.reduce((n, r) => n + r.fixed.length, 0);
        const changed = results.filter((r) => r.fixed.length > 0).length;
        out.push(`${count} problem${count === 1 ? '' : 's'} fixed in ${changed} file${changed === 1 ? '' : 's'}`);
      }
      if (out.length > 0) io.stdout(out.join('\n') + '\n');
    }
    if (inputError) return 2;
    return results.some((r) => r.findings.some((f) => isWarningOrWorse(f.severity))) ? 1 : 0;
  };
}

export const runLint = createRunLint();
