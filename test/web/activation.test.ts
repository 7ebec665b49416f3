// The extension's web build in the web-worker extension host: it activates there, detects notes and shows
// the talk count, reading the workspace through vscode.workspace.fs on vscode-remote:// URIs.
import * as vscode from 'vscode';
import type { StatusBarState } from '../../src/vscode/statusBar';
import { equal, ok } from './assert';

const EXTENSION_ID = 'conference-notes.conference-notes';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | PromiseLike<T | undefined | false>, timeoutMs = 10000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const statusBar = async (): Promise<StatusBarState> =>
  (await vscode.commands.executeCommand<StatusBarState>('conferenceNotes.internal.statusBarState'))!;

describe('Web build in the web-worker extension host', function () {
  it('runs in a web worker, not in Node', () => {
    equal(typeof (globalThis as { process?: unknown }).process, 'undefined');
    equal(vscode.env.uiKind, vscode.UIKind.Web);
  });

  it('activates on the sample, as a UI (web) extension, and shows "13 talks"', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('scaleconf-2017.md')));
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate(); // rejects with the activation error, if any
    await waitFor('activation', () => extension.isActive);
    equal(extension.extensionKind, vscode.ExtensionKind.UI);
    await waitFor('"13 talks"', async () => {
      const s = await statusBar();
      return s.visible && s.text === '13 talks' && s.uri === editor.document.uri.toString();
    });
  });

  it('does not treat the README as notes', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('README.md')));
    await waitFor('the status bar item to hide', async () => !(await statusBar()).visible);
  });
});
