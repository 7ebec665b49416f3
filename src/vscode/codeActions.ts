// "Conference Notes: Fix All in File": every safe fix of the active notes file as one undoable edit. The quick fixes,
// `source.fixAll.conferenceNotes` (editor.codeActionsOnSave) and the edit itself are the language server's.
import * as vscode from 'vscode';
import { SERVER_COMMANDS } from '../core/protocol';
import { guarded, type Log } from './log';
import { CLIENT_COMMANDS, type NotesClient } from './notesClient';

export const FIX_ALL_COMMAND = CLIENT_COMMANDS.fixAll;

/** Applies every safe fix to a notes document (the active editor's by default); answers how many findings it fixed. */
async function fixAllInFile(client: NotesClient, log: Log, target?: vscode.Uri | string): Promise<number> {
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : (target ?? vscode.window.activeTextEditor?.document.uri);
  if (!uri || !client.state(uri)?.isNotes) {
    void vscode.window.showInformationMessage('Conference Notes: the active editor is not a conference notes file.');
    return 0;
  }
  const fixed = (await client.execute<number>(SERVER_COMMANDS.fixAll, [uri.toString()])) ?? 0;
  if (fixed === 0) {
    void vscode.window.showInformationMessage('Conference Notes: nothing to fix safely in this file.');
    return 0;
  }
  log.info(`Fix All in File: ${fixed} fixes in ${uri.toString(true)}`);
  void vscode.window.showInformationMessage(`Conference Notes: fixed ${fixed} problem${fixed === 1 ? '' : 's'}.`);
  return fixed;
}

export function registerFixAll(client: NotesClient, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand(FIX_ALL_COMMAND, guarded(log, 'Fix All in File', (target?: vscode.Uri | string) => fixAllInFile(client, log, target)));
}
