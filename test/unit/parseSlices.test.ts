// The parse in slices (for big files in the editor) gives exactly the model of the one-go parse, yields between
// small steps, and stops when cancelled.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes, parseNotesInSlices } from '../../src/core/parser';

const sample = readFileSync(path.resolve(__dirname, '..', '..', 'samples', 'scaleconf-2017.md'), 'utf8');
const copies = (n: number): string =>
  ['# Notes from Scaleconf 2017', ...Array.from({ length: n }, (_, k) => sample.split('\n').slice(1).join('\n').replace(/^## (?!Disclaimer|Intro)(.*)$/gm, `## [${k + 1}] $1`))].join('\n');

describe('parse in slices', () => {
  it('gives the same model as parseNotes, for the sample, 20 copies of it, CRLF and front matter', async () => {
    const texts = [sample, copies(20), copies(3).replace(/\n/g, '\r\n'), `---\nconference: X\n---\n${sample}`, '', '\u0000\u0001 binary'];
    for (const text of texts) {
      let yields = 0;
      const sliced = await parseNotesInSlices(text, {}, { budgetMs: 0, yieldFn: async () => void yields++ });
      assert.deepEqual(JSON.parse(JSON.stringify(sliced)), JSON.parse(JSON.stringify(parseNotes(text))));
      if (text.length > 100_000) assert.ok(yields > 50, `a big file is parsed in many steps (${yields})`);
    }
  });

  it('stops when cancelled', async () => {
    let asked = 0;
    const doc = await parseNotesInSlices(copies(5), {}, { budgetMs: 0, yieldFn: async () => {}, isCancelled: () => ++asked > 2 });
    assert.equal(doc, undefined);
    assert.equal(asked, 3);
  });
});
