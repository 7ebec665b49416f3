// The big notes of ../shared/PERF.md (bench/big-notes.mjs: ~21,300 lines, 1,300 talks) as a person edits them:
// open the file, Go to Line into the middle (talk [50] The Art of Coding a Conversation, which has no notes
// yet), type a sentence with a misspelling on the real keyboard, and wait until the editor's squiggle, the
// Problems count in the status bar and the Talks view follow (screenshots: test-output/big-notes/typed.png,
// typed-hover.png). Not timed: how long the diagnostics took to follow is printed, for information only.
// The squiggle is what the user sees of a finding: VS Code shows at most 1000 diagnostics per file and
// collection (errors and warnings first, then "Not showing N further errors and warnings."), so the extension
// publishes the 999 findings nearest the lines in view and a notice of how many are not shown (the extension's
// own list, which test/exthost/bigNotes.test.ts checks, has them all): the typed typo must get its squiggle.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/paths';
import { openWorkbench, type Workbench } from './workbench';

const FILE_NAME = 'big-notes.md';
const STATUS_ID = 'conference-notes.conference-notes.conferenceNotes.status';
const PROBLEMS = '[id="status.problems"]';
const SELECTION = '[id="status.editor.selection"]';
/** Waiting for the extension on a big file: generous, nothing here is a timing assertion. */
const SLOW = 120_000;
/** Copies of the sample (bench/big-notes.mjs's default); each adds 13 talks, 10 warnings and 44 spelling infos. */
const COPIES = 100;
/** The talk typed into: the middle copy's last talk, which has no notes yet. */
const MIDDLE = COPIES / 2;
const SENTENCE = 'The bots recieve every message twice.';
const TYPO = 'recieve';

/** The benchmark's own generator, so the file is exactly the benchmark's workload (never committed). */
async function makeBigNotes(): Promise<string> {
  const generator = pathToFileURL(path.join(REPO_ROOT, 'bench', 'big-notes.mjs')).href;
  const module = (await import(generator)) as { makeBigNotes(copies?: number): string };
  return module.makeBigNotes(COPIES);
}

/** What the Problems item of the status bar says, exactly: its aria-label, e.g. "Warnings: 1000, Infos: 4400". */
async function problemsLabel(page: Page): Promise<string> {
  // Asked in loops that have their own deadline: a workbench busy drawing thousands of diagnostics (the status bar
  // redrawn meanwhile) is asked again rather than failing the test on one read (CI, under load: 30 s on one read).
  return (await page.locator(PROBLEMS).getAttribute('aria-label', { timeout: 5000 }).catch(() => null)) ?? '';
}

const infosOf = (label: string): number => Number(/Infos: (\d+)/.exec(label)?.[1] ?? 0);
const warningsOf = (label: string): number => Number(/Warnings: (\d+)/.exec(label)?.[1] ?? 0);

/** Opens the Talks view with its activity bar icon (as test/ui/talks.spec.ts does). */
const showTalks = (wb: Workbench): Promise<Locator> => wb.showTalks(SLOW);

/**
 * Whether an info squiggle lies under `word` on the editor line that shows `lineText`: the screen rectangle of
 * the word (a DOM range over the line's text) overlaps a `.squiggly-info` decoration's rectangle.
 */
function squiggleUnder(page: Page, lineText: string, word: string): Promise<boolean> {
  return page.evaluate(
    ({ lineText, word }) => {
      const lines = Array.from(document.querySelectorAll('.editor-instance .view-lines .view-line'));
      const line = lines.find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(lineText));
      if (!line) return false;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const all = nodes.map((n) => n.data.replace(/\u00a0/g, ' ')).join('');
      const start = all.indexOf(word);
      if (start < 0) return false;
      // (No helper functions in here: the page has no `__name`, which tsx adds to named functions.)
      const range = document.createRange();
      let offset = 0;
      for (const n of nodes) {
        if (start >= offset && start <= offset + n.data.length) range.setStart(n, start - offset);
        if (start + word.length >= offset && start + word.length <= offset + n.data.length) {
          range.setEnd(n, start + word.length - offset);
          break;
        }
        offset += n.data.length;
      }
      const w = range.getBoundingClientRect();
      return Array.from(document.querySelectorAll('.editor-instance .squiggly-info')).some((s) => {
        const r = s.getBoundingClientRect();
        return r.width > 0 && r.left < w.right - 2 && r.right > w.left + 2 && r.top < w.bottom && r.bottom > w.top;
      });
    },
    { lineText, word },
  );
}

describe('Big notes (UI)', function () {
  this.timeout(6 * SLOW);
  let wb: Workbench | undefined;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('types a sentence with a misspelling into the middle of the 21,300-line notes; the squiggle and the Problems count follow, and the Talks row of the talk is selected', async () => {
    wb = await openWorkbench();
    const page = wb.page;
    const text = await makeBigNotes();
    writeFileSync(path.join(wb.workspace, FILE_NAME), text);
    // Line numbers as the editor shows them (1-based): the blank line after the company of talk [50]'s
    // "The Art of Coding a Conversation" (a talk without notes), ~10,650.
    const lines = text.split('\n');
    const heading = lines.indexOf(`## [${MIDDLE}] The Art of Coding a Conversation: Designing Bots`) + 1;
    const target = heading + 6;
    assert.equal(lines[target - 2], '#### Microsoft NZ');
    assert.equal(lines[target - 1], '');
    assert.ok(COPIES !== 100 || (target > 10_600 && target < 10_700), String(target));

    const opened = Date.now();
    await wb.openFile(FILE_NAME);
    await page.waitForFunction(({ id, talks }) => document.getElementById(id)?.textContent?.includes(talks), { id: STATUS_ID, talks: `${13 * COPIES} talks` }, { timeout: SLOW });
    const pane = await showTalks(wb);
    // The lint of the whole file has settled once the Problems item stops changing (for 5 s).
    let settled = '';
    for (let since = Date.now(), end = Date.now() + SLOW; ; ) {
      const label = await problemsLabel(page);
      if (label !== settled) [settled, since] = [label, Date.now()];
      else if (/Warnings: \d+/.test(label) && Date.now() - since >= 5000) break;
      if (Date.now() > end) throw new Error(`the Problems count did not settle in ${SLOW} ms (last: ${label})`);
      await page.waitForTimeout(250);
    }
    console.log(`      (for information: the Problems count settled at "${settled}" ${Date.now() - opened - 5000} ms after opening)`);

    // Go to Line into the middle, and type like a person.
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await wb.goTo(target, 1);
    await page.keyboard.type(SENTENCE, { delay: 60 });
    const typed = Date.now();
    await page.locator(SELECTION, { hasText: `Ln ${target}, Col ${SENTENCE.length + 1}` }).waitFor({ timeout: SLOW });
    await page.locator('.editor-instance .view-line', { hasText: SENTENCE }).first().waitFor({ timeout: SLOW });

    // Wait for the squiggle under the typo; the screenshot shows what the user sees then, whether it came or not.
    let squiggled: number | undefined;
    let label = '';
    for (const end = Date.now() + SLOW; Date.now() < end && !squiggled; await page.waitForTimeout(100)) {
      if (await squiggleUnder(page, SENTENCE, TYPO)) squiggled = Date.now();
      label = await problemsLabel(page);
    }
    await pane.locator('.monaco-list-row.selected', { hasText: `[${MIDDLE}] The Art of Coding a Conversation` }).waitFor({ timeout: SLOW }).catch(() => undefined);
    const screenshot = await wb.screenshot('big-notes/typed');
    const took = (t: number | undefined): string => (t ? `${t - typed} ms` : `not within ${SLOW} ms`);
    console.log(
      `      (for information: after the last key, the squiggle under '${TYPO}': ${took(squiggled)}; ` +
        `the Problems item "${settled}" -> "${label}"; screenshot ${path.relative(REPO_ROOT, screenshot)})`,
    );

    assert.ok(squiggled, `an info squiggle under '${TYPO}' after typing "${SENTENCE}" on line ${target} (Problems item: "${label}")`);
    // 6,000 findings: VS Code's 1,000 per file, as the 999 nearest the lines in view and the notice (an info).
    assert.equal(warningsOf(label) + infosOf(label) <= 1000, true, label);
    // The Talks view follows the cursor to the talk typed into; the status bar still counts 1300 talks.
    await pane.locator('.monaco-list-row.selected', { hasText: `[${MIDDLE}] The Art of Coding a Conversation` }).waitFor({ timeout: SLOW });
    assert.match(await wb.statusBarEntry(STATUS_ID).innerText(), new RegExp(`${13 * COPIES} talks`));

    // Hovering the word shows the finding and its suggestion.
    const word = page.locator('.editor-instance .view-line', { hasText: SENTENCE }).first();
    const box = await word.evaluate((line, w) => {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.replace(/\u00a0/g, ' ').indexOf(w);
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + w.length);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return undefined;
    }, TYPO);
    assert.ok(box, `'${TYPO}' within one text node of the line`);
    await page.mouse.move(box.x, box.y);
    const hover = page.locator('.monaco-hover', { hasText: `Unknown word '${TYPO}'` }).first();
    await hover.waitFor({ timeout: 30_000 });
    assert.match((await hover.innerText()).replace(/\u00a0/g, ' '), /did you mean 'receive'/);
    await wb.screenshot('big-notes/typed-hover');
  });
});
