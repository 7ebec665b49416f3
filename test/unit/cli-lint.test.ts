// The `confnotes lint` contract: JSON shape, text format, exit codes, config file, --fix on a copy of the sample.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRunLint } from '../../src/cli/commands/lint';
import type { CliIo } from '../../src/cli/io';
import { parseNotes } from '../../src/core';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const sample = path.join(root, 'samples', 'scaleconf-2017.md');

function run(args: string[], cwd = root): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder; `structureOnly` adds a config turning spelling off (its own tests cover it). */
function tempDir(structureOnly = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'confnotes-lint-'));
  if (structureOnly) writeFileSync(path.join(dir, '.conference-notes.json'), '{ "rules": { "spelling": "off" } }');
  return dir;
}

const isStructure = (d: { rule: string }): boolean => d.rule !== 'spelling';

const CLEAN = `# Notes from Cleanconf

## First talk
### Alice Example

#### Staff Engineer

#### Acme

Alice spoke about queues.

## Second talk
### Bob Sample

#### Developer Advocate

#### Initech

Bob spoke about caches.
`;

describe('confnotes lint (built CLI)', () => {
  it('prints the sample findings as JSON in the documented shape, exit 1', () => {
    const r = run(['lint', '--format', 'json', 'samples/scaleconf-2017.md']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: any[] }> };
    assert.deepEqual(json.files.map((f) => f.path), ['samples/scaleconf-2017.md']);
    const diags = json.files[0]!.diagnostics.filter(isStructure);
    assert.equal(diags.length, 16);
    for (const d of diags) {
      assert.deepEqual(Object.keys(d), ['rule', 'severity', 'message', 'range', 'fixes']);
      assert.deepEqual(Object.keys(d.range.start), ['line', 'character']);
      for (const fix of d.fixes) {
        assert.deepEqual(Object.keys(fix), ['title', 'preferred', 'edits']);
        for (const e of fix.edits) assert.ok(!/\$\{\d/.test(e.newText), 'plain text, not a snippet');
      }
    }
    const level = diags.filter((d) => d.rule === 'field-heading-level');
    assert.deepEqual(level.map((d) => d.range.start.line), [32, 34]);
    assert.deepEqual(level[0].fixes[0].edits, [{ range: { start: { line: 32, character: 0 }, end: { line: 32, character: 3 } }, newText: '####' }]);
  });

  it('prints path:line:col severity rule message, 1-based', () => {
    const r = run(['lint', 'samples/scaleconf-2017.md']);
    assert.equal(r.code, 1);
    const all = r.stdout.trim().split('\n');
    const out = all.filter((l) => !/ spelling /.test(l));
    assert.equal(out.length, 16);
    assert.ok(out.includes("samples/scaleconf-2017.md:135:23 warning repeated-word The word 'some' is written twice in a row"), out.join('\n'));
    assert.ok(out.some((l) => l.startsWith('samples/scaleconf-2017.md:58:1 warning speaker-name-mismatch ')));
    for (const l of all) assert.match(l, /^samples\/scaleconf-2017\.md:\d+:\d+ (error|warning|information|hint) [a-z-]+ .+$/);
  });

  it("lints this repository's README to nothing (it is not notes)", () => {
    const r = run(['lint', 'README.md']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
  });

  it('exits 0 on clean notes and on findings below warning', () => {
    const dir = tempDir(true);
    writeFileSync(path.join(dir, 'clean.md'), CLEAN);
    assert.deepEqual(run(['lint', 'clean.md'], dir), { code: 0, stdout: '', stderr: '' });
    writeFileSync(path.join(dir, 'hint.md'), CLEAN + '\n## Third talk\n### Carol Person\n\n#### Engineer\n\n#### Globex\n');
    const r = run(['lint', 'hint.md'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /hint\.md:21:4 hint empty-talk/);
  });

  it('exits 2 with one line naming the file for a missing file, a binary file, invalid UTF-8 and a bad config', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bin.md'), Buffer.from([0x23, 0x20, 0, 1, 2]));
    writeFileSync(path.join(dir, 'latin1.md'), Buffer.from('# Caf\xe9\n', 'latin1'));
    writeFileSync(path.join(dir, 'bad.json'), '{ "rules": { "missing-speakers": "off" } }');
    writeFileSync(path.join(dir, 'notes.md'), CLEAN);
    const cases: Array<[string[], RegExp]> = [
      [['lint', 'nope.md'], /nope\.md: no such file/],
      [['lint', 'bin.md'], /bin\.md: looks like a binary file/],
      [['lint', 'latin1.md'], /latin1\.md: is not valid UTF-8/],
      [['lint', '--config', 'bad.json', 'notes.md'], /bad\.json: config names an unknown rule 'missing-speakers'/],
      [['lint', '--config', 'none.json', 'notes.md'], /none\.json: cannot read config file \(no such file\)/],
      [['lint', '--format', 'xml', 'notes.md'], /--format must be text or json/],
      [['lint'], /needs at least one FILE/],
    ];
    for (const [args, message] of cases) {
      const r = run(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
    }
  });

  it('finds .conference-notes.json in the working folder or above, and the file wins', () => {
    const dir = tempDir();
    const sub = path.join(dir, 'talks');
    require('node:fs').mkdirSync(sub);
    copyFileSync(sample, path.join(sub, 'sample.md'));
    writeFileSync(path.join(dir, '.conference-notes.json'), JSON.stringify({ rules: { 'empty-talk': 'off', 'speaker-name-mismatch': 'error' } }));
    const r = run(['lint', '--format', 'json', 'sample.md'], sub);
    const diags = JSON.parse(r.stdout).files[0].diagnostics as Array<{ rule: string; severity: string }>;
    assert.equal(diags.filter((d) => d.rule === 'empty-talk').length, 0);
    assert.deepEqual(diags.filter((d) => d.rule === 'speaker-name-mismatch').map((d) => d.severity), ['error', 'error']);
    writeFileSync(path.join(dir, '.conference-notes.json'), '{ "rules": ');
    const bad = run(['lint', 'sample.md'], sub);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.conference-notes\.json: config is not valid JSON/);
  });

  it('lints notes found in a folder and skips Markdown that is not notes', () => {
    const dir = tempDir();
    copyFileSync(sample, path.join(dir, 'sample.md'));
    writeFileSync(path.join(dir, 'README.md'), '# A project\n\nSome some words and [a link](example.com).\n');
    const r = run(['lint', '--format', 'json', '.'], dir);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path), ['sample.md']);
    // Named one by one, a file that is not notes is skipped with a notice, as the editor would: no missing speakers on a README.
    const named = run(['lint', 'README.md'], dir);
    assert.equal(named.code, 0);
    assert.equal(named.stdout, '');
    assert.match(named.stderr, /README\.md: skipped: not conference notes/);
    const json = JSON.parse(run(['lint', '--format', 'json', 'README.md'], dir).stdout);
    assert.deepEqual(json.files, [{ path: 'README.md', diagnostics: [], skipped: 'skipped: not conference notes (no conference in front matter, fewer than two talks with a speaker)' }]);
  });

  it('--fix writes the safe fixes to a copy of the sample, prints them, and the sample still has its 13 talks', () => {
    const dir = tempDir(true);
    const file = path.join(dir, 'sample.md');
    copyFileSync(sample, file);
    const r = run(['lint', '--fix', 'sample.md'], dir);
    assert.equal(r.code, 1, 'Ronan and Json remain, as warnings');
    const fixedLines = r.stdout.split('\n').filter((l) => /^sample\.md:\d+:\d+ fixed /.test(l));
    assert.deepEqual(fixedLines.map((l) => l.split(' ')[0]), ['sample.md:22:42', 'sample.md:33:1', 'sample.md:35:1', 'sample.md:116:10', 'sample.md:117:60', 'sample.md:118:12', 'sample.md:135:23', 'sample.md:180:36']);
    assert.match(r.stdout, /8 problems fixed in 1 file/);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    assert.equal(lines[32], '#### Software Engineer');
    assert.equal(lines[115], '[spiffe](https://spiffe.io)');
    assert.match(lines[134]!, /they had some branch/);
    assert.match(lines[179]!, /building a “serverless" API/);
    assert.equal(parseNotes(text).talks.length, 13);
    assert.deepEqual(parseNotes(text).talks.map((t) => t.title), parseNotes(readFileSync(sample, 'utf8')).talks.map((t) => t.title.replace('â€œ', '“')));
    const again = run(['lint', '--format', 'json', 'sample.md'], dir);
    const rules = new Set((JSON.parse(again.stdout).files[0].diagnostics as Array<{ rule: string }>).map((d) => d.rule));
    assert.deepEqual([...rules].sort(), ['empty-talk', 'speaker-name-mismatch']);
    // Nothing left to fix: the file is not rewritten, and no temporary file is left behind.
    const second = run(['lint', '--fix', 'sample.md'], dir);
    assert.match(second.stdout, /0 problems fixed in 0 files/);
    assert.deepEqual(readdirSync(dir).sort(), ['.conference-notes.json', 'sample.md']);
  });

  it('--fix keeps a byte order mark and CRLF line endings', () => {
    const dir = tempDir(true);
    const crlf = '\ufeff' + CLEAN.replace('Bob spoke', 'Bob spoke spoke').replace(/\n/g, '\r\n');
    writeFileSync(path.join(dir, 'crlf.md'), crlf);
    assert.equal(run(['lint', '--fix', 'crlf.md'], dir).code, 0);
    assert.equal(readFileSync(path.join(dir, 'crlf.md'), 'utf8'), crlf.replace('spoke spoke', 'spoke'));
  });
});

describe('confnotes lint --fix when the file changes meanwhile (in-process)', () => {
  it('does not overwrite a file that changed on disk since it was read', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'sample.md');
    copyFileSync(sample, file);
    const edited = readFileSync(sample, 'utf8') + '\nA line typed in the editor.\n';
    // The speller is asked about "Ronan" while linting: the moment to simulate another program saving the file.
    let saved = false;
    const speller = {
      isCorrect: () => {
        if (!saved) writeFileSync(file, edited);
        saved = true;
        return false;
      },
      suggest: () => [],
    };
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, cwd: dir, readStdin: async () => '' };
    const code = await createRunLint(async () => speller)(['--fix', 'sample.md'], io);
    assert.equal(code, 1);
    assert.ok(saved);
    assert.equal(readFileSync(file, 'utf8'), edited);
    assert.match(err.join(''), /sample\.md: not fixed: it changed on disk/);
    assert.match(out.join(''), /0 problems fixed in 0 files/);
  });
});
