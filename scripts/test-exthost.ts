// Runs the mocha suites of test/exthost inside the real extension host of code-server, driven by headless
// Chromium, and exits with their result. Every process it starts is stopped, also on failure or timeout.
//
//   npm run test:exthost [-- --grep <text>] [--timeout <seconds>] [--keep] [--no-build] [--out <name>]
//   npm run test:web      (= --web: the extension's browser build and test/web in the web-worker host)
//   npm run test:installed (= --installed [--vsix <file>]: packages the .vsix with `npm run package`, or takes
//                          the given one, installs it into code-server with --install-extension and runs the
//                          same suites against the installed extension instead of this folder)
//
// Logs: test-output/<out, default exthost>/ (code-server log, the page's console, a screenshot on failure).
// --no-build skips building the extension (the tests bundle is always rebuilt: it is fast).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { format, parseArgs } from 'node:util';
import { HeadlessChromium } from '../test/harness/browser';
import { CodeServer } from '../test/harness/codeServer';
import { ensureTestEnv, EXTHOST_TESTS_BUNDLE, REPO_ROOT, TEST_OUTPUT_DIR } from '../test/harness/paths';
import { stopAll } from '../test/harness/processes';
import { writeResult } from '../test/harness/results';
import { prepareWorkspace } from '../test/harness/workspace';

const { values: args } = parseArgs({
  options: {
    grep: { type: 'string' },
    timeout: { type: 'string', default: process.env.CN_EXTHOST_TIMEOUT ?? '900' },
    keep: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    web: { type: 'boolean', default: false },
    installed: { type: 'boolean', default: false },
    vsix: { type: 'string' },
  },
});

/** Names the output folder, the result file and the log prefix. */
const label = args.web ? 'web' : args.installed ? 'installed' : 'exthost';
const outDir = path.join(TEST_OUTPUT_DIR, args.out ?? label);
const testsBundle = args.web ? path.join(REPO_ROOT, 'out', 'web-tests', 'index.js') : EXTHOST_TESTS_BUNDLE;
/** How code-server is told to run the extension in its web-worker extension host (see TESTING.md). */
const WEB_SETTINGS = { 'remote.extensionKind': { 'conference-notes.conference-notes': ['web'] } };

async function main(): Promise<number> {
  const started = Date.now();
  ensureTestEnv(`test:${label}`);
  mkdirSync(outDir, { recursive: true });
  let vsix: string | undefined;
  if (args.installed) {
    if (args.web) throw new Error('--installed runs the Node extension host; the web tier loads this folder');
    vsix = args.vsix ? path.resolve(args.vsix) : path.join(REPO_ROOT, 'conference-notes.vsix');
    if (!args.vsix) execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
  } else if (!args['no-build']) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-tests.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const env: Record<string, string> = {};
  if (args.grep) env.CN_TEST_GREP = args.grep;
  // Tests that read fixtures find them here, since the installed extension's folder holds none.
  if (vsix) env.CN_REPO_ROOT = REPO_ROOT;
  const server = await CodeServer.start({
    env,
    settings: args.web ? WEB_SETTINGS : {},
    logFile: path.join(outDir, 'code-server.log'),
    keepRunDir: args.keep,
    installExtensions: vsix ? [vsix] : [],
  });
  console.log(`${label}: code-server on ${server.origin}, run folder ${server.runDir}`);
  let browser: HeadlessChromium | undefined;
  const consoleLines: string[] = [];
  try {
    const workspace = prepareWorkspace(server.runDir);
    browser = await HeadlessChromium.launch({ runDir: server.runDir, env: server.env });
    const page = await browser.context.newPage();
    const result = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // Every console line of the page arrives here (workbench and extension host alike, printf-style):
    // all go to console.log; the terminal shows errors, and everything once our mocha index has started.
    let testsStarted = false;
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown) => {
      const line = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      consoleLines.push(line);
      if (line.startsWith(`${args.web ? 'web' : 'exthost'}: loaded`)) testsStarted = true;
      if (testsStarted || type === 'error') (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
    });
    const timeoutMs = Number(args.timeout) * 1000;
    const timedOut = new Promise<number>((resolve) => setTimeout(() => resolve(-1), timeoutMs).unref());
    // The workbench runs extensionTestsPath only in extension development, so against the installed .vsix a
    // stub extension (another id, no code) is the development one and the installed extension loads as usual.
    const development = vsix ? writeStubExtension(server.runDir) : true;
    await page.goto(server.workbenchUrl({ folder: workspace, extensionTestsPath: testsBundle, developmentExtension: development }));
    const code = await Promise.race([result, timedOut]);
    if (code !== 0) {
      await page.screenshot({ path: path.join(outDir, 'failure.png') }).catch(() => undefined);
      console.error(code === -1 ? `${label}: timed out after ${args.timeout} s` : `${label}: the tests failed (exit code ${code})`);
    }
    const counts = mochaCounts(consoleLines);
    const failed = code === 0 ? counts.failed : Math.max(counts.failed, 1);
    const seconds = (Date.now() - started) / 1000;
    writeResult(args.out ?? label, { passed: counts.passed, failed, seconds });
    console.log(`${label}: took ${seconds.toFixed(1)} s`);
    console.log(`${label}: ${counts.passed} passed, ${failed} failed`);
    return code === 0 && counts.passed > 0 ? 0 : 1;
  } finally {
    writeFileSync(path.join(outDir, 'console.log'), consoleLines.join('\n') + '\n');
    await browser?.close();
    await server.stop();
    await stopAll();
  }
}

/** An empty extension folder with an id of its own; returns its path. */
function writeStubExtension(runDir: string): string {
  const dir = path.join(runDir, 'installed-tests-stub');
  mkdirSync(dir, { recursive: true });
  const manifest = { name: 'installed-tests-stub', publisher: 'conference-notes-tests', version: '0.0.0', engines: { vscode: '*' } };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** Mocha's spec reporter ends with "N passing" and, when some failed, "N failing". */
function mochaCounts(lines: string[]): { passed: number; failed: number } {
  const text = lines.join('\n');
  const passed = /(\d+) passing/.exec(text);
  const failed = /(\d+) failing/.exec(text);
  return { passed: passed ? Number(passed[1]) : 0, failed: failed ? Number(failed[1]) : 0 };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`${label}: the runner failed:`, err);
    void stopAll().finally(() => process.exit(1));
  },
);
