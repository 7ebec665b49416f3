// The README's command and setting reference is the one `npm run docs` generates from package.json.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { END_MARKER, START_MARKER, renderReference, updateReadme, userCommands, type Manifest } from '../../scripts/docs';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Manifest;
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README reference of commands and settings', () => {
  it('is up to date with package.json (run `npm run docs` to fix)', () => {
    assert.ok(readme.includes(START_MARKER) && readme.includes(END_MARKER), 'README.md has no reference markers');
    assert.equal(updateReadme(readme, manifest), readme);
  });

  it('names every user command and every setting', () => {
    const table = renderReference(manifest);
    for (const c of userCommands(manifest)) assert.ok(table.includes('`' + c.command + '`'), c.command);
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(table.includes('`' + key + '`'), key);
    assert.ok(!table.includes('conferenceNotes.internal.'), 'test-support commands are left out');
  });

  it('notices a drift: a renamed setting no longer matches', () => {
    const changed = structuredClone(manifest);
    const [first] = Object.keys(changed.contributes.configuration.properties);
    assert.ok(first, 'the manifest contributes settings');
    changed.contributes.configuration.properties[first + 'Renamed'] = changed.contributes.configuration.properties[first]!;
    assert.notEqual(updateReadme(readme, changed), readme);
  });
});
