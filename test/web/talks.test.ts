// The Talks tree in the web-worker extension host: the same provider over the same core, and the workspace
// index reading files through vscode.workspace.fs (no Node there).
import * as vscode from 'vscode';
import { equal, ok } from './assert';
import { SAMPLE, show, talksTree as tree, waitForUpTo } from './helpers';

const waitFor = waitForUpTo(15000);

describe('Talks tree in the web worker', function () {
  this.timeout(40000);

  it('lists the sample\'s talks and indexes the workspace through vscode.workspace.fs', async () => {
    await show(SAMPLE);
    const t = await waitFor('13 talks', async () => {
      const s = await tree();
      return s.items.length === 13 ? s : undefined;
    });
    equal(t.items[2]?.label, 'Databases and Containers');
    equal(t.items[2]?.description, 'Ronen Baram · Oracle');

    const result = (await vscode.commands.executeCommand<{ notesFiles: number; total: number; lastDurationMs?: number }>(
      'conferenceNotes.internal.reindexTalks',
    ))!;
    ok(result.total >= 2, `Markdown files found: ${result.total}`);
    ok(result.notesFiles >= 1, `notes files: ${result.notesFiles}`);
    ok(typeof result.lastDurationMs === 'number');
    await vscode.commands.executeCommand('conferenceNotes.talks.showWorkspace');
    const ws = await waitFor('the workspace tree', async () => {
      const s = await tree();
      return s.items.some((g) => g.label === 'Scaleconf 2017') ? s : undefined;
    });
    ok(ws.items.every((g) => g.children !== undefined), 'grouped by conference');
    await vscode.commands.executeCommand('conferenceNotes.talks.showFile');
  });
});
