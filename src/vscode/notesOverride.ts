// Commands that override, per file, whether a Markdown file is conference notes (remembered per workspace),
// and the context keys their menus use.
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { guarded, type Log } from './log';
import { isMarkdown, type NotesDocuments } from './notesDocuments';

export const TREAT_AS_NOTES_COMMAND = 'conferenceNotes.treatAsNotes';
export const TREAT_AS_NOT_NOTES_COMMAND = 'conferenceNotes.treatAsNotNotes';
export const USE_DETECTION_COMMAND = 'conferenceNotes.useAutomaticDetection';

/** Context keys: the active editor is notes / nearly qualifies as notes / has a per-file override. */
export const IS_NOTES_CONTEXT = 'conferenceNotes.activeEditorIsNotes';
export const IS_NEARLY_NOTES_CONTEXT = 'conferenceNotes.activeEditorIsNearlyNotes';
export const HAS_OVERRIDE_CONTEXT = 'conferenceNotes.activeEditorHasOverride';

class NotesOverride extends Disposable {
  constructor(
    private readonly notes: NotesDocuments,
    private readonly log: Log,
  ) {
    super();
    this.registerOverrideCommand(TREAT_AS_NOTES_COMMAND, true);
    this.registerOverrideCommand(TREAT_AS_NOT_NOTES_COMMAND, false);
    this.registerOverrideCommand(USE_DETECTION_COMMAND, undefined);
    const update = guarded(log, 'Updating context keys', () => this.updateContext());
    this._register(vscode.window.onDidChangeActiveTextEditor(update));
    this._register(notes.onDidChange(update));
    update();
  }

  private registerOverrideCommand(id: string, isNotes: boolean | undefined): void {
    const run = async (uri?: vscode.Uri): Promise<void> => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      const document = target && vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
      if (!target || (document && !isMarkdown(document))) {
        void vscode.window.showInformationMessage('Conference Notes: open a Markdown file first.');
        return;
      }
      await this.notes.setOverride(target, isNotes);
    };
    this._register(vscode.commands.registerCommand(id, guarded(this.log, `Command ${id}`, run)));
  }

  private updateContext(): void {
    const document = vscode.window.activeTextEditor?.document;
    const entry = document && this.notes.get(document);
    void vscode.commands.executeCommand('setContext', IS_NOTES_CONTEXT, entry?.isNotes ?? false);
    void vscode.commands.executeCommand('setContext', IS_NEARLY_NOTES_CONTEXT, (!entry?.isNotes && entry?.nearlyNotes) ?? false);
    void vscode.commands.executeCommand('setContext', HAS_OVERRIDE_CONTEXT, entry?.decidedBy === 'override');
  }
}

export function registerNotesOverride(notes: NotesDocuments, log: Log): vscode.Disposable {
  return new NotesOverride(notes, log);
}
