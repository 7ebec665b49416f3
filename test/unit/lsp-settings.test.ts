// The language server's settings: the client's `conferenceNotes` section (nested as VS Code sends it, or flat keys
// as other editors' users write them) and where the config file is looked for.
import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../src/core';
import { kindRequested } from '../../src/server/codeActions';
import { configCandidates, documentSettings, parentUri, readConfigFile, readSection } from '../../src/server/settings';

describe('language server settings', () => {
  it('reads the nested section VS Code sends', () => {
    const s = readSection({ rules: { spelling: 'off', 'missing-role': 'error' }, spelling: { locale: 'en-GB', words: ['Tepapa'] }, lint: { maxFileSizeMB: 2 }, nonTalkSections: ['Agenda'] });
    assert.deepEqual(s.lint, { rules: { spelling: 'off', 'missing-role': 'error' }, locale: 'en-GB', words: ['Tepapa'] });
    assert.equal(s.maxLintBytes, 2 * 1024 * 1024);
    assert.deepEqual(s.notes.nonTalkSections, ['Agenda']);
  });

  it('reads flat dotted keys too', () => {
    const s = readSection({ 'rules.empty-talk': 'off', 'spelling.locale': 'en-AU', 'lint.maxFileSizeMB': 1 });
    assert.deepEqual(s.lint, { rules: { 'empty-talk': 'off' }, locale: 'en-AU' });
    assert.equal(s.maxLintBytes, 1024 * 1024);
  });

  it('falls back to the defaults for anything missing or malformed', () => {
    for (const section of [undefined, null, 'text', { rules: { spelling: 'loud', 'no-such-rule': 'off' }, include: 'notes/**', lint: { maxFileSizeMB: -3 } }]) {
      const s = readSection(section);
      assert.deepEqual(s.lint, { rules: {} });
      assert.deepEqual(s.notes, DEFAULT_SETTINGS);
      assert.equal(s.maxLintBytes, 10 * 1024 * 1024);
    }
  });

  it('puts the config file on top: it wins on rules, word lists add up, a broken one is left out with its reason', () => {
    const section = readSection({ rules: { spelling: 'hint' }, spelling: { words: ['Kiwi'] } });
    const merged = documentSettings(section, readConfigFile('{ "rules": { "spelling": "off" }, "words": ["Tepapa"] }'), 'file:///n/.conference-notes.json');
    assert.deepEqual(merged.lint, { rules: { spelling: 'off' }, locale: undefined, words: ['Kiwi', 'Tepapa'] });
    assert.equal(merged.configFile, 'file:///n/.conference-notes.json');
    const broken = documentSettings(section, readConfigFile('{ "rules": { "nope": "off" } }'));
    assert.deepEqual(broken.lint.rules, { spelling: 'hint' });
    assert.match(broken.configError ?? '', /unknown rule 'nope'/);
    assert.deepEqual(readConfigFile(undefined), {});
  });

  it('looks for the config file from the document up to its workspace folder, or to the top outside one', () => {
    assert.deepEqual(configCandidates('file:///w/notes/2017/a.md', 'file:///w'), ['file:///w/notes/2017/.conference-notes.json', 'file:///w/notes/.conference-notes.json', 'file:///w/.conference-notes.json']);
    assert.deepEqual(configCandidates('file:///w/a.md', 'file:///w/'), ['file:///w/.conference-notes.json']);
    assert.deepEqual(configCandidates('file:///x/a.md', undefined), ['file:///x/.conference-notes.json']);
    assert.deepEqual(configCandidates('untitled:Untitled-1', undefined), []);
    assert.equal(parentUri('file:///a.md'), undefined);
    assert.equal(parentUri('file:///w/a.md'), 'file:///w');
  });

  it('matches requested code action kinds by prefix', () => {
    assert.equal(kindRequested('source.fixAll.conferenceNotes', ['source.fixAll']), true);
    assert.equal(kindRequested('source.fixAll.conferenceNotes', ['source']), true);
    assert.equal(kindRequested('source.fixAll.conferenceNotes', ['quickfix']), false);
    assert.equal(kindRequested('source.fixAll.conferenceNotes', ['source.fix']), false);
    assert.equal(kindRequested('quickfix', undefined), false);
  });
});
