// An open document kept as its lines (TextDocument's interface, the same positions and clamping as
// vscode-languageserver-textdocument's FullTextDocument): an incremental change replaces the lines it touches in a
// new array that shares every other line, so an edit never rebuilds, copies or re-splits the whole text (on 21,000
// lines that was ~2 ms a keystroke, and as much garbage), and the model takes the array as its lines. The text as
// one string is joined only when something asks for it. Texts with a carriage return keep the FullTextDocument (its
// line ends are not all '\n'; see `createDocument`).
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { TextDocument as FullTextDocument } from 'vscode-languageserver-textdocument';
import { splitLines } from '../core/scan';

/** A string of its own (see ownCopy in documents.ts): a slice or concatenation keeps what it was cut from alive. */
function ownCopy(s: string): string {
  return (s + ' ').slice(0, -1);
}

export class LinesDocument implements TextDocument {
  private _lines: readonly string[];
  private _version: number;
  private _length: number;
  private text: string | undefined;
  private offsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    lines: readonly string[],
    /** The text the lines were split from, if at hand. */
    text?: string,
  ) {
    this._lines = lines;
    this._version = version;
    this._length = lengthOf(lines);
    this.text = text;
  }

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this._lines.length;
  }

  /** The lines, without their '\n' (what splitLines gives for the text). A new array after each update: never changed. */
  get lines(): readonly string[] {
    return this._lines;
  }

  /** The text's length in UTF-16 units, without joining it. */
  get length(): number {
    return this._length;
  }

  getText(range?: Range): string {
    if (!range) return (this.text ??= this._lines.join('\n'));
    // As String.substring (FullTextDocument's): the lesser offset first.
    const start = Math.min(this.offsetAt(range.start), this.offsetAt(range.end));
    const end = Math.max(this.offsetAt(range.start), this.offsetAt(range.end));
    if (end === start) return '';
    if (this.text !== undefined) return this.text.substring(start, end);
    const a = this.positionAt(start);
    const b = this.positionAt(end);
    if (a.line === b.line) return this._lines[a.line]!.slice(a.character, b.character);
    const parts = [this._lines[a.line]!.slice(a.character)];
    for (let l = a.line + 1; l < b.line; l++) parts.push(this._lines[l]!);
    parts.push(this._lines[b.line]!.slice(0, b.character));
    return parts.join('\n');
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this._length), 0);
    const offsets = this.lineOffsets();
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (offsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: offset - offsets[line]! };
  }

  offsetAt(position: Position): number {
    const offsets = this.lineOffsets();
    if (position.line >= offsets.length) return this._length;
    if (position.line < 0) return 0;
    const lineOffset = offsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    return lineOffset + Math.min(position.character, this._lines[position.line]!.length);
  }

  /**
   * Applies incremental changes in order (TextDocument.update's semantics); false, untouched, when one would bring
   * a carriage return (the caller then keeps the text as a FullTextDocument) or replaces the whole text with one.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): boolean {
    if (changes.some((c) => c.text.includes('\r'))) return false;
    let lines = this._lines;
    let own = false;
    let length = this._length;
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        lines = splitLines(change.text);
        own = true;
        length = change.text.length;
        continue;
      }
      let { start, end } = change.range;
      if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
      const [a, ca] = clamp(lines, start);
      const [b, cb] = clamp(lines, end);
      const removed = a === b ? cb - ca : lines[a]!.length - ca + 1 + cb + lines.slice(a + 1, b).reduce((n, l) => n + l.length + 1, 0);
      length += change.text.length - removed;
      const head = lines[a]!.slice(0, ca);
      const tail = lines[b]!.slice(cb);
      const parts = change.text.split('\n');
      if (parts.length === 1 && a === b) {
        if (!own) lines = lines.slice();
        own = true;
        (lines as string[])[a] = ownCopy(head + parts[0]! + tail);
      } else {
        parts[0] = head + parts[0]!;
        parts[parts.length - 1] = parts[parts.length - 1]! + tail;
        lines = lines.slice(0, a).concat(parts.map(ownCopy), lines.slice(b + 1));
        own = true;
      }
    }
    this._lines = lines;
    this._length = length;
    this._version = version;
    this.text = undefined;
    this.offsets = undefined;
    return true;
  }

  private lineOffsets(): number[] {
    if (!this.offsets) {
      const offsets = new Array<number>(this._lines.length);
      let at = 0;
      for (let l = 0; l < this._lines.length; l++) {
        offsets[l] = at;
        at += this._lines[l]!.length + 1;
      }
      this.offsets = offsets;
    }
    return this.offsets;
  }
}

function lengthOf(lines: readonly string[]): number {
  let n = lines.length - 1;
  for (const l of lines) n += l.length;
  return Math.max(0, n);
}

/** A position as FullTextDocument.offsetAt clamps it: past the end is the end, before the start the start, a character past the line its end. */
function clamp(lines: readonly string[], p: Position): [number, number] {
  if (p.line >= lines.length) return [lines.length - 1, lines[lines.length - 1]!.length];
  if (p.line < 0) return [0, 0];
  return [p.line, p.character <= 0 ? 0 : Math.min(p.character, lines[p.line]!.length)];
}

/** A document for the text: kept as lines unless the text has a carriage return. */
export function createDocument(uri: string, languageId: string, version: number, content: string): TextDocument {
  return content.includes('\r') ? FullTextDocument.create(uri, languageId, version, content) : new LinesDocument(uri, languageId, version, splitLines(content), content);
}

/** TextDocument.update for either kind; a LinesDocument that a change would give a carriage return becomes a FullTextDocument. */
export function updateDocument(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  if (document instanceof LinesDocument) {
    if (document.update(changes, version)) return document;
    const full = FullTextDocument.create(document.uri, document.languageId, document.version, document.getText());
    return FullTextDocument.update(full, changes, version);
  }
  return FullTextDocument.update(document, changes, version);
}

/** The text's length without joining a LinesDocument's lines. */
export function textLength(document: TextDocument): number {
  return document instanceof LinesDocument ? document.length : document.getText().length;
}
