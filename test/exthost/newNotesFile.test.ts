// Conference Notes: New Notes File, given its answers as arguments: the file lands in the workspace folder,
// opens with the template, and is read as notes of that conference.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from './helpers';

describe('New Notes File', function () {
  this.timeout(30000);
  const created: vscode.Uri[] = [];

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('creates <conference>-<year>.md in the workspace with the first talk as a snippet', async () => {
    const uri = await vscode.commands.executeCommand<string>('conferenceNotes.newNotesFile', { conference: 'Webstock', date: '2019-02-14', layout: 'label' });
    assert.ok(uri, 'the command returned no document');
    created.push(vscode.Uri.parse(uri));
    assert.equal(uri, workspaceFile('webstock-2019.md').toString());
    const editor = await waitFor('the new file in the active editor', () => vscode.window.activeTextEditor?.document.uri.toString() === uri && vscode.window.activeTextEditor);
    const text = editor.document.getText();
    assert.match(text, /^---\nconference: Webstock\ndate: 2019-02-14\n---\n\n# Notes from Webstock\n\n## Talk title\n\n\*\*Speaker:\*\* Speaker\n/);
    // The snippet's first tab stop (the talk title) is selected, ready to type over.
    assert.equal(editor.document.getText(editor.selection), 'Talk title');
  });

  it('picks a free name when the file exists', async () => {
    const uri = await vscode.commands.executeCommand<string>('conferenceNotes.newNotesFile', { conference: 'Webstock', date: '2019-02-14', layout: 'heading' });
    created.push(vscode.Uri.parse(uri!));
    assert.equal(uri, workspaceFile('webstock-2019-2.md').toString());
  });
});
