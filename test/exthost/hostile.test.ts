// Hostile notes in a real extension host (issue 15): a few files of the hostile corpus (bench/hostile-corpus.ts),
// each with a few known problems added at its end (a typo, a doubled word, a scheme-less link), are opened, typed
// in, and checked: the known problems and, where the file goes beyond the limits of the checks, the `not-checked`
// notice arrive (so every rule ran to its end: a rule that threw would lose its findings), and the typed typo is
// found. Meanwhile a timer watches for blocks of the host's thread and a CPU profile attributes each
// (bench/cpuProfile.ts): no block that is mostly this extension's code may exceed 100 ms (asserted at 500 ms, see LONGEST_RUN_MS). The responsiveness probe's figure is printed for information.
// The files are written into the test workspace and removed afterwards; editors are reverted, never saved.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FindingState } from '../../src/vscode/notesClient';
import { ownerOf, samplesOf, type CpuProfile } from '../../bench/cpuProfile';
import { EDITOR_CANARIES, EDITOR_CASES, hostileCases } from '../../bench/hostile-corpus';
import { EXTENSION_ID, SAMPLE, waitFor, workspaceFile } from './helpers';

/** Waiting for the extension on these files: generous, nothing here is timed but the extension's own blocks. */
const SLOW = 120_000;
/**
 * The goal is 100 ms (printed per case). Asserted on the block's CPU time, with room: on a loaded 2-core machine
 * the wall time of the same blocks went from 0-120 ms at a load of 1 to 680 ms at a load of 7 (the process waiting
 * for a core), and the process's CPU time also counts its other threads. 500 ms catches a step that grows with the
 * file (a whole block parsed or linted at once: seconds; a 200,000-character line took 12.7 s).
 */
const LONGEST_RUN_MS = 500;

/** The problems every hostile file gets at its end (EDITOR_CANARIES), with the rule that must find each. */
const EXPECTED = [
  { rule: 'spelling', text: "'recieve'" },
  { rule: 'repeated-word', text: "'some'" },
  { rule: 'link-without-scheme', text: "'spiffe.io'" },
];

const findings = async (uri: vscode.Uri): Promise<FindingState[]> => (await vscode.commands.executeCommand<FindingState[]>('conferenceNotes.internal.findings', uri)) ?? [];
const probe = (action: 'start' | 'stop'): Thenable<{ longestBlockMs: number } | undefined> => vscode.commands.executeCommand('conferenceNotes.internal.hostResponsiveness', action);

/** A CPU profile of the extension host's thread from now to the returned stop. */
async function startProfile(): Promise<() => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    return profile;
  };
}

const PERIOD_MS = 4;
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * Blocks of the host's thread: a timer asks for a turn every PERIOD_MS; a turn that comes late means the thread was
 * held by one task (ours, VS Code's, another extension's) from the previous turn to this one. Times in µs of the
 * monotonic clock, the clock of V8's CPU profiles; `cpu`: the CPU time the process used meanwhile (µs), which time
 * spent waiting for a core on a loaded machine does not count.
 */
function startBlockWatch(): () => Array<{ from: number; to: number; cpu: number }> {
  const blocks: Array<{ from: number; to: number; cpu: number }> = [];
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  let last = nowUs();
  let lastCpu = cpuNow();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = (): void => {
    const now = nowUs();
    const cpu = cpuNow();
    if (now - last > (PERIOD_MS + 20) * 1000) blocks.push({ from: last, to: now, cpu: cpu - lastCpu });
    last = now;
    lastCpu = cpu;
    timer = setTimeout(tick, PERIOD_MS);
  };
  timer = setTimeout(tick, PERIOD_MS);
  return () => {
    clearTimeout(timer);
    return blocks;
  };
}

const isOurs = (owner: string): boolean => owner === 'this extension' || owner.startsWith('extension conference-notes.conference-notes');

/**
 * The longest block of the host's thread whose busy time (garbage collection aside) was mostly this extension's
 * code (run from this folder, or installed from the .vsix), in ms, attributed through the CPU profile's samples:
 * its wall time, and its CPU time (the process's, at most the wall time), which a loaded machine does not inflate.
 */
function longestBlockOfExtension(profile: CpuProfile, blocks: ReadonlyArray<{ from: number; to: number; cpu: number }>): { wall: number; cpu: number } {
  const samples = samplesOf(profile);
  const longest = { wall: 0, cpu: 0 };
  for (const block of blocks) {
    let ours = 0;
    let others = 0;
    for (const s of samples) {
      const at = profile.startTime + s.at;
      if (at < block.from || at > block.to) continue;
      const owner = ownerOf(s.frames);
      if (isOurs(owner)) ours += s.ms;
      else if (owner !== '(garbage collector)' && !(s.frames.length === 1 && ['(idle)', '(program)'].includes(s.frames[0]!.callFrame.functionName))) others += s.ms;
    }
    if (ours <= others) continue;
    const wall = (block.to - block.from) / 1000 - PERIOD_MS;
    longest.wall = Math.max(longest.wall, wall);
    longest.cpu = Math.max(longest.cpu, Math.min(wall, block.cpu / 1000));
  }
  return longest;
}

/** The repository: the development extension's folder, or CN_REPO_ROOT when the suite runs against the installed .vsix. */
function repoRoot(): string {
  if (process.env.CN_REPO_ROOT) return process.env.CN_REPO_ROOT;
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.extensionUri.fsPath;
}

function hasAll(found: readonly FindingState[], notice: boolean): boolean {
  return EXPECTED.every((e) => found.some((f) => f.rule === e.rule && f.message.includes(e.text))) && (!notice || found.some((f) => f.rule === 'not-checked'));
}

describe('Hostile notes in the editor (issue 15)', function () {
  this.timeout(4 * SLOW);
  let sample: string;
  let autoSave: unknown;

  before(async () => {
    const files = vscode.workspace.getConfiguration('files');
    autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    sample = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(SAMPLE)));
    // The test-only commands (the probe) exist once the extension is active; run on its own, this suite is first.
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  });

  for (const c of EDITOR_CASES) {
    it(`${c.name} (scaled ${c.scale}): findings${c.notice ? ' and the not-checked notice' : ''} arrive, typing is followed, no block of ours over ${LONGEST_RUN_MS} ms`, async () => {
      const hostile = hostileCases(c.scale, sample).find((h) => h.name === c.name);
      assert.ok(hostile, c.name);
      const uri = workspaceFile(`hostile-${c.name}.md`);
      await vscode.workspace.fs.writeFile(uri, Buffer.concat([hostile.build(), Buffer.from(EDITOR_CANARIES)]));
      const stopProfile = await startProfile();
      const stopWatch = startBlockWatch();
      await probe('start');
      let longest = { wall: 0, cpu: 0 };
      try {
        const document = await vscode.workspace.openTextDocument(uri);
        const editor = await vscode.window.showTextDocument(document);
        let last: FindingState[] = [];
        await waitFor(`the known problems of ${c.name}`, async () => hasAll((last = await findings(uri)), c.notice), SLOW).catch((err: Error) => {
          throw new Error(`${err.message}; last: ${last.length} findings, rules ${[...new Set(last.map((f) => f.rule))].join(', ')}`);
        });
        if (c.notice) {
          const notice = last.filter((f) => f.rule === 'not-checked');
          assert.equal(notice.length, 1, 'one notice for the file');
          assert.match(notice[0]!.message, /not checked, being beyond the limits of the checks/);
        }

        // Typing at the end of the canary paragraph, a key at a time, then a space: the word being typed is only
        // checked once the cursor leaves it, and a capitalised unknown word may be a name, so the typo is lower case.
        const line = document.lineCount - 2;
        const end = document.lineAt(line).range.end;
        editor.selection = new vscode.Selection(end, end);
        for (const key of ' wensday ') {
          await vscode.commands.executeCommand('type', { text: key });
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.ok(document.lineAt(line).text.endsWith(' wensday '));
        await waitFor('the typed typo to be found', async () => (await findings(uri)).some((f) => f.rule === 'spelling' && f.message.includes("'wensday'") && f.range.start.line === line), SLOW);
        assert.ok(hasAll(await findings(uri), c.notice), 'the other findings stay');
      } finally {
        const responsiveness = await probe('stop');
        const blocks = stopWatch();
        const profile = await stopProfile();
        longest = longestBlockOfExtension(profile, blocks);
        // Kept for attributing a long run: tsx scripts/profile-blocks.ts <file> --top 3 --owner 'this extension'.
        const folder = path.join(repoRoot(), 'test-output', 'profiles');
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(folder, `hostile-${c.name}.cpuprofile`), JSON.stringify(profile));
        console.log(`      (for information: ${c.name}: longest block of this extension ${longest.wall.toFixed(1)} ms, CPU ${longest.cpu.toFixed(1)} ms; longest block of the host ${responsiveness?.longestBlockMs} ms)`);
        for (const e of vscode.window.visibleTextEditors) {
          if (e.document.uri.toString() !== uri.toString()) continue;
          await vscode.window.showTextDocument(e.document);
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        }
        const edit = new vscode.WorkspaceEdit();
        edit.deleteFile(uri, { ignoreIfNotExists: true });
        await vscode.workspace.applyEdit(edit);
      }
      assert.ok(longest.cpu <= LONGEST_RUN_MS, `this extension held the host's thread for ${longest.cpu.toFixed(1)} ms of CPU in one go (${longest.wall.toFixed(1)} ms)`);
    });
  }
});
