// `confnotes lint` on many files: worker threads give the same bytes as one thread (text, JSON, --fix, input
// errors, exit codes), the progress line shows only on a terminal in text mode, and no finding is capped.
// Runs dist/cli.js: build first (npm run build; npm run test:unit does).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chooseJobs, createRunLint, AUTO_JOBS_MIN_BYTES, AUTO_JOBS_MIN_FILES } from '../../src/cli/commands/lint';
import { cliSpellerLoader } from '../../src/cli/dictionary';
import type { CliIo } from '../../src/cli/io';
import { ProgressLine } from '../../src/cli/progress';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const sample = readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8');
const isRoot = process.getuid?.() === 0;

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The sample with letters of some words swapped (deterministic per `seed`), so files differ in their typos. */
function variant(seed: number): string {
  let state = (seed * 2654435761) >>> 0;
  const random = (): number => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  return sample
    .split('\n')
    .map((line) => (/^(#|---|\w+:)/.test(line) ? line : line.replace(/\b[a-z]{6,}\b/g, (w) => {
      if (random() > 0.1) return w;
      const k = 1 + Math.floor(random() * (w.length - 3));
      return w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
    })))
    .join('\n');
}

/** A folder of `count` notes files, a README that is not notes, and (with `broken`) a binary and a Latin-1 file. */
function notesFolder(count: number, broken: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'confnotes-many-'));
  for (let i = 1; i <= count; i++) writeFileSync(path.join(dir, `notes-${String(i).padStart(2, '0')}.md`), variant(i));
  writeFileSync(path.join(dir, 'README.md'), '# A project\n\nSome some words.\n');
  if (broken) {
    writeFileSync(path.join(dir, 'notes-05b.md'), Buffer.from([0x23, 0x20, 0, 1, 2]));
    writeFileSync(path.join(dir, 'notes-11b.md'), Buffer.from('# Caf\xe9\n', 'latin1'));
  }
  return dir;
}

function memoryIo(cwd: string, stderrIsTTY: boolean): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, stderrIsTTY, cwd, readStdin: async () => '' };
}

describe('confnotes lint --jobs (built CLI)', () => {
  it('prints the same bytes and exit code with 2 workers as in one thread, text and JSON, input errors included', function () {
    this.timeout(60_000);
    const dir = notesFolder(16, true);
    for (const format of ['text', 'json']) {
      const args = ['lint', '--format', format, '.', 'README.md'];
      const one = run([...args, '--jobs', '1'], dir);
      const two = run([...args, '--jobs', '2'], dir);
      assert.equal(one.code, 2, 'input errors win over findings');
      assert.deepEqual(two, one, `--format ${format}`);
    }
    const text = run(['lint', '--jobs', '2', '.'], dir);
    // Input errors in input order, one line each, then the findings of every notes file in input order.
    assert.deepEqual(text.stderr.trim().split('\n'), [
      'confnotes lint: notes-05b.md: looks like a binary file (it contains NUL bytes), not Markdown',
      'confnotes lint: notes-11b.md: is not valid UTF-8 text (save it as UTF-8 and try again)',
    ]);
    const order = [...new Set(text.stdout.trim().split('\n').map((l) => l.split(':')[0]))];
    assert.deepEqual(order, Array.from({ length: 16 }, (_, i) => `notes-${String(i + 1).padStart(2, '0')}.md`));
    const json = JSON.parse(run(['lint', '--jobs', '2', '--format', 'json', '.', 'README.md'], dir).stdout);
    assert.equal(json.files.length, 17);
    assert.deepEqual(json.files[16], { path: 'README.md', diagnostics: [], skipped: 'skipped: not conference notes (no conference in front matter, fewer than two talks with a speaker)' });
    for (const d of json.files[0].diagnostics) assert.deepEqual(Object.keys(d), ['rule', 'severity', 'message', 'range', 'fixes']);
  });

  it('exits 1 on findings and 0 on clean files with workers, as in one thread', function () {
    this.timeout(60_000);
    const dir = notesFolder(6, false);
    const one = run(['lint', '--jobs', '1', '.'], dir);
    assert.equal(one.code, 1);
    assert.deepEqual(run(['lint', '--jobs', '3', '.'], dir), one);
    writeFileSync(path.join(dir, '.conference-notes.json'), JSON.stringify({ rules: { spelling: 'off', 'speaker-name-mismatch': 'off', 'repeated-word': 'off', 'link-without-scheme': 'off', mojibake: 'off', 'field-heading-level': 'off', 'missing-speaker': 'off' } }));
    const clean = run(['lint', '--jobs', '2', '.'], dir);
    assert.equal(clean.code, 0, clean.stdout);
    assert.deepEqual(clean, run(['lint', '--jobs', '1', '.'], dir));
  });

  it('--fix with workers writes the same files and prints the same as in one thread, leaving no temporary file', function () {
    this.timeout(60_000);
    const a = notesFolder(10, false);
    const b = mkdtempSync(path.join(tmpdir(), 'confnotes-many-fix-'));
    for (const f of readdirSync(a)) copyFileSync(path.join(a, f), path.join(b, f));
    const one = run(['lint', '--fix', '--jobs', '1', '.'], a);
    const two = run(['lint', '--fix', '--jobs', '2', '.'], b);
    assert.deepEqual(two, one);
    assert.match(two.stdout, /\d+ problems fixed in 10 files\n$/);
    assert.deepEqual(readdirSync(b).sort(), readdirSync(a).sort());
    for (const f of readdirSync(a)) assert.equal(readFileSync(path.join(b, f), 'utf8'), readFileSync(path.join(a, f), 'utf8'), f);
    assert.notEqual(readFileSync(path.join(b, 'notes-01.md'), 'utf8'), variant(1), 'the worker wrote its fixes');
    assert.equal(readdirSync(b).filter((f) => f.includes('confnotes-tmp')).length, 0);
    const json = JSON.parse(run(['lint', '--fix', '--jobs', '2', '--format', 'json', '.'], b).stdout);
    assert.deepEqual(json.files.map((f: { fixed: unknown[] }) => f.fixed.length), new Array(10).fill(0), 'nothing left to fix');
  });

  it('reports an unreadable file from a worker as in one thread', function () {
    this.timeout(60_000);
    const dir = notesFolder(4, false);
    // Reading /proc/self/mem from offset 0 fails (EIO) for every user, root included.
    symlinkSync('/proc/self/mem', path.join(dir, 'mem.md'));
    const args = ['lint', 'notes-01.md', 'mem.md', 'notes-02.md', 'notes-03.md', 'notes-04.md'];
    const one = run([...args, '--jobs', '1'], dir);
    assert.equal(one.code, 2);
    assert.equal(one.stderr, 'confnotes lint: mem.md: cannot read file (EIO)\n');
    assert.deepEqual(run([...args, '--jobs', '2'], dir), one);
    if (isRoot) return; // root reads any file whatever its mode
    chmodSync(path.join(dir, 'notes-02.md'), 0);
    const denied = run(['lint', '--jobs', '1', '.'], dir);
    assert.match(denied.stderr, /notes-02\.md: cannot read file \(permission denied\)/);
    assert.deepEqual(run(['lint', '--jobs', '2', '.'], dir), denied);
  });

  it('rejects a --jobs that is not a whole number of 1 or more', () => {
    const dir = notesFolder(1, false);
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const r = run(['lint', `--jobs=${bad}`, '.'], dir);
      assert.equal(r.code, 2, bad);
      assert.equal(r.stderr, `confnotes lint: --jobs must be a whole number of 1 or more, not '${bad}'\n`);
    }
  });

  it('draws no progress line when stderr is not a terminal (a pipe here)', () => {
    const dir = notesFolder(3, false);
    const r = run(['lint', '.'], dir);
    assert.equal(r.stderr, '');
  });
});

describe('confnotes lint with workers, in process', () => {
  const runLint = createRunLint(cliSpellerLoader, { workerScript: cli });

  it('shows "Linting k/n files…" on a terminal in text mode, clears it, and keeps error lines whole', async function () {
    this.timeout(60_000);
    const dir = notesFolder(5, true);
    for (const jobs of ['1', '2']) {
      const io = memoryIo(dir, true);
      const code = await runLint(['--jobs', jobs, '.'], io);
      assert.equal(code, 2);
      const err = io.err.join('');
      assert.ok(err.startsWith('\r\x1b[KLinting 0/8 files…'), JSON.stringify(err));
      assert.ok(err.endsWith('\r\x1b[K'), 'cleared at the end');
      // Each error line starts on a cleared line and the progress line comes back after it.
      const lines = err.split('\n');
      assert.deepEqual(lines.filter((l) => l.includes('confnotes lint:')).map((l) => l.replace(/^[^]*\r\x1b\[K/, '')), [
        'confnotes lint: notes-05b.md: looks like a binary file (it contains NUL bytes), not Markdown',
        'confnotes lint: notes-11b.md: is not valid UTF-8 text (save it as UTF-8 and try again)',
      ]);
      assert.match(err, /\r\x1b\[Kconfnotes lint: notes-05b\.md/);
      // The stdout is what a pipe would get: the progress line never reaches it.
      const plain = memoryIo(dir, false);
      assert.equal(await runLint(['--jobs', jobs, '.'], plain), 2);
      assert.deepEqual(io.out, plain.out);
      assert.equal(plain.err.join('').includes('Linting'), false);
      assert.equal(err.replace(/\r\x1b\[K(Linting \d+\/8 files…)?/g, ''), plain.err.join(''));
    }
  });

  it('shows no progress in JSON mode or for a single file', async function () {
    this.timeout(60_000);
    const dir = notesFolder(3, false);
    const json = memoryIo(dir, true);
    await runLint(['--jobs', '2', '--format', 'json', '.'], json);
    assert.deepEqual(json.err, []);
    assert.equal(JSON.parse(json.out.join('')).files.length, 3);
    const single = memoryIo(dir, true);
    await runLint(['notes-01.md'], single);
    assert.deepEqual(single.err, []);
  });

  it('reports a worker that dies as an internal error (exit 2), as a crash in process would be', async function () {
    this.timeout(30_000);
    const dir = notesFolder(3, false);
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'confnotes-worker-')), 'worker.js');
    writeFileSync(broken, 'process.exit(3);\n');
    const io = memoryIo(dir, false);
    await assert.rejects(createRunLint(cliSpellerLoader, { workerScript: broken })(['--jobs', '2', '.'], io), /a lint worker stopped before its files were linted \(exit code 3\)/);
    writeFileSync(broken, "throw new Error('no luck');\n");
    await assert.rejects(createRunLint(cliSpellerLoader, { workerScript: broken })(['--jobs', '2', '.'], io), /no luck/);
    assert.deepEqual(io.out, []);
  });

  it('reports every finding: 2,000 unknown words and 300 repeated words in one file, nothing capped', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'confnotes-nocap-'));
    const prose = Array.from({ length: 400 }, () => 'We ammend the qeue, sadly sadly, then ammend the scheduler qeue.').join('\n\n');
    const talk = (n: number): string => `## Talk ${n}\n### Alice Example\n\n#### Staff Engineer\n\n#### Acme\n\n${prose}\n\n`;
    writeFileSync(path.join(dir, 'big.md'), `# Notes from Nocapconf\n\n${talk(1)}${talk(2)}`);
    const io = memoryIo(dir, false);
    await runLint(['--format', 'json', 'big.md'], io);
    const diags = JSON.parse(io.out.join('')).files[0].diagnostics as Array<{ rule: string; message: string }>;
    const count = (rule: string, word: string): number => diags.filter((d) => d.rule === rule && d.message.includes(`'${word}'`)).length;
    assert.equal(count('spelling', 'ammend'), 1600);
    assert.equal(count('spelling', 'qeue'), 1600);
    assert.equal(count('repeated-word', 'sadly'), 800);
  });
});

describe('confnotes lint: how many threads', () => {
  it('uses one thread for few or small files or under 3 cores, one per core (at most one per file) for many', () => {
    const many = AUTO_JOBS_MIN_BYTES * 2;
    assert.equal(chooseJobs(undefined, AUTO_JOBS_MIN_FILES - 1, many, 2), 1);
    assert.equal(chooseJobs(undefined, 500, AUTO_JOBS_MIN_BYTES - 1, 2), 1);
    assert.equal(chooseJobs(undefined, 500, many, 2), 1, 'two cores: one thread (it keeps the other core busy with GC)');
    assert.equal(chooseJobs(undefined, 500, many, 4), 4);
    assert.equal(chooseJobs(undefined, AUTO_JOBS_MIN_FILES, many, 64), AUTO_JOBS_MIN_FILES);
    assert.equal(chooseJobs(undefined, 500, many, 1), 1);
    assert.equal(chooseJobs(1, 500, many, 8), 1);
    assert.equal(chooseJobs(4, 3, 10, 2), 3, '--jobs is taken as given, at most one thread per file');
  });
});

describe('ProgressLine', () => {
  it('draws at most every interval, always when forced, and clears only what it drew', () => {
    const written: string[] = [];
    let now = 0;
    const line = new ProgressLine({ stderr: (t) => written.push(t) }, 500, 100, () => now);
    line.clear();
    assert.deepEqual(written, []);
    line.update(0, true);
    now = 50;
    line.update(10);
    now = 120;
    line.update(20);
    line.update(500, true);
    line.clear();
    line.clear();
    assert.deepEqual(written, ['\r\x1b[KLinting 0/500 files…', '\r\x1b[KLinting 20/500 files…', '\r\x1b[KLinting 500/500 files…', '\r\x1b[K']);
  });
});
