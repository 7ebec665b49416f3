import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, lineStarts, offsetAt } from '../../src/core/edits';
import type { TextEdit } from '../../src/core/model';

/** Each edit applied in turn from the end of the text (what applyEdits did before it made one pass). */
function oneByOne(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const resolved = edits
    .map((e) => ({ from: offsetAt(starts, text, e.range.start), to: offsetAt(starts, text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  let limit = Infinity;
  for (const e of resolved) {
    if (e.to > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.from) + e.newText + out.slice(e.to);
    limit = e.from;
  }
  return out;
}

describe('applyEdits', () => {
  it('gives the text of applying each edit in turn from the end, and refuses the same overlaps', () => {
    const position = fc.record({ line: fc.nat(6), character: fc.nat(12) });
    const edit = fc.record({ start: position, length: fc.oneof(fc.constant(0), fc.nat(8)), newText: fc.constantFrom('', 'x', 'yy\n', 'z\r\n') });
    fc.assert(
      fc.property(fc.constantFrom('', 'one\ntwo\nthree', 'a\r\nbb\r\n\r\nccc', 'long line here\n\nand more\rmixed\n'), fc.array(edit, { maxLength: 6 }), (text, raw) => {
        const edits: TextEdit[] = raw.map((e) => ({ range: { start: e.start, end: { line: e.start.line, character: e.start.character + e.length } }, newText: e.newText }));
        let expected: string | Error;
        try {
          expected = oneByOne(text, edits);
        } catch (err) {
          expected = err as Error;
        }
        if (expected instanceof Error) assert.throws(() => applyEdits(text, edits), /overlapping edits/);
        else assert.equal(applyEdits(text, edits), expected);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('applies thousands of edits to a big text in one pass', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} with teh typo`);
    const edits: TextEdit[] = lines.map((l, i) => ({ range: { start: { line: i, character: l.indexOf('teh') }, end: { line: i, character: l.indexOf('teh') + 3 } }, newText: 'the' }));
    const fixed = applyEdits(lines.join('\n'), edits);
    assert.equal(fixed, lines.map((l) => l.replace('teh', 'the')).join('\n'));
  });
});
