// Mocha entry for the tests that run inside the real VS Code extension host.
//
// Interface: BDD — write `describe` / `it` / `before` / `after` (as in test/unit).
// Discovery: every test/exthost/**/*.test.ts is bundled in by scripts/build-tests.mjs (the virtual module
// below lists them); nothing to register. Run them with `npm run test:exthost` (`-- --grep <text>` to filter).
// The extension host `require()`s the bundle and awaits `run()`; rejecting makes the runner exit non-zero.
import Mocha from 'mocha';
import { loadTestFiles, testFiles } from 'virtual:exthost-test-files';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.CN_TEST_TIMEOUT ?? 20000),
    grep: process.env.CN_TEST_GREP || undefined,
  });
  // Define describe/it as globals, then load the bundled test files (lazily, so that order matters).
  mocha.suite.emit('pre-require', globalThis, 'exthost', mocha);
  loadTestFiles();
  console.log(`exthost: loaded ${testFiles.length} test file(s): ${testFiles.join(', ')}`);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  const stats = mocha.suite.total();
  console.log(`exthost: ${stats} test(s) defined`);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
