// The server in Node (`confnotes lsp --stdio`): LSP over stdin/stdout, files from the disk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures, StreamMessageWriter, type ContentTypeEncoder, type MessageReader } from 'vscode-languageserver/node';
import type { ReadFile } from '../core/spelling/speller';
import { encodeMessage } from './encoder';
import type { ListedFile, ServerHost } from './host';
import { startServer } from './server';

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;
/** Folders no notes live in (as the CLI's folder walk skips them). */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.test-env']);

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Markdown files under a folder, breadth first, hidden and dependency folders skipped. */
async function listMarkdown(folderUri: string, max: number): Promise<ListedFile[]> {
  const root = toPath(folderUri);
  if (!root) return [];
  const out: ListedFile[] = [];
  const queue = [root];
  for (let dir = queue.shift(); dir !== undefined && out.length < max; dir = queue.shift()) {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) queue.push(full);
      } else if (entry.isFile() && MARKDOWN.test(entry.name) && out.length < max) {
        try {
          const s = await stat(full);
          out.push({ uri: pathToFileURL(full).toString(), size: s.size, mtime: s.mtimeMs });
        } catch {
          // Gone meanwhile.
        }
      }
    }
  }
  return out;
}

export function nodeHost(readDictionary: ReadFile): ServerHost {
  return {
    readDictionary,
    async readText(uri) {
      const file = toPath(uri);
      if (!file) return undefined;
      try {
        return await readFile(file, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
        throw err;
      }
    },
    async writeText(uri, text) {
      const file = toPath(uri);
      if (!file) throw new Error(`cannot write ${uri}: not a file on this machine`);
      await writeFile(file, text, 'utf8');
    },
    listMarkdown,
    fileChecker(documentUri) {
      const file = toPath(documentUri);
      if (!file) return undefined;
      const dir = path.dirname(file);
      return (target) => {
        const raw = target.replace(/[?#].*$/, '');
        let clean = raw;
        try {
          clean = decodeURIComponent(raw);
        } catch {
          // A stray '%' is part of the name.
        }
        if (clean === '') return false;
        try {
          return existsSync(path.resolve(dir, clean)) && statSync(path.resolve(dir, clean)) !== undefined;
        } catch {
          return false;
        }
      };
    },
  };
}

/** Serves LSP on stdin/stdout until the client says exit. */
export function startNodeServer(readDictionary: ReadFile, version?: string): void {
  // vscode-jsonrpc's writer with its JSON encoder replaced by encodeMessage (the same bytes, diagnostics' JSON kept).
  const json: ContentTypeEncoder = {
    name: 'application/json',
    encode: (msg, options) => {
      try {
        return Promise.resolve(options.charset === 'utf-8' ? encodeMessage(msg) : Buffer.from(JSON.stringify(msg), options.charset));
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
  // stdin stays a stream (not a reader), so the library still exits when it ends (typed overloads want both or neither).
  const input = process.stdin as unknown as MessageReader;
  const connection = createConnection(ProposedFeatures.all, input, new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: json }));
  startServer(connection, () => nodeHost(readDictionary), version);
}
