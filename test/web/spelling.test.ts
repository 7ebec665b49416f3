// Spelling from the extension's web build, in the web-worker extension host: the dictionary file is read
// through vscode.workspace.fs (no Node), diagnostics on the sample, and the quick fixes at 'ammend'.
import * as vscode from 'vscode';
import { equal, ok } from './assert';
import { SAMPLE, codeActions, show, spellingDiagnostics, waitForUpTo } from './helpers';

const waitFor = waitForUpTo(20000);

describe('Spelling in the web-worker extension host', function () {
  it("flags the sample's misspellings and offers the quick fixes at 'ammend'", async () => {
    ok(typeof (globalThis as { process?: unknown }).process === 'undefined' || vscode.env.uiKind === vscode.UIKind.Web, 'runs in the web worker');
    const { document } = await show(SAMPLE);
    const spelling = await waitFor('spelling diagnostics', () => {
      const d = spellingDiagnostics(document.uri);
      return d.length > 20 ? d : undefined;
    });
    const words = spelling.map((d) => document.getText(d.range));
    for (const w of ['ammend', 'breifs', 'phylosophy', 'desicion', 'thier', 'anomoly']) ok(words.includes(w), `${w} flagged`);
    for (const w of ['Scaleconf', 'Pinterest', 'Srinivasamurthy']) ok(!words.includes(w), `${w} not flagged`);
    const ammend = spelling.find((d) => document.getText(d.range) === 'ammend')!;
    equal(ammend.message, "Unknown word 'ammend' — did you mean 'amend'?");
    const actions = await codeActions(document.uri, ammend.range, 'quickfix');
    const titles = actions.map((a) => a.title);
    ok(titles.includes("Change to 'amend'"), titles.join(' | '));
    ok(titles.some((t) => t.startsWith("Add 'ammend' to workspace dictionary")), titles.join(' | '));
  });
});
