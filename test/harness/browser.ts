// Headless Debian Chromium, started by us in its own process group (so we can always kill it) and driven
// by playwright-core over CDP (playwright's own browser download is unreachable here).
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM } from './paths';
import { spawnGroup, type GroupProcess } from './processes';

export interface ChromiumOptions {
  /** Folder for the profile and Chromium's XDG/TMP folders (a run folder of CodeServer). */
  runDir: string;
  /** Environment to share with code-server (XDG_*, TMPDIR). */
  env: NodeJS.ProcessEnv;
  width?: number;
  height?: number;
}

export class HeadlessChromium {
  private constructor(
    readonly browser: Browser,
    readonly context: BrowserContext,
    private readonly process: GroupProcess,
  ) {}

  static async launch(options: ChromiumOptions): Promise<HeadlessChromium> {
    const profile = path.join(options.runDir, 'chromium-profile');
    mkdirSync(profile, { recursive: true });
    const { width = 1400, height = 900 } = options;
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--password-store=basic',
      '--use-mock-keychain',
      `--window-size=${width},${height}`,
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ];
    const proc = spawnGroup('chromium', CHROMIUM, args, { env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const endpoint = await devToolsEndpoint(proc, 30_000);
      const browser = await chromium.connectOverCDP(endpoint);
      const context = browser.contexts()[0] ?? (await browser.newContext());
      return new HeadlessChromium(browser, context, proc);
    } catch (err) {
      await proc.stop();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.process.stop(2000);
  }
}

/** Chromium prints `DevTools listening on ws://...` on stderr once it is ready. */
function devToolsEndpoint(proc: GroupProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let done = false;
    const timer = setTimeout(() => reject(new Error(`Chromium did not start within ${timeoutMs} ms:\n${seen.slice(-2000)}`)), timeoutMs);
    // The listener stays attached after the endpoint is found so the pipe keeps draining.
    proc.child.stderr?.on('data', (chunk: Buffer) => {
      if (done) return;
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        done = true;
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before it was ready:\n${seen.slice(-2000)}`));
    });
  });
}
