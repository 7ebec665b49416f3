// `Conference Notes: New Notes File`: asks for the conference, the date and the layout, creates the file in
// the workspace folder (an untitled file when there is none) and fills it with the template as a snippet.
import * as vscode from 'vscode';
import { checkDate, newNotesFileName, newNotesSnippet, NOTES_LAYOUTS, type NewNotesOptions, type NotesLayoutChoice } from '../core/newNotes';
import { guarded, type Log } from './log';

export const NEW_NOTES_FILE_COMMAND = 'conferenceNotes.newNotesFile';
const LAST_LAYOUT_KEY = 'conferenceNotes.newNotesFile.layout';

async function ask(state: vscode.Memento): Promise<NewNotesOptions | undefined> {
  const conference = await vscode.window.showInputBox({
    title: 'New Notes File (1/3)',
    prompt: 'Name of the conference',
    placeHolder: 'e.g. Scaleconf',
    validateInput: (v) => (v.trim() ? undefined : 'The conference needs a name'),
  });
  if (!conference) return undefined;
  const date = await vscode.window.showInputBox({
    title: 'New Notes File (2/3)',
    prompt: 'Date of the conference (year-month-day), or leave empty',
    value: new Date().toISOString().slice(0, 10),
    validateInput: checkDate,
  });
  if (date === undefined) return undefined;
  const last = state.get<NotesLayoutChoice>(LAST_LAYOUT_KEY, 'heading');
  const items = [...NOTES_LAYOUTS]
    .sort((a, b) => Number(b.id === last) - Number(a.id === last))
    .map((l) => ({ label: l.label, description: l.example, id: l.id }));
  const picked = await vscode.window.showQuickPick(items, { title: 'New Notes File (3/3)', placeHolder: 'How do you write the speaker, role and company of a talk?' });
  if (!picked) return undefined;
  await state.update(LAST_LAYOUT_KEY, picked.id);
  return { conference, date, layout: picked.id };
}

/** A name in `folder` not taken yet: `name.md`, `name-2.md`, … */
async function freeFile(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const base = name.replace(/\.md$/, '');
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, n === 1 ? name : `${base}-${n}.md`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}

export function registerNewNotesFile(state: vscode.Memento, log: Log): vscode.Disposable {
  // Arguments (conference, date, layout) skip the questions: for tests and keybindings.
  return vscode.commands.registerCommand(
    NEW_NOTES_FILE_COMMAND,
    guarded(log, 'New Notes File', async (given?: NewNotesOptions) => {
      const options = given?.conference ? given : await ask(state);
      if (!options) return undefined;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      let document: vscode.TextDocument;
      if (folder) {
        const uri = await freeFile(folder, newNotesFileName(options));
        await vscode.workspace.fs.writeFile(uri, new Uint8Array());
        document = await vscode.workspace.openTextDocument(uri);
      } else {
        document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      }
      const editor = await vscode.window.showTextDocument(document);
      await editor.insertSnippet(new vscode.SnippetString(newNotesSnippet(options)), new vscode.Position(0, 0));
      return document.uri.toString();
    }),
  );
}
