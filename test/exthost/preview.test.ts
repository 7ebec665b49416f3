// The preview panel and Export as HTML in a real extension host: commands, following the active notes
// editor, the lock, and the exported page. What the webview shows is checked in Chromium (test/ui/preview.spec.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor, workspaceFile } from './helpers';

interface PreviewInfo { uri: string; locked: boolean; visible: boolean; title: string }

const previews = async (): Promise<PreviewInfo[]> =>
  (await vscode.commands.executeCommand<PreviewInfo[]>('conferenceNotes.internal.previewState')) ?? [];

const SECOND_NOTES = `# Notes from Second Conf 2025

## Rust in Production
### Ann Lee

#### Staff Engineer

#### Acme

Ownership everywhere.

## Observability on a Budget
### Bob Ray

#### SRE

#### Widgets Ltd

Logs, metrics, traces.
`;

async function show(uri: vscode.Uri, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: column });
}

describe('Preview panel', function () {
  this.timeout(30000);
  const sample = workspaceFile('scaleconf-2017.md');
  const second = workspaceFile('second-notes.md');

  before(async () => {
    await vscode.workspace.fs.writeFile(second, new TextEncoder().encode(SECOND_NOTES));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(second).then(undefined, () => undefined);
  });

  it('contributes its commands and settings with defaults', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['conferenceNotes.openPreview', 'conferenceNotes.openPreviewToSide', 'conferenceNotes.exportHtml', 'conferenceNotes.preview.toggleLock']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
    const config = vscode.workspace.getConfiguration('conferenceNotes.preview');
    for (const key of ['scrollPreviewWithEditor', 'scrollEditorWithPreview', 'doubleClickToSwitchToEditor']) {
      assert.equal(config.inspect<boolean>(key)?.defaultValue, true, `conferenceNotes.preview.${key} defaults to true`);
    }
  });

  it('opens to the side of the notes and follows the active notes editor', async () => {
    await show(sample);
    await vscode.commands.executeCommand('conferenceNotes.openPreviewToSide');
    const [panel] = await waitFor('a preview of the sample', async () => {
      const p = await previews();
      return p.length === 1 && p[0]!.uri === sample.toString() ? p : undefined;
    });
    assert.equal(panel!.locked, false);
    assert.equal(panel!.title, 'Preview: scaleconf-2017.md');

    await show(second);
    await waitFor('the preview to follow the second notes', async () => {
      const p = await previews();
      return p.length === 1 && p[0]!.uri === second.toString() ? p : undefined;
    });
    // Opening the preview again reuses the panel that follows the editor.
    await vscode.commands.executeCommand('conferenceNotes.openPreviewToSide');
    assert.equal((await previews()).length, 1);
  });

  it('stays on its file when locked, and follows again when unlocked', async () => {
    await show(second);
    await vscode.commands.executeCommand('conferenceNotes.openPreviewToSide');
    await waitFor('the preview of the second notes', async () => ((await previews())[0]?.uri === second.toString() ? true : undefined));
    await vscode.commands.executeCommand('conferenceNotes.preview.toggleLock');
    const [locked] = await previews();
    assert.equal(locked!.locked, true);
    assert.equal(locked!.title, 'Preview (locked): second-notes.md');

    await show(sample);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await previews())[0]!.uri, second.toString(), 'a locked preview does not follow the editor');

    await vscode.commands.executeCommand('conferenceNotes.preview.toggleLock');
    await waitFor('the unlocked preview to follow the active editor', async () => {
      const [p] = await previews();
      return p && !p.locked && p.uri === sample.toString() ? p : undefined;
    });
  });

  it('does not follow an editor that is not notes', async () => {
    await show(sample);
    await vscode.commands.executeCommand('conferenceNotes.openPreviewToSide');
    await waitFor('the preview of the sample', async () => ((await previews())[0]?.uri === sample.toString() ? true : undefined));
    await show(workspaceFile('README.md'));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await previews())[0]!.uri, sample.toString());
  });

  it('exports the sample as one standalone HTML page without scripts', async () => {
    const target = workspaceFile('out', 'scaleconf-2017.html');
    const written = await vscode.commands.executeCommand<vscode.Uri>('conferenceNotes.exportHtml', sample, target);
    assert.equal(written?.toString(), target.toString());
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.equal((html.match(/<article class="talk/g) ?? []).length, 13);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.match(html, /<style>[^]*\.talk \{/, 'the preview CSS is inline');
    assert.doesNotMatch(html, /<script|<link /i);
    assert.ok(html.includes('Daniel Larsen') && html.includes('Vishesh Oberoi'));
  });
});
