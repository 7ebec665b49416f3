// Wires the talk features: the workspace index, the Talks view (shown once on the first notes file), Go to Talk, Next/Previous/New Talk,
// and the welcome buttons (open the sample, create notes). Workspace symbols (Ctrl+T) are the language server's.
import * as vscode from 'vscode';
import { notesSkeleton } from '../core/talkTree';
import { disposeAll } from './dispose';
import { guarded, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';
import { registerGoToTalk, type GoToTalk } from './goToTalk';
import { registerTalkNavigation } from './talkNavigation';
import type { Problems } from './problems';
import { TalkFiles } from './talkFiles';
import { registerTalksFirstShow, type TalksFirstShow } from './talksFirstShow';
import { TalksView, VIEW_ID } from './talksView';
import { WorkspaceIndex } from './workspaceIndex';

export const OPEN_SAMPLE_COMMAND = 'conferenceNotes.openSample';
export const CREATE_NOTES_COMMAND = 'conferenceNotes.createNotes';
/** The background index starts this long after activation, so it never competes with start-up. */
const INDEX_DELAY_MS = 1500;

/** The talk features, and what the test commands read of them. */
export interface Talks extends vscode.Disposable {
  readonly index: WorkspaceIndex;
  readonly view: TalksView;
  readonly goToTalk: GoToTalk;
  readonly firstShow: TalksFirstShow;
}

export function registerTalks(context: vscode.ExtensionContext, notes: NotesDocuments, log: Log, problems: Problems): Talks {
  const index = new WorkspaceIndex(notes, log, VIEW_ID);
  const files = new TalkFiles(notes, index, problems);
  const view = new TalksView(files, notes, context.workspaceState, log);
  const firstShow = registerTalksFirstShow(files, view, context.globalState, log);
  const goToTalk = registerGoToTalk(files, notes, view, log);
  const disposables: vscode.Disposable[] = [
    index,
    files,
    view,
    firstShow,
    goToTalk,
    registerTalkNavigation(notes, log),
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
  return { index, view, goToTalk, firstShow, dispose: () => disposeAll(disposables.reverse()) };
}
