// A lint quick fix applied as a person does it: cursor on the finding, Ctrl+., pick the fix; then the
// Problems panel (screenshot: test-output/lint-quick-fix-problems.png).
import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

describe('Lint quick fix (UI)', () => {
  let wb: Workbench | undefined;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('fixes the role heading level on line 33 through Ctrl+. and shows the rest in the Problems panel', async () => {
    wb = await openWorkbench({ file: 'scaleconf-2017.md' });
    const page = wb.page;
    // Diagnostics are in once the editor shows squiggles.
    await page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: 30_000 });

    // Line 33 (`### Software Engineer`), Ctrl+.: the quick fix menu has our fix, and it is the one we pick.
    await wb.openQuickFix(33, 1, 'Change to level 4 (####)');
    await wb.screenshot('lint-quick-fix-menu');
    // The menu focuses its first row; a pointer click is swallowed by the context view, so choose by keyboard.
    await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Change to level 4 (####)' }).waitFor({ timeout: 5_000 });
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-line', { hasText: '#### Software Engineer' }).first().waitFor({ timeout: 10_000 });

    // The Problems panel lists what is left: line 35's heading level, no longer line 33's.
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const pinterest = page.locator('.markers-panel .monaco-list-row', { hasText: "company heading 'Pinterest'" });
    await pinterest.first().waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      () => !Array.from(document.querySelectorAll('.markers-panel .monaco-list-row')).some((r) => r.textContent?.includes("role heading 'Software Engineer'")),
      undefined,
      { timeout: 15_000 },
    );
    const text = (await page.locator('.markers-panel').innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /field-heading-level/);
    assert.match(text, /conference-notes/);
    assert.doesNotMatch(text, /role heading 'Software Engineer'/);
    await wb.screenshot('lint-quick-fix-problems');
  });
});
