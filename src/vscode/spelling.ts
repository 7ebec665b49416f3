// The spelling commands and the dictionary's status bar item. The check itself, its quick fixes, the workspace's
// names it knows and the word being typed are the language server's (src/server/); here: the status bar names the
// dictionary the server checked the active file with and sets it (`conferenceNotes.setSpellingLocale`), and the
// commands the quick fixes and the palette run.
//
// Where added words go (one place each, named in the action titles and in README "Spelling"):
// - workspace dictionary: `words` in `.conference-notes.json` at the workspace folder's root (the CLI reads it too);
// - user dictionary: the `conferenceNotes.spelling.words` user setting;
// - ignore in this file: a `<!-- spelling: ignore word -->` comment in the file itself.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/configFile';
import { SERVER_COMMANDS, type WireLocale } from '../core/protocol';
import { LOCALES, normalizeLocale, type Locale } from '../core/spelling/format';
import { describeLocale, type DocumentLocale } from '../core/spelling/locale';
import { SECTION } from './config';
import { Disposable } from './dispose';
import { guarded, type Log } from './log';
import type { NotesClient } from './notesClient';

export const ADD_TO_WORKSPACE_COMMAND = 'conferenceNotes.spelling.addToWorkspaceDictionary';
export const ADD_TO_USER_COMMAND = 'conferenceNotes.spelling.addToUserDictionary';
export const ADD_ALL_COMMAND = 'conferenceNotes.spelling.addAllUnknownWordsToWorkspaceDictionary';
export const SET_LOCALE_COMMAND = 'conferenceNotes.setSpellingLocale';

export interface SpellingState {
  /** The dictionary of the active notes file and why (`en-GB (inferred from the file's spellings; en-US accepted too)`). */
  locale?: DocumentLocale;
  statusText: string;
  statusTooltip: string;
  statusVisible: boolean;
  /** Names the workspace's notes taught the check (speakers, names several talks use). */
  workspaceNames: number;
}

const asDocumentLocale = (l: WireLocale): DocumentLocale => l as DocumentLocale;

export class Spelling extends Disposable {
  private readonly status = this._register(vscode.window.createStatusBarItem('conferenceNotes.spellingLocale', vscode.StatusBarAlignment.Right, 99));

  constructor(
    private readonly client: NotesClient,
    private readonly log: Log,
  ) {
    super();
    this.status.name = 'Conference Notes spelling dictionary';
    this.status.command = SET_LOCALE_COMMAND;
    const update = guarded(log, 'Updating the spelling status', () => this.updateStatus());
    this._register(vscode.window.onDidChangeActiveTextEditor(update));
    this._register(
      client.onDidChangeState((uri) => {
        if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) update();
      }),
    );
    const command = (id: string, what: string, fn: (...args: never[]) => unknown): void => {
      this._register(vscode.commands.registerCommand(id, guarded(log, what, fn as (...args: unknown[]) => unknown)));
    };
    command(SET_LOCALE_COMMAND, 'Set spelling dictionary', (locale?: string, scope?: 'file' | 'workspace', uri?: vscode.Uri) => this.setLocale(locale, scope, uri));
    command(ADD_TO_WORKSPACE_COMMAND, 'Add to workspace dictionary', (uri: vscode.Uri | string, words: string[]) => this.addToWorkspace(uri, words));
    command(ADD_TO_USER_COMMAND, 'Add to user dictionary', (words: string[]) => this.addToUser(words));
    command(ADD_ALL_COMMAND, 'Add all unknown words', () => this.addAllInActiveEditor());
    update();
  }

  /** The dictionary the server checked a notes document with. */
  private localeOf(uri: vscode.Uri | undefined): DocumentLocale | undefined {
    const state = uri && this.client.state(uri);
    return state?.isNotes && state.locale ? asDocumentLocale(state.locale) : undefined;
  }

  private updateStatus(): void {
    const l = this.localeOf(vscode.window.activeTextEditor?.document.uri);
    if (!l) {
      this.status.hide();
      return;
    }
    this.status.text = `$(whole-word) ${l.locale}${l.alsoAccepted.length ? `+${l.alsoAccepted.join('+')}` : ''}`;
    this.status.tooltip = `Spelling dictionary of this file: ${describeLocale(l)}. Click to set it for the file or the workspace.`;
    this.status.show();
  }

  /** The dictionary of the active file as the status bar shows it (the test commands read it). */
  state(): SpellingState {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const l = this.localeOf(uri);
    this.updateStatus();
    const names = uri ? this.client.state(uri)?.workspaceNames : undefined;
    return { locale: l, statusText: l ? String(this.status.text) : '', statusTooltip: l ? String(this.status.tooltip) : '', statusVisible: l !== undefined, workspaceNames: names ?? 0 };
  }

  /**
   * Sets the dictionary of the active file (a `<!-- spelling: locale en-GB -->` comment in it) or of the workspace
   * (`locale` in .conference-notes.json); `auto` goes back to what the file's spellings show.
   */
  async setLocale(locale?: string, scope?: 'file' | 'workspace', uri?: vscode.Uri): Promise<boolean> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!locale) {
      const current = this.localeOf(target);
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'auto', description: "What the file's own spellings show (en-US unless it writes British, Australian or Canadian spellings)" },
          ...LOCALES.map((l) => ({ label: l as string, description: current?.locale === l ? 'current' : '' })),
        ],
        { placeHolder: current ? `Spelling dictionary (now ${describeLocale(current)})` : 'Spelling dictionary' },
      );
      if (!pick) return false;
      locale = pick.label;
    }
    if (!scope) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'This file', description: 'a <!-- spelling: locale --> comment at its end', scope: 'file' as const },
          { label: 'The workspace', description: `locale in ${CONFIG_FILE_NAME}`, scope: 'workspace' as const },
        ],
        { placeHolder: 'Set the dictionary for' },
      );
      if (!pick) return false;
      scope = pick.scope;
    }
    const chosen: Locale | undefined = locale === 'auto' ? undefined : normalizeLocale(locale);
    if (scope === 'file') {
      const document = target && vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
      if (!document) throw new Error('open the notes file first');
      return (await this.client.execute<boolean>(SERVER_COMMANDS.setLocale, [document.uri.toString(), chosen ?? null, 'file'])) === true;
    }
    const folder = (target && vscode.workspace.getWorkspaceFolder(target)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder is open: set it for the file instead');
    const at = target && vscode.workspace.getWorkspaceFolder(target) ? target : vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    return (await this.client.execute<boolean>(SERVER_COMMANDS.setLocale, [at.toString(), chosen ?? null, 'workspace'])) === true;
  }

  /** Adds words to `words` of the `.conference-notes.json` of the document's workspace folder (created if needed). */
  async addToWorkspace(uri: vscode.Uri | string, words: string[]): Promise<vscode.Uri> {
    const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    const folder = vscode.workspace.getWorkspaceFolder(target) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder is open: use the user dictionary instead');
    // A document outside the folder (an untitled one) uses the folder's file, as the server reads it for it.
    const at = vscode.workspace.getWorkspaceFolder(target) ? target : vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    const file = await this.client.execute<string | null>(SERVER_COMMANDS.addToWorkspaceDictionary, [at.toString(), words]);
    if (!file) throw new Error(`the words could not be added to ${CONFIG_FILE_NAME}`);
    return vscode.Uri.parse(file);
  }

  async addToUser(words: string[]): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const existing = (config.inspect<unknown[]>('spelling.words')?.globalValue ?? []).filter((w): w is string => typeof w === 'string');
    const lower = new Set(existing.map((w) => w.toLowerCase()));
    // The server hears of the setting (didChangeConfiguration) and checks the documents again.
    await config.update('spelling.words', [...existing, ...words.filter((w) => !lower.has(w.toLowerCase()))], vscode.ConfigurationTarget.Global);
  }

  /** Adds every word the spelling rule reports in the active notes file to the workspace dictionary. */
  async addAllInActiveEditor(): Promise<number> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.client.state(editor.document.uri)?.isNotes) {
      void vscode.window.showInformationMessage('Conference Notes: the active editor is not a conference notes file.');
      return 0;
    }
    const target = editor.document.uri;
    const folder = vscode.workspace.getWorkspaceFolder(target) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder is open: use the user dictionary instead');
    const count = (await this.client.execute<number>(SERVER_COMMANDS.addAllUnknownWords, [target.toString()])) ?? 0;
    if (count === 0) {
      void vscode.window.showInformationMessage('Conference Notes: no unknown words in this file.');
      return 0;
    }
    void vscode.window.showInformationMessage(`Conference Notes: added ${count} words to ${vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME))}.`);
    this.log.info(`Spelling: added ${count} words of ${target.toString(true)} to the workspace dictionary`);
    return count;
  }
}

export function registerSpelling(client: NotesClient, log: Log): Spelling {
  return new Spelling(client, log);
}
