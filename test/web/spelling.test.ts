// Spelling from the extension's web build, in the web-worker extension host: the dictionary file is read
// through vscode.workspace.fs (no Node), diagnostics on the sample, and the quick fixes at 'ammend'.
import * as vscode from 'vscode';
import { equal, ok } from './assert';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | PromiseLike<T | undefined | false>, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ruleOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('Spelling in the web-worker extension host', function () {
  it("flags the sample's misspellings and offers the quick fixes at 'ammend'", async () => {
    ok(typeof (globalThis as { process?: unknown }).process === 'undefined' || vscode.env.uiKind === vscode.UIKind.Web, 'runs in the web worker');
    const document = await vscode.workspace.openTextDocument(workspaceFile('scaleconf-2017.md'));
    await vscode.window.showTextDocument(document);
    const spelling = await waitFor('spelling diagnostics', () => {
      const d = vscode.languages.getDiagnostics(document.uri).filter((x) => x.source === 'conference-notes' && ruleOf(x) === 'spelling');
      return d.length > 20 ? d : undefined;
    });
    const words = spelling.map((d) => document.getText(d.range));
    for (const w of ['ammend', 'breifs', 'phylosophy', 'desicion', 'thier', 'anomoly']) ok(words.includes(w), `${w} flagged`);
    for (const w of ['Scaleconf', 'Pinterest', 'Srinivasamurthy']) ok(!words.includes(w), `${w} not flagged`);
    const ammend = spelling.find((d) => document.getText(d.range) === 'ammend')!;
    equal(ammend.message, "Unknown word 'ammend' — did you mean 'amend'?");
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, ammend.range, 'quickfix')) ?? [];
    const titles = actions.map((a) => a.title);
    ok(titles.includes("Change to 'amend'"), titles.join(' | '));
    ok(titles.some((t) => t.startsWith("Add 'ammend' to workspace dictionary")), titles.join(' | '));
  });
});
