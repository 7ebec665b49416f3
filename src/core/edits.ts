// Text edits on a document's text, and VS Code snippet text for the CLI (which writes plain text).
import type { Fix, Position, Range, TextEdit } from './model';

/** Offsets of the start of each line; line breaks may be \n, \r\n or \r, as the parser splits them. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function offsetAt(starts: readonly number[], text: string, p: Position): number {
  if (p.line >= starts.length) return text.length;
  const lineStart = starts[p.line]!;
  let lineEnd = p.line + 1 < starts.length ? starts[p.line + 1]! : text.length;
  // A character past the end of the line stops before its line break.
  if (p.line + 1 < starts.length) {
    if (text[lineEnd - 1] === '\n') lineEnd--;
    if (text[lineEnd - 1] === '\r') lineEnd--;
  }
  return Math.min(lineStart + p.character, lineEnd);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  // Touching ranges do not overlap, except two insertions at the same place (their order would be ambiguous).
  if (comparePositions(a.end, b.start) < 0 || comparePositions(b.end, a.start) < 0) return false;
  const aEmpty = comparePositions(a.start, a.end) === 0;
  const bEmpty = comparePositions(b.start, b.end) === 0;
  if (comparePositions(a.end, b.start) === 0) return aEmpty && bEmpty;
  if (comparePositions(b.end, a.start) === 0) return aEmpty && bEmpty;
  return true;
}

/**
 * Applies non-overlapping edits (positions refer to the original text), in one pass over the text: splicing the
 * string once per edit copied it once per edit (5,500 fixes in 0.9 MB: 5 s). Insertions at the same place come out
 * in the reverse of their order in `edits`, as when each was applied in turn from the end. A range that ends before
 * it starts is an insertion at its start.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const starts = lineStarts(text);
  const resolved = edits
    .map((e, i) => {
      const from = offsetAt(starts, text, e.range.start);
      return { from, to: Math.max(from, offsetAt(starts, text, e.range.end)), newText: e.newText, i };
    })
    .sort((a, b) => a.from - b.from || a.to - b.to || b.i - a.i);
  const parts: string[] = [];
  let at = 0;
  for (const e of resolved) {
    if (e.from < at) throw new Error('overlapping edits');
    parts.push(text.slice(at, e.from), e.newText);
    at = e.to;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Escapes literal text for use inside a VS Code snippet. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** The text a snippet inserts when nobody types: placeholders keep their default, tab stops vanish. */
export function snippetToPlain(snippet: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i]!;
    if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1]!)) {
      out += snippet[++i];
    } else if (c === '$') {
      const rest = snippet.slice(i + 1);
      const tabStop = /^\d+/.exec(rest);
      if (tabStop) {
        i += tabStop[0].length;
        continue;
      }
      const placeholder = /^\{\d+:/.exec(rest);
      if (placeholder) {
        // Keep the default text; the closing brace is skipped below.
        i += placeholder[0].length;
        depth++;
        continue;
      }
      const bare = /^\{\d+\}/.exec(rest);
      if (bare) {
        i += bare[0].length;
        continue;
      }
      out += c;
    } else if (c === '}' && depth > 0) {
      depth--;
    } else {
      out += c;
    }
  }
  return out;
}

/** A fix's edits as plain text (snippets resolved to their defaults). */
export function plainEdits(fix: Fix): TextEdit[] {
  return fix.snippet ? fix.edits.map((e) => ({ range: e.range, newText: snippetToPlain(e.newText) })) : fix.edits;
}

export function shiftPosition(p: Position, lines: number): Position {
  return { line: p.line + lines, character: p.character };
}

export function shiftRange(r: Range, lines: number): Range {
  return { start: shiftPosition(r.start, lines), end: shiftPosition(r.end, lines) };
}

/** A finding (or a rule's report) moved down `lines` lines, its fixes' edits with it. */
export function shiftReport<T extends { range: Range; fixes?: Fix[] }>(f: T, lines: number): T {
  if (lines === 0) return f;
  const moved: T = { ...f, range: shiftRange(f.range, lines) };
  if (f.fixes) moved.fixes = f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })) }));
  return moved;
}
