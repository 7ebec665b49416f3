// `npm run bench:hostile:steps`: the editor's side of the hostile corpus, in this process and on a quiet clock. Each
// case (at the sizes the extension-host suite opens, test/exthost/hostile.test.ts) goes through what an editor does
// with a big file, in slices with a zero budget (every step yields): the parse in slices, the locale, the lint
// session's full lint, one edit and its re-check. Printed per case: the longest step of each, in ms of CPU time of
// this thread (not wall time, so that load on a shared machine does not inflate it). A step is what runs between two
// turns of the event loop: the editor's 100 ms goal is for the longest one with the slices' budget (12 ms) added.
//
//   node --import tsx bench/hostile-steps.ts [--only a,b] [--scale S (multiplies the suite's scales)]
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EDITOR_CANARIES, EDITOR_CASES, hostileCases } from './hostile-corpus';
import { parseNotesInSlices } from '../src/core/parse/driver';
import { LintSession } from '../src/core/lintSession';
import { documentLocaleSteps, type LocaleSpeller } from '../src/core/spelling/locale';
import { runInSlices } from '../src/core/nextTurn';
import { talkRowsSteps } from '../src/core/talks/rows';
import { loadNodeSpeller } from '../src/cli/dictionary';
import type { NotesDocument } from '../src/core/model';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const only = option('only')?.split(',');
const factor = Number(option('scale') ?? 1);

/** The extension-host suite's cases and scales (every case but the UTF-16 ones and the open fence). */
const CASES: Array<[string, number]> = EDITOR_CASES.map((c) => [c.name, c.scale]);

/** CPU time of this thread so far, in ms. */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs steps with a zero budget; the longest step in CPU ms. */
async function longestStep<T>(run: (yieldFn: () => Promise<void>) => Promise<T>): Promise<{ result: T; longest: number; steps: number }> {
  let longest = 0;
  let steps = 0;
  let last = cpu();
  const yieldFn = async (): Promise<void> => {
    const now = cpu();
    longest = Math.max(longest, now - last);
    steps++;
    await new Promise<void>((r) => setImmediate(r));
    last = cpu();
  };
  const result = await run(yieldFn);
  longest = Math.max(longest, cpu() - last);
  return { result, longest, steps };
}

async function main(): Promise<void> {
  const sample = readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8');
  const speller = await loadNodeSpeller('en-US');
  const rows: string[][] = [['case', 'size', 'parse', 'locale', 'lint', 'edit', 'talk rows', 'findings']];
  // The sample first, unprinted: the code is compiled (warm) before the first case is timed.
  for (const [name, scale] of [['warm-up', 0] as [string, number], ...CASES]) {
    if (only && name !== 'warm-up' && !only.includes(name)) continue;
    const hostile = hostileCases(scale * factor, sample).find((h) => h.name === name);
    const text = (hostile ? hostile.build().toString('utf8') : sample) + EDITOR_CANARIES;
    const parse = await longestStep((yieldFn) => parseNotesInSlices(text, {}, { budgetMs: 0, yieldFn }));
    const doc = parse.result as NotesDocument;
    const locale = await longestStep((yieldFn) => runInSlices(documentLocaleSteps(doc, undefined, speller as LocaleSpeller), { budgetMs: 0, yieldFn }));
    const l = locale.result!;
    const session = new LintSession({ speller: speller.withLocale ? speller.withLocale(l.locale, l.alsoAccepted) : speller });
    session.accept(doc);
    const lint = await longestStep((yieldFn) => session.lintAll({ budgetMs: 0, yieldFn }));
    // One edit: a word typed at the end of the canary paragraph, then the re-check (or the lint in slices).
    const lines = text.split(/\r\n|\r|\n/);
    const at = lines.length - 2;
    lines[at] = `${lines[at]} wensday`;
    // As the extension takes an edit: at once when it kept the structure, else parsed in slices; then the lint.
    const edit = await longestStep(async (yieldFn) => {
      const update = await session.updateInSlices(lines.join('\n'), { budgetMs: 0, yieldFn });
      return update?.findings ?? (await session.lintAll({ budgetMs: 0, yieldFn }));
    });
    // As the Talks view makes them for a file of many talks: in steps (a few hundred talks each).
    const talkRowsRun = await longestStep((yieldFn) => runInSlices(talkRowsSteps({ key: name, name: `${name}.md`, doc: session.doc!, problems: lint.result ?? [] }), { budgetMs: 0, yieldFn }));
    const rowsMs = talkRowsRun.longest;
    const fmt = (ms: number): string => ms.toFixed(1);
    if (!hostile) continue;
    rows.push([name, `${(text.length / 1e6).toFixed(2)} MB`, fmt(parse.longest), fmt(locale.longest), fmt(lint.longest), fmt(edit.longest), fmt(rowsMs), String(edit.result?.length ?? '-')]);
    console.error(`  ${rows.at(-1)!.join(' | ')}`);
  }
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  console.log(`bench:hostile:steps — longest step, CPU ms (${CASES.length} cases of the editor suite; budget 0)`);
  for (const r of rows) console.log(r.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  '));
}

void main();
