// Runs the UI tests (test/ui/**/*.spec.ts, mocha BDD, in Node) that drive a real workbench in headless
// Chromium through test/ui/workbench.ts. Screenshots go to test-output/. Every process started is stopped.
//
//   npm run test:ui [-- --grep <text>] [--no-build]
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { assertTestEnv, ensureTestEnv, REPO_ROOT } from '../test/harness/paths';
import { stopAll } from '../test/harness/processes';
import { writeResult } from '../test/harness/results';
import { afterUiTest, stopSession } from '../test/ui/workbench';

const { values: args } = parseArgs({
  options: {
    grep: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

function findSpecs(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findSpecs(full));
    else if (entry.name.endsWith('.spec.ts')) found.push(full);
  }
  return found.sort();
}

async function main(): Promise<number> {
  const started = Date.now();
  ensureTestEnv('test:ui');
  assertTestEnv();
  if (!args['no-build']) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 90_000, grep: args.grep, color: process.stdout.isTTY });
  mocha.rootHooks({
    async afterEach(this: Mocha.Context) {
      const test = this.currentTest;
      const failed = test?.state === 'failed' ? test.fullTitle().replace(/[^\w-]+/g, '-').slice(0, 80) : undefined;
      for (const file of await afterUiTest(failed)) console.log(`    screenshot of the failure: ${path.relative(REPO_ROOT, file)}`);
    },
  });
  const specs = findSpecs(path.join(REPO_ROOT, 'test', 'ui'));
  for (const spec of specs) mocha.addFile(spec);
  await mocha.loadFilesAsync();
  try {
    const runner = await new Promise<Mocha.Runner>((resolve) => {
      const r = mocha.run(() => resolve(r));
    });
    const { passes = 0, failures = 0 } = runner.stats ?? {};
    const seconds = (Date.now() - started) / 1000;
    writeResult('ui', { passed: passes, failed: failures, seconds });
    console.log(`ui: took ${seconds.toFixed(1)} s`);
    console.log(`ui: ${passes} passed, ${failures} failed`);
    return failures === 0 && passes > 0 ? 0 : 1;
  } finally {
    await stopSession();
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('ui: the runner failed:', err);
    void stopSession().finally(() => stopAll().finally(() => process.exit(1)));
  },
);
