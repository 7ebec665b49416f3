// Benchmark: the Talks view's workspace index over N generated notes files (default 500), inside the real
// extension host (code-server + headless Chromium, as the extension-host tests run).
//
//   npx tsx bench/talks-index.ts [--files 500]
//
// Prints the index time, the longest stretch the extension host was blocked and command round trips while
// indexing, next to the same figures when idle and to the peer: parsing the same files in one synchronous
// loop (what an index without yielding would block for). Saves a screenshot of the progress shown.
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format, parseArgs } from 'node:util';
import { parseNotes } from '../src/core/parser';
import { HeadlessChromium } from '../test/harness/browser';
import { CodeServer } from '../test/harness/codeServer';
import { REPO_ROOT, TEST_OUTPUT_DIR } from '../test/harness/paths';
import { stopAll } from '../test/harness/processes';

const { values: args } = parseArgs({ options: { files: { type: 'string', default: '500' } } });
const N = Number(args.files);
const outDir = path.join(TEST_OUTPUT_DIR, 'bench');

/** N notes files: the sample with its own conference title and numbered talk titles. */
function generate(dir: string): string[] {
  const sample = readFileSync(path.join(REPO_ROOT, 'samples', 'scaleconf-2017.md'), 'utf8');
  const texts: string[] = [];
  for (let i = 1; i <= N; i++) {
    const text = sample
      .replace('# Notes from Scaleconf 2017', `# Notes from Conference ${i} ${2000 + (i % 25)}`)
      .replace(/^## (?!Disclaimer|Intro)(.+)$/gm, `## [${i}] $1`);
    const sub = path.join(dir, `year-${2000 + (i % 25)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `conference-${String(i).padStart(3, '0')}.md`), text);
    texts.push(text);
  }
  return texts;
}

/** Screenshots the workbench once it shows the first index's progress (status bar and Talks view), as a user sees it. */
async function captureProgress(page: import('playwright-core').Page, file: string): Promise<void> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const shown = await page
      .evaluate(() => {
        const status = Array.from(document.querySelectorAll('.statusbar-item')).map((e) => e.textContent ?? '').find((t) => /Indexing conference notes/.test(t));
        const view = Array.from(document.querySelectorAll('.pane .message')).map((e) => e.textContent ?? '').find((t) => /Indexing notes files…/.test(t));
        return status || view ? [status, view].filter(Boolean).map((t) => t!.trim()).join(' | ') : undefined;
      })
      .catch(() => undefined);
    if (shown) {
      await page.screenshot({ path: file });
      console.log(`bench: progress screenshot taken while the workbench showed "${shown}"`);
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log('bench: the workbench never showed the progress in time for a screenshot');
}

async function main(): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), 'confnotes-bench-'));
  const workspace = path.join(work, 'notes');
  const texts = generate(workspace);

  // Peer: the same files parsed in one synchronous loop, in this process.
  const t0 = performance.now();
  let talks = 0;
  for (const t of texts) talks += parseNotes(t).talks.length;
  const syncParseMs = performance.now() - t0;

  const hostBundle = path.join(REPO_ROOT, 'out', 'bench', 'talks-index-host.js');
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'bench', 'talks-index-host.ts')],
    outfile: hostBundle, bundle: true, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'], logLevel: 'warning',
  });
  await import('node:child_process').then((cp) => cp.execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' }));

  const server = await CodeServer.start({ logFile: path.join(outDir, 'talks-index-code-server.log') });
  let browser: HeadlessChromium | undefined;
  try {
    browser = await HeadlessChromium.launch({ runDir: server.runDir, env: server.env });
    const page = await browser.context.newPage();
    let bench: Record<string, unknown> | undefined;
    let shot: Promise<void> = Promise.resolve();
    const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (_type: string, logArgs: unknown) => {
      const line = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (line.startsWith('BENCH ')) bench = JSON.parse(line.slice(6)) as Record<string, unknown>;
      else if (line.startsWith('IDX') || /error/i.test(_type)) process.stderr.write(line + '\n');
    });
    await page.goto(server.workbenchUrl({ folder: workspace, extensionTestsPath: hostBundle }));
    // The first index runs shortly after activation, with the Talks view open: catch it in a screenshot.
    shot = captureProgress(page, path.join(outDir, 'talks-index-progress.png'));
    const code = await Promise.race([exit, new Promise<number>((r) => setTimeout(() => r(-1), 300_000).unref())]);
    await shot;
    if (code !== 0 || !bench) {
      console.error(`bench: the extension-host side failed (exit ${code})`);
      return 1;
    }
    const b = bench as {
      notesFiles: number; talksInTree: number; conferencesInTree: number; firstIndexMs: number; reindexMs: number;
      longestBlockMs: { idle: number; firstIndex: number; reindex: number };
      roundTripMs: { idle: { p50: number; max: number; n: number }; reindex: { p50: number; max: number; n: number } };
      progressSamples: number; progressFirst?: { done: number; total: number; message?: string }; progressLast?: { done: number; total: number };
    };
    const size = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const rows: Array<[string, string, string]> = [
      ['files (notes found / in tree)', `${N}`, `${b.notesFiles} / ${b.conferencesInTree} conferences, ${b.talksInTree} talks (expected ${talks})`],
      ['size', `${(size / 1e6).toFixed(1)} MB`, ''],
      ['first index (after activation)', `${b.firstIndexMs} ms`, `peer: synchronous parse of the same files ${Math.round(syncParseMs)} ms (ratio ${(b.firstIndexMs / syncParseMs).toFixed(2)})`],
      ['index again (on demand)', `${b.reindexMs} ms`, ''],
      ['longest block of the host thread', `${b.longestBlockMs.reindex} ms while indexing`, `idle ${b.longestBlockMs.idle} ms; peer (one synchronous loop) ${Math.round(syncParseMs)} ms`],
      ['command round trip p50 / max', `${b.roundTripMs.reindex.p50} / ${b.roundTripMs.reindex.max} ms (n=${b.roundTripMs.reindex.n})`, `idle ${b.roundTripMs.idle.p50} / ${b.roundTripMs.idle.max} ms (n=${b.roundTripMs.idle.n})`],
      ['progress shown', `${b.progressSamples} samples`, `first ${JSON.stringify(b.progressFirst)}, last ${JSON.stringify(b.progressLast)}`],
    ];
    console.log('\nTalks workspace index benchmark (code-server 1.100.3 extension host, this machine)\n');
    for (const [k, v, note] of rows) console.log(`${k.padEnd(36)} ${v.padEnd(34)} ${note}`);
    console.log(`\nscreenshot: ${path.relative(REPO_ROOT, path.join(outDir, 'talks-index-progress.png'))}`);
    return b.notesFiles === N && b.talksInTree === talks ? 0 : 1;
  } finally {
    await browser?.close();
    await server.stop();
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (err: unknown) => { console.error('bench failed:', err); void stopAll().finally(() => process.exit(1)); });
