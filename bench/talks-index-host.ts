// Runs inside the extension host for bench/talks-index.ts: times the Talks workspace index over the
// generated notes files while measuring how responsive the extension host stays. Prints one `BENCH {json}` line.
import * as vscode from 'vscode';
import type { TalksViewState } from '../src/vscode/talksView';

interface IndexResult { done: number; total: number; lastDurationMs?: number; notesFiles: number }

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const state = async (items = false): Promise<TalksViewState> =>
  (await vscode.commands.executeCommand<TalksViewState>('conferenceNotes.internal.talksTree', { items }))!;

/** While `work` runs: the longest gap of a 5 ms timer (a blocked thread) and round trips of a command through the workbench. */
async function measure<T>(work: () => Promise<T>, onTick?: () => Promise<void>): Promise<{ result: T; ms: number; maxGapMs: number; roundTrips: number[] }> {
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last - 5);
    last = now;
  }, 5);
  const roundTrips: number[] = [];
  let running = true;
  const pinger = (async () => {
    for (let i = 0; running; i++) {
      const t = performance.now();
      await vscode.commands.executeCommand('setContext', 'conferenceNotes.bench.ping', i);
      roundTrips.push(performance.now() - t);
      await onTick?.();
      await sleep(50);
    }
  })();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  running = false;
  await pinger;
  clearInterval(timer);
  return { result, ms, maxGapMs: maxGap, roundTrips };
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

export async function run(): Promise<void> {
  const files = await vscode.workspace.findFiles('**/*.md');
  const first = files.sort((a, b) => a.path.localeCompare(b.path))[0];
  if (!first) throw new Error('no generated notes files in the workspace');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(first));
  const ext = vscode.extensions.getExtension('conference-notes.conference-notes');
  for (let i = 0; i < 200 && !ext?.isActive; i++) await sleep(50);
  await vscode.commands.executeCommand('conferenceNotes.talks.showWorkspace');
  await vscode.commands.executeCommand('conferenceNotes.talks.focus');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(first));

  // The first index starts by itself shortly after activation (the view asked for it too): wait for it.
  const firstIndex = await measure(async () => {
    for (;;) {
      const s = await state();
      if (!s.indexing.indexing && s.indexing.lastDurationMs !== undefined) return s.indexing;
      await sleep(20);
    }
  });

  const idle = await measure(() => sleep(1500));

  // Again, on demand, sampling what the view shows while it runs.
  const seen: Array<{ done: number; total: number; message?: string }> = [];
  console.log('BENCH-REINDEX');
  const reindex = await measure(
    async () => (await vscode.commands.executeCommand<IndexResult>('conferenceNotes.internal.reindexTalks'))!,
    async () => {
      const s = await state();
      if (s.indexing.indexing) seen.push({ done: s.indexing.done, total: s.indexing.total, message: s.message });
    },
  );
  const after = await state(true);
  const talks = after.items.reduce((n, g) => n + (g.children?.length ?? 0), 0);
  console.log(
    'BENCH ' +
      JSON.stringify({
        markdownFiles: files.length,
        notesFiles: reindex.result.notesFiles,
        conferencesInTree: after.items.length,
        talksInTree: talks,
        firstIndexMs: firstIndex.result.lastDurationMs,
        reindexMs: Math.round(reindex.ms),
        reindexReportedMs: reindex.result.lastDurationMs,
        longestBlockMs: { idle: Math.round(idle.maxGapMs), firstIndex: Math.round(firstIndex.maxGapMs), reindex: Math.round(reindex.maxGapMs) },
        roundTripMs: {
          idle: { n: idle.roundTrips.length, p50: +pct(idle.roundTrips, 50).toFixed(1), max: +Math.max(...idle.roundTrips).toFixed(1) },
          reindex: { n: reindex.roundTrips.length, p50: +pct(reindex.roundTrips, 50).toFixed(1), max: +Math.max(...reindex.roundTrips).toFixed(1) },
        },
        progressSamples: seen.length,
        progressFirst: seen[0],
        progressLast: seen.at(-1),
      }),
  );
}
