// bench/cpuProfile.ts: attributing an extension host's CPU profile (npm run bench:exthost) on a profile built by
// hand, where every figure is known.
import { strict as assert } from 'node:assert';
import { busyStretches, ownerOf, ownerRuns, ownerSummary, samplesOf, type CpuProfile } from '../../bench/cpuProfile';

const REPO = 'file:///work/repo';
const VSCODE = 'file:///srv/code-server/lib/vscode';
const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

// 1 (root) ─ 2 (idle), 3 ours, 4 markdown-it ─ 5 ours (a callback the Markdown extension calls), 6 GC, 7 VS Code's host.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 6, 7] },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('relint', `${REPO}/dist/extension.js`) },
    { id: 4, callFrame: frame('tokenize', `${VSCODE}/extensions/markdown-language-features/dist/extension.js`), children: [5] },
    { id: 5, callFrame: frame('onToken', `${REPO}/dist/extension.js`) },
    { id: 6, callFrame: frame('(garbage collector)') },
    { id: 7, callFrame: frame('fire', `${VSCODE}/out/vs/workbench/api/node/extensionHostProcess.js`) },
  ],
  // idle | ours ours GC ours | idle | markdown ×3 GC | idle | host; each sample stands for 1 ms (the last for 0).
  samples: [2, 3, 3, 6, 3, 2, 4, 4, 4, 6, 2, 7],
  timeDeltas: Array(12).fill(1000),
  startTime: 0,
};

describe('CPU profile attribution (bench/cpuProfile.ts)', () => {
  const samples = samplesOf(profile);

  it('reads every sample with its stack, outermost first, and the time it stands for', () => {
    assert.equal(samples.length, 12);
    assert.deepEqual(samples[6]!.frames.map((f) => f.callFrame.functionName), ['tokenize']);
    assert.equal(samples[6]!.ms, 1);
    assert.equal(samples[11]!.ms, 0);
    assert.equal(samples[11]!.at, 12000);
  });

  it('names the owner: the innermost extension on the stack, else VS Code, else the GC or Node', () => {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    assert.equal(ownerOf([byId.get(3)!]), 'this extension');
    assert.equal(ownerOf([byId.get(4)!]), 'extension markdown-language-features');
    assert.equal(ownerOf([byId.get(4)!, byId.get(5)!]), 'this extension');
    assert.equal(ownerOf([byId.get(7)!]), 'VS Code extension host');
    assert.equal(ownerOf([byId.get(6)!]), '(garbage collector)');
    assert.equal(ownerOf([{ id: 9, callFrame: frame('main', `${VSCODE}/out/vs/server/main.js`) }]), 'Node / other');
    // The bundles extension.js requires after activation are ours too (the language client, the schedule readers).
    assert.equal(ownerOf([{ id: 10, callFrame: frame('handleNotification', `${REPO}/dist/languageClient.js`) }]), 'this extension');
    assert.equal(ownerOf([{ id: 11, callFrame: frame('readSchedule', `${REPO}/dist/schedule.js`) }]), 'this extension');
  });

  it('splits busy stretches at idle samples, and runs of one owner with the GC inside them', () => {
    const stretches = busyStretches(samples);
    assert.deepEqual(stretches.map((s) => s.length), [4, 4, 1]);
    const runs = ownerRuns(stretches);
    assert.deepEqual(runs.map((r) => [r.owner, r.ms]), [
      ['this extension', 4],
      ['extension markdown-language-features', 4],
      ['VS Code extension host', 0],
    ]);
  });

  it('sums busy time per owner with the GC apart, and keeps each owner\'s longest run', () => {
    const summary = ownerSummary(ownerRuns(busyStretches(samples)));
    const by = Object.fromEntries(summary.map((s) => [s.owner, [s.busyMs, s.longestRunMs]]));
    assert.deepEqual(by, {
      'this extension': [3, 4],
      'extension markdown-language-features': [3, 4],
      '(garbage collector)': [2, 0],
      'VS Code extension host': [0, 0],
    });
  });
});
