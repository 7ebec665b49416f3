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
      for (const f of found) files.push(path.relative(cwd, f) || f);
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
      for (const f of matched) files.push(f);
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

/** How a notes file's bytes encode its text, so `--fix` writes it back the same way. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/**
 * Decodes a notes file: UTF-8 (with or without a byte order mark), or UTF-16 with its byte order mark (as VS Code
 * reads it). Anything else with NUL bytes is binary, and invalid UTF-8 is an input error naming the file.
 */
export function decodeNotes(bytes: Uint8Array, file: string): { text: string; encoding: TextEncoding } {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw new CliError(`${file}: starts with a UTF-16 byte order mark but is not valid UTF-16 text (save it as UTF-8 and try again)`);
    }
    return { text, encoding: utf16 };
  }
  const sample = bytes.subarray(0, 8000);
  if (sample.includes(0)) throw new CliError(`${file}: looks like a binary file (it contains NUL bytes), not Markdown`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CliError(`${file}: is not valid UTF-8 text (save it as UTF-8 and try again)`);
  }
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), encoding: 'utf-8-bom' } : { text, encoding: 'utf-8' };
}

/** The bytes of `text` in `encoding`, byte order mark included where the file had one. */
export function encodeNotes(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.from('\ufeff' + text, 'utf8');
    case 'utf-16le':
      return Buffer.from('\ufeff' + text, 'utf16le');
    case 'utf-16be': {
      const bytes = Buffer.from('\ufeff' + text, 'utf16le');
      bytes.swap16();
      return bytes;
    }
  }
}

export function decodeText(bytes: Uint8Array, file: string): string {
  return decodeNotes(bytes, file).text;
}
