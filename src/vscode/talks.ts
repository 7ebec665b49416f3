// Wires the talk features: the workspace index, the Talks view (shown once on the first notes file), Go to Talk, Next/Previous/New Talk,
// workspace symbols, and the welcome buttons (open the sample, create notes).
import * as vscode from 'vscode';
import { notesSkeleton } from '../core/talkTree';
import { disposeAll } from './dispose';
import { guarded, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';
import { registerGoToTalk } from './goToTalk';
import { registerTalkNavigation } from './talkNavigation';
import { TalkFiles, type ProblemSource } from './talkFiles';
import { registerTalkSymbols } from './talkSymbols';
import { registerTalksFirstShow } from './talksFirstShow';
import { TalksView, VIEW_ID } from './talksView';
import { WorkspaceIndex } from './workspaceIndex';

export const OPEN_SAMPLE_COMMAND = 'conferenceNotes.openSample';
export const CREATE_NOTES_COMMAND = 'conferenceNotes.createNotes';
/** Test and benchmark support (hidden from the palette): index the workspace again, answer with the figures. */
export const REINDEX_COMMAND = 'conferenceNotes.internal.reindexTalks';
/** The background index starts this long after activation, so it never competes with start-up. */
const INDEX_DELAY_MS = 1500;

export function registerTalks(context: vscode.ExtensionContext, notes: NotesDocuments, log: Log, problemSource?: ProblemSource, onIndex?: (index: WorkspaceIndex) => void): vscode.Disposable {
  const index = new WorkspaceIndex(notes, log, VIEW_ID);
  // Other features that read the whole workspace's notes (the spelling check's names).
  onIndex?.(index);
  const files = new TalkFiles(notes, index, problemSource);
  const view = new TalksView(files, notes, context.workspaceState, log);
  const disposables: vscode.Disposable[] = [
    index,
    files,
    view,
    registerTalksFirstShow(files, view, context.globalState, log),
    registerGoToTalk(files, notes, view, log),
    registerTalkNavigation(notes, log),
    registerTalkSymbols(files),
    vscode.commands.registerCommand(REINDEX_COMMAND, async () => ({ ...(await index.reindex()), notesFiles: index.notesFiles().length })),
    vscode.commands.registerCommand(
      OPEN_SAMPLE_COMMAND,
      guarded(log, 'Open Sample Notes', async () => {
        // An untitled copy, so the user's edits never touch the extension's own file.
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'samples', 'scaleconf-2017.md'));
        const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: new TextDecoder().decode(bytes) });
        await vscode.window.showTextDocument(document);
      }),
    ),
    vscode.commands.registerCommand(
      CREATE_NOTES_COMMAND,
      guarded(log, 'Create Notes', async () => {
        const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
        const editor = await vscode.window.showTextDocument(document);
        await editor.insertSnippet(new vscode.SnippetString(notesSkeleton()));
      }),
    ),
  ];
  // Ctrl+T and the view's visibility ("the workspace has notes") need the index; build it in the background.
  const timer = setTimeout(() => void index.ready(), INDEX_DELAY_MS);
  disposables.push({ dispose: () => clearTimeout(timer) });
  return { dispose: () => disposeAll(disposables.reverse()) };
}
