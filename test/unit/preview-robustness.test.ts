// Property-based: any text, however broken, renders without an exception, with no live markup from the
// notes, and with every data-line inside the document.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseNotes } from '../../src/core/parser';
import { renderExportPage, renderPreviewBody } from '../../src/core/preview';

const sample = readFileSync(path.resolve(__dirname, '../../samples/scaleconf-2017.md'), 'utf8');
const hostile = readFileSync(path.resolve(__dirname, '../fixtures/preview/hostile.md'), 'utf8');

/** Pieces of Markdown and HTML that stress the renderer, to splice into real notes. */
const PIECES = [
  '<script>x()</script>', '<img src=x onerror=y()>', '[a](javascript:x)', '![i](data:text/html,<b>)', '<iframe src=//e>',
  '<div style="x">', '```', '~~~', '    indented code', '| a | b |\n|---|---|\n| 1 | 2 |', '- [ ] task', '> quote', '---',
  '## Talk', '### Speaker', '#### Role', '**Speaker:** X', '[^1]', '[^1]: note', '<!-- c -->', '&amp; &#x3C; &', '\u0000', '\r\n',
  '\uFEFF', '"\'<>', 'x'.repeat(5000), '![a](<../../etc/passwd>)', '[l](vbscript:x "t")', '<svg onload=x>', 'data-line="<3"',
];

function mutate(base: string, edits: Array<[number, number, string]>): string {
  let text = base;
  for (const [at, del, piece] of edits) {
    const i = at % (text.length + 1);
    text = text.slice(0, i) + piece + text.slice(i + (del % 40));
  }
  return text;
}

function check(text: string): void {
  const doc = parseNotes(text);
  const html = renderPreviewBody(doc, { interactive: true, problems: [{ message: '<b>x</b>', severity: 'warning', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }] });
  assert.doesNotMatch(html, /<(script|iframe|svg|object|embed|form|style)\b/i);
  assert.doesNotMatch(html, /<[^>]*\s(on\w+|style)\s*=/i);
  assert.doesNotMatch(html, /<[^>]*\s(href|src)="\s*(javascript|vbscript|data:text)/i);
  // Attributes of real tags only: the notes' own text may say data-line="…", escaped.
  for (const m of html.matchAll(/<[^>]*?\sdata-line="([^"]*)"/g)) {
    const n = Number(m[1]);
    assert.ok(Number.isInteger(n) && n >= 0 && n < Math.max(1, doc.lineCount), `data-line ${m[1]} of ${doc.lineCount} lines`);
  }
  assert.doesNotMatch(renderExportPage(doc, { css: '' }), /<script/i);
}

describe('preview robustness (property-based)', function () {
  this.timeout(120000);

  it('renders mutated notes safely', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(sample, hostile, ''),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.oneof(fc.constantFrom(...PIECES), fc.string(), fc.string({ unit: 'binary' }))), { maxLength: 8 }),
        (base, edits) => {
          runs++;
          check(mutate(base, edits));
        },
      ),
      { numRuns: 250, seed: 7 },
    );
    assert.equal(runs >= 250, true);
  });

  it('renders random text safely', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => check(text)), { numRuns: 300, seed: 11 });
  });
});
