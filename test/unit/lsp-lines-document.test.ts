// The server's edit path without a whole-text copy (src/server/linesDocument.ts, changedLineSpan in documents.ts,
// encoder.ts): a document kept as lines must behave exactly as vscode-languageserver-textdocument's own under any
// sequence of changes, the lines a change event may touch must cover every line that differs, and diagnostics
// written from their kept bytes must be JSON.stringify's bytes. Property-based.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { splitLines } from '../../src/core/scan';
import { changedLineSpan } from '../../src/server/documents';
import { encodeMessage } from '../../src/server/encoder';
import { createDocument, LinesDocument, textLength, updateDocument } from '../../src/server/linesDocument';

const root = path.resolve(__dirname, '..', '..');
const sample = readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8');

/** Positions in and around a document of `lines` lines (past its end, negative, past a line's end). */
const position = (lines: number) => fc.record({ line: fc.integer({ min: -2, max: lines + 2 }), character: fc.integer({ min: -2, max: 90 }) });
const pieces = fc.constantFrom('', 'x', 'teh ', '\n', 'one\ntwo', '\n\n', '## Heading\n', 'é€😀', ' <!-- spelling: ignore Foo -->', '\r\n', '\r');
const change = (lines: number, withCr: boolean): fc.Arbitrary<TextDocumentContentChangeEvent> =>
  fc.record({ start: position(lines), end: position(lines), text: fc.array(pieces, { maxLength: 3 }).map((p) => p.join('')) }).map(({ start, end, text }) => ({ range: { start, end }, text: withCr ? text : text.replace(/\r/g, '') }));

/**
 * The changes with lines past the end moved to the last line, as each finds the text (changes apply in order):
 * TextDocument itself moves such a position to the end of the text but miscounts its lines after it, so a client
 * must not send one, and the comparison is only meaningful without.
 */
function inRange(text: string, changes: TextDocumentContentChangeEvent[]): TextDocumentContentChangeEvent[] {
  const scratch = TextDocument.create('file:///scratch.md', 'markdown', 0, text);
  return changes.map((c) => {
    if (!('range' in c) || !c.range) return c;
    const fit = (p: { line: number; character: number }) => ({ line: Math.min(p.line, scratch.lineCount - 1), character: p.character });
    const fitted = { range: { start: fit(c.range.start), end: fit(c.range.end) }, text: c.text };
    TextDocument.update(scratch, [fitted], scratch.version + 1);
    return fitted;
  });
}

function sameDocument(a: TextDocument, b: TextDocument, probes: Array<{ line: number; character: number }>): void {
  assert.equal(a.getText(), b.getText());
  assert.equal(a.lineCount, b.lineCount);
  assert.equal(a.version, b.version);
  assert.equal(textLength(a), b.getText().length);
  for (const p of probes) {
    assert.equal(a.offsetAt(p), b.offsetAt(p), `offsetAt ${JSON.stringify(p)}`);
    const offset = b.offsetAt(p);
    assert.deepEqual(a.positionAt(offset), b.positionAt(offset), `positionAt ${offset}`);
    assert.deepEqual(a.positionAt(offset + 3), b.positionAt(offset + 3));
    assert.equal(a.getText({ start: p, end: { line: p.line + 1, character: 4 } }), b.getText({ start: p, end: { line: p.line + 1, character: 4 } }));
    assert.equal(a.getText({ start: p, end: { line: 0, character: 0 } }), b.getText({ start: p, end: { line: 0, character: 0 } }));
  }
  if (a instanceof LinesDocument) assert.deepEqual(a.lines, splitLines(a.getText()));
}

describe('server documents kept as lines (linesDocument.ts)', () => {
  it('give the text, positions and offsets of a TextDocument after any incremental changes', () => {
    const small = sample.split('\n').slice(0, 30).join('\n');
    fc.assert(
      fc.property(fc.array(fc.array(change(32, false), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.array(position(32), { maxLength: 4 }), (events, probes) => {
        const ours = createDocument('file:///a.md', 'markdown', 1, small);
        const theirs = TextDocument.create('file:///a.md', 'markdown', 1, small);
        assert.ok(ours instanceof LinesDocument);
        let version = 1;
        let doc: TextDocument = ours;
        for (const raw of events) {
          const changes = inRange(theirs.getText(), raw);
          doc = updateDocument(doc, changes, ++version);
          TextDocument.update(theirs, changes, version);
          sameDocument(doc, theirs, probes);
        }
        assert.ok(doc instanceof LinesDocument, 'no carriage return: still lines');
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('becomes a plain TextDocument when a change brings a carriage return, and starts as one with a CR text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(change(12, true), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (events) => {
        const start = 'a\nb\nc\n\nd e f\n';
        let doc = createDocument('file:///a.md', 'markdown', 1, start);
        const theirs = TextDocument.create('file:///a.md', 'markdown', 1, start);
        let version = 1;
        for (const raw of events) {
          const changes = inRange(theirs.getText(), raw);
          doc = updateDocument(doc, changes, ++version);
          TextDocument.update(theirs, changes, version);
          sameDocument(doc, theirs, [{ line: 1, character: 1 }]);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
    assert.ok(!(createDocument('file:///a.md', 'markdown', 1, 'a\r\nb') instanceof LinesDocument));
  });

  it('shares the lines a change leaves alone, and never changes a version’s array', () => {
    const doc = createDocument('file:///a.md', 'markdown', 1, sample) as LinesDocument;
    const before = doc.lines;
    const copy = [...before];
    doc.update([{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: 'I recieved a ticket. ' }], 2);
    assert.deepEqual(before, copy, 'the old array is untouched');
    assert.notEqual(doc.lines, before);
    assert.equal(doc.lines[7], before[7]);
    assert.equal(doc.lines[8], 'I recieved a ticket. ' + before[8]);
  });
});

describe('the lines a change event touches (changedLineSpan)', () => {
  it('cover every line that differs: the same line count, or the lines before and after it', () => {
    const small = sample.split('\n').slice(0, 25).join('\n');
    fc.assert(
      fc.property(fc.array(change(27, false), { minLength: 1, maxLength: 4 }), (raw) => {
        const changes = inRange(small, raw);
        const doc = TextDocument.create('file:///a.md', 'markdown', 1, small);
        const before = splitLines(doc.getText());
        const span = changedLineSpan(doc.lineCount, changes)!;
        TextDocument.update(doc, changes, 2);
        const after = splitLines(doc.getText());
        assert.ok(span.start >= 0 && span.start <= span.end);
        for (let l = 0; l < Math.min(span.start, after.length); l++) assert.equal(after[l], before[l], `line ${l} before the span`);
        const shift = after.length - before.length;
        for (let l = Math.max(span.end, 0); l < after.length; l++) assert.equal(after[l], before[l - shift], `line ${l} after the span`);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('is unknown when a change replaces the whole text', () => {
    assert.equal(changedLineSpan(3, [{ text: 'new' }]), undefined);
  });
});

describe('diagnostics written from their kept bytes (encoder.ts)', () => {
  const diagnostic = (i: number) => ({ range: { start: { line: i, character: 1 }, end: { line: i, character: 5 } }, severity: 3, source: 'conference-notes', code: 'spelling', message: `Unknown word 'tëst${i}' — did you mean “test”? \u0001 😀`, data: { word: `tëst${i}` } });

  it('are the bytes of JSON.stringify, the first time and when sent again', () => {
    const diagnostics = [0, 1, 2, 3].map(diagnostic);
    for (const round of [1, 2]) {
      const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b/%22q%22.md', version: round, diagnostics: round === 1 ? diagnostics : [diagnostic(9), ...diagnostics.slice(1)] } };
      assert.deepEqual(Buffer.from(encodeMessage(msg)), Buffer.from(JSON.stringify(msg), 'utf8'));
    }
  });

  it('leave every other message (and an empty publish, and other key orders) to JSON.stringify', () => {
    const messages = [
      { jsonrpc: '2.0', id: 3, result: { diagnostics: [diagnostic(1)] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', diagnostics: [] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: [diagnostic(1)], uri: 'file:///a.md' } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 4, message: 'é' } },
    ];
    for (const msg of messages) assert.deepEqual(Buffer.from(encodeMessage(msg)), Buffer.from(JSON.stringify(msg), 'utf8'));
  });
});
