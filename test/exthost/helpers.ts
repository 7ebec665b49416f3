// Helpers for extension-host tests (test/exthost/**/*.test.ts).
import * as vscode from 'vscode';

/** The test workspace (a throw-away copy of test/fixtures/workspace plus the sample and README). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The extension-host tests need the test workspace open');
  return folder.uri;
}

/** A file of the test workspace, e.g. workspaceFile('scaleconf-2017.md'). */
export function workspaceFile(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...segments);
}

/** Polls `probe` until it returns something other than undefined/false; fails with `what` after the timeout. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | PromiseLike<T | undefined | false>, timeoutMs = 10000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
