// `Conference Notes: Go to Talk...`: a Quick Pick of the talks of this file or of the whole workspace,
// matching on title, speaker and company.
import * as vscode from 'vscode';
import { talkAt, talkRows, type TalkRow } from '../core/talkTree';
import { Disposable } from './dispose';
import { guarded, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';
import type { TalkFile, TalkFiles } from './talkFiles';
import { revealTalk, type TalksView } from './talksView';

export const GO_TO_TALK_COMMAND = 'conferenceNotes.goToTalk';

export type TalkScope = 'file' | 'workspace';

export interface TalkPickItem extends vscode.QuickPickItem {
  row?: TalkRow;
}

export interface TalkPickItemState {
  kind: 'separator' | 'talk';
  label: string;
  description?: string;
  detail?: string;
  uri?: string;
  line?: number;
}

/** Talks in document order; in the workspace, one separator per conference (file). */
export function talkPickItems(files: readonly TalkFile[], scope: TalkScope): TalkPickItem[] {
  const items: TalkPickItem[] = [];
  for (const file of files) {
    const rows = talkRows(file);
    if (rows.length === 0) continue;
    if (scope === 'workspace') items.push({ label: rows[0]!.conference, kind: vscode.QuickPickItemKind.Separator });
    for (const row of rows) {
      items.push({
        label: row.label,
        description: row.description,
        detail: scope === 'workspace' ? `${row.conference} — ${row.fileName}:${row.line + 1}` : undefined,
        row,
      });
    }
  }
  return items;
}

export class GoToTalk extends Disposable {
  constructor(
    private readonly files: TalkFiles,
    private readonly notes: NotesDocuments,
    private readonly view: TalksView,
    log: Log,
  ) {
    super();
    this._register(vscode.commands.registerCommand(GO_TO_TALK_COMMAND, guarded(log, 'Go to Talk', (scope?: TalkScope) => this.run(scope))));
  }

  /** The Quick Pick's items for a scope as plain data (the test commands read them). */
  async itemStates(scope?: TalkScope): Promise<TalkPickItemState[]> {
    const s = scope ?? this.defaultScope();
    const items = talkPickItems(await this.filesFor(s), s);
    return items.map(
      (i): TalkPickItemState =>
        i.kind === vscode.QuickPickItemKind.Separator
          ? { kind: 'separator', label: i.label }
          : { kind: 'talk', label: i.label, description: i.description, detail: i.detail, uri: i.row?.fileKey, line: i.row?.line },
    );
  }

  /** The Talks view's mode; "This file" only when a notes file is there to show. */
  private defaultScope(): TalkScope {
    return this.view.currentMode === 'workspace' || !this.files.currentFile() ? 'workspace' : 'file';
  }

  private async filesFor(scope: TalkScope): Promise<TalkFile[]> {
    if (scope === 'file') {
      const file = this.files.currentFile();
      return file ? [file] : [];
    }
    // Documents just opened: their models, once the server has sent them.
    await Promise.all([this.files.index.ready(), this.notes.allReady()]);
    return this.files.workspaceFiles();
  }

  private async run(initialScope?: TalkScope): Promise<void> {
    let scope = initialScope ?? this.defaultScope();
    const pick = vscode.window.createQuickPick<TalkPickItem>();
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    const toWorkspace: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('folder-library'), tooltip: 'Show the talks of every notes file in the workspace' };
    const toFile: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('file'), tooltip: 'Show the talks of this file only' };

    const load = async (): Promise<void> => {
      pick.title = scope === 'file' ? 'Go to Talk in This File' : 'Go to Talk in the Workspace';
      pick.placeholder = 'Type a talk title, speaker or company';
      pick.buttons = scope === 'file' ? [toWorkspace] : this.files.currentFile() ? [toFile] : [];
      pick.busy = true;
      const files = await this.filesFor(scope);
      pick.items = talkPickItems(files, scope);
      pick.busy = false;
      // Start on the talk under the cursor.
      const editor = vscode.window.activeTextEditor;
      const entry = editor && (await this.notes.ready(editor.document));
      const here = entry && talkAt(entry.doc, editor.selection.active.line);
      const key = editor?.document.uri.toString();
      const active = here && pick.items.find((i) => i.row?.fileKey === key && i.row?.index === here.index);
      if (active) pick.activeItems = [active];
      if (pick.items.length === 0) {
        pick.placeholder = scope === 'file' ? 'This file has no talks yet' : 'No notes files with talks in this workspace';
      }
    };

    const disposables: vscode.Disposable[] = [pick];
    const done = new Promise<void>((resolve) => {
      disposables.push(
        pick.onDidTriggerButton((button) => {
          scope = button === toWorkspace ? 'workspace' : 'file';
          void load();
        }),
        pick.onDidAccept(() => {
          const row = pick.selectedItems[0]?.row;
          pick.hide();
          if (row) void revealTalk(this.notes, row.fileKey, row.line, { preserveFocus: false });
        }),
        pick.onDidHide(() => {
          disposables.forEach((d) => d.dispose());
          resolve();
        }),
      );
    });
    pick.show();
    await load();
    await done;
  }
}

export function registerGoToTalk(files: TalkFiles, notes: NotesDocuments, view: TalksView, log: Log): GoToTalk {
  return new GoToTalk(files, notes, view, log);
}
