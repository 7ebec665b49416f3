// What the server needs from where it runs: files and the dictionary. The Node entry (node.ts) reads the disk; the
// web worker entry (browser.ts) asks its client. Everything else in src/server is the same in both.
import type { ReadFile } from '../core/spelling/speller';

export interface ServerHost {
  /** Reads the spelling dictionary's files (dict/en.bin). */
  readDictionary: ReadFile;
  /** A file's text by URI, or undefined when there is none. */
  readText(uri: string): Promise<string | undefined>;
  writeText(uri: string, text: string): Promise<void>;
  /** Markdown files under a folder URI, at most `max`, with size and time of change (none: the host cannot list). */
  listMarkdown(folderUri: string, max: number): Promise<ListedFile[]>;
  /** For the link rule: whether a target written in a document at `documentUri` is a file (absent: unknown). */
  fileChecker?(documentUri: string): ((target: string) => boolean) | undefined;
}

export interface ListedFile {
  uri: string;
  size: number;
  /** Last change, in ms since the epoch. */
  mtime: number;
}
