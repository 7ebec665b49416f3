// The status bar item as a person sees it in the browser.
import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

const STATUS_ID = 'conference-notes.conference-notes.conferenceNotes.status';

describe('Status bar (UI)', () => {
  let wb: Workbench | undefined;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('shows "13 talks" on the sample and nothing on the README', async () => {
    wb = await openWorkbench({ file: 'scaleconf-2017.md' });
    const item = wb.statusBarEntry(STATUS_ID);
    await item.waitFor({ timeout: 30_000 });
    await wb.page.waitForFunction(
      (id) => document.getElementById(id)?.textContent?.includes('13 talks'),
      STATUS_ID,
      { timeout: 30_000 },
    );
    assert.match((await item.innerText()).trim(), /13 talks/);
    assert.match((await item.getAttribute('aria-label')) ?? (await item.locator('a').getAttribute('aria-label')) ?? '', /13 talks/);
    await wb.screenshot('status-bar-sample');

    await wb.openFile('README.md');
    await item.waitFor({ state: 'hidden', timeout: 15_000 });
    await wb.screenshot('status-bar-readme');
  });

  it('overrides the decision from the command palette', async () => {
    wb = await openWorkbench({ file: 'README.md' });
    const item = wb.statusBarEntry(STATUS_ID);
    await wb.runCommand('Conference Notes: Treat This File as Notes');
    await item.waitFor({ timeout: 15_000 });
    assert.match(await item.innerText(), /\d+ talks?/);
    await wb.screenshot('status-bar-readme-overridden');
    await wb.runCommand('Conference Notes: Detect Automatically Whether This File Is Notes');
    await item.waitFor({ state: 'hidden', timeout: 15_000 });
  });
});
