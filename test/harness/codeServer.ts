// Starts code-server (VS Code 1.100.3 server + web workbench) on 127.0.0.1 with throw-away folders,
// and builds workbench URLs that load this extension for development (and, optionally, a tests file).
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER_ENTRY, REPO_ROOT, assertTestEnv } from './paths';
import { registerCleanup, spawnGroup, type GroupProcess } from './processes';

export interface CodeServerOptions {
  /** Extra user settings for the throw-away settings.json. */
  settings?: Record<string, unknown>;
  /** Environment variables for the server, and so for the extension host. */
  env?: Record<string, string>;
  /** Where the server log goes (default: inside the run folder). */
  logFile?: string;
  /** Keep the run folder after stop (for debugging); also when CN_KEEP_RUN_DIR=1. */
  keepRunDir?: boolean;
  /** A fixed port (default: a free one). */
  port?: number;
  /** .vsix files installed (`--install-extension`) into the throw-away extensions folder before start. */
  installExtensions?: string[];
}

export interface WorkbenchUrlOptions {
  /** Absolute path of the folder to open. */
  folder: string;
  /** Absolute path of a file to open in an editor once the workbench is up. */
  openFile?: string;
  /** Load this repository as the development extension (default true), or the extension folder given. */
  developmentExtension?: boolean | string;
  /** Absolute path of a compiled tests file whose `run()` the extension host awaits. */
  extensionTestsPath?: string;
}

/** Settings that keep the throw-away workbench quiet and offline. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'npm.autoDetect': 'off',
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
};

export class CodeServer {
  private constructor(
    readonly port: number,
    readonly runDir: string,
    /** Environment (XDG_*, TMPDIR) that Chromium should share with the server. */
    readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
    private readonly process: GroupProcess,
    private readonly keepRunDir: boolean,
  ) {
    this.unregisterCleanup = registerCleanup(() => this.removeRunDir());
  }

  private readonly unregisterCleanup: () => void;

  /** Resolves when the server process exits (by itself or by `stop`). */
  get exited(): Promise<number | string> {
    return this.process.exited;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(options: CodeServerOptions = {}): Promise<CodeServer> {
    assertTestEnv();
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'confnotes-run-'));
    const dirs = {
      userData: path.join(runDir, 'user-data'),
      extensions: path.join(runDir, 'extensions'),
      config: path.join(runDir, 'xdg-config'),
      data: path.join(runDir, 'xdg-data'),
      cache: path.join(runDir, 'xdg-cache'),
      tmp: path.join(runDir, 'tmp'),
    };
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    writeFileSync(
      path.join(dirs.userData, 'User', 'settings.json'),
      JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
    );
    const configFile = path.join(runDir, 'config.yaml');
    writeFileSync(configFile, '');
    const port = options.port ?? (await freePort());
    const logFile = options.logFile ?? path.join(runDir, 'code-server.log');
    mkdirSync(path.dirname(logFile), { recursive: true });

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      TMPDIR: dirs.tmp,
      EXTENSIONS_GALLERY: '{}',
      // The extension registers its test-only commands (src/vscode/testCommands.ts) also when installed, not only in
      // VS Code's test mode.
      CONFERENCE_NOTES_TEST_COMMANDS: '1',
      ...options.env,
    };
    delete env.VSCODE_IPC_HOOK_CLI;
    delete env.NODE_OPTIONS; // tsx's loader must not leak into the server or the extension host.

    for (const vsix of options.installExtensions ?? []) {
      const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', configFile];
      execFileSync(process.execPath, [CODE_SERVER_ENTRY, ...common, '--install-extension', vsix], { cwd: REPO_ROOT, env, stdio: 'pipe' });
    }

    const args = [
      CODE_SERVER_ENTRY,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      '--config', configFile,
    ];
    const log = createWriteStream(logFile);
    const child = spawnGroup('code-server', process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.child.stdout?.pipe(log);
    child.child.stderr?.pipe(log);
    const server = new CodeServer(port, runDir, env, logFile, child, options.keepRunDir ?? process.env.CN_KEEP_RUN_DIR === '1');
    try {
      await server.waitHealthy(30_000);
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  /** The workbench URL: folder, optional file to open, this extension in development, optional tests. */
  workbenchUrl(options: WorkbenchUrlOptions): string {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${this.port}${p}`;
    const payload: Array<[string, string]> = [['skipWelcome', 'true']];
    const development = options.developmentExtension ?? true;
    if (development) payload.push(['extensionDevelopmentPath', remote(typeof development === 'string' ? development : REPO_ROOT)]);
    if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
    if (options.openFile) payload.push(['openFile', remote(options.openFile)]);
    const query = `folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return `${this.origin}/?${query}`;
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | string | undefined;
    void this.process.exited.then((c) => (exitCode = c));
    while (Date.now() < deadline) {
      if (exitCode !== undefined) throw new Error(`code-server exited (${exitCode}) before it was healthy; see ${this.logFile}`);
      try {
        const res = await fetch(`${this.origin}/healthz`);
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`code-server was not healthy within ${timeoutMs} ms; see ${this.logFile}`);
  }

  async stop(): Promise<void> {
    await this.process.stop();
    this.unregisterCleanup();
    this.removeRunDir();
  }

  private removeRunDir(): void {
    if (!this.keepRunDir) rmSync(this.runDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
