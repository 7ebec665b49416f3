// Mocha entry for the tests that run in the web-worker extension host (the extension's `browser` entry).
//
// Interface: BDD (`describe` / `it`), as everywhere. Discovery: every test/web/**/*.test.ts, bundled by
// scripts/build-tests.mjs into one CommonJS file with no Node modules: use `./assert` (not `node:assert`),
// and no `process`. Run with `npm run test:web`. Environment variables do not reach the web worker.
import { loadTestFiles, testFiles } from 'virtual:web-test-files';

interface MochaTest {
  fullTitle(): string;
  duration?: number;
}
interface BrowserMocha {
  setup(options: { ui: string; reporter?: unknown; timeout?: number; color?: boolean }): void;
  run(done: (failures: number) => void): {
    on(event: 'pass', fn: (test: MochaTest) => void): void;
    on(event: 'fail', fn: (test: MochaTest, err: Error) => void): void;
  };
}

// mocha's browser build: esbuild gives no global, so take the module's export.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mocha = require('mocha/mocha.js') as BrowserMocha;

export async function run(): Promise<void> {
  // A reporter that needs no DOM and no stdout: one console line per test (they reach the runner).
  function ConsoleReporter(runner: ReturnType<BrowserMocha['run']>) {
    runner.on('pass', (test) => console.log(`  ✔ ${test.fullTitle()} (${test.duration ?? 0}ms)`));
    runner.on('fail', (test, err) => console.log(`  ✘ ${test.fullTitle()}\n    ${err.stack ?? err.message}`));
  }
  mocha.setup({ ui: 'bdd', reporter: ConsoleReporter, timeout: 20000 });
  loadTestFiles();
  console.log(`web: loaded ${testFiles.length} test file(s): ${testFiles.join(', ')}`);
  let passed = 0;
  let failed = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
  console.log(`  ${passed} passing`);
  if (failed > 0) {
    console.log(`  ${failed} failing`);
    throw new Error(`${failed} web extension-host test(s) failed`);
  }
}
