// The Talks view as a person uses it in the browser (in its own side bar, opened with its activity bar icon): the
// sample's talks, clicking a talk, following the cursor, the workspace modes, the filter; and the built-in Outline
// (the document-symbols decision).
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { FIXTURES_DIR } from '../harness/paths';
import { openWorkbench, type Workbench } from './workbench';

const SELECTION = '[id="status.editor.selection"]';

/** Opens the Talks view with its activity bar icon. */
const showTalks = (wb: Workbench): Promise<Locator> => wb.showTalks();

const rows = (pane: Locator): Locator => pane.locator('.monaco-list-row');

/**
 * The view's description ("Workspace · filtered"), from its section header's accessible name ("Talks - Workspace ·
 * filtered Section"): alone in its side bar the view shows no header, and its title is the side bar's.
 */
async function viewDescription(pane: Locator): Promise<string> {
  return (await pane.locator('.pane-header[aria-label^="Talks"]').getAttribute('aria-label')) ?? '';
}

async function rowLabels(pane: Locator): Promise<string[]> {
  return rows(pane).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
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

/** Waits until the rows' labels (with their problem counts) stay the same for a second. */
async function waitForSettledRows(pane: Locator): Promise<void> {
  const end = Date.now() + 30_000;
  let last = JSON.stringify(await rowLabels(pane));
  let since = Date.now();
  while (Date.now() < end && Date.now() - since < 1_000) {
    await new Promise((r) => setTimeout(r, 100));
    const now = JSON.stringify(await rowLabels(pane));
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

/** Clicks `target` until `done(arg)` holds in the page: up to 3 clicks, 10 s each. */
async function clickUntil(wb: Workbench, target: Locator, done: (arg: string) => boolean, arg: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await target.click();
    try {
      await wb.page.waitForFunction(done, arg, { timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      console.log(`      (for information: click ${attempt} on the row did not arrive; clicking again)`);
    }
  }
}

describe('Talks view (UI)', () => {
  let wb: Workbench | undefined;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('lists the sample\'s talks; clicking one puts the cursor on its line; the selection follows the cursor', async () => {
    wb = await openWorkbench({ file: 'scaleconf-2017.md' });
    const pane = await showTalks(wb);
    const labels = await waitForRows(pane, (l) => l.length === 13, '13 talk rows');
    assert.match(labels[0]!, /^Cloud-scale: Lessons from the field, Daniel Larsen · Microsoft NZ/);
    assert.match(labels[2]!, /^Databases and Containers, Ronen Baram · Oracle/);
    assert.match(labels[12]!, /^The Art of Coding a Conversation: Designing Bots/);
    await wb.screenshot('talks/file-mode');

    // The rows are drawn again when the lint's problem counts arrive: click once they have settled, and again if a
    // redraw swallowed the click (as a person would).
    await waitForSettledRows(pane);
    await clickUntil(wb, rows(pane).filter({ hasText: 'Databases and Containers' }), (sel) => !!document.querySelector(sel)?.textContent?.startsWith('Ln 49'), SELECTION);
    assert.match((await wb.page.locator(SELECTION).innerText()).trim(), /^Ln 49, Col 4/);
    await wb.screenshot('talks/clicked-databases');

    // Cursor to line 95 (IAM talk) with Go to Line: the IAM row gets selected, the editor keeps the focus.
    await wb.page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await wb.goTo(95);
    await pane.locator('.monaco-list-row.selected', { hasText: 'IAM at Scale and on Hybrid' }).waitFor({ timeout: 15_000 });
    const focusInEditor = await wb.page.evaluate(() => !!document.activeElement?.closest('.editor-instance'));
    assert.ok(focusInEditor, 'the editor keeps the focus while the tree follows the cursor');
    await wb.screenshot('talks/follow-cursor');

    // Next Talk by its keys, in a notes file: to "Reduce time to market…" on line 121.
    await wb.page.keyboard.press('Control+Alt+PageDown');
    await wb.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.startsWith('Ln 121, Col 4'), SELECTION, { timeout: 30_000 });
    await pane.locator('.monaco-list-row.selected', { hasText: 'Reduce time to market' }).waitFor({ timeout: 30_000 });
  });

  it('shows the workspace by conference and by speaker, and filters', async () => {
    wb = await openWorkbench({ file: 'scaleconf-2017.md' });
    // Three more notes files from other conferences, found by the index's file watcher.
    mkdirSync(path.join(wb.workspace, 'conferences'), { recursive: true });
    cpSync(path.join(FIXTURES_DIR, 'talks'), path.join(wb.workspace, 'conferences'), { recursive: true });
    const pane = await showTalks(wb);
    await waitForRows(pane, (l) => l.length === 13, 'the sample\'s talks');
    await wb.runCommand('Conference Notes: Show Talks of the Whole Workspace');
    const groups = await waitForRows(
      pane,
      (l) => ['DevOpsDays Wellington 2018', 'Kiwicon 2019', 'Scaleconf 2017', 'Webstock 2019'].every((c) => l.some((x) => x.startsWith(c))),
      'four conferences',
    );
    assert.ok(groups.some((l) => l.startsWith('MySQL at the edge, Ronen Baram · Oracle')));
    assert.match(await viewDescription(pane), /Workspace/);
    await wb.screenshot('talks/workspace-by-conference');

    await wb.runCommand('Conference Notes: Group Talks by Speaker');
    const speakers = await waitForRows(pane, (l) => l.some((x) => x.startsWith('Ronen Baram')), 'speaker groups');
    assert.ok(speakers.some((x) => x.startsWith('Vanessa Love')));
    await rows(pane).filter({ hasText: 'Ronen Baram' }).first().click();
    await waitForRows(pane, (l) => l.some((x) => x.startsWith('MySQL at the edge, Kiwicon 2019 · Oracle')), 'Ronen\'s talks');
    await wb.screenshot('talks/workspace-by-speaker');

    await wb.runCommand('Conference Notes: Group Talks by Company');
    // The command opens its own input box, so the palette stays open: type into it as a person would.
    await wb.page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await wb.page.keyboard.press('Control+Shift+P');
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.fill('>Conference Notes: Filter Talks');
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Filter Talks...' }).first().click();
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Filter Talks' }).waitFor({ timeout: 30_000 });
    await input.fill('octopus');
    await wb.page.keyboard.press('Enter');
    const filtered = await waitForRows(pane, (l) => l.length > 0 && l.every((x) => /Octopus|automation|Design|Deploys/i.test(x)), 'the filtered tree');
    assert.ok(filtered.some((x) => x.startsWith('Deploys without fear')));
    assert.match(await viewDescription(pane), /filtered/);
    await pane.locator('.message', { hasText: 'Filter “octopus”' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('talks/workspace-filtered');
    await wb.runCommand('Conference Notes: Clear Talks Filter');
    await wb.runCommand('Conference Notes: Group Talks by Conference');
    await wb.runCommand('Conference Notes: Show Talks of This File Only');
  });

  it('goes to a talk from the Quick Pick, matching the speaker', async () => {
    wb = await openWorkbench({ file: 'scaleconf-2017.md' });
    await showTalks(wb).then((pane) => waitForRows(pane, (l) => l.length === 13, 'the sample\'s talks'));
    await wb.page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await wb.page.keyboard.press('Control+Shift+P');
    const input = wb.page.locator('.quick-input-widget input.input');
    await input.fill('>Conference Notes: Go to Talk');
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Go to Talk...' }).first().click();
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Go to Talk in This File' }).waitFor({ timeout: 30_000 });
    await input.fill('ronen');
    const picks = wb.page.locator('.quick-input-widget .monaco-list-row');
    await picks.filter({ hasText: 'Databases and Containers' }).waitFor({ timeout: 30_000 });
    assert.equal(await picks.count(), 1, 'only the talk whose speaker is Ronen');
    await wb.screenshot('talks/go-to-talk');
    await wb.page.keyboard.press('Enter');
    await wb.page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.startsWith('Ln 49'), SELECTION, { timeout: 30_000 });
    // Once the lint has run, talks with problems carry the warning icon.
    const pane = wb.talksPane;
    await pane.locator('.monaco-list-row:has(.codicon-warning)').first().waitFor({ timeout: 20_000 });
  });

  it('welcomes with buttons when no notes file is open, and opens the sample from there', async () => {
    wb = await openWorkbench({ file: 'README.md' });
    const pane = await showTalks(wb);
    const welcome = pane.locator('.welcome-view-content');
    await welcome.waitFor({ timeout: 30_000 });
    assert.match(await welcome.innerText(), /Open a conference notes file/);
    await wb.screenshot('talks/welcome');
    await welcome.locator('a.monaco-button, .monaco-button', { hasText: 'Open Sample Notes' }).first().click();
    await waitForRows(pane, (l) => l.length === 13, 'the sample copy\'s talks');
  });

  it('leaves document symbols to the built-in Markdown outline: talks with their speaker, no duplicates', async () => {
    wb = await openWorkbench({ file: 'scaleconf-2017.md' });
    // The Talks view has a side bar of its own, which the first notes file of a profile opens: back to the Explorer.
    await wb.runCommand('View: Show Explorer');
    const header = wb.page.locator('.pane-header[aria-label="Outline Section"]');
    await header.waitFor({ timeout: 30_000 });
    const folders = wb.page.locator('.pane:has(.explorer-folders-view) > .pane-header').first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const outline = wb.page.locator('.pane:has(.pane-header[aria-label="Outline Section"])');
    const databases = outline.locator('.monaco-list-row', { hasText: 'Databases and Containers' });
    await databases.waitFor({ timeout: 30_000 });
    // One provider only (no second group of the same headings), the speaker nested under the talk.
    assert.equal(await outline.locator('.monaco-list-row', { hasText: 'Databases and Containers' }).count(), 1);
    await wb.page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await wb.goTo(58);
    const crumbs = wb.page.locator('.breadcrumbs-control .monaco-breadcrumb-item');
    await wb.page.waitForFunction(() => /Ronen Baram/.test(document.querySelector('.breadcrumbs-control')?.textContent ?? ''), undefined, { timeout: 15_000 });
    const trail = (await crumbs.allInnerTexts()).map((t) => t.trim());
    // The built-in symbols keep the heading marks: "## Databases and Containers > ### Ronen Baram".
    assert.ok(trail.some((t) => /Databases and Containers$/.test(t)) && trail.some((t) => /Ronen Baram$/.test(t)), trail.join(' > '));
    await wb.screenshot('talks/outline-and-breadcrumbs');
  });
});
