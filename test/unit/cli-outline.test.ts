// The `confnotes outline` contract, run through the built CLI as users and tools run it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { outlineJson, runOutline } from '../../src/cli/commands/outline';
import { DEFAULT_SETTINGS, isConferenceNotes, parseNotes } from '../../src/core';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');

function run(args: string[], cwd = root): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('confnotes outline (built CLI)', () => {
  it('prints the 13 talks of the sample as JSON in the documented shape', () => {
    const r = run(['outline', '--format', 'json', 'samples/scaleconf-2017.md']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { files: Array<Record<string, any>> };
    assert.equal(json.files.length, 1);
    const file = json.files[0]!;
    assert.equal(file.path, 'samples/scaleconf-2017.md');
    assert.equal(file.title, 'Notes from Scaleconf 2017');
    assert.equal(file.isConferenceNotes, true);
    assert.deepEqual(file.sections.map((s: any) => s.title), ['Disclaimer', 'Intro']);
    assert.equal(file.talks.length, 13);
    const db = file.talks[2];
    assert.equal(db.title, 'Databases and Containers');
    assert.equal(db.speaker, 'Ronen Baram');
    assert.equal(db.role, 'MySQL Principal Consultant');
    assert.equal(db.company, 'Oracle');
    assert.deepEqual(db.speakers, ['Ronen Baram']);
    assert.equal(db.hasNotes, true);
    assert.deepEqual(db.range.start, { line: 48, character: 0 });
    assert.deepEqual(db.fields.speaker, { text: 'Ronen Baram', range: { start: { line: 49, character: 4 }, end: { line: 49, character: 15 } } });
    assert.deepEqual(db.fields.company.range.start, { line: 53, character: 5 });
    const last = file.talks[12];
    assert.equal(last.hasNotes, false);
    for (const t of file.talks) {
      for (const key of ['title', 'speaker', 'role', 'company', 'speakers', 'range', 'hasNotes', 'fields']) assert.ok(key in t, key);
    }
  });

  it('prints a readable text outline', () => {
    const r = run(['outline', 'samples/scaleconf-2017.md']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /talk +49: Databases and Containers — Ronen Baram · MySQL Principal Consultant · Oracle/);
    assert.match(r.stdout, /13 talks, 2 sections/);
  });

  it('marks this project README as not conference notes', () => {
    const r = run(['outline', '--format', 'json', 'README.md']);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).files[0].isConferenceNotes, false);
  });

  describe('bad input: one clear line on stderr, exit 2, no stack trace', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'confnotes-cli-'));
    writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0]));
    writeFileSync(path.join(dir, 'latin1.md'), Buffer.from('# Caf\xe9 notes\n', 'latin1'));
    mkdirSync(path.join(dir, 'empty-dir'));
    const cases: Array<[string, string[], RegExp]> = [
      ['a missing file', ['outline', 'missing.md'], /missing\.md: no such file or directory/],
      ['a binary file', ['outline', 'binary.md'], /binary\.md: looks like a binary file/],
      ['invalid UTF-8', ['outline', 'latin1.md'], /latin1\.md: is not valid UTF-8/],
      ['a directory with no Markdown', ['outline', 'empty-dir'], /empty-dir: no Markdown files/],
      ['an unknown option', ['outline', '--colour', 'x.md'], /unknown option --colour/],
      ['a bad format', ['outline', '--format', 'xml', 'binary.md'], /--format must be text or json/],
      ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [name, args, message] of cases) {
      it(name, () => {
        const r = run(args, dir);
        assert.equal(r.code, 2);
        assert.match(r.stderr, message);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      });
    }
  });

  it('reads empty files, CRLF and BOM files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'confnotes-cli-'));
    writeFileSync(path.join(dir, 'empty.md'), '');
    writeFileSync(path.join(dir, 'crlf.md'), '\ufeff# Notes from X\r\n\r\n## Talk\r\n### Jane Doe\r\n#### Engineer\r\n#### Acme\r\n\r\nnotes\r\n');
    const r = run(['outline', '--format', 'json', 'empty.md', 'crlf.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    const files = JSON.parse(r.stdout).files;
    assert.equal(files[0].talks.length, 0);
    assert.equal(files[1].talks[0].speaker, 'Jane Doe');
    assert.deepEqual(files[1].talks[0].fields.speaker.range.start, { line: 3, character: 4 });
  });

  it('writes --format json a file and a chunk of talks at a time, the same bytes as the outline in one string', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'confnotes-cli-'));
    const sample = readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8');
    const files: Record<string, string> = {
      'empty.md': '',
      'sample.md': sample,
      // 1,300 talks: three chunks of the written talks, the last one short.
      'many.md': `# Notes from Manyconf\n\n${Array.from({ length: 1300 }, (_, i) => `## Talk ${i}\n### Ann "Quote" Lee\n\nnotes\\ here\n`).join('\n')}`,
      'plain.md': '# Shopping\n\n- milk\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    for (const names of [Object.keys(files), ['many.md'], ['empty.md']]) {
      const out: string[] = [];
      const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, isTTY: false, stderrIsTTY: false, cwd: dir, readStdin: async () => '' };
      assert.equal(await runOutline(['--format', 'json', ...names], io), 0);
      const whole = {
        files: names.map((n) => {
          const doc = parseNotes(files[n]!);
          return outlineJson(n, doc, isConferenceNotes(doc, DEFAULT_SETTINGS, n));
        }),
      };
      assert.equal(out.join(''), JSON.stringify(whole, null, 2) + '\n', names.join(' '));
      if (names.includes('many.md')) assert.ok(out.length > 4, `written in pieces (${out.length})`);
    }
  });
});
