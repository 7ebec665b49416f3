// Lint diagnostics and a quick fix from the extension's web build, in the web-worker extension host
// (the core rules, the .conference-notes.json reader and the code actions need no Node).
import * as vscode from 'vscode';
import { equal, ok } from './assert';
import { SAMPLE, codeActions, ruleOf, sampleText, show, showCopy, structureDiagnostics as structure, waitForUpTo } from './helpers';

const waitFor = waitForUpTo(30000);

describe('Lint in the web-worker extension host', function () {
  it('reports the sample by rule and line', async () => {
    const { document } = await show(SAMPLE);
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
    const { document } = await showCopy(await sampleText());
    const diagnostic = await waitFor('the mojibake finding', () => structure(document.uri).find((d) => ruleOf(d) === 'mojibake'));
    const actions = await codeActions(document.uri, diagnostic.range);
    const fix = actions.find((a) => a.title === "Replace with '“'");
    ok(fix?.edit, `no mojibake fix among: ${actions.map((a) => a.title).join(' | ')}`);
    ok(await vscode.workspace.applyEdit(fix.edit), 'the edit was refused');
    equal(document.lineAt(179).text, '## Lessons Learned from building a “serverless" API');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
