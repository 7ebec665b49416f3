// A line scanner that finds front matter, fenced code, HTML blocks and headings (ATX and setext) the way
// CommonMark does, without building a full Markdown tree: structure is read from headings and a few
// lines under them, so a 20,000-line file is scanned in milliseconds.
import type { Heading, NotesDocument, Range } from './model';

export interface ScanResult {
  lines: string[];
  headings: Heading[];
  nonProse: NotesDocument['nonProse'];
  frontMatter?: { startLine: number; endLine: number; text: string };
  /** Per line: true when the line is inside code, HTML or front matter. */
  inNonProse: Uint8Array;
}

export function splitLines(text: string): string[] {
  // Most files have no carriage return at all: a plain split is several times faster than the regular expression.
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

const ATX = /^( {0,3})(#{1,6})(?=[ \t]|$)[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * The line opens a fenced code block (CommonMark: at most three spaces in, a backtick fence's info string has no
 * backtick): its indentation and the pattern of the line that closes it.
 */
export function fenceOpening(line: string): { indent: number; close: RegExp } | undefined {
  const fence = FENCE_OPEN.exec(line);
  if (!fence || (fence[2]![0] === '`' && fence[3]!.includes('`'))) return undefined;
  const marker = fence[2]!;
  return { indent: fence[1]!.length, close: new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`) };
}
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const HTML_RAW_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:\s|>|$)/i;
const HTML_COMMENT_OPEN = /^ {0,3}<!--/;
const HTML_BLOCK_TAG =
  /^ {0,3}<\/?(address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$)/i;
const HTML_LONE_TAG = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/;
const LIST_OR_QUOTE = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)|^ {0,3}>/;
/** First characters that may open a heading, fence, HTML block, list, quote, table or setext underline. */
const SPECIAL_FIRST = new Set([...'#`~<=-*+>|_0123456789\t'].map((c) => c.charCodeAt(0)));
const THEMATIC = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;

function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** Runs a resumable computation (a generator that yields between steps) to its end, synchronously. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The line scan, as resumable steps: it yields every thousand lines, so a caller can spread a big file over slices. */
export function* scanSteps(text: string): Generator<void, ScanResult> {
  const lines = splitLines(text);
  const n = lines.length;
  const inNonProse = new Uint8Array(n);
  const headings: Heading[] = [];
  const nonProse: NotesDocument['nonProse'] = [];
  // A BOM is one UTF-16 unit at the start of line 0: skip it when matching, keep it in offsets.
  const bom = lines[0]?.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineAt = (i: number): string => (i === 0 && bom ? lines[0]!.slice(1) : lines[i]!);
  const offset = (i: number): number => (i === 0 ? bom : 0);

  let i = 0;
  let frontMatter: ScanResult['frontMatter'];
  const first = lineAt(0)?.trimEnd();
  if (first === '---' || first === '+++') {
    const close = first === '---' ? /^(---|\.\.\.)\s*$/ : /^\+\+\+\s*$/;
    for (let j = 1; j < n; j++) {
      if (close.test(lines[j]!)) {
        frontMatter = { startLine: 0, endLine: j, text: lines.slice(1, j).join('\n') };
        break;
      }
    }
    if (frontMatter) {
      for (let j = 0; j <= frontMatter.endLine; j++) inNonProse[j] = 1;
      nonProse.push({ startLine: 0, endLine: frontMatter.endLine, kind: 'front-matter' });
      i = frontMatter.endLine + 1;
    }
  }

  // Whether the previous line can be the content of a setext heading (a paragraph line).
  let paragraphStart = -1;
  const anchor = anchorFinder(lines);
  for (; i < n; i++) {
    if ((i & 1023) === 1023) yield;
    const line = lineAt(i);
    // Fast path: a line starting (within three spaces) with a letter or other plain character is paragraph text.
    const lead = line.length - line.trimStart().length;
    if (lead < 4 && lead < line.length && !SPECIAL_FIRST.has(line.charCodeAt(lead))) {
      if (paragraphStart < 0) paragraphStart = i;
      continue;
    }
    const fence = fenceOpening(line);
    if (fence) {
      let j = i + 1;
      while (j < n && !fence.close.test(lines[j]!)) j++;
      const end = Math.min(j, n - 1);
      for (let k = i; k <= end; k++) inNonProse[k] = 1;
      nonProse.push({ startLine: i, endLine: end, kind: 'code' });
      i = end;
      paragraphStart = -1;
      continue;
    }
    const htmlEnd = htmlBlockEnd(lines, i, line, paragraphStart >= 0);
    if (htmlEnd >= 0) {
      for (let k = i; k <= htmlEnd; k++) inNonProse[k] = 1;
      nonProse.push({ startLine: i, endLine: htmlEnd, kind: 'html' });
      i = htmlEnd;
      paragraphStart = -1;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      const level = atx[2]!.length;
      let content = atx[3] ?? '';
      // `## #` style: a heading made only of a closing sequence has empty text.
      if (/^#+$/.test(content)) content = '';
      const startChar = offset(i) + line.indexOf(content, atx[1]!.length + level);
      headings.push({
        level,
        text: content,
        textRange: range(i, content ? startChar : offset(i) + line.length, content ? startChar + content.length : offset(i) + line.length),
        range: range(i, offset(i), offset(i) + line.length),
        kind: 'atx',
      });
      paragraphStart = -1;
      continue;
    }
    if (paragraphStart >= 0 && SETEXT.test(line)) {
      const level = line.trim()[0] === '=' ? 1 : 2;
      const first = paragraphStart;
      const textLines = lines.slice(first, i).map((l, k) => (first + k === 0 && bom ? l.slice(1) : l).trim());
      const firstLine = lineAt(first);
      const lead = firstLine.length - firstLine.trimStart().length;
      const lastLine = lineAt(i - 1);
      headings.push({
        level,
        text: textLines.join(' '),
        textRange: { start: { line: first, character: offset(first) + lead }, end: { line: i - 1, character: offset(i - 1) + lastLine.trimEnd().length } },
        range: { start: { line: first, character: offset(first) }, end: { line: i, character: offset(i) + line.length } },
        kind: 'setext',
      });
      paragraphStart = -1;
      continue;
    }
    if (line.trim() === '') {
      paragraphStart = -1;
    } else if (/^ {4,}|^\t/.test(line) && paragraphStart < 0 && !continuesList(lines, i, anchor)) {
      // Indented code: only where it cannot be a paragraph continuation or a list item's content.
      inNonProse[i] = 1;
      const last = nonProse[nonProse.length - 1];
      if (last && last.kind === 'code' && last.endLine >= i - 2 && isBlankRange(lines, last.endLine + 1, i)) last.endLine = i;
      else nonProse.push({ startLine: i, endLine: i, kind: 'code' });
    } else if (LIST_OR_QUOTE.test(line) || THEMATIC.test(line) || /^ {0,3}\|/.test(line)) {
      paragraphStart = -1;
    } else if (paragraphStart < 0) {
      paragraphStart = i;
    }
  }
  return { lines, headings, nonProse, frontMatter, inNonProse };
}

function isBlankRange(lines: string[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (lines[k]!.trim() !== '') return false;
  return true;
}

/**
 * The nearest line above line i that is neither blank nor indented, or -1; asked for lines in ascending order, it
 * reads each line once (looking back from every line of a run of 20,000 indented lines took 200 ms in one step).
 */
function anchorFinder(lines: readonly string[]): (i: number) => number {
  let anchor = -1;
  let read = 0;
  return (i) => {
    for (; read < i; read++) {
      const l = lines[read]!;
      if (l.trim() !== '' && !/^ {4,}|^\t/.test(l)) anchor = read;
    }
    return anchor;
  };
}

/**
 * Whether an indented line belongs to a list item above it: the nearest non-blank unindented line, at most 200 lines
 * up, is a list item or a quote.
 */
function continuesList(lines: readonly string[], i: number, anchorBefore: (i: number) => number): boolean {
  const k = anchorBefore(i);
  return k >= 0 && k >= i - 200 && (/^ {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]/.test(lines[k]!) || /^ {0,3}>/.test(lines[k]!));
}

/** The last line of an HTML block starting at line i, or -1 when no HTML block starts there. */
function htmlBlockEnd(lines: string[], i: number, line: string, inParagraph: boolean): number {
  const raw = HTML_RAW_OPEN.exec(line);
  if (raw) {
    const close = new RegExp(`</${raw[1]}>`, 'i');
    for (let j = i; j < lines.length; j++) if (close.test(lines[j]!)) return j;
    return lines.length - 1;
  }
  if (HTML_COMMENT_OPEN.test(line)) {
    for (let j = i; j < lines.length; j++) if (lines[j]!.includes('-->', j === i ? line.indexOf('<!--') + 4 : 0)) return j;
    return lines.length - 1;
  }
  if (HTML_BLOCK_TAG.test(line) || (!inParagraph && HTML_LONE_TAG.test(line))) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1]!.trim() !== '') j++;
    return j;
  }
  return -1;
}
