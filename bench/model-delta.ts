// `npm run bench:model`: what the model mirror costs (src/core/modelDelta.ts: the server sends the VS Code client each
// document's model as the change from the one sent before), in this process, on the big notes (bench/big-notes.mjs)
// and on 4,400 copies of the sample (40 MB):
//   - the whole model (a document opened): its JSON, the parts it goes in, the server's diff and serialisation, and
//     the client's longest part (JSON.parse plus apply);
//   - after one word typed in a talk's notes, and after a line added near the top (every talk below moves): the
//     delta's JSON, the server's diff, the client's apply (and its longest step when the client applies in slices).
// Each timing is the median of a few runs.
//
//   npm run bench:model [-- --quick]   (--quick: the big notes only)
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseNotes } from '../src/core';
import { parseIncremental } from '../src/core/incremental';
import { applySteps, diffModel, EMPTY_MODEL, packDelta, splitDelta, unpackDelta, type ModelDelta } from '../src/core/modelDelta';
import type { NotesDocument } from '../src/core/model';
import { pathToFileURL } from 'node:url';

const PART_CHARS = 512 * 1024;
const RUNS = 5;
const quick = process.argv.includes('--quick');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

function time<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

/** Applies as the client does (steps), timing the whole and the longest step. */
function applyTimed(before: NotesDocument, delta: ModelDelta): { doc: NotesDocument; ms: number; longestStepMs: number } {
  const steps = applySteps(before, delta);
  const start = performance.now();
  let longest = 0;
  for (;;) {
    const t = performance.now();
    const next = steps.next();
    longest = Math.max(longest, performance.now() - t);
    if (next.done) return { doc: next.value, ms: performance.now() - start, longestStepMs: longest };
  }
}

const mb = (chars: number): string => `${(chars / 1e6).toFixed(2)} MB`;
const kb = (chars: number): string => (chars < 10_000 ? `${chars} B` : `${(chars / 1e3).toFixed(0)} KB`);
const ms = (n: number): string => `${n.toFixed(1)} ms`;

function bench(name: string, text: string): void {
  const doc = parseNotes(text);
  console.log(`\n${name}: ${mb(text.length)}, ${doc.lineCount} lines, ${doc.talks.length} talks`);
  // The whole model.
  const whole = median(Array.from({ length: RUNS }, () => time(() => splitDelta(diffModel(EMPTY_MODEL, doc), PART_CHARS)).ms));
  const parts = splitDelta(diffModel(EMPTY_MODEL, doc), PART_CHARS);
  const json = parts.map((p) => JSON.stringify(packDelta(p)));
  const serialise = time(() => parts.map((p) => JSON.stringify(packDelta(p)))).ms;
  let held = EMPTY_MODEL;
  let longestPart = 0;
  for (const j of json) {
    const t = performance.now();
    held = applyTimed(held, unpackDelta(JSON.parse(j) as ModelDelta)).doc;
    longestPart = Math.max(longestPart, performance.now() - t);
  }
  console.log(`  whole model: ${mb(json.reduce((n, j) => n + j.length, 0))} of JSON in ${parts.length} part(s); server: diff ${ms(whole)}, JSON ${ms(serialise)}; client: longest part ${ms(longestPart)} (JSON.parse + apply)`);
  // One word typed into a talk's notes, and a line added near the top.
  const lines = doc.lines;
  const talk = doc.talks[Math.floor(doc.talks.length / 2)]!;
  const at = talk.notesRange?.end.line ?? talk.range.end.line;
  const edits: Array<[string, string]> = [];
  {
    const l = lines.slice();
    l[at] = `${l[at]} word`;
    edits.push(['a word typed in a talk\'s notes', l.join('\n')]);
  }
  {
    const l = lines.slice();
    l.splice(doc.talks[1]?.range.start.line ?? 1, 0, 'A new line near the top.');
    edits.push(['a line added near the top', l.join('\n')]);
  }
  for (const [what, edited] of edits) {
    const after = parseIncremental(edited, doc).doc;
    const diffs = Array.from({ length: RUNS }, () => time(() => diffModel(doc, after)));
    const delta = diffs[0]!.value;
    const wire = JSON.stringify(packDelta(delta));
    const applies = Array.from({ length: RUNS }, () => applyTimed(held, unpackDelta(JSON.parse(wire) as ModelDelta)));
    console.log(
      `  ${what}: delta ${kb(wire.length)} (${delta.talks.insert.length} talk(s) sent, ${delta.talks.shift ? `${doc.talks.length - delta.talks.at - delta.talks.remove} moved` : 'none moved'}); ` +
        `server diff ${ms(median(diffs.map((d) => d.ms)))}; client apply ${ms(median(applies.map((a) => a.ms)))}, longest step ${ms(median(applies.map((a) => a.longestStepMs)))}`,
    );
  }
}

void (async () => {
  const { makeBigNotes } = (await import(pathToFileURL(path.join(__dirname, 'big-notes.mjs')).href)) as { makeBigNotes: (copies?: number) => string };
  const sample = readFileSync(path.join(__dirname, '..', 'samples', 'scaleconf-2017.md'), 'utf8');
  bench('the sample', sample);
  bench('the big notes', makeBigNotes());
  if (!quick) bench('4,400 copies of the sample', sample.repeat(4400));
})();
