// The extension's web build in the web-worker extension host: it activates there, detects notes and shows
// the talk count, reading the workspace through vscode.workspace.fs on vscode-remote:// URIs.
import * as vscode from 'vscode';
import { SAMPLE, ourExtension, show, statusBar, waitFor } from './helpers';
import { equal } from './assert';

describe('Web build in the web-worker extension host', function () {
  it('runs in a web worker, not in Node', () => {
    equal(typeof (globalThis as { process?: unknown }).process, 'undefined');
    equal(vscode.env.uiKind, vscode.UIKind.Web);
  });

  it('activates on the sample, as a UI (web) extension, and shows "13 talks"', async () => {
    const editor = await show(SAMPLE);
    const extension = ourExtension();
    await extension.activate(); // rejects with the activation error, if any
    await waitFor('activation', () => extension.isActive);
    equal(extension.extensionKind, vscode.ExtensionKind.UI);
    await waitFor('"13 talks"', async () => {
      const s = await statusBar();
      return s.visible && s.text === '13 talks' && s.uri === editor.document.uri.toString();
    });
  });

  it('does not treat the README as notes', async () => {
    await show('README.md');
    await waitFor('the status bar item to hide', async () => !(await statusBar()).visible);
  });
});
