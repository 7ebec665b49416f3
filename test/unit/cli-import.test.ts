// `confnotes import`, run through the built CLI as users run it: `confnotes import FILE | confnotes outline`,
// -o, --into, the picks, and one clear line with exit 2 for a file that is not a schedule.
import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const fixtures = path.join(root, 'test', 'fixtures', 'schedules');
const shared = path.resolve(root, '..', 'shared', 'schedules');

function run(args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', input, maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function outline(notes: string): { talks: Array<{ title: string; speakers: string[] }>; frontMatter: { conference: string | null; date: string | null } } {
  const r = run(['outline', '--format', 'json'], notes);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { files: Array<ReturnType<typeof outline>> }).files[0]!;
}

describe('confnotes import (built CLI)', function () {
  this.timeout(60000);

  it('prints notes that `confnotes outline` reads back (piped on stdin)', () => {
    const r = run(['import', path.join(fixtures, 'c3voc.json')]);
    assert.equal(r.code, 0, r.stderr);
    const o = outline(r.stdout);
    assert.equal(o.frontMatter.conference, 'Fixture Camp 2019');
    assert.deepEqual(o.talks.map((t) => [t.title, t.speakers]), [
      ['Mesh Networks in the Field', ['Hana Ruiz', 'ivo']],
      ['Soldering for Everyone', ['Kim Lee', 'Lou Marr']],
      ['After Midnight Talk', ['Jo Park']],
      ['Mesh Networks in the Field', ['Hana Ruiz']],
    ]);
  });

  it('writes each layout the New Notes File command offers', () => {
    const expected: Record<string, RegExp> = {
      headings: /^## Cloud Costs Explained\n### Wren Yates\n\n#### Contoso$/m,
      labels: /^## Cloud Costs Explained\n\n\*\*Speaker:\*\* Wren Yates\n\n\*\*Company:\*\* Contoso$/m,
      'title-suffix': /^## Cloud Costs Explained — Wren Yates \(Contoso\)$/m,
      byline: /^## Cloud Costs Explained\nWren Yates @ Contoso$/m,
    };
    for (const [layout, pattern] of Object.entries(expected)) {
      const r = run(['import', '--layout', layout, '--conference', 'Fixture Days', path.join(fixtures, 'sessionize.json')]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, pattern, layout);
      assert.match(r.stdout, /^conference: Fixture Days$/m);
      assert.deepEqual(outline(r.stdout).talks.map((t) => t.speakers), [['Wren Yates'], ['Xia Zhou', 'Yuri Abel']], layout);
    }
  });

  it('keeps the days and rooms picked', () => {
    const r = run(['import', '--days', '2', path.join(fixtures, 'c3voc.json')]);
    assert.deepEqual(outline(r.stdout).talks.map((t) => t.title), ['Mesh Networks in the Field']);
    const rooms = run(['import', '--rooms', 'Tent B', path.join(fixtures, 'c3voc.json')]);
    assert.deepEqual(outline(rooms.stdout).talks.map((t) => t.title), ['Soldering for Everyone']);
    const bad = run(['import', '--days', 'sunday', path.join(fixtures, 'c3voc.json')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^confnotes import: --days: no day 'sunday' in this schedule \(its days: 2019-08-21, 2019-08-22\)\n$/);
  });

  it('an unrecognised file gets one clear line and exit 2', () => {
    for (const file of [path.join(fixtures, 'not-a-schedule.xml'), ...(existsSync(shared) ? [path.join(shared, 'EuroPython__europython.xml__schedule.xml')] : [])]) {
      const r = run(['import', file]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
      assert.match(r.stderr, /^confnotes import: .*: not a schedule this import reads/);
    }
  });

  it('bad input is handled as the rest of the CLI handles it', () => {
    assert.equal(run(['import']).code, 2);
    assert.match(run(['import', 'missing.ics']).stderr, /^confnotes import: missing\.ics: cannot read file \(no such file\)\n$/);
    assert.match(run(['import', '--layout', 'columns', path.join(fixtures, 'c3voc.json')]).stderr, /--layout must be headings, labels, title-suffix or byline, not 'columns'/);
    assert.match(run(['import', '--columns', 'nonsense', path.join(fixtures, 'c3voc.json')]).stderr, /--columns takes FIELD=Header pairs/);
  });

  it('reads a CSV with the columns the user maps', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cn-import-'));
    const csv = path.join(dir, 'talks.csv');
    writeFileSync(csv, 'Was,Wer,Wann\nEin Vortrag,Uta Vogel,2024-03-01 10:00\n');
    assert.equal(run(['import', csv]).code, 2);
    const r = run(['import', '--columns', 'title=Was,speakers=Wer,start=Wann', csv]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(outline(r.stdout).talks.map((t) => [t.title, t.speakers]), [['Ein Vortrag', ['Uta Vogel']]]);
  });

  it('-o writes the file; --into brings it in step and keeps the notes written under the talks', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cn-import-'));
    const notes = path.join(dir, 'notes.md');
    const first = run(['import', '--rooms', 'Tent A', '-o', notes, path.join(fixtures, 'c3voc.json')]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /wrote 3 talks to /);
    const mine = '\nI was there. *Great* demo.\n';
    const text = readFileSync(notes, 'utf8').replace(/(<!-- session: 502 -->\n)/, `$1${mine}`);
    writeFileSync(notes, text);
    const again = run(['import', '--into', notes, path.join(fixtures, 'c3voc.json')]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /: 0 updated, 1 added, 0 marked dropped, 3 unchanged\n$/);
    const after = readFileSync(notes, 'utf8');
    assert.ok(after.includes(`<!-- session: 502 -->\n${mine}`), after);
    assert.equal(outline(after).talks.length, 4);
    // Once in step, importing again changes nothing.
    const third = run(['import', '--into', notes, path.join(fixtures, 'c3voc.json')]);
    assert.match(third.stderr, /0 updated, 0 added, 0 marked dropped, 4 unchanged/);
    assert.equal(readFileSync(notes, 'utf8'), after);
  });

  describe('from a URL', () => {
    let server: Server;
    let base: string;
    before(async () => {
      server = createServer((req, res) => {
        if (req.url === '/schedule.ics') {
          res.writeHead(200, { 'content-type': 'text/calendar' });
          res.end(readFileSync(path.join(fixtures, 'pretalx.ics')));
        } else {
          res.writeHead(404);
          res.end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fetches the schedule and notes where it came from', async () => {
      // Asynchronously: a spawnSync would block the event loop this server answers on.
      const out = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
        execFile(process.execPath, [cli, 'import', `${base}/schedule.ics`], (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }));
      });
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, new RegExp(`^schedule: "${base}/schedule.ics"$`, 'm'));
      assert.deepEqual(outline(out.stdout).talks.map((t) => t.speakers), [['Amel Brun', 'Basile Caron'], ['Chloé Dumas'], ['Denis Eyre']]);
      const missing = await new Promise<{ stderr: string; code: number }>((resolve) => {
        execFile(process.execPath, [cli, 'import', `${base}/nothing.json`], (err, _stdout, stderr) => resolve({ stderr, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }));
      });
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /the server answered 404/);
    });
  });
});
