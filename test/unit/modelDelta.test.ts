import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyModelDelta, diffModel, EMPTY_MODEL, keepsStructure, packDelta, splitDelta, unpackDelta, type ModelDelta } from '../../src/core/modelDelta';
import type { NotesDocument } from '../../src/core/model';
import { parseNotes } from '../../src/core/parser';
import { parseIncremental } from '../../src/core/incremental';

const sample = readFileSync(path.resolve(__dirname, '..', '..', 'samples', 'scaleconf-2017.md'), 'utf8');

/** What the model is once it has crossed a process boundary (JSON drops undefined properties). */
function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The model a client holds after applying the wire form (packed, through JSON) of each delta in turn. */
function applyAll(before: NotesDocument, deltas: ModelDelta[]): NotesDocument {
  return deltas.reduce((doc, d) => applyModelDelta(doc, unpackDelta(wire(packDelta(d)))), before);
}

const LINES = [
  '## A talk about queues',
  '### Ada Lovelace',
  '#### Engineer',
  '#### Analytical Engines',
  'Some notes about the talk.',
  '',
  '- a point',
  '```',
  'code',
  '```',
  '# Notes from SomeConf',
  '**Speaker:** Grace Hopper',
  'Another plain line of notes, with a [link](example.com).',
  '---',
  'title: x',
  '<div>',
  '</div>',
  '## Day 2',
  '### Second talk',
];

const textArb = fc.array(fc.constantFrom(...LINES), { maxLength: 40 }).map((lines) => lines.join('\n'));
/** An edit: replace lines [start, start + remove) by `insert`. */
const editArb = fc.record({ start: fc.nat(), remove: fc.nat({ max: 5 }), insert: fc.array(fc.constantFrom(...LINES), { maxLength: 5 }) });

function edited(text: string, e: { start: number; remove: number; insert: string[] }): string {
  const lines = text.split('\n');
  const start = Math.min(e.start, lines.length);
  lines.splice(start, e.remove, ...e.insert);
  return lines.join('\n');
}

describe('model delta (the model the server sends its client)', () => {
  it('from nothing, the sample arrives whole, also through JSON', () => {
    const doc = parseNotes(sample);
    const got = applyAll(EMPTY_MODEL, [diffModel(EMPTY_MODEL, doc)]);
    assert.deepEqual(got, wire(doc));
    assert.equal(got.talks.length, 13);
  });

  it('an edit of one notes line sends that line only, and keeps the structure', () => {
    const before = parseNotes(sample);
    const lines = sample.split('\n');
    const at = before.talks[3]!.notesRange!.end.line;
    lines[at] = lines[at] + ' more';
    const after = parseIncremental(lines.join('\n'), before).doc;
    const delta = diffModel(before, after);
    assert.equal(delta.lines.insert.length, 1);
    assert.equal(delta.talks.insert.length, 1, 'the talk whose range ends there');
    assert.equal(delta.headings.insert.length, 0);
    assert.ok(keepsStructure(delta, before));
    assert.deepEqual(applyModelDelta(before, wire(delta)), wire(after));
  });

  it('a line added near the top moves the talks below it without sending them', () => {
    const before = parseNotes(sample);
    const lines = sample.split('\n');
    lines.splice(before.talks[1]!.notesRange!.end.line, 0, 'A new line of notes.');
    const after = parseNotes(lines.join('\n'));
    const delta = diffModel(before, after);
    assert.ok(delta.talks.insert.length <= 2, `sent ${delta.talks.insert.length} talks`);
    assert.equal(delta.talks.shift, 1);
    assert.deepEqual(applyModelDelta(before, wire(delta)), wire(after));
    assert.equal(keepsStructure(delta, before), false);
  });

  it('no change: an empty delta that keeps the structure', () => {
    const doc = parseNotes(sample);
    const delta = diffModel(doc, parseNotes(sample));
    assert.ok(keepsStructure(delta, doc));
    assert.equal(delta.lines.insert.length + delta.talks.insert.length, 0);
  });

  it('any edit of any text: applying the delta gives the new model (property)', () => {
    fc.assert(
      fc.property(textArb, fc.array(editArb, { minLength: 1, maxLength: 3 }), (text, edits) => {
        let doc = parseNotes(text);
        let held = applyAll(EMPTY_MODEL, [diffModel(EMPTY_MODEL, doc)]);
        for (const e of edits) {
          text = edited(text, e);
          const parsed = parseIncremental(text, doc);
          const next = parsed.doc;
          const delta = diffModel(doc, next);
          if (parsed.reused) assert.ok(keepsStructure(delta, doc), 'a model carried over keeps its structure');
          held = applyAll(held, [delta]);
          assert.deepEqual(held, wire(next));
          doc = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('cut into parts, a delta applies to the same model (property)', () => {
    fc.assert(
      fc.property(textArb, textArb, fc.integer({ min: 1, max: 2000 }), (a, b, maxChars) => {
        const before = parseNotes(a);
        const after = parseNotes(b);
        const parts = splitDelta(diffModel(before, after), maxChars);
        assert.deepEqual(applyAll(wire(before), parts), wire(after));
      }),
      { numRuns: 300 },
    );
  });

  it('parts of a big model stay near their size', () => {
    const big = Array.from({ length: 200 }, () => sample).join('\n');
    const doc = parseNotes(big);
    const parts = splitDelta(diffModel(EMPTY_MODEL, doc), 200_000);
    assert.ok(parts.length > 3, `${parts.length} parts`);
    for (const p of parts) assert.ok(JSON.stringify(p).length < 1_000_000, `a part of ${JSON.stringify(p).length} characters`);
    assert.deepEqual(applyAll(EMPTY_MODEL, parts), wire(doc));
  });

  it('packed, a model is a fraction of its JSON and unpacks to the same', () => {
    const doc = parseNotes(sample);
    const delta = diffModel(EMPTY_MODEL, doc);
    const plain = JSON.stringify(delta).length;
    const packed = JSON.stringify(packDelta(delta)).length;
    assert.ok(packed < plain * 0.7, `${packed} against ${plain} characters`);
    assert.deepEqual(unpackDelta(wire(packDelta(delta))), wire(delta));
    assert.equal(unpackDelta(delta), delta, 'a delta that is not packed is taken as it is');
  });

  it('a delta made from another model is refused', () => {
    const doc = parseNotes(sample);
    const delta = diffModel(doc, parseNotes(sample + '\n\n## Another talk\n'));
    assert.throws(() => applyModelDelta(EMPTY_MODEL, delta), /does not fit/);
  });
});
