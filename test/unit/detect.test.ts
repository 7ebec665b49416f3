import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes, isConferenceNotes, DEFAULT_SETTINGS } from '../../src/core';
import { matchesAny } from '../../src/core/glob';

const root = path.resolve(__dirname, '..', '..');
const read = (p: string): string => readFileSync(path.join(root, p), 'utf8');

describe('isConferenceNotes', () => {
  it('is true for the sample', () => {
    assert.equal(isConferenceNotes(parseNotes(read('samples/scaleconf-2017.md')), DEFAULT_SETTINGS, 'samples/scaleconf-2017.md'), true);
  });
  it('is false for this project README', () => {
    assert.equal(isConferenceNotes(parseNotes(read('README.md')), DEFAULT_SETTINGS, 'README.md'), false);
  });
  it('is false for a plain Markdown file with headings', () => {
    const text = '# Guide\n\n## Install\nRun it.\n\n### Linux\nUse apt.\n\n## Usage\nCall `x`.\n\n## Licence\nMIT\n';
    assert.equal(isConferenceNotes(parseNotes(text), DEFAULT_SETTINGS, 'docs/guide.md'), false);
  });
  it('is true when front matter names a conference, even without talks', () => {
    assert.equal(isConferenceNotes(parseNotes('---\nconference: KiwiPyCon\n---\n# Notes\n'), DEFAULT_SETTINGS, 'a.md'), true);
  });
  it('is true for a single talk described in front matter', () => {
    const doc = parseNotes('---\ntitle: Scaling Bots\nspeaker: Jane Doe\ncompany: Acme\n---\n\nSome notes.\n');
    assert.equal(doc.talks.length, 1);
    assert.equal(doc.talks[0]!.speaker?.text, 'Jane Doe');
    assert.equal(doc.talks[0]!.company?.text, 'Acme');
    assert.equal(isConferenceNotes(doc, DEFAULT_SETTINGS, 'a.md'), true);
  });
  it('follows include and exclude globs; exclude wins', () => {
    const plain = parseNotes('# Plain\n\n## Section\ntext\n');
    const settings = { ...DEFAULT_SETTINGS, include: ['notes/**/*.md'], exclude: ['**/drafts/**'] };
    assert.equal(isConferenceNotes(plain, settings, 'notes/2024/kiwipycon.md'), true);
    assert.equal(isConferenceNotes(plain, settings, 'other/kiwipycon.md'), false);
    const sample = parseNotes(read('samples/scaleconf-2017.md'));
    assert.equal(isConferenceNotes(sample, settings, 'notes/drafts/scaleconf.md'), false);
  });
  it('matches globs like VS Code does', () => {
    assert.ok(matchesAny('a/b/c.md', ['**/*.md']));
    assert.ok(matchesAny('c.md', ['**/*.md']));
    assert.ok(matchesAny('notes/x.markdown', ['notes/*.{md,markdown}']));
    assert.ok(!matchesAny('notes/sub/x.md', ['notes/*.md']));
    assert.ok(matchesAny('deep/CHANGELOG.md', ['CHANGELOG.md']));
  });
});
