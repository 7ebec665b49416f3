// `confnotes check-words` through the built bundle: finds dict/ next to dist/, JSON lines, stdin, locales.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

function run(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('confnotes check-words (built CLI)', () => {
  it('prints one JSON object a line, suggestions best first and at most 8', () => {
    const r = run(['check-words', 'ammend', 'amend', 'wasnt']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { word: string; correct: boolean; suggestions: string[] });
    assert.deepEqual(lines.map((l) => Object.keys(l)), [['word', 'correct', 'suggestions'], ['word', 'correct', 'suggestions'], ['word', 'correct', 'suggestions']]);
    assert.deepEqual(lines.map((l) => [l.word, l.correct]), [['ammend', false], ['amend', true], ['wasnt', false]]);
    assert.equal(lines[0]!.suggestions[0], 'amend');
    assert.ok(lines[0]!.suggestions.length <= 8);
    assert.deepEqual(lines[1]!.suggestions, []);
    assert.equal(lines[2]!.suggestions[0], "wasn't");
  });

  it('reads one word a line from stdin', () => {
    const r = run(['check-words'], 'thier\n\nphylosophy\n');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).suggestions[0]), ['their', 'philosophy']);
  });

  it('takes --locale, and rejects a locale it has no dictionary for', () => {
    const gb = JSON.parse(run(['check-words', '--locale', 'en-GB', 'behaviour']).stdout);
    assert.equal(gb.correct, true);
    const us = JSON.parse(run(['check-words', 'behaviour']).stdout);
    assert.equal(us.correct, false);
    assert.equal(us.suggestions[0], 'behavior');
    const bad = run(['check-words', '--locale', 'fr-FR', 'bonjour']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--locale must be one of en-US, en-GB, en-AU, en-CA/);
  });
});
