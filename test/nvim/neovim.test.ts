// A real LSP client that is not VS Code: Debian's Neovim (0.7.2 on Debian 12), headless, with its built-in client,
// opens a copy of the sample through `confnotes lsp --stdio` (test/nvim/lsp.lua) and reports what it got: the
// diagnostics, the code action that fixes `ammend` (applied, and the typo's diagnostic gone after the didChange),
// and the 13 talks as document symbols. `npm run test:nvim`; Neovim comes from scripts/setup-test-env.sh.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseNotes } from '../../src/core';
import { CLI, ROOT } from '../harness/lspClient';

const NVIM = '/usr/bin/nvim';
const SAMPLE = path.join(ROOT, 'samples', 'scaleconf-2017.md');

interface Report {
  steps: string[];
  error?: string;
  filetype: string;
  client_started: boolean;
  diagnostics: Array<{ line: number; col: number; code: string; source: string; message: string }>;
  has_typo: boolean;
  actions?: Array<{ title: string; kind: string; preferred: boolean }>;
  line_after_fix?: string;
  typo_gone?: boolean;
  diagnostics_after_fix?: number;
  symbols: Array<{ name: string; children: string[] }>;
  exit_code?: number;
}

/** Runs the script in a headless Neovim on a copy of the sample; resolves with its report. */
function runNeovim(dir: string): Promise<Report> {
  const notes = path.join(dir, 'scaleconf-2017.md');
  const reportFile = path.join(dir, 'report.json');
  copyFileSync(SAMPLE, notes);
  return new Promise((resolve, reject) => {
    // --clean: no user config or plugins, but filetype detection (markdown) as in a fresh install.
    const nvim = spawn(NVIM, ['--headless', '--clean', '-n', '-c', `luafile ${path.join(ROOT, 'test', 'nvim', 'lsp.lua')}`, notes], {
      cwd: dir,
      env: { ...process.env, CONFNOTES_CLI: CLI, CONFNOTES_REPORT: reportFile, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CACHE_HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    nvim.stdout.on('data', (c: Buffer) => (output += c.toString()));
    nvim.stderr.on('data', (c: Buffer) => (output += c.toString()));
    // A limit that catches a hang (the script waits at most about a minute and a half in all).
    const timer = setTimeout(() => nvim.kill('SIGKILL'), 120_000);
    nvim.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!existsSync(reportFile)) return reject(new Error(`Neovim wrote no report (exit ${code ?? signal}): ${output}`));
      resolve(JSON.parse(readFileSync(reportFile, 'utf8')) as Report);
    });
  });
}

describe('Neovim (built-in LSP client, headless) with confnotes lsp --stdio', function () {
  this.timeout(150_000);
  let dir: string;
  let report: Report;

  before(async function () {
    if (!existsSync(NVIM)) throw new Error(`${NVIM} is missing: run npm run test:setup (bash scripts/setup-test-env.sh) to install Debian's neovim`);
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build');
    dir = mkdtempSync(path.join(tmpdir(), 'confnotes-nvim-'));
    report = await runNeovim(dir);
    assert.equal(report.error, undefined, report.error);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens the sample as Markdown and attaches the server', () => {
    assert.equal(report.filetype, 'markdown');
    assert.equal(report.client_started, true);
  });

  it('gets the diagnostics of the sample: spelling and structure, from conference-notes', () => {
    const rules = new Set(report.diagnostics.map((d) => d.code));
    for (const rule of ['spelling', 'field-heading-level', 'empty-talk', 'mojibake']) assert.ok(rules.has(rule), rule);
    assert.ok(report.diagnostics.every((d) => d.source === 'conference-notes'));
    assert.ok(report.diagnostics.some((d) => d.code === 'spelling' && d.line === 4 && d.col === 54 && d.message.includes("'ammend'")));
  });

  it("gets the code action that fixes 'ammend', and once applied the server drops the typo's diagnostic", () => {
    assert.equal(report.has_typo, true);
    const change = report.actions?.find((a) => a.title === "Change to 'amend'");
    assert.deepEqual(change, { title: "Change to 'amend'", kind: 'quickfix', preferred: true });
    assert.equal(report.line_after_fix, 'If I have misrepresented anyones talks, I am happy to amend the notes.');
    assert.equal(report.typo_gone, true);
    assert.equal(report.diagnostics_after_fix, report.diagnostics.length - 1);
  });

  it('gets the 13 talks as document symbols, with their speakers', () => {
    assert.deepEqual(report.symbols.map((s) => s.name), parseNotes(readFileSync(SAMPLE, 'utf8')).talks.map((t) => t.title));
    assert.deepEqual(report.symbols.find((s) => s.name === 'Databases and Containers')?.children, ['speaker: Ronen Baram', 'role: MySQL Principal Consultant', 'company: Oracle']);
  });

  it('stops the server cleanly (shutdown, exit 0)', () => {
    assert.equal(report.exit_code, 0);
    assert.deepEqual(report.steps, ['attached', 'diagnostics', 'code actions', 'fixed', 'symbols', 'stopped']);
  });
});
