// `Next Talk` / `Previous Talk` / `New Talk` in the active notes editor. Their keybindings are active only
// in notes files (context key conferenceNotes.activeEditorIsNotes, set by notesOverride.ts).
import * as vscode from 'vscode';
import { newTalkInsertion, nextTalk, previousTalk } from '../core/talkTree';
import type { NotesDocument, Talk } from '../core';
import { Disposable } from './dispose';
import { guarded, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';

export const NEXT_TALK_COMMAND = 'conferenceNotes.nextTalk';
export const PREVIOUS_TALK_COMMAND = 'conferenceNotes.previousTalk';
export const NEW_TALK_COMMAND = 'conferenceNotes.newTalk';

class TalkNavigation extends Disposable {
  constructor(
    private readonly notes: NotesDocuments,
    log: Log,
  ) {
    super();
    const register = (id: string, fn: (editor: vscode.TextEditor, doc: NotesDocument) => unknown): void => {
      this._register(
        vscode.commands.registerCommand(
          id,
          guarded(log, `Command ${id}`, async () => {
            const editor = vscode.window.activeTextEditor;
            // The model of what is on screen now, not of a few keys ago.
            const entry = editor && (await this.notes.ready(editor.document));
            if (!editor || !entry?.isNotes) {
              void vscode.window.showInformationMessage('Conference Notes: open a conference notes file first.');
              return;
            }
            return fn(editor, entry.doc);
          }),
        ),
      );
    };
    register(NEXT_TALK_COMMAND, (editor, doc) => this.go(editor, nextTalk(doc, editor.selection.active.line), 'next'));
    register(PREVIOUS_TALK_COMMAND, (editor, doc) => this.go(editor, previousTalk(doc, editor.selection.active.line), 'previous'));
    register(NEW_TALK_COMMAND, async (editor, doc) => {
      const at = newTalkInsertion(doc, editor.selection.active.line);
      const position = new vscode.Position(at.position.line, at.position.character);
      await editor.insertSnippet(new vscode.SnippetString(at.snippet), position);
    });
  }

  private go(editor: vscode.TextEditor, talk: Talk | undefined, which: 'next' | 'previous'): void {
    if (!talk) {
      vscode.window.setStatusBarMessage(`Conference Notes: no ${which} talk`, 2000);
      return;
    }
    const at = new vscode.Position(talk.heading.textRange.start.line, talk.heading.textRange.start.character);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
  }
}

export function registerTalkNavigation(notes: NotesDocuments, log: Log): vscode.Disposable {
  return new TalkNavigation(notes, log);
}
