// `npm start`: the URL it prints opens the sample with the extension working, and Ctrl+C stops it all.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/paths';
import { openWorkbenchAt, type Workbench } from './workbench';

const STATUS_ID = 'conference-notes.conference-notes.conferenceNotes.status';

describe('npm start', () => {
  let wb: Workbench | undefined;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('prints a URL that shows the sample with "13 talks", and stops on Ctrl+C', async () => {
    const start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.mjs'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own group, so a failing test can still kill it below
    });
    let output = '';
    start.stdout.on('data', (c: Buffer) => (output += c.toString()));
    start.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${output}`)), 60_000);
        const poll = setInterval(() => {
          const match = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?\S+)$/m.exec(output);
          if (match) {
            clearTimeout(timer);
            clearInterval(poll);
            resolve(match[1]!);
          }
        }, 100);
      });
      const origin = new URL(url).origin;
      wb = await openWorkbenchAt(url, path.join(REPO_ROOT, 'samples'), { file: 'scaleconf-2017.md' });
      const item = wb.statusBarEntry(STATUS_ID);
      await item.waitFor({ timeout: 30_000 });
      assert.match(await item.innerText(), /13 talks/);
      await wb.screenshot('npm-start');

      process.kill(start.pid!, 'SIGINT'); // what Ctrl+C sends
      const code = await exited;
      assert.equal(code, 130, `npm start should exit on Ctrl+C:\n${output}`);
      await assert.rejects(fetch(`${origin}/healthz`), 'code-server still answers after Ctrl+C');
    } finally {
      // On failure: SIGTERM lets start.mjs stop its code-server group; SIGKILL whatever is left of its own group.
      if (start.exitCode === null && start.signalCode === null) {
        start.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      try {
        process.kill(-start.pid!, 'SIGKILL');
      } catch {
        // Already stopped.
      }
    }
  });
});
