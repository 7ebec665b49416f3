// Lint diagnostics and a quick fix from the extension's web build, in the web-worker extension host
// (the core rules, the .conference-notes.json reader and the code actions need no Node).
import * as vscode from 'vscode';
import { equal, ok } from './assert';

const SOURCE = 'conference-notes';
const STRUCTURE = ['missing-speaker', 'missing-role', 'missing-company', 'field-heading-level', 'empty-talk', 'link-without-scheme', 'mojibake', 'speaker-name-mismatch', 'repeated-word', 'duplicate-talk'];

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | PromiseLike<T | undefined | false>, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ruleOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
const structure = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && STRUCTURE.includes(ruleOf(d)));

describe('Lint in the web-worker extension host', function () {
  it('reports the sample by rule and line', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('scaleconf-2017.md'));
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitFor('16 structure diagnostics', () => {
      const d = structure(document.uri);
      return d.length === 16 ? d : undefined;
    });
    const lines = (rule: string): string =>
      diagnostics.filter((d) => ruleOf(d) === rule).map((d) => d.range.start.line + 1).sort((a, b) => a - b).join(',');
    equal(lines('field-heading-level'), '33,35');
    equal(lines('empty-talk'), '173,180,187,194,201,208');
    equal(lines('link-without-scheme'), '116,117,118');
    equal(lines('mojibake'), '180');
    equal(lines('speaker-name-mismatch'), '58,169');
    equal(lines('repeated-word'), '22,135');
  });

  it('applies a quick fix to an untitled copy', async () => {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('scaleconf-2017.md')));
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor('the mojibake finding', () => structure(document.uri).find((d) => ruleOf(d) === 'mojibake'));
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range)) ?? [];
    const fix = actions.find((a) => a.title === "Replace with '“'");
    ok(fix?.edit, `no mojibake fix among: ${actions.map((a) => a.title).join(' | ')}`);
    ok(await vscode.workspace.applyEdit(fix.edit), 'the edit was refused');
    equal(document.lineAt(179).text, '## Lessons Learned from building a “serverless" API');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
