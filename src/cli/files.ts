// Turns the CLI's FILE|DIR|GLOB arguments into Markdown files and reads them strictly.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './io';
import { globToRegExp } from '../core/glob';

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.test-env']);

function walk(dir: string, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new CliError(`${dir}: cannot read directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(full, out);
    } else if (entry.isFile() && MARKDOWN.test(entry.name)) {
      out.push(full);
    }
  }
}

/** Expands arguments to a sorted, de-duplicated list of files, paths as the user wrote them where possible. */
export function expandInputs(args: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let stat: import('node:fs').Stats | undefined;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const found: string[] = [];
      walk(abs, found);
      if (found.length === 0) throw new CliError(`${arg}: no Markdown files in this directory`);
      files.push(...found.map((f) => path.relative(cwd, f) || f));
    } else if (stat?.isFile()) {
      files.push(arg);
    } else if (/[*?{[]/.test(arg)) {
      const base = arg.split('/').findIndex((part) => /[*?{[]/.test(part));
      const root = path.resolve(cwd, arg.split('/').slice(0, base).join('/') || '.');
      const found: string[] = [];
      walk(root, found);
      const re = globToRegExp(arg.replace(/^\.\//, ''));
      const matched = found.map((f) => path.relative(cwd, f).split(path.sep).join('/')).filter((f) => re.test(f));
      if (matched.length === 0) throw new CliError(`${arg}: no files match this pattern`);
      files.push(...matched);
    } else {
      throw new CliError(`${arg}: no such file or directory`);
    }
  }
  return [...new Set(files)];
}

/** Reads a notes file as UTF-8 text; binary or invalid UTF-8 is an input error naming the file. */
export function readNotesFile(file: string, cwd: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.resolve(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read file (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code ?? 'error'})`);
  }
  return decodeText(bytes, file);
}

export function decodeText(bytes: Uint8Array, file: string): string {
  const sample = bytes.subarray(0, 8000);
  if (sample.includes(0)) throw new CliError(`${file}: looks like a binary file (it contains NUL bytes), not Markdown`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file}: is not valid UTF-8 text (save it as UTF-8 and try again)`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
