// The extension-host runner itself: a failing assertion inside the extension host makes it exit non-zero,
// and it leaves no process behind.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { REPO_ROOT } from '../harness/paths';

/** PIDs of processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

describe('Extension-host runner', () => {
  it('exits non-zero when an assertion fails in the extension host, and stops everything it started', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/test-exthost.ts', '--no-build', '--grep', 'runner self-test', '--out', 'exthost-selftest'],
      { cwd: REPO_ROOT, env: { ...process.env, CN_RUNNER_SELFTEST: '1' }, encoding: 'utf8', timeout: 120_000 },
    );
    const output = result.stdout + result.stderr;
    assert.equal(result.status, 1, `expected exit code 1, got ${result.status}:\n${output.slice(-3000)}`);
    assert.match(output, /fails on purpose/);
    assert.match(output, /deliberate failure/);
    assert.match(output, /^exthost: 1 passed, 1 failed$/m);
    const runDir = /run folder (\S+)/.exec(output)?.[1];
    assert.ok(runDir, 'the runner names its run folder');
    assert.deepEqual(processesMentioning(runDir), [], `processes left behind in ${runDir}`);
  });
});
