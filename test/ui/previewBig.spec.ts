// The preview of the big notes (bench/big-notes.mjs: ~21,300 lines, 1,300 talks) in the browser: its HTML is
// megabytes, so the extension renders it in slices and posts it in pieces; the page must end up with every card,
// and follow an edit in the middle of the file. Not timed: nothing here asserts a duration.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FrameLocator } from 'playwright-core';
import { parseNotes } from '../../src/core/parser';
import { renderPreviewBody, UPDATE_PIECE_CHARS } from '../../src/core/preview';
import { REPO_ROOT } from '../harness/paths';
import { openWorkbench, type Workbench } from './workbench';

const FILE_NAME = 'big-notes.md';
/** Waiting for the extension on a big file: generous, nothing here is a timing assertion. */
const SLOW = 120_000;

/** The benchmark's own generator, so the file is exactly the benchmark's workload (never committed). */
async function makeBigNotes(): Promise<string> {
  const generator = pathToFileURL(path.join(REPO_ROOT, 'bench', 'big-notes.mjs')).href;
  const module = (await import(generator)) as { makeBigNotes(copies?: number): string };
  return module.makeBigNotes(100);
}

function previewFrame(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

describe('Preview of the big notes (UI)', function () {
  this.timeout(4 * SLOW);
  let wb: Workbench | undefined;
  afterEach(async () => {
    await wb?.close();
    wb = undefined;
  });

  it('shows all 1,300 talks of an update sent in pieces, and follows an edit in the middle', async () => {
    const text = await makeBigNotes();
    const doc = parseNotes(text);
    // The premise: even without problems the rendering is bigger than one piece.
    assert.ok(renderPreviewBody(doc, { interactive: true }).length > UPDATE_PIECE_CHARS);
    wb = await openWorkbench();
    writeFileSync(path.join(wb.workspace, FILE_NAME), text);
    await wb.openFile(FILE_NAME);
    await wb.runCommand('Conference Notes: Open Preview to the Side');
    const frame = previewFrame(wb);
    const cards = frame.locator('article.talk');
    await cards.nth(doc.talks.length - 1).waitFor({ state: 'attached', timeout: SLOW });
    assert.equal(await cards.count(), doc.talks.length);
    assert.equal(await frame.locator(`#talk-${doc.talks.length - 1} .talk-title-text`).textContent(), doc.talks.at(-1)!.title);
    assert.match(await frame.locator('.summary').innerText(), /1300\s+talks/);

    // Into the editor, at the end of the heading of talk [50] "The Art of Coding a Conversation" (no. 650).
    const talk = doc.talks.findIndex((t) => t.title === '[50] The Art of Coding a Conversation: Designing Bots');
    assert.equal(talk, 649);
    const heading = doc.talks[talk]!.headingRange;
    // 1-based, at the end of the heading line (not End: the editor wraps long lines).
    const [line, column] = [heading.start.line + 1, doc.lines[heading.start.line]!.length + 1];
    const page = wb.page;
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await wb.goTo(line, column);
    await page.keyboard.type(' Live');
    await frame.locator(`#talk-${talk} .talk-title-text`, { hasText: 'Designing Bots Live' }).waitFor({ state: 'attached', timeout: SLOW });
    // Still every card, in order, with the problems of the lint in (badges on the cards).
    assert.equal(await cards.count(), doc.talks.length);
    await frame.locator('article.talk .problems').first().waitFor({ state: 'attached', timeout: SLOW });
    assert.equal(await frame.locator(`#talk-${doc.talks.length - 1} .talk-title-text`).textContent(), doc.talks.at(-1)!.title);
  });
});
