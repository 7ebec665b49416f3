// Prints where a V8 .cpuprofile's busy time went (e.g. the extension host's, from CN_EXTHOST_PROFILE in
// test/exthost/bigNotes.test.ts): busy time and longest unbroken run per owner (bench/cpuProfile.ts), with
// --owner NAME that owner's longest runs by its own outermost frames, and the --top N longest busy stretches by
// owner, self time and outer frames.
//
//   npx tsx scripts/profile-blocks.ts test-output/profiles/exthost-typing.cpuprofile [--top 5] [--owner 'this extension']
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { busyStretches, frameName, GC, ownerOf, ownerRuns, ownerSummary, samplesOf, type CpuProfile, type Sample } from '../bench/cpuProfile';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '5' }, owner: { type: 'string' } } });
const file = positionals[0];
if (!file) {
  console.error("usage: tsx scripts/profile-blocks.ts <file.cpuprofile> [--top N] [--owner 'this extension']");
  process.exit(2);
}
let profile: CpuProfile;
try {
  profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  if (!Array.isArray(profile.nodes) || !Array.isArray(profile.samples) || !Array.isArray(profile.timeDeltas)) throw new Error('not a V8 CPU profile (no nodes, samples and timeDeltas)');
} catch (err) {
  console.error(`profile-blocks: ${file}: ${(err as Error).message}`);
  process.exit(2);
}
const samples = samplesOf(profile);
const stretches = busyStretches(samples);
const runs = ownerRuns(stretches);

const total = samples.reduce((sum, s) => sum + s.ms, 0);
console.log(`${file}: ${samples.length} samples over ${total.toFixed(0)} ms, ${stretches.length} busy stretches`);
console.log('busy time by owner, whole profile (and its longest unbroken run):');
for (const s of ownerSummary(runs)) console.log(`  ${s.busyMs.toFixed(0).padStart(6)} ms  ${s.owner}  (longest run ${s.longestRunMs.toFixed(1)} ms)`);

/** Prints the `n` largest entries of time per key, summed over `samples`. */
function printBy(title: string, samples: readonly Sample[], keyOf: (s: Sample) => string, n: number): void {
  const by = new Map<string, number>();
  for (const s of samples) by.set(keyOf(s), (by.get(keyOf(s)) ?? 0) + s.ms);
  console.log(`  ${title}:`);
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`    ${v.toFixed(1).padStart(7)} ms  ${k}`);
}

if (values.owner) {
  const own = (s: Sample): string => {
    const frames = s.frames.filter((f) => ownerOf([f]) === values.owner);
    return frames.slice(0, 6).map(frameName).join(' > ') || GC;
  };
  for (const run of runs.filter((r) => r.owner === values.owner).sort((a, b) => b.ms - a.ms).slice(0, 3)) {
    console.log(`\n== ${values.owner}: a run of ${run.ms.toFixed(1)} ms`);
    printBy('by its own outermost frames', run.samples, own, 8);
  }
}

const length = (st: Sample[]): number => st.reduce((sum, s) => sum + s.ms, 0);
for (const st of [...stretches].sort((a, b) => length(b) - length(a)).slice(0, Number(values.top))) {
  console.log(`\n== ${length(st).toFixed(1)} ms busy, from ${(st[0]!.at / 1000).toFixed(0)} ms`);
  printBy('by owner', st, (s) => ownerOf(s.frames), 6);
  printBy('self time', st, (s) => (s.frames.length ? frameName(s.frames.at(-1)!) : '(none)'), 12);
  printBy('outer frames', st, (s) => s.frames.slice(0, 4).map(frameName).join(' > '), 8);
}
