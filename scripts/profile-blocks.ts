// Reads a V8 .cpuprofile (e.g. the extension host's, from CN_EXTHOST_PROFILE in test/exthost/bigNotes.test.ts)
// and prints its longest busy stretches (consecutive samples not idle) with the functions that took their time,
// by self time and by the outermost frames of the stretch, so a long block can be attributed to its code.
//
//   npx tsx scripts/profile-blocks.ts test-output/profiles/exthost-typing.cpuprofile [--top 5]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }

const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '5' }, owner: { type: 'string' } } });
const file = positionals[0];
if (!file) {
  console.error('usage: tsx scripts/profile-blocks.ts <file.cpuprofile> [--top N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);
const name = (n: ProfileNode): string => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(?=[^/]+\/[^/]+$)/, '')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
/** The frames of a sample, outermost first. */
const stack = (id: number): ProfileNode[] => {
  const out: ProfileNode[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) out.push(byId.get(cur)!);
  return out.reverse().filter((n) => n.callFrame.functionName !== '(root)');
};

/**
 * Whose work a sample is: the innermost extension on its stack (a built-in one under .../extensions/<name>/, this
 * repository's dist/ or out/), else VS Code's extension host itself, else Node or the garbage collector.
 */
function ownerOf(frames: ProfileNode[]): string {
  for (let i = frames.length - 1; i >= 0; i--) {
    const url = frames[i]!.callFrame.url;
    const builtin = /\/extensions\/([^/]+)\//.exec(url);
    if (builtin) return `extension ${builtin[1]}`;
    if (/\/(dist|out)\/(extension|exthost)/.test(url) && !url.includes('/lib/vscode/')) return url.includes('/out/exthost/') ? 'the tests' : 'this extension';
  }
  if (frames.some((f) => f.callFrame.url.includes('extensionHostProcess'))) return 'VS Code extension host';
  return frames.at(-1)?.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : 'Node / other';
}

// Busy stretches: runs of samples whose node is not idle/program.
interface Stretch { start: number; end: number; samples: { id: number; ms: number }[] }
const stretches: Stretch[] = [];
let t = profile.startTime;
let current: Stretch | undefined;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i]!;
  const id = profile.samples[i]!;
  const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const node = byId.get(id)!;
  const idle = IDLE.has(node.callFrame.functionName) && node.callFrame.functionName !== '(garbage collector)';
  if (idle) {
    if (current) stretches.push(current);
    current = undefined;
    continue;
  }
  current ??= { start: t, end: t, samples: [] };
  current.end = t + ms * 1000;
  current.samples.push({ id, ms });
}
if (current) stretches.push(current);

const total = (profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000).toFixed(0);
console.log(`${file}: ${profile.samples.length} samples over ${total} ms, ${stretches.length} busy stretches`);
const busyOwner = new Map<string, number>();
for (const st of stretches) for (const { id, ms } of st.samples) {
  const who = ownerOf(stack(id));
  busyOwner.set(who, (busyOwner.get(who) ?? 0) + ms);
}
// Longest run of consecutive samples of one owner (garbage collection inside the run counted with it): the
// longest its code held the thread in one go, whatever ran right before or after.
const longestRun = new Map<string, number>();
/** The runs of --owner, longest first, with their samples. */
const ownerRuns: { ms: number; samples: { id: number; ms: number }[] }[] = [];
for (const st of stretches) {
  let who = '';
  let run = { ms: 0, samples: [] as { id: number; ms: number }[] };
  for (const sample of st.samples) {
    const w = ownerOf(stack(sample.id));
    if (!(w === who || (w === '(garbage collector)' && who))) {
      if (who === values.owner) ownerRuns.push(run);
      who = w;
      run = { ms: 0, samples: [] };
    }
    run.ms += sample.ms;
    run.samples.push(sample);
    longestRun.set(who, Math.max(longestRun.get(who) ?? 0, run.ms));
  }
  if (who === values.owner) ownerRuns.push(run);
}
console.log('busy time by owner, whole profile (and its longest unbroken run):');
for (const [k, v] of [...busyOwner].sort((a, b) => b[1] - a[1])) console.log(`  ${v.toFixed(0).padStart(6)} ms  ${k}  (longest run ${(longestRun.get(k) ?? 0).toFixed(1)} ms)`);
if (values.owner) {
  for (const run of ownerRuns.sort((a, b) => b.ms - a.ms).slice(0, 3)) {
    console.log(`\n== ${values.owner}: a run of ${run.ms.toFixed(1)} ms, by outer frames of its own code`);
    const by = new Map<string, number>();
    for (const { id, ms } of run.samples) {
      const frames = stack(id);
      const own = frames.filter((f) => ownerOf([f]) === values.owner);
      const key = own.slice(0, 6).map(name).join(' > ') || '(garbage collector)';
      by.set(key, (by.get(key) ?? 0) + ms);
    }
    for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${v.toFixed(1).padStart(7)} ms  ${k}`);
  }
}
const top = stretches.sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, Number(values.top));
for (const s of top) {
  const ms = (s.end - s.start) / 1000;
  console.log(`\n== ${ms.toFixed(1)} ms busy, from ${((s.start - profile.startTime) / 1000).toFixed(0)} ms`);
  const self = new Map<string, number>();
  const outer = new Map<string, number>();
  const owner = new Map<string, number>();
  for (const { id, ms: d } of s.samples) {
    const frames = stack(id);
    const leaf = frames.at(-1);
    const who = ownerOf(frames);
    owner.set(who, (owner.get(who) ?? 0) + d);
    if (leaf) self.set(name(leaf), (self.get(name(leaf)) ?? 0) + d);
    // The outermost frames that are not the event loop's own: the first three named frames.
    const key = frames.slice(0, 4).map(name).join(' > ');
    outer.set(key, (outer.get(key) ?? 0) + d);
  }
  const print = (title: string, m: Map<string, number>, n: number): void => {
    console.log(`  ${title}:`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`    ${v.toFixed(1).padStart(7)} ms  ${k}`);
  };
  print('by owner (the extension whose code is on the stack)', owner, 6);
  print('self time', self, 12);
  print('outer frames', outer, 8);
}
