// Activation, notes detection, the status bar item, the per-file override and live settings, in a real
// extension host. The status bar is read through the test-support command
// `conferenceNotes.internal.statusBarState` (what the item shows); test/ui/statusBar.spec.ts sees it in Chromium.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StatusBarState } from '../../src/vscode/statusBar';
import { ourExtension, show, statusBar, waitFor, workspaceFile } from './helpers';

/** Any talk count: for files whose count is not the point (the README's headings may read as talks). */
const ANY_COUNT = /^\d+ talks?$/;

/** Waits until the status bar describes the active editor as expected ('' = hidden). */
async function expectStatus(expected: string | RegExp, what: string): Promise<StatusBarState> {
  const uri = vscode.window.activeTextEditor?.document.uri.toString();
  let last: StatusBarState | undefined;
  try {
    return await waitFor(`status bar ${expected ? String(expected) : 'hidden'} (${what})`, async () => {
      const s = (last = await statusBar());
      if (expected === '') return s.visible ? undefined : s;
      const textOk = typeof expected === 'string' ? s.text === expected : expected.test(s.text);
      return s.visible && textOk && s.uri === uri ? s : undefined;
    });
  } catch (err) {
    throw new Error(`${(err as Error).message}; last state ${JSON.stringify(last)}`);
  }
}

describe('Activation and notes detection', function () {
  this.timeout(30000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates when the sample is opened', async () => {
    const extension = ourExtension();
    await show('scaleconf-2017.md');
    await waitFor('the extension to be active', () => extension.isActive || undefined);
    await extension.activate(); // rejects with the activation error, if activation failed
    assert.equal(extension.isActive, true);
  });

  it('shows the talk count of the sample in the status bar', async () => {
    await show('scaleconf-2017.md');
    const state = await expectStatus('13 talks', 'the sample');
    assert.match(state.tooltip, /13 talks/);
    assert.match(state.tooltip, /detected as notes/);
  });

  it('does not treat the README of this repository or plain Markdown as notes', async () => {
    await show('README.md');
    await expectStatus('', 'README.md');
    await show('plain-markdown.md');
    await expectStatus('', 'plain-markdown.md');
    // And back: the item follows the active editor.
    await show('scaleconf-2017.md');
    await expectStatus('13 talks', 'back on the sample');
  });

  it('overrides the decision per file, and remembers it when the file is reopened', async () => {
    await show('README.md');
    await expectStatus('', 'README.md before the override');
    await vscode.commands.executeCommand('conferenceNotes.treatAsNotes');
    const state = await expectStatus(ANY_COUNT, 'README.md treated as notes');
    assert.match(state.tooltip, /marked as notes by you/);

    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await show('plain-markdown.md');
    await expectStatus('', 'another file is not affected');
    await show('README.md');
    await expectStatus(ANY_COUNT, 'README.md reopened');

    await show('scaleconf-2017.md');
    await vscode.commands.executeCommand('conferenceNotes.treatAsNotNotes', workspaceFile('scaleconf-2017.md'));
    await expectStatus('', 'the sample treated as not notes');

    for (const name of ['README.md', 'scaleconf-2017.md']) {
      await vscode.commands.executeCommand('conferenceNotes.useAutomaticDetection', workspaceFile(name));
    }
    await expectStatus('13 talks', 'the sample detected again');
    await show('README.md');
    await expectStatus('', 'README.md detected again');
  });

  it('follows edits: the count changes once typing pauses, in an untitled copy of the sample too', async () => {
    const sample = await vscode.workspace.openTextDocument(workspaceFile('scaleconf-2017.md'));
    const copy = await vscode.workspace.openTextDocument({ language: 'markdown', content: sample.getText() });
    const editor = await vscode.window.showTextDocument(copy);
    await expectStatus('13 talks', 'the untitled copy');
    const talk = '## A talk added while testing\n### Jane Doe\n\n#### Staff Engineer\n\n#### Acme Ltd\n\nSome notes.\n\n';
    const atTheEnd = copy.lineAt(copy.lineCount - 1).range.end;
    assert.ok(await editor.edit((e) => e.insert(atTheEnd, '\n\n' + talk)));
    await expectStatus('14 talks', 'a talk added');
    await vscode.commands.executeCommand('undo');
    await expectStatus('13 talks', 'the addition undone');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  describe('settings', () => {
    const config = () => vscode.workspace.getConfiguration('conferenceNotes');
    afterEach(async () => {
      await config().update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('include', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('nonTalkSections', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('picks up a change of conferenceNotes.exclude without a reload', async () => {
      await show('scaleconf-2017.md');
      await expectStatus('13 talks', 'before the change');
      await config().update('exclude', ['scaleconf-*.md'], vscode.ConfigurationTarget.Workspace);
      await expectStatus('', 'the sample excluded');
      await config().update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await expectStatus('13 talks', 'the exclusion removed');
    });

    it('picks up conferenceNotes.include and conferenceNotes.nonTalkSections without a reload', async () => {
      await show('plain-markdown.md');
      await expectStatus('', 'plain Markdown');
      await config().update('include', ['plain-*.md'], vscode.ConfigurationTarget.Workspace);
      // Its two headings without talk fields read as talks, until one is named a section.
      await expectStatus('2 talks', 'plain Markdown included');
      await config().update('nonTalkSections', ['Before the*'], vscode.ConfigurationTarget.Workspace);
      await expectStatus('1 talk', 'a heading named as a section');
    });
  });
});
