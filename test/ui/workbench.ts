// Helpers for UI tests (test/ui/**/*.spec.ts): a real workbench in headless Chromium with this extension.
//
//   const wb = await openWorkbench({ file: 'scaleconf-2017.md' });
//   await wb.runCommand('Conference Notes: Treat This File as Notes');
//   await expect-ish checks with wb.page (Playwright Page) ...
//   await wb.screenshot('my-feature');          // -> test-output/my-feature.png
//   await wb.close();
//
// One code-server and one Chromium serve all UI tests of a run (started on first use, stopped by
// scripts/test-ui.ts); each openWorkbench gets its own page and its own copy of test/fixtures/workspace.
// Pages share one browser profile (the workbench's global state: extension globalState, view layout) unless
// opened with `freshProfile`, as a new user's first start.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { HeadlessChromium } from '../harness/browser';
import { CodeServer } from '../harness/codeServer';
import { TEST_OUTPUT_DIR } from '../harness/paths';
import { prepareWorkspace } from '../harness/workspace';

interface Session {
  server: CodeServer;
  browser: HeadlessChromium;
}

/** The view container of the Talks view (package.json `viewsContainers`), as the side bar's composite id. */
const TALKS_CONTAINER = 'workbench.view.extension.conferenceNotes';

let session: Promise<Session> | undefined;
let workspaceCount = 0;
const openPages = new Set<Workbench>();

/**
 * Called by the UI runner after each test: when it failed, screenshots every workbench the test opened to
 * test-output/failures/<name>-<n>.png (pages closed by the test are kept open until now for this); then
 * closes the pages the test closed.
 */
export async function afterUiTest(failedTestName?: string): Promise<string[]> {
  const files: string[] = [];
  let n = 0;
  for (const wb of [...openPages]) {
    if (failedTestName) files.push(await wb.screenshot(`failures/${failedTestName}-${++n}`).catch(() => ''));
    if (wb.closeRequested) {
      openPages.delete(wb);
      await wb.page.close().catch(() => undefined);
      await wb.ownContext?.close().catch(() => undefined);
    }
  }
  return files.filter(Boolean);
}

async function startSession(): Promise<Session> {
  const server = await CodeServer.start({ logFile: path.join(TEST_OUTPUT_DIR, 'ui', 'code-server.log') });
  try {
    const browser = await HeadlessChromium.launch({ runDir: server.runDir, env: server.env });
    return { server, browser };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Stops the shared code-server and Chromium (the UI runner calls it once at the end). */
export async function stopSession(): Promise<void> {
  const current = session;
  session = undefined;
  if (!current) return;
  const s = await current.catch(() => undefined);
  await s?.browser.close();
  await s?.server.stop();
}

export interface OpenWorkbenchOptions {
  /** A file of the workspace to open in an editor, e.g. 'scaleconf-2017.md'. */
  file?: string;
  /** Width and height of the page (default 1400×900). */
  viewport?: { width: number; height: number };
  /**
   * A browser profile of its own, empty: no global state from earlier tests (extension globalState, which views
   * were opened or moved), as a new user starts. Default: the run's shared profile.
   */
  freshProfile?: boolean;
}

export async function openWorkbench(options: OpenWorkbenchOptions = {}): Promise<Workbench> {
  session ??= startSession();
  const { server } = await session;
  const workspace = prepareWorkspace(server.runDir, `workspace-${++workspaceCount}`);
  const url = server.workbenchUrl({ folder: workspace, openFile: options.file && path.join(workspace, options.file) });
  return openWorkbenchAt(url, workspace, options);
}

/**
 * Opens a workbench URL of any code-server (e.g. the one `npm start` prints) in the shared Chromium.
 * `folder` is the folder that URL opens.
 */
export async function openWorkbenchAt(url: string, folder: string, options: OpenWorkbenchOptions = {}): Promise<Workbench> {
  session ??= startSession();
  const { browser } = await session;
  const ownContext = options.freshProfile ? await browser.browser.newContext() : undefined;
  const page = await (ownContext ?? browser.context).newPage();
  await page.setViewportSize(options.viewport ?? { width: 1400, height: 900 });
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  const wb = new Workbench(page, folder, ownContext);
  openPages.add(wb);
  if (options.file) {
    await wb.editorTab(options.file).waitFor({ timeout: 30_000 });
    // The workbench focuses the restored editor late in its start-up, closing a quick input opened before.
    await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: 10_000 }).catch(() => undefined);
  }
  return wb;
}

export class Workbench {
  constructor(
    readonly page: Page,
    /** Absolute path of this workbench's own copy of the test workspace. */
    readonly workspace: string,
    /** The browser profile of a `freshProfile` workbench, closed with it. */
    readonly ownContext?: BrowserContext,
  ) {}

  /** The tab of an open editor, by file name. */
  editorTab(fileName: string): Locator {
    return this.page.locator(`.tabs-container .tab[data-resource-name="${fileName}"]`).first();
  }

  /** The editor's text lines (spaces come back as U+00A0; `editorText` normalises them). */
  get editorLines(): Locator {
    return this.page.locator('.editor-instance .monaco-editor .view-lines').first();
  }

  async editorText(): Promise<string> {
    return (await this.editorLines.innerText()).replace(/\u00a0/g, ' ');
  }

  /** The Conference Notes side bar (its own view container, with the Talks view), when it is open. */
  get talksPane(): Locator {
    return this.page.locator(`.part.sidebar [id="${TALKS_CONTAINER}"]`);
  }

  /** The Conference Notes icon in the activity bar. */
  get talksActivity(): Locator {
    return this.page.locator('.part.activitybar li.action-item:has(> a.action-label[aria-label^="Conference Notes"])').first();
  }

  /**
   * Opens the Talks view as a person does, with its icon in the activity bar (once the extension shows it: when a
   * notes file is open or the workspace has one); returns the side bar holding it. The extension may open it by
   * itself meanwhile (on a profile's first notes file): a click that closed the side bar again is undone.
   */
  async showTalks(timeout = 30_000): Promise<Locator> {
    const icon = this.talksActivity;
    await icon.waitFor({ timeout });
    for (let attempt = 1; !(await this.talksPane.isVisible()); attempt++) {
      if (attempt > 4) throw new Error('The Conference Notes side bar did not stay open');
      await icon.click();
      // Away from the icon, so its hover does not cover the view in screenshots.
      await this.page.mouse.move(1, 1);
      await this.talksPane.waitFor({ timeout: 2000 }).catch(() => undefined);
    }
    return this.talksPane;
  }

  /** A status bar entry by its extension-qualified id, e.g. 'conference-notes.conference-notes.conferenceNotes.status'. */
  statusBarEntry(id: string): Locator {
    return this.page.locator(`.statusbar-item[id="${id}"]`);
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab to be active. */
  async openFile(fileName: string): Promise<void> {
    const row = this.page.locator(`.quick-input-widget .monaco-list-row[aria-label*="${fileName}"]`).first();
    await this.inQuickInput('Control+P', fileName, row);
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[data-resource-name="${fileName}"]`).waitFor();
  }

  /**
   * Opens the quick input with `shortcut`, types `text` and waits for `row`. Retried: while the workbench is
   * still starting it may take the focus back and close the quick input.
   */
  private async inQuickInput(shortcut: string, text: string, row: Locator, attempts = 4): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    for (let attempt = 1; ; attempt++) {
      await this.focusWorkbench();
      await this.page.keyboard.press(shortcut);
      try {
        await input.waitFor({ timeout: 5000 });
        await input.fill(text, { timeout: 5000 });
        await row.waitFor({ timeout: 5000 });
        if (await input.isVisible()) return;
      } catch (err) {
        if (attempt >= attempts) throw err;
      }
      await this.page.keyboard.press('Escape');
    }
  }

  /**
   * Go to Line (Ctrl+G) as a person does it: the quick input opened (again, if the workbench took the focus back),
   * `:line` or `:line:column` typed, Enter; waits until the status bar shows the cursor there. 1-based.
   */
  async goTo(line: number, column?: number): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    await this.inQuickInput('Control+G', column === undefined ? `:${line}` : `:${line}:${column}`, input);
    await this.page.keyboard.press('Enter');
    const where = column === undefined ? `Ln ${line},` : `Ln ${line}, Col ${column}`;
    await this.page.locator('[id="status.editor.selection"]', { hasText: where }).waitFor({ timeout: 30_000 });
  }

  /**
   * Puts the cursor at `line:column` and opens the quick fix menu (Ctrl+.) until it lists a row with `rowText`, as
   * a person tries again when the light bulb comes up before the finding is in: the first lint publishes nearest
   * the visible lines first, and a loaded machine answers Ctrl+. late. Returns the row.
   */
  async openQuickFix(line: number, column: number, rowText: string, attempts = 4): Promise<Locator> {
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: rowText }).first();
    for (let attempt = 1; ; attempt++) {
      await this.goTo(line, column);
      await this.page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      await this.page.keyboard.press('Control+.');
      try {
        await row.waitFor({ timeout: 10_000 });
        return row;
      } catch (err) {
        if (attempt >= attempts) throw err;
      }
      await this.page.keyboard.press('Escape');
    }
  }

  /** Runs a command from the palette by its full title, e.g. 'Conference Notes: Treat This File as Notes'. */
  async runCommand(title: string): Promise<void> {
    // The exact title: 'Open Preview' must not pick 'Open Preview to the Side'.
    const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    const row = this.page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exact }) })
      .first();
    await this.inQuickInput('Control+Shift+P', `>${title}`, row);
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Saves a screenshot of the page to test-output/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(TEST_OUTPUT_DIR, `${name}.png`);
    mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  closeRequested = false;

  /** Closes the page once the test is over (after a failure screenshot, when there is one). */
  async close(): Promise<void> {
    this.closeRequested = true;
  }

  private async focusWorkbench(): Promise<void> {
    // Keyboard shortcuts need focus inside the workbench, not on the page's body.
    const editor = this.page.locator('.editor-instance .monaco-editor textarea').first();
    if (await editor.count()) await editor.focus();
    else await this.page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } });
  }
}
