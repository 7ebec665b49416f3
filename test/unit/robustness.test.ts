// Property-based robustness: thousands of generated and mutated notes through the parser.
// No exception, every range inside the document, talks in order and inside their blocks.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseNotes, blockTrees, type NotesDocument, type Range } from '../../src/core';

const sample = readFileSync(path.resolve(__dirname, '..', '..', 'samples', 'scaleconf-2017.md'), 'utf8');
const sampleLines = sample.split('\n');

const line = fc.oneof(
  fc.constantFrom(
    '', '# Notes from Conf', '## Talk title', '### Jane Doe', '#### Engineer', '#### Acme', '## Day 1', '## Intro',
    '**Speaker:** Jane Doe', 'Speaker: Ann Lee, Bob Ray and Cy Twombly', '- company: Acme', '_Jane Doe_, CTO at Acme',
    'by Kim Lee (Gamma)', '## Title — Sam Jones (Microsoft)', '## Jane Doe | @jd | Acme | "Bots"', '```', '~~~', '<div>',
    '</div>', '<!--', '-->', '---', '===', '    indented code', '> quote', '* item', '1. item', '| a | b |', '[x](spiffe.io)',
    'â€œmojibakeâ€\u009d', 'some some words', '\ufeff# BOM title', '#', '######', '####### seven', '#\t tab', '\\# escaped',
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...sampleLines),
);
const eol = fc.constantFrom('\n', '\r\n', '\r');
const notes = fc.array(fc.tuple(line, eol), { maxLength: 60 }).map((parts) => parts.map(([l, e]) => l + e).join(''));
const mutatedSample = fc
  .tuple(fc.nat(sample.length), fc.nat(400), fc.string({ maxLength: 30 }))
  .map(([at, cut, insert]) => sample.slice(0, at) + insert + sample.slice(at + cut));

function assertInside(doc: NotesDocument, r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < doc.lineCount, `${what}: line ${p.line} outside 0..${doc.lineCount - 1}`);
    assert.ok(p.character >= 0 && p.character <= doc.lines[p.line]!.length, `${what}: character ${p.character} outside line ${p.line}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end`);
}

function check(text: string): void {
  const doc = parseNotes(text);
  for (const h of doc.headings) {
    assertInside(doc, h.range, 'heading');
    assertInside(doc, h.textRange, 'heading text');
  }
  let previous = -1;
  for (const t of doc.talks) {
    assertInside(doc, t.range, 'talk');
    assertInside(doc, t.headingRange, 'talk heading');
    assert.ok(t.range.start.line > previous, 'talks in document order');
    previous = t.range.start.line;
    for (const f of [...t.speakers, t.role, t.company]) {
      if (!f) continue;
      assertInside(doc, f.range, 'field');
      assert.equal(doc.lines[f.range.start.line]!.slice(f.range.start.character, f.range.end.character), f.text, 'field text is what its range holds');
    }
    if (t.notesRange) assertInside(doc, t.notesRange, 'notes');
  }
  for (const s of doc.sections) assertInside(doc, s.range, 'section');
  for (const b of blockTrees(doc)) assert.ok(b.startLine >= 0 && b.endLine <= doc.lineCount);
}

export const ROBUSTNESS_RUNS = 3000;

describe('robustness (property-based)', function () {
  this.timeout(180000);
  it(`parses ${ROBUSTNESS_RUNS} generated notes without error, every range inside the document`, () => {
    fc.assert(fc.property(notes, (text) => check(text)), { numRuns: ROBUSTNESS_RUNS });
  });
  it(`parses ${ROBUSTNESS_RUNS / 3} mutations of the sample`, () => {
    fc.assert(fc.property(mutatedSample, (text) => check(text)), { numRuns: ROBUSTNESS_RUNS / 3 });
  });
  it('parses a 100,000-character line and a 5 MB file', () => {
    check('# T\n\n## Talk\n### Jane Doe\n' + 'word '.repeat(20000) + '\n');
    const big = sample.repeat(Math.ceil((5 * 1024 * 1024) / sample.length));
    const doc = parseNotes(big);
    assert.ok(doc.talks.length >= 13 * 200);
  });
});
