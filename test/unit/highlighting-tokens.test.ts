// Semantic tokens of the field values, from the model (the glue only encodes them).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from '../../src/core/parser';
import { fieldTokens } from '../../src/core/highlighting/fieldTokens';

describe('field semantic tokens', () => {
  it('marks the heading fields of the sample: 13 speakers, roles and companies', () => {
    const doc = parseNotes(readFileSync(path.resolve(__dirname, '../../samples/scaleconf-2017.md'), 'utf8'));
    const tokens = fieldTokens(doc);
    const text = (t: (typeof tokens)[number]): string => doc.lines[t.line]!.slice(t.character, t.character + t.length);
    assert.deepEqual(tokens.slice(0, 3).map((t) => [t.type, t.modifier, text(t)]), [
      ['speaker', 'heading', 'Daniel Larsen'],
      ['role', 'heading', 'Senior Premier Field Engineer'],
      ['company', 'heading', 'Microsoft NZ'],
    ]);
    for (const type of ['speaker', 'role', 'company'] as const) assert.equal(tokens.filter((t) => t.type === type).length, 13, type);
    assert.equal(tokens[0]!.character, 4, 'after the `### `');
  });

  it('marks labelled and byline fields where they are written', () => {
    const doc = parseNotes('# Notes from X\n\n## Talk one\n**Speaker:** Jane Doe\n**Company:** Acme\n\nNotes.\n\n## Talk two\n**Speaker:** Bob Ray\n**Role:** CTO\n\nMore.\n');
    const tokens = fieldTokens(doc);
    const found = tokens.map((t) => [t.line, t.type, t.modifier, doc.lines[t.line]!.slice(t.character, t.character + t.length)]);
    assert.deepEqual(found, [
      [3, 'speaker', 'label', 'Jane Doe'],
      [4, 'company', 'label', 'Acme'],
      [9, 'speaker', 'label', 'Bob Ray'],
      [10, 'role', 'label', 'CTO'],
    ]);
  });
});
