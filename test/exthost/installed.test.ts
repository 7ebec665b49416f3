// When the suite runs against the installed .vsix (`npm run test:installed`), prove that it is the installed
// copy that runs: its folder is in the extensions folder, holds the shipped files and none of the sources.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TEST_COMMANDS } from '../../src/vscode/testCommands';

const EXTENSION_ID = 'conference-notes.conference-notes';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe('The extension under test', () => {
  it('is the installed .vsix when CN_REPO_ROOT is set, else this folder in development', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    const repoRoot = process.env.CN_REPO_ROOT;
    if (!repoRoot) {
      assert.ok(await exists(vscode.Uri.joinPath(ext.extensionUri, 'src', 'extension.ts')), 'the development folder has its sources');
      return;
    }
    assert.notEqual(ext.extensionUri.fsPath, repoRoot, 'the extension runs from the repository, not the installed copy');
    assert.match(ext.extensionUri.fsPath, /[\\/]extensions[\\/]conference-notes\.conference-notes-\d+\.\d+\.\d+$/);
    for (const shipped of ['dist/extension.js', 'dist/web/extension.js', 'dict/en.bin', 'samples/scaleconf-2017.md', 'media/icon.png']) {
      assert.ok(await exists(vscode.Uri.joinPath(ext.extensionUri, shipped)), `${shipped} is missing from the installed extension`);
    }
    for (const kept of ['src', 'test', 'node_modules', 'dist/extension.js.map', 'tsconfig.json']) {
      assert.equal(await exists(vscode.Uri.joinPath(ext.extensionUri, kept)), false, `${kept} should not ship`);
    }
  });

  it('registers every contributed command, and contributes every conferenceNotes command it registers but its test commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const contributed = (ext.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('conferenceNotes.')).sort();
    // The view's own focus/reset commands come from VS Code, not from the extension.
    const own = registered.filter((c) => !/^conferenceNotes\.talks\.(focus|open|resetViewLocation|removeView|toggleVisibility)$/.test(c));
    // The test-only commands: registered here because the harness says this is a test, never contributed.
    const testOnly = Object.values(TEST_COMMANDS).sort();
    assert.deepEqual(own.filter((c) => c.startsWith('conferenceNotes.internal.')), testOnly);
    assert.deepEqual(own.filter((c) => !c.startsWith('conferenceNotes.internal.')), contributed);
    assert.equal(contributed.some((c) => c.startsWith('conferenceNotes.internal.')), false, 'no test command is contributed');
  });
});
