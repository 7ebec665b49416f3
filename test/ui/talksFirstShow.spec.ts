// The Talks view as a new user meets it: on the first notes file of a fresh profile its side bar (a view container
// of its own, icon in the activity bar) is open with every talk in sight, and the editor keeps the focus; a Markdown file that nearly qualifies says
// why it is not notes and offers to treat it as notes.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { openWorkbench, type Workbench } from './workbench';

const STATUS_ID = 'conference-notes.conference-notes.conferenceNotes.status';
const SPELLING_STATUS_ID = 'conference-notes.conference-notes.conferenceNotes.spellingLocale';

async function rowLabels(pane: Locator): Promise<string[]> {
  return pane.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

async function waitForRows(pane: Locator, test: (labels: string[]) => boolean, what: string): Promise<string[]> {
  const end = Date.now() + 30_000;
  let labels: string[] = [];
  while (Date.now() < end) {
    labels = await rowLabels(pane);
    if (test(labels)) return labels;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}; rows: ${JSON.stringify(labels)}`);
}

describe('Talks view for a new user (UI)', () => {
  let wb: Workbench | undefined;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('is open and expanded on the first notes file of a fresh profile, all 13 talks in sight, the editor keeping the focus', async () => {
    wb = await openWorkbench({ file: 'scaleconf-2017.md', freshProfile: true });
    // Nothing clicked: the extension opens its side bar, the Talks view in it expanded.
    const pane = wb.talksPane;
    await pane.waitFor({ timeout: 30_000 });
    assert.equal(await pane.locator('.pane-header[aria-label^="Talks"]').getAttribute('aria-expanded'), 'true');
    assert.equal(await wb.talksActivity.getAttribute('aria-selected'), 'true', 'its activity bar icon is the selected one');
    // The list renders only the rows that fit in its pane: 13 rows means all 13 are on screen.
    const labels = await waitForRows(pane, (l) => l.length === 13, '13 talk rows on screen');
    assert.match(labels[0]!, /^Cloud-scale: Lessons from the field, Daniel Larsen · Microsoft NZ/);
    const viewport = wb.page.viewportSize()!;
    const last = await pane.locator('.monaco-list-row').last().boundingBox();
    assert.ok(last && last.height > 0 && last.y + last.height <= viewport.height, `the last talk row is inside the page: ${JSON.stringify(last)}`);
    const focusInEditor = await wb.page.evaluate(() => !!document.activeElement?.closest('.editor-instance'));
    assert.ok(focusInEditor, 'the editor keeps the focus');
    await wb.screenshot('talks/first-notes-file');

    // The status bar item's tooltip says why the file is notes. Hovered once the spelling dictionary's item (to its
    // right, shown when the language server has checked the file) is there: its arrival moves the items to its left.
    await wb.statusBarEntry(SPELLING_STATUS_ID).waitFor({ timeout: 30_000 });
    const status = wb.statusBarEntry(STATUS_ID);
    await status.hover({ timeout: 30_000 });
    await wb.page.locator('.monaco-hover, .workbench-hover', { hasText: 'detected as notes (13 talks, 13 with a speaker' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('talks/first-notes-file-status-tooltip');
  });

  it('says why a file that nearly qualifies is not notes, and treats it as notes with one click', async () => {
    wb = await openWorkbench({ file: 'README.md' });
    writeFileSync(
      path.join(wb.workspace, 'billing-rewrite.md'),
      '# Billing service rewrite\n\n## Rust in production\n### Jane Doe\n\nWe moved the billing service to Rust last year.\n',
    );
    await wb.openFile('billing-rewrite.md');
    const pane = await wb.showTalks();
    const message = pane.locator('.message', { hasText: 'This file is not treated as notes' });
    await message.waitFor({ timeout: 30_000 });
    assert.match(await message.innerText(), /^This file is not treated as notes: 1 talk/);
    const labels = await waitForRows(pane, (l) => l.length === 1, 'the Treat This File as Notes row');
    assert.equal(labels[0], 'Treat This File as Notes');
    await wb.screenshot('talks/nearly-notes');

    await pane.locator('.monaco-list-row', { hasText: 'Treat This File as Notes' }).click();
    await waitForRows(pane, (l) => l.length === 1 && l[0]!.startsWith('Rust in production, Jane Doe'), 'the file\'s talk');
    await message.waitFor({ state: 'hidden', timeout: 30_000 });
    await wb.statusBarEntry(STATUS_ID).waitFor({ timeout: 30_000 });
    await wb.screenshot('talks/nearly-notes-treated');
  });
});
