// Spelling quick fixes as a person uses them: cursor on 'ammend', Ctrl+. shows the light bulb's spelling fixes
// (Change to 'amend' first, the other suggestions, the dictionaries), pick the first
// (screenshot: test-output/spelling-quick-fix-menu.png).
import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

describe('Spelling quick fix (UI)', () => {
  let wb: Workbench | undefined;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it("shows the spelling fixes at 'ammend' in the light bulb menu and applies Change to 'amend'", async () => {
    wb = await openWorkbench({ file: 'scaleconf-2017.md' });
    const page = wb.page;
    // Spelling findings are information: blue squiggles.
    await page.locator('.editor-instance .squiggly-info').first().waitFor({ timeout: 40_000 });

    // Line 5: "...I am happy to ammend the notes." — 'ammend' starts at column 55; Ctrl+. there.
    const rows = page.locator('.action-widget .monaco-list-row');
    await wb.openQuickFix(5, 56, "Change to 'amend'");
    await page.locator('.action-widget .monaco-list-row', { hasText: "Add 'ammend' to workspace dictionary" }).first().waitFor({ timeout: 5_000 });
    const titles = (await rows.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim());
    const changes = titles.filter((t) => t.startsWith('Change to'));
    assert.equal(changes[0], "Change to 'amend'", titles.join(' | '));
    assert.ok(changes.length >= 2 && changes.length <= 5, titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith("Add 'ammend' to user dictionary")), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith("Ignore 'ammend' in this file")), titles.join(' | '));
    await wb.screenshot('spelling-quick-fix-menu');

    // Choose by keyboard (a pointer click is swallowed by the context view): move to the row, Enter.
    for (let i = 0; i < titles.length; i++) {
      const focused = (await page.locator('.action-widget .monaco-list-row.focused').innerText().catch(() => '')).replace(/\u00a0/g, ' ');
      if (focused.includes("Change to 'amend'")) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.locator('.action-widget .monaco-list-row.focused', { hasText: "Change to 'amend'" }).waitFor({ timeout: 5_000 });
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-line', { hasText: 'happy to amend the notes' }).first().waitFor({ timeout: 10_000 });
    await wb.screenshot('spelling-quick-fix-applied');
  });
});
