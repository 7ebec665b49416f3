// Property-based, through the whole pipeline at once (issue 8): generated and mutated notes (random Markdown,
// truncated talks, stray fences, binary bytes, 100,000-character lines, CRLF/BOM mixes) go through the parser, every
// rule (spelling included, with the real dictionary), every fix of every finding and the preview renderer.
// No exception; every range of a finding and of its fix inside the text; every fix's result parses again; the
// preview renders. The number of cases is printed.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseNotes } from '../../src/core';
import { parseIncremental } from '../../src/core/incremental';
import { applyEdits, plainEdits } from '../../src/core/edits';
import { lintDocument } from '../../src/core/lint';
import type { NotesDocument, Range } from '../../src/core/model';
import { renderPreviewBody } from '../../src/core/preview/render';
import { loadSpeller, type EnglishSpeller } from '../../src/core/spelling/speller';

const RUNS = Number(process.env.CN_PIPELINE_RUNS ?? 600);
const root = path.resolve(__dirname, '..', '..');
const sample = readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8');
const sampleLines = sample.split('\n');
const readDict = async (rel: string): Promise<Uint8Array> => new Uint8Array(readFileSync(path.join(root, 'dict', rel)));

const PIECES = [
  '', '# Notes from Conf', '## Talk title', '### Jane Doe', '#### Engineer', '#### Acme', '## Intro', '**Speaker:** Jane Doe',
  'Speaker: Ann Lee', '_Jane Doe_, CTO at Acme', '## Title — Sam Jones (Microsoft)', '```', '~~~', '<div>', '</div>', '<!--', '-->',
  '<!-- spelling: ignore Ronan -->', '---', '===', '    indented code', '> quote', '* item', '1. item', '| a | b |', '[x](spiffe.io)',
  'â€œmojibakeâ€\u009d', 'some some words', 'Ronan and Json', 'teh recieve ammend', '\ufeff# BOM title', '[^1]: note', '![i](a.png)',
];
const line = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...sampleLines) },
  { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },

);
const eol = fc.constantFrom('\n', '\n', '\r\n', '\r');
const generated = fc.array(fc.tuple(line, eol), { maxLength: 50 }).map((parts) => parts.map(([l, e]) => l + e).join(''));
/** The sample cut short (a truncated talk), with pieces spliced in. */
const mutated = fc
  .tuple(fc.nat(sample.length), fc.array(fc.tuple(fc.nat(sample.length), fc.nat(50), fc.constantFrom(...PIECES, '\r\n', '\ufeff', '```\n')), { maxLength: 6 }))
  .map(([cut, edits]) => {
    let text = sample.slice(0, cut);
    for (const [at, del, insert] of edits) {
      const p = Math.min(at, text.length);
      text = text.slice(0, p) + insert + text.slice(p + del);
    }
    return text;
  });

function assertInside(doc: NotesDocument, r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < doc.lineCount, `${what}: line ${p.line} outside 0..${doc.lineCount - 1}`);
    assert.ok(p.character >= 0 && p.character <= doc.lines[p.line]!.length, `${what}: character ${p.character} outside line ${p.line}`);
  }
}

describe('the whole pipeline on generated and mutated notes (property-based)', function () {
  this.timeout(300_000);
  let speller: EnglishSpeller;
  let cases = 0;
  let findings = 0;
  let fixes = 0;
  before(async () => {
    speller = await loadSpeller('en-US', readDict);
  });
  after(() => console.log(`      (${cases} cases: ${findings} findings, ${fixes} fixes applied and parsed again)`));

  const check = (text: string): void => {
    cases++;
    const doc = parseNotes(text);
    const found = lintDocument(doc, { rules: {} }, { speller });
    findings += found.length;
    for (const f of found) {
      assertInside(doc, f.range, `${f.rule} finding`);
      for (const fix of f.fixes) {
        const edits = plainEdits(fix);
        for (const e of edits) assertInside(doc, e.range, `${f.rule} fix '${fix.title}'`);
        const fixed = applyEdits(text, edits);
        // Parsed again from the unfixed model (what the editor does; equal to a fresh parse, incremental.test.ts).
        parseIncremental(fixed, doc);
        fixes++;
      }
    }
    const html = renderPreviewBody(doc, { problems: found, interactive: true });
    assert.equal(typeof html, 'string');
  };

  it(`parse, every rule, every fix and the preview: ${RUNS} generated notes`, () => {
    fc.assert(fc.property(generated, check), { numRuns: RUNS, seed: 8 });
  });

  it('a 100,000-letter "word" and a 10,000-character line of typos go through every rule, fix and the preview', () => {
    check(`# Notes\n\n## Talk\n### Jane Doe\n\n${'x'.repeat(100_000)}\n`);
    check(`# Notes\n\n## Talk\n### Jane Doe\n\n${'teh word, '.repeat(1_000)}\n`);
  });

  it(`the same on ${RUNS / 2} mutations of the sample (truncated talks, stray fences, CRLF/BOM)`, () => {
    fc.assert(fc.property(mutated, check), { numRuns: RUNS / 2, seed: 9 });
  });
});
