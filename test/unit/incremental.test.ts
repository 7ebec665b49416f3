// Reusing the model after an edit must give exactly what a fresh parse gives.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseNotes, blockTrees } from '../../src/core';
import { explainNotes } from '../../src/core/detect';
import { parseIncremental } from '../../src/core/incremental';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

const sample = readFileSync(path.resolve(__dirname, '..', '..', 'samples', 'scaleconf-2017.md'), 'utf8');

function structure(doc: ReturnType<typeof parseNotes>): unknown {
  return { talks: doc.talks, sections: doc.sections, headings: doc.headings, layout: doc.layout, title: doc.title, lines: doc.lines };
}

describe('parseIncremental', function () {
  this.timeout(120000);
  const base = parseNotes(sample);

  it('reuses the model for a word changed in a talk\'s notes, and re-parses that block only', () => {
    const edited = sample.replace('Ronan put his faith', 'Ronan put her faith');
    blockTrees(base);
    const r = parseIncremental(edited, base);
    assert.equal(r.reused, true);
    assert.deepEqual(structure(r.doc), structure(parseNotes(edited)));
    assert.deepEqual(r.changed, { start: 57, end: 58 });
    const before = blockTrees(base);
    const after = blockTrees(r.doc);
    assert.equal(after.length, before.length);
    assert.equal(after.filter((b, i) => b.tree !== before[i]!.tree).length, 1, 'one block re-parsed');
  });

  it('parses again when the edit touches a heading, a field line or the line count', () => {
    for (const edited of [
      sample.replace('### Ronen Baram', '### Ronen Barram'),
      sample.replace('#### Oracle', 'Oracle'),
      sample.replace('Ronan put his faith', 'Ronan put\nhis faith'),
    ]) {
      const r = parseIncremental(edited, base);
      assert.equal(r.reused, false);
      assert.deepEqual(structure(r.doc), structure(parseNotes(edited)));
    }
  });

  it('always equals a fresh parse (500 random one-line edits)', () => {
    const lines = sample.split('\n');
    const edit = fc.tuple(fc.nat(lines.length - 1), fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('## New', '### Jane Doe', 'Speaker: Bo Kim', '```', '===', '---', '- item', 'plain words here', '', 'Jane Doe - CTO @ Acme', 'Jane Doe, CTO at Acme', 'by Kim Lee (Gamma)', '_Jane Doe_', 'Jane Doe', 'CTO, Acme')));
    fc.assert(
      fc.property(edit, ([line, text]) => {
        const next = lines.slice();
        next[line] = text;
        const edited = next.join('\n');
        const r = parseIncremental(edited, base);
        assert.deepEqual(structure(r.doc), structure(parseNotes(edited)));
        // The editor and the server keep the notes verdict of a reused model instead of detecting again.
        if (r.reused) assert.deepEqual(explainNotes(r.doc, DEFAULT_SETTINGS, 'notes.md'), explainNotes(base, DEFAULT_SETTINGS, 'notes.md'));
      }),
      { numRuns: 500 },
    );
  });

  /**
   * Replaces each of `lineNumbers` in turn by each of `textsFor(line)`: the incremental parse must equal a fresh one
   * every time. Returns how many of the edits reused the model.
   */
  function checkLineEdits(lines: readonly string[], lineNumbers: readonly number[], textsFor: (line: number) => readonly string[]): number {
    let reused = 0;
    for (const line of lineNumbers) {
      for (const text of textsFor(line)) {
        const next = lines.slice();
        next[line] = text;
        const edited = next.join('\n');
        const r = parseIncremental(edited, base);
        if (r.reused) reused++;
        assert.deepEqual(structure(r.doc), structure(parseNotes(edited)), `line ${line}: ${text}`);
        if (r.reused) assert.deepEqual(explainNotes(r.doc, DEFAULT_SETTINGS, 'notes.md'), explainNotes(base, DEFAULT_SETTINGS, 'notes.md'), `verdict, line ${line}: ${text}`);
      }
    }
    return reused;
  }

  it('equals a fresh parse for edits of the first notes line of every talk (bylines could start there)', () => {
    const lines = sample.split('\n');
    const firsts = base.talks.filter((t) => t.notesRange).map((t) => t.notesRange!.start.line);
    assert.ok(firsts.length > 3);
    const texts = ['Jane Doe - CTO @ Acme', 'Jane Doe, CTO at Acme', 'by Kim Lee (Gamma)', '_Jane Doe_', 'Jane Doe', 'Ronen Baram', 'A plain sentence about scale.', 'CTO, Acme', 'Jane Doe (Acme)'];
    const reused = checkLineEdits(lines, firsts, () => texts);
    assert.ok(reused > 0, 'some first-line edits keep the model');
  });

  it("equals a fresh parse for edits of every talk's last line, and reuses the model", () => {
    const lines = sample.split('\n');
    const lasts = base.talks.filter((t) => t.notesRange).map((t) => t.range.end.line);
    assert.ok(lasts.length > 3);
    const reused = checkLineEdits(lines, lasts, (line) => [`${lines[line]} and more words`, 'Short', lines[line]!.slice(0, 3) || 'x', 'Jane Doe']);
    assert.ok(reused >= lasts.length, `last-line edits keep the model (${reused})`);
  });

  it('equals a fresh parse for edits inside fenced and indented code, and reuses the model for code that stays code', () => {
    const notes = [
      '# Notes from CodeConf',
      '',
      '## Logs in Notes',
      '### Jane Doe',
      '',
      'She showed her logs.',
      '',
      '```text',
      'line one of the log',
      'line two ~~~',
      'line three',
      '```',
      '',
      'And then some listing:',
      '',
      '    indented code one',
      '    indented code two',
      '\tindented with a tab',
      '    indented code four',
      '',
      'Closing words of the talk.',
      '',
      '## Second Talk',
      '### Bob Kim',
      '',
      'Notes.',
    ];
    const text = notes.join('\n');
    const before = parseNotes(text);
    assert.ok(before.nonProse.filter((r) => r.kind === 'code').length >= 2, 'two code blocks');
    let reused = 0;
    const inside = [8, 9, 10, 16, 17];
    const texts = ['changed log line', '    still indented', '\tcode', '```', '~~~', '``` ', '', '## A heading now', '- item', 'Speaker: Bo Kim', '    ', 'plain words', '   three spaces'];
    for (const line of inside) {
      for (const t of texts) {
        const next = notes.slice();
        next[line] = t;
        const edited = next.join('\n');
        const r = parseIncremental(edited, before);
        assert.deepEqual({ ...structure(r.doc) as object, nonProse: r.doc.nonProse }, { ...structure(parseNotes(edited)) as object, nonProse: parseNotes(edited).nonProse }, `line ${line}: ${JSON.stringify(t)}`);
        if (r.reused) reused++;
      }
    }
    // In the fence every line but a closing fence keeps it; in the indented block, indented lines keep it.
    assert.ok(reused >= 3 * 9 + 2 * 2, `${reused} edits reused the model`);
  });

  it('equals a fresh parse for notes written on the blank lines after a talk, and reuses the model for plain ones', () => {
    const lines = sample.split('\n');
    // The first and the second blank line after each talk's last line (when blank).
    const targets = base.talks.flatMap((t) => [t.range.end.line + 1, t.range.end.line + 2]).filter((l) => l < lines.length && lines[l] === '');
    assert.ok(targets.length > 5);
    const reused = checkLineEdits(lines, targets, () => ['New notes typed here', 'x', 'Jane Doe', 'Speaker: Bo Kim', '- a point', '## A heading', '---', '===', '    code', '```', '<div>', '> quote', '| a | b |', 'by Kim Lee (Gamma)', 'Jane Doe - CTO @ Acme']);
    assert.ok(reused >= targets.length, `plain notes after a talk keep the model (${reused} of ${targets.length * 15} edits)`);
  });
});
