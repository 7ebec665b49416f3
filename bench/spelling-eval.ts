// Quick quality check of this project's speller alone (no peers): node --import tsx bench/spelling-eval.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpeller } from '../src/core/spelling/speller';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sets = process.argv.slice(2).length ? process.argv.slice(2) : ['norvig_testset1', 'norvig_testset2', 'aspell_orig'];
const verbose = process.env.VERBOSE === '1';
async function main(): Promise<void> {
const t0 = performance.now();
const speller = await loadSpeller('en-US', async (p) => new Uint8Array(readFileSync(path.join(root, 'dict', p))));
console.log(`load ${(performance.now() - t0).toFixed(0)} ms`);
for (const set of sets) {
  const pairs = readFileSync(path.join(root, 'bench/spelling', `${set}.tsv`), 'utf8').trim().split('\n').map((l) => l.split('\t') as [string, string]);
  let det = 0, top1 = 0, top5 = 0;
  const times: number[] = [];
  for (const [wrong, right] of pairs) {
    const s = performance.now();
    const ok = speller.isCorrect(wrong);
    const sug = ok ? [] : speller.suggest(wrong, 8);
    times.push(performance.now() - s);
    if (!ok) det++;
    const i = sug.findIndex((x) => x.toLowerCase() === right.toLowerCase());
    if (i === 0) top1++;
    if (i >= 0 && i < 5) top5++;
    if (verbose && i !== 0) console.log(`${wrong} -> ${right} [${i}] ${sug.slice(0, 5).join(' ')}`);
  }
  times.sort((a, b) => a - b);
  const pct = (x: number) => ((100 * x) / pairs.length).toFixed(1);
  console.log(`${set}: n=${pairs.length} detected ${pct(det)} top1 ${pct(top1)} top5 ${pct(top5)} median ${times[times.length >> 1]!.toFixed(2)} p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(2)} max ${times[times.length - 1]!.toFixed(2)} ms`);
}
}
void main();
