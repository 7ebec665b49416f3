// The schedule readers and writer as the web build bundles them (esbuild, platform browser, `worker` condition)
// run where there is no Node: a bare V8 context with only what a web worker has (no require, process, Buffer).
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'schedules');

describe('Schedule import in a web worker (no Node APIs)', function () {
  this.timeout(30000);
  let run: (text: string) => { format: string; talks: number; readBack: number };

  before(async () => {
    const entry = `
      import { readSchedule, writeNotes, talksOf } from './src/core/schedule';
      import { parseNotes } from './src/core/parser';
      globalThis.importSchedule = (text) => {
        const s = readSchedule(text);
        const notes = writeNotes(s, s.sessions, { layout: 'byline', fallbackName: 'X' });
        return { format: s.format, talks: talksOf(s.sessions).length, readBack: parseNotes(notes.text).talks.length };
      };`;
    const result = await esbuild.build({
      stdin: { contents: entry, resolveDir: root, loader: 'ts' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      mainFields: ['browser', 'module', 'main'],
      conditions: ['worker', 'browser'],
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    // What a web worker has; nothing from Node.
    const context = vm.createContext({ TextDecoder, TextEncoder, URL, Intl, console, queueMicrotask, setTimeout, clearTimeout, performance: { now: () => Date.now() } });
    vm.runInContext(code, context);
    run = (text) => JSON.parse(JSON.stringify((context as { importSchedule: typeof run }).importSchedule(text))) as ReturnType<typeof run>;
  });

  for (const file of readdirSync(fixtures).filter((f) => !f.startsWith('not-'))) {
    it(`reads ${file} and writes notes that read back`, () => {
      const r = run(readFileSync(path.join(fixtures, file), 'utf8'));
      assert.ok(r.talks > 0);
      assert.equal(r.readBack, r.talks);
    });
  }
});
