// Why a file is notes, or nearly: the status bar tooltip gives the detection's reason, and the Talks view says
// why a Markdown file that nearly qualifies is not notes, with one row that treats it as notes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseNotes, DEFAULT_SETTINGS } from '../../src/core';
import { explainNotes } from '../../src/core/detect';
import { TEST_COMMANDS } from '../../src/vscode/testCommands';
import { notNotesMessage } from '../../src/vscode/talksView';
import { revertAndCloseAll, sampleText, show, showCopy, statusBar, talksTree, waitFor } from './helpers';

/** One talk carried by a person, no conference words: below what detection needs for notes, but nearly there. */
const NEARLY_NOTES = '# Billing service rewrite\n\n## Rust in production\n### Jane Doe\n\nWe moved the billing service to Rust last year.\n';

describe('Notes verdict', function () {
  this.timeout(30000);

  before(async () => {
    await vscode.commands.executeCommand('conferenceNotes.talks.showFile');
    await vscode.commands.executeCommand('conferenceNotes.clearTalksFilter');
  });

  after(async () => {
    await revertAndCloseAll();
  });

  it('says in the status bar tooltip why the sample is notes: the detection\'s reason', async () => {
    const editor = await show('scaleconf-2017.md');
    const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri)?.name;
    const verdict = explainNotes(parseNotes(await sampleText()), DEFAULT_SETTINGS, 'scaleconf-2017.md', folder);
    assert.match(verdict.reason, /^13 talks, 13 with a speaker/);
    const state = await waitFor('the status bar on the sample', async () => {
      const s = await statusBar();
      return s.visible && s.uri === editor.document.uri.toString() ? s : undefined;
    });
    assert.ok(state.tooltip.includes(`detected as notes (${verdict.reason})`), `tooltip: ${state.tooltip}`);
  });

  it('shows the Talks view by itself on the first notes file of a profile, keeping the editor active', async () => {
    // As a new profile: the view hidden, the "shown once" flag forgotten (test support), a file that is not notes open.
    await show('plain-markdown.md');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor('the Talks view hidden', async () => !(await talksTree()).visible || undefined);
    assert.deepEqual(await vscode.commands.executeCommand(TEST_COMMANDS.talksFirstShow, { forget: true }), { shown: false });

    const editor = await show('scaleconf-2017.md');
    const shown = await waitFor('the Talks view to be visible', async () => {
      const t = await talksTree();
      return t.visible ? t : undefined;
    });
    assert.equal(shown.mode, 'file');
    assert.equal(shown.items.length, 13);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    await waitFor('the first show remembered in globalState', async () => (await vscode.commands.executeCommand<{ shown: boolean }>(TEST_COMMANDS.talksFirstShow)).shown);
  });

  it('says in the Talks view why a file that nearly qualifies is not notes, and treats it as notes from there', async () => {
    const doc = parseNotes(NEARLY_NOTES);
    const verdict = explainNotes(doc, DEFAULT_SETTINGS, undefined);
    assert.ok(!verdict.isNotes && verdict.nearly, `the fixture must nearly qualify: ${JSON.stringify(verdict)}`);

    const editor = await showCopy(NEARLY_NOTES);
    const uri = editor.document.uri;
    const offered = await waitFor('the Talks view to offer Treat This File as Notes', async () => {
      const t = await talksTree();
      return t.message && t.items.length === 1 ? t : undefined;
    });
    assert.equal(offered.message, notNotesMessage(verdict.reason));
    assert.match(offered.message!, /^This file is not treated as notes: 1 talk/);
    const [row] = offered.items;
    assert.equal(row!.label, 'Treat This File as Notes');
    assert.equal(row!.command?.command, 'conferenceNotes.treatAsNotes');
    assert.equal(String(row!.command?.arguments[0]), uri.toString());
    assert.equal((await statusBar()).visible, false, 'not notes: no status bar item');

    // The row's command, as a click runs it: the file becomes notes, its talk in the tree, the message gone.
    await vscode.commands.executeCommand(row!.command!.command, ...row!.command!.arguments);
    const treated = await waitFor('the talk of the file treated as notes', async () => {
      const t = await talksTree();
      return t.items.length === 1 && t.items[0]!.label === 'Rust in production' ? t : undefined;
    });
    assert.equal(treated.message, undefined);
    const status = await waitFor('the status bar item', async () => {
      const s = await statusBar();
      return s.visible && s.uri === uri.toString() ? s : undefined;
    });
    assert.match(status.tooltip, /1 talk in this file, marked as notes by you/);

    await vscode.commands.executeCommand('conferenceNotes.useAutomaticDetection', uri);
    await waitFor('the offer again once detection decides', async () => {
      const t = await talksTree();
      return t.message === notNotesMessage(verdict.reason) || undefined;
    });
  });

  it('offers nothing for ordinary Markdown: a release checklist gets the usual welcome, no reason', async () => {
    await show('plain-markdown.md');
    const state = await waitFor('the empty Talks view', async () => {
      const t = await talksTree();
      return t.description === undefined && t.items.length === 0 ? t : undefined;
    });
    assert.equal(state.message, undefined);
  });
});
