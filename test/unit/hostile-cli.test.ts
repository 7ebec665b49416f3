// Hostile input through the built CLI (issue 15): every case of the corpus (bench/hostile-corpus.ts) linted beside
// the sample gives an answer, no crash, and the sample's own findings; a closed pipe, an unknown locale and UTF-16
// files. The time limits only catch hangs (before the fix, cases took minutes or ran out of memory).
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { hostileCases, SAMPLE_PATH } from '../../bench/hostile-corpus';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
/** Scale of the corpus here: big enough that each old failure shows (a hang, an overflow, a quadratic pattern). */
const SCALE = 0.25;
const LIMIT_MS = 60_000;

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: LIMIT_MS, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The sample's findings, without the path (`line:col severity rule message`). */
const findingsOf = (stdout: string, file: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith(`${file}:`))
    .map((l) => l.slice(file.length + 1));

describe('hostile input: the built CLI (issue 15)', function () {
  this.timeout(LIMIT_MS + 10_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'confnotes-hostile-'));
  writeFileSync(path.join(dir, 'sample.md'), readFileSync(SAMPLE_PATH));
  let sampleFindings: string[];
  before(() => {
    const alone = run(['lint', 'sample.md'], dir);
    sampleFindings = findingsOf(alone.stdout, 'sample.md');
    assert.ok(sampleFindings.length > 30, `the sample alone has its findings (${sampleFindings.length})`);
  });

  const expectations: Record<string, (out: string[]) => void> = {
    'many-findings-one-line': (out) => assert.ok(out.some((l) => / not-checked .*longer than 50,000 characters/.test(l))),
    'many-findings': (out) => assert.ok(out.filter((l) => / spelling Unknown word 'wrd'/.test(l)).length >= 37_000),
    'list-markers': (out) => assert.ok(out.some((l) => / not-checked .*nested more than 16 levels deep/.test(l))),
    'nested-list': (out) => assert.ok(out.some((l) => / not-checked .*nested more than 16 levels deep/.test(l))),
    emphasis: (out) => assert.ok(out.some((l) => / not-checked .*emphasis or link marks/.test(l))),
    'nested-quote': (out) => assert.ok(out.some((l) => / not-checked /.test(l))),
    'long-paragraph': (out) => assert.ok(out.some((l) => / spelling Unknown word 'breifly'/.test(l)), 'the typo on the last line is found'),
    'long-line': (out) => assert.ok(out.some((l) => / not-checked .*longer than 50,000 characters/.test(l)), 'a line of 250,000 characters is beyond the limit'),
    // The code is not checked (its 'wrd' is not a finding), the prose after it is.
    'long-fence': (out) => assert.ok(out.some((l) => / spelling Unknown word 'breifly'/.test(l)) && !out.some((l) => /'wrd'/.test(l))),
    'indented-code': (out) => assert.ok(out.some((l) => / spelling Unknown word 'breifly'/.test(l)) && !out.some((l) => /'wrd'/.test(l))),
    'open-fence': (out) => assert.ok(!out.some((l) => /'wrd'/.test(l))),
    'many-links': (out) => assert.ok(out.filter((l) => / link-without-scheme /.test(l)).length >= 2_000),
  };

  for (const c of hostileCases(SCALE)) {
    it(`${c.name} (${c.what}, scaled ${SCALE}): an answer, no crash${c.withSample ? ", and the sample's findings" : ''}`, () => {
      const file = `${c.name}.md`;
      writeFileSync(path.join(dir, file), c.build());
      const r = run(['lint', ...(c.withSample ? ['sample.md'] : []), file], dir);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 300)}`);
      assert.equal(r.stderr, '', 'nothing on stderr');
      if (c.withSample) assert.deepEqual(findingsOf(r.stdout, 'sample.md'), sampleFindings);
      if (c.name.startsWith('utf16')) assert.deepEqual(findingsOf(r.stdout, file), sampleFindings, 'UTF-16 reads as the sample');
      expectations[c.name]?.(findingsOf(r.stdout, file));
    });
  }

  it('a big notes file (400 copies of the sample, 3.7 MB) beside the sample, in JSON: the same findings as in text, streamed a stretch at a time', () => {
    const file = 'copies.md';
    writeFileSync(path.join(dir, file), readFileSync(SAMPLE_PATH, 'utf8').repeat(400));
    const json = run(['lint', '--format', 'json', 'sample.md', file], dir);
    const text = run(['lint', 'sample.md', file], dir);
    assert.equal(json.code, 1, json.stderr.slice(0, 300));
    assert.equal(text.code, 1, text.stderr.slice(0, 300));
    const files = (JSON.parse(json.stdout) as { files: Array<{ path: string; diagnostics: Array<{ rule: string; severity: string; message: string; range: { start: { line: number; character: number } } }> }> }).files;
    assert.deepEqual(files.map((f) => f.path), ['sample.md', file]);
    for (const f of files) {
      const lines = f.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.rule} ${d.message}`);
      assert.deepEqual(lines, findingsOf(text.stdout, f.path), `${f.path}: JSON and text agree`);
    }
    assert.deepEqual(findingsOf(text.stdout, 'sample.md'), sampleFindings);
    assert.ok(files[1]!.diagnostics.length > 400 * 30, `${files[1]!.diagnostics.length} findings in the copies`);
  });

  it('outline of a line of 100,000 [ answers', () => {
    const file = path.join(dir, 'brackets-full.md');
    writeFileSync(file, `# Notes\n\n## Talk\n### Jane Doe\n\n${'['.repeat(100_000)}\n`);
    const r = run(['outline', file], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /1 talk/);
  });

  describe('a closed pipe ends the run quietly', () => {
    const big = path.join(dir, 'big.md');
    before(() => writeFileSync(big, readFileSync(SAMPLE_PATH, 'utf8').repeat(200)));
    for (const args of [['lint', 'big.md'], ['lint', '--format', 'json', 'big.md'], ['outline', 'big.md'], ['outline', '--format', 'json', 'big.md']]) {
      it(`confnotes ${args.join(' ')} | head -1`, async () => {
        const child = spawn(process.execPath, [cli, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        let first = '';
        child.stdout.once('data', (d: Buffer) => {
          first = d.toString().split('\n')[0]!;
          child.stdout.destroy();
        });
        const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
        assert.notEqual(first, '');
        assert.equal(stderr, '', 'no EPIPE trace');
        assert.equal(code, args[0] === 'lint' ? 1 : 0, 'the exit code of the run');
      });
    }
  });

  describe('an unknown locale is a usage error that lists the known ones', () => {
    it('in --locale', () => {
      const r = run(['lint', '--locale', 'xx-YY', 'sample.md'], dir);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, "confnotes lint: --locale must be one of en-US, en-GB, en-AU, en-CA, en-NZ, en-IE, not 'xx-YY'\n");
    });
    it('in the config file', () => {
      const sub = mkdtempSync(path.join(tmpdir(), 'confnotes-locale-'));
      writeFileSync(path.join(sub, 'sample.md'), readFileSync(SAMPLE_PATH));
      writeFileSync(path.join(sub, '.conference-notes.json'), '{ "locale": "xx-YY" }');
      const r = run(['lint', 'sample.md'], sub);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, "confnotes lint: .conference-notes.json: config 'locale' must be one of en-US, en-GB, en-AU, en-CA, en-NZ, en-IE, not 'xx-YY'\n");
    });
    it('accepts the known ones in any case, with _ or -', () => {
      for (const locale of ['en-GB', 'en_au', 'EN-nz']) assert.notEqual(run(['lint', '--locale', locale, 'sample.md'], dir).code, 2, locale);
    });
  });

  it('--fix writes a UTF-16 file back as UTF-16 with its byte order mark, fixed as the UTF-8 file is', () => {
    const sub = mkdtempSync(path.join(tmpdir(), 'confnotes-utf16-'));
    const text = readFileSync(SAMPLE_PATH, 'utf8');
    writeFileSync(path.join(sub, 'utf8.md'), text);
    writeFileSync(path.join(sub, 'le.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = Buffer.from(text, 'utf16le').swap16();
    writeFileSync(path.join(sub, 'be.md'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const r = run(['lint', '--fix', 'utf8.md', 'le.md', 'be.md'], sub);
    assert.equal(r.code, 1);
    const fixed = readFileSync(path.join(sub, 'utf8.md'), 'utf8');
    assert.notEqual(fixed, text);
    const le = readFileSync(path.join(sub, 'le.md'));
    assert.deepEqual([...le.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(le.subarray(2).toString('utf16le'), fixed);
    const beBytes = readFileSync(path.join(sub, 'be.md'));
    assert.deepEqual([...beBytes.subarray(0, 2)], [0xfe, 0xff]);
    assert.equal(Buffer.from(beBytes.subarray(2)).swap16().toString('utf16le'), fixed);
  });

  it('a UTF-16 byte order mark over bytes that are not UTF-16 is one line saying so', () => {
    writeFileSync(path.join(dir, 'bad16.md'), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41]));
    const r = run(['lint', 'bad16.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^confnotes lint: bad16\.md: starts with a UTF-16 byte order mark but is not valid UTF-16 text/);
  });
});
