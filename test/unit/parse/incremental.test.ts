// Incremental re-parse stays equal to a fresh parse where the new passes read speakers from inside the notes.
import { strict as assert } from 'node:assert';
import { parseNotes } from '../../../src/core/parser';
import { parseIncremental } from '../../../src/core/incremental';

const summary = (text: string, previous?: string): string => {
  const doc = previous === undefined ? parseNotes(text) : parseIncremental(text, parseNotes(previous)).doc;
  return JSON.stringify(doc.talks.map((t) => [t.range.start.line, t.title, t.speakers.map((s) => s.text), t.company?.text ?? null]));
};

describe('parse: incremental re-parse and speakers read inside the notes', () => {
  const before = '# [Mastering Chaos](https://x.y)\n\nTuesday, Nov. 8 2016\n\nJosh Evans (Netflix)\n\nplain notes line one\nplain notes line two\n\n## Intro\n\ntext\n';
  it('an edit of a speaker line a few lines into the notes re-parses (the speaker changes)', () => {
    const after = before.replace('Josh Evans (Netflix)', 'Jane Smith (Netflix)');
    const result = parseIncremental(after, parseNotes(before));
    assert.equal(result.reused, false);
    assert.equal(JSON.stringify(result.doc.talks.map((t) => t.speakers.map((s) => s.text))), JSON.stringify([['Jane Smith']]));
  });
  it('an edit that turns a notes line near the start into a person is seen', () => {
    const text = '# Title\n\n## Talk one\n\nsome words here\n\nmore\n\n## Talk two\n### Kelsey Smith\n\nnotes\n';
    const edited = text.replace('some words here', 'Dustin Ingram');
    assert.equal(summary(edited, text), summary(edited));
    assert.notEqual(summary(edited), summary(text), 'the edit names a speaker');
  });
  it('plain edits far into long notes are still reused', () => {
    const notes = Array.from({ length: 20 }, (_, k) => `line ${k} of the notes`).join('\n');
    const text = `# Notes from X\n\n## Talk\n### Kelsey Smith\n#### Engineer\n#### Acme\n\n${notes}\n\n## Other talk\n### Dustin Ingram\n#### Engineer\n#### Acme\n\nx\n`;
    const edited = text.replace('line 15 of the notes', 'line 15 of the nots');
    const result = parseIncremental(edited, parseNotes(text));
    assert.equal(result.reused, true);
    assert.equal(summary(edited, text), summary(edited));
  });
});
