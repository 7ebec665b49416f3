// `confnotes lint --fix` respects files (issue 15): through a symbolic link it fixes the target and keeps the link;
// it keeps hard links, mode and owner (it writes in place, src/cli/writeBack.ts); it never writes a file without
// write permission, even as root; with several files it names every file it wrote and every one it could not.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SAMPLE_PATH } from '../../bench/hostile-corpus';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const sample = readFileSync(SAMPLE_PATH, 'utf8');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The sample fixed once, as --fix writes it (from a plain copy), and how many fixes that took. */
let fixedSample: string;
let fixes: number;

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'confnotes-fix-'));
}

describe('confnotes lint --fix respects files (issue 15)', function () {
  this.timeout(60_000);
  before(() => {
    const dir = folder();
    writeFileSync(path.join(dir, 'plain.md'), sample);
    const r = run(['lint', '--fix', 'plain.md'], dir);
    fixes = Number(/(\d+) problems fixed in 1 file/.exec(r.stdout)?.[1]);
    assert.ok(fixes > 0);
    fixedSample = readFileSync(path.join(dir, 'plain.md'), 'utf8');
    assert.notEqual(fixedSample, sample, 'the sample has safe fixes');
  });

  it('through a symbolic link: fixes the target and keeps the link', () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'real'));
    writeFileSync(path.join(dir, 'real', 'notes.md'), sample);
    symlinkSync(path.join('real', 'notes.md'), path.join(dir, 'link.md'));
    const r = run(['lint', '--fix', 'link.md'], dir);
    assert.equal(r.code, 1);
    assert.ok(lstatSync(path.join(dir, 'link.md')).isSymbolicLink(), 'still a link');
    assert.equal(readlinkSync(path.join(dir, 'link.md')), path.join('real', 'notes.md'));
    assert.equal(readFileSync(path.join(dir, 'real', 'notes.md'), 'utf8'), fixedSample, 'the target is fixed');
    assert.equal(r.stderr, `confnotes lint: link.md: written with ${fixes} fixes\n`);
  });

  it('keeps hard links: every name sees the fixed text, one inode', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'a.md'), sample);
    linkSync(path.join(dir, 'a.md'), path.join(dir, 'b.md'));
    const before = statSync(path.join(dir, 'a.md'));
    run(['lint', '--fix', 'a.md'], dir);
    const after = statSync(path.join(dir, 'a.md'));
    assert.equal(after.ino, before.ino);
    assert.equal(after.nlink, 2);
    assert.equal(readFileSync(path.join(dir, 'b.md'), 'utf8'), fixedSample);
  });

  it('keeps the mode, and the owner and group (as root: a file of another user stays theirs)', () => {
    const dir = folder();
    const file = path.join(dir, 'owned.md');
    writeFileSync(file, sample);
    chmodSync(file, 0o640);
    if (isRoot) chownSync(file, 1234, 5678);
    const before = statSync(file);
    run(['lint', '--fix', 'owned.md'], dir);
    const after = statSync(file);
    assert.equal(readFileSync(file, 'utf8'), fixedSample);
    assert.equal(after.mode & 0o7777, 0o640);
    assert.equal(after.uid, before.uid);
    assert.equal(after.gid, before.gid);
    if (isRoot) assert.deepEqual([after.uid, after.gid], [1234, 5678]);
  });

  it(`never writes a read-only file${isRoot ? ', even as root' : ''}: one line naming it, exit 2`, () => {
    const dir = folder();
    const file = path.join(dir, 'locked.md');
    writeFileSync(file, sample);
    chmodSync(file, 0o444);
    const r = run(['lint', '--fix', 'locked.md'], dir);
    assert.equal(r.code, 2);
    assert.equal(readFileSync(file, 'utf8'), sample, 'unchanged');
    assert.equal(statSync(file).mode & 0o777, 0o444);
    assert.deepEqual(r.stderr.trim().split('\n'), ['confnotes lint: locked.md: not fixed: the file is read-only (no write permission), so it was left as it was']);
    assert.doesNotMatch(r.stdout, /^\S+:\d+:\d+ fixed /m, 'no fix is claimed');
    assert.match(r.stdout, /0 problems fixed in 0 files/);
  });

  it('with several files: a failure on one never hides what happened to the others', () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'ok'));
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'ok', 'a.md'), sample);
    writeFileSync(path.join(dir, 'locked', 'b.md'), sample);
    writeFileSync(path.join(dir, 'ok', 'c.md'), sample);
    chmodSync(path.join(dir, 'locked', 'b.md'), 0o444);
    const r = run(['lint', '--fix', 'ok/a.md', 'locked/b.md', 'ok/c.md'], dir);
    assert.equal(r.code, 2);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      `confnotes lint: ok/a.md: written with ${fixes} fixes`,
      'confnotes lint: locked/b.md: not fixed: the file is read-only (no write permission), so it was left as it was',
      `confnotes lint: ok/c.md: written with ${fixes} fixes`,
    ]);
    assert.equal(readFileSync(path.join(dir, 'ok', 'a.md'), 'utf8'), fixedSample);
    assert.equal(readFileSync(path.join(dir, 'ok', 'c.md'), 'utf8'), fixedSample);
    assert.equal(readFileSync(path.join(dir, 'locked', 'b.md'), 'utf8'), sample);
    assert.match(r.stdout, /^ok\/a\.md:\d+:\d+ fixed /m);
    assert.match(r.stdout, /^ok\/c\.md:\d+:\d+ fixed /m);
    assert.doesNotMatch(r.stdout, /^locked\/b\.md:\d+:\d+ fixed /m);
    assert.match(r.stdout, /^locked\/b\.md:\d+:\d+ /m, "the locked file's findings are still listed");
    assert.match(r.stdout, new RegExp(`^${2 * fixes} problems fixed in 2 files$`, 'm'));
    const json = run(['lint', '--fix', '--format', 'json', 'locked/b.md'], dir);
    const files = JSON.parse(json.stdout).files as Array<{ path: string; notWritten?: string; fixed: unknown[] }>;
    assert.deepEqual(files.map((f) => [f.path, f.notWritten, f.fixed.length]), [['locked/b.md', 'not fixed: the file is read-only (no write permission), so it was left as it was', 0]]);
  });
});
