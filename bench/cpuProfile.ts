// A V8 .cpuprofile (as the inspector's Profiler.stop returns it) read as the extension host's time: samples with
// their stacks, busy stretches (consecutive samples that are not idle), and whose code each sample ran — this
// extension, a built-in extension, VS Code's own host code, the tests, Node or the garbage collector — so a long
// block of the host can be attributed. Used by scripts/profile-blocks.ts (`npm run bench:exthost`).

export interface CallFrame { functionName: string; url: string; lineNumber: number }
export interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }

export interface Sample {
  /** The frames, outermost first ('(root)' left out). */
  frames: ProfileNode[];
  /** When it was taken, µs since the profile's start. */
  at: number;
  /** The time it stands for (until the next sample), ms. */
  ms: number;
}

export const GC = '(garbage collector)';
const IDLE = new Set(['(idle)', '(program)']);

/** Every sample with its stack. */
export function samplesOf(profile: CpuProfile): Sample[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map<number, ProfileNode[]>();
  const stack = (id: number): ProfileNode[] => {
    let frames = stacks.get(id);
    if (!frames) {
      frames = [];
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) frames.push(byId.get(cur)!);
      frames = frames.reverse().filter((n) => n.callFrame.functionName !== '(root)');
      stacks.set(id, frames);
    }
    return frames;
  };
  let at = 0;
  return profile.samples.map((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    return { frames: stack(id), at, ms: (profile.timeDeltas[i + 1] ?? 0) / 1000 };
  });
}

/** Whose code one frame is, if it belongs to an extension or the tests (by its script's URL). */
function frameOwner(url: string): string | undefined {
  const builtin = /\/extensions\/([^/]+)\//.exec(url);
  if (builtin) return `extension ${builtin[1]}`;
  if (url.includes('/lib/vscode/')) return undefined;
  if (/\/out\/exthost\//.test(url)) return 'the tests';
  // Every bundle the extension host loads of ours: extension.js and those it requires later (languageClient.js,
  // schedule.js). dist/server.js runs in a process of its own.
  if (/\/dist\/(extension|languageClient|schedule)\.js/.test(url)) return 'this extension';
  return undefined;
}

/** Whose work a sample is: the innermost extension on its stack, else VS Code's host code, else Node or the GC. */
export function ownerOf(frames: readonly ProfileNode[]): string {
  for (let i = frames.length - 1; i >= 0; i--) {
    const owner = frameOwner(frames[i]!.callFrame.url);
    if (owner) return owner;
  }
  if (frames.some((f) => f.callFrame.url.includes('extensionHostProcess'))) return 'VS Code extension host';
  return frames.at(-1)?.callFrame.functionName === GC ? GC : 'Node / other';
}

const isIdle = (s: Sample): boolean => s.frames.length === 1 && IDLE.has(s.frames[0]!.callFrame.functionName);

/** Runs of consecutive samples that are not idle (garbage collection counts as busy). */
export function busyStretches(samples: readonly Sample[]): Sample[][] {
  const out: Sample[][] = [];
  let current: Sample[] = [];
  for (const s of samples) {
    if (isIdle(s)) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(s);
  }
  if (current.length) out.push(current);
  return out;
}

export interface Run { owner: string; ms: number; samples: Sample[] }

/**
 * Unbroken runs of one owner inside the busy stretches (garbage collection within a run counted with it): the
 * longest its code held the thread in one go. Consecutive tasks of one owner with no idle sample between them
 * make one run, so a run is at least as long as the owner's longest task.
 */
export function ownerRuns(stretches: readonly Sample[][]): Run[] {
  const runs: Run[] = [];
  for (const stretch of stretches) {
    let run: Run | undefined;
    for (const s of stretch) {
      const owner = ownerOf(s.frames);
      if (!run || (owner !== run.owner && !(owner === GC && run.owner !== GC))) {
        run = { owner, ms: 0, samples: [] };
        runs.push(run);
      }
      run.ms += s.ms;
      run.samples.push(s);
    }
  }
  return runs;
}

export interface OwnerSummary { owner: string; busyMs: number; longestRunMs: number }

/**
 * Busy time per owner (each sample to its own owner, garbage collection apart) and the owner's longest unbroken run
 * (garbage collection inside it included), busiest first.
 */
export function ownerSummary(runs: readonly Run[]): OwnerSummary[] {
  const by = new Map<string, OwnerSummary>();
  const entry = (owner: string): OwnerSummary => {
    let s = by.get(owner);
    if (!s) by.set(owner, (s = { owner, busyMs: 0, longestRunMs: 0 }));
    return s;
  };
  for (const run of runs) {
    for (const sample of run.samples) entry(ownerOf(sample.frames)).busyMs += sample.ms;
    const s = entry(run.owner);
    s.longestRunMs = Math.max(s.longestRunMs, run.ms);
  }
  return [...by.values()].sort((a, b) => b.busyMs - a.busyMs);
}

/** `name file:line` of a frame, with the last two segments of its script's path. */
export function frameName(n: ProfileNode): string {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(?=[^/]+\/[^/]+$)/, '')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
}
