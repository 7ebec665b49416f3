// Spelling glue: loads the dictionary lazily (first notes file) through vscode.workspace.fs, so the same code runs
// in the Node and the web-worker extension hosts; supplies the speller to the lint diagnostics; offers the
// spelling quick fixes the lint code actions leave out (the other "Change to" fixes and the dictionaries); and
// the command that adds every unknown word of a file to the workspace dictionary.
//
// Where added words go (one place each, named in the action titles and in README "Spelling"):
// - workspace dictionary: `words` in `.conference-notes.json` at the workspace folder's root (the CLI reads it too);
// - user dictionary: the `conferenceNotes.spelling.words` user setting;
// - ignore in this file: a `<!-- spelling: ignore word -->` comment in the file itself.
import * as vscode from 'vscode';
import type { Finding } from '../core';
import { CONFIG_FILE_NAME, isSupportedLocale, unknownLocaleMessage } from '../core/lintConfig';
import type { Speller } from '../core/rules/types';
import { ignoreInFileEdit, SPELLING_RULE_ID } from '../core/spelling/rule';
import { loadSpeller, type EnglishSpeller } from '../core/spelling/speller';
import { normalizeLocale } from '../core/spelling/format';
import { SECTION } from './config';
import type { LintDiagnostics } from './diagnostics';
import { toRange } from './diagnostics';
import { Disposable } from './dispose';
import { errorText, guarded, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';

export const ADD_TO_WORKSPACE_COMMAND = 'conferenceNotes.spelling.addToWorkspaceDictionary';
export const ADD_TO_USER_COMMAND = 'conferenceNotes.spelling.addToUserDictionary';
export const ADD_ALL_COMMAND = 'conferenceNotes.spelling.addAllUnknownWordsToWorkspaceDictionary';

/** A speller that also knows the words added to the dictionaries (user setting, and workspace words just added). */
class AddedWordsSpeller implements Speller {
  constructor(
    private readonly base: EnglishSpeller,
    private readonly added: ReadonlySet<string>,
  ) {}
  isCorrect(word: string): boolean {
    return this.added.has(word.replace(/\u2019/g, "'").toLowerCase()) || this.base.isCorrect(word);
  }
  suggest(word: string, max?: number): string[] {
    return this.base.suggest(word, max);
  }
  suggestScored(word: string, max?: number): Array<{ word: string; score: number }> {
    return this.base.suggestScored(word, max);
  }
}

export class Spelling extends Disposable implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly spellers = new Map<string, Promise<EnglishSpeller>>();
  /** Words just added to the workspace dictionary (lower case): known at once, until the file watcher reports the write. */
  private readonly sessionWords = new Set<string>();
  private diagnostics?: LintDiagnostics;
  private notes?: NotesDocuments;
  private readonly readFile: (rel: string) => Promise<Uint8Array>;

  constructor(
    extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {
    super();
    this.readFile = (rel) => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dict', rel)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.spelling`)) this.recheck();
      }),
    );
    // Once the config file has changed on disk, it is the truth again (a word removed there is unknown again);
    // the lint config manager re-reads it and re-lints.
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`));
    const reset = (): void => this.sessionWords.clear();
    this._register(watcher.onDidChange(reset));
    this._register(watcher.onDidCreate(reset));
    this._register(watcher.onDidDelete(reset));
  }

  /** For the diagnostics manager: the speller of a locale (the config file's, else the setting's), loaded once. */
  readonly spellerFor = async (locale: string | undefined): Promise<Speller | undefined> => {
    const config = vscode.workspace.getConfiguration(SECTION);
    const setting = config.get<unknown>('spelling.locale');
    if (locale === undefined && setting !== undefined && (typeof setting !== 'string' || !isSupportedLocale(setting))) this.warnLocale(setting);
    const name = normalizeLocale(locale ?? (typeof setting === 'string' ? setting : undefined));
    let speller = this.spellers.get(name);
    if (!speller) {
      const started = Date.now();
      speller = loadSpeller(name, this.readFile);
      this.spellers.set(name, speller);
      speller.then(
        () => this.log.info(`Spelling: ${name} dictionary ready in ${Date.now() - started} ms`),
        (err) => {
          this.spellers.delete(name);
          this.log.error('Spelling: cannot load the dictionary:', errorText(err));
        },
      );
    }
    const added = new Set(this.sessionWords);
    for (const w of config.get<unknown[]>('spelling.words') ?? []) if (typeof w === 'string') added.add(w.toLowerCase());
    let base: EnglishSpeller;
    try {
      base = await speller;
    } catch {
      return undefined;
    }
    // The same object while nothing changes, so the rule's cache of suggestions (per speller) survives re-lints.
    const key = `${name}\n${[...added].sort().join('\n')}`;
    let wrapped = this.wrapped.get(key);
    if (!wrapped) {
      if (this.wrapped.size > 8) this.wrapped.clear();
      this.wrapped.set(key, (wrapped = new AddedWordsSpeller(base, added)));
    }
    // Suggestions are computed by the lint itself, a word per step of its slices (LintSession.lintAll).
    return wrapped;
  };
  private readonly wrapped = new Map<string, AddedWordsSpeller>();
  private readonly warnedLocales = new Set<string>();

  /** An unknown `conferenceNotes.spelling.locale` (settings.json can hold any string): said once per value, en-US used. */
  private warnLocale(setting: unknown): void {
    const text = `${SECTION}.spelling.locale ${unknownLocaleMessage(String(setting))}; spelling uses en-US meanwhile.`;
    if (this.warnedLocales.has(text)) return;
    this.warnedLocales.add(text);
    this.log.warn(text);
    void vscode.window.showWarningMessage(`Conference Notes: ${text}`);
  }

  /** Wires the quick fixes and commands once the diagnostics manager exists. */
  attach(diagnostics: LintDiagnostics, notes: NotesDocuments): this {
    this.diagnostics = diagnostics;
    this.notes = notes;
    this._register(vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, this, { providedCodeActionKinds: Spelling.providedCodeActionKinds }));
    this._register(vscode.commands.registerCommand(ADD_TO_WORKSPACE_COMMAND, guarded(this.log, 'Add to workspace dictionary', (uri: vscode.Uri, words: string[]) => this.addToWorkspace(uri, words))));
    this._register(vscode.commands.registerCommand(ADD_TO_USER_COMMAND, guarded(this.log, 'Add to user dictionary', (words: string[]) => this.addToUser(words))));
    this._register(vscode.commands.registerCommand(ADD_ALL_COMMAND, guarded(this.log, 'Add all unknown words', () => this.addAllInActiveEditor())));
    return this;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.diagnostics || !this.notes?.isNotes(document)) return [];
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const actions: vscode.CodeAction[] = [];
    const doc = this.notes.current(document)?.doc;
    for (const diagnostic of context.diagnostics) {
      const finding = this.diagnostics.findingFor(document, diagnostic);
      if (!finding || finding.rule !== SPELLING_RULE_ID) continue;
      const word = String(finding.data?.word ?? document.getText(diagnostic.range));
      // The preferred "Change to" comes from the lint code actions; the others from here.
      for (const fix of finding.fixes) {
        if (fix.preferred) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.edit = new vscode.WorkspaceEdit();
        action.edit.set(document.uri, fix.edits.map((e) => new vscode.TextEdit(toRange(e.range), e.newText)));
        actions.push(action);
      }
      actions.push(this.dictionaryAction(`Add '${word}' to workspace dictionary (${CONFIG_FILE_NAME})`, diagnostic, ADD_TO_WORKSPACE_COMMAND, [document.uri, [word]]));
      actions.push(this.dictionaryAction(`Add '${word}' to user dictionary (setting conferenceNotes.spelling.words)`, diagnostic, ADD_TO_USER_COMMAND, [[word]]));
      if (doc) {
        const ignore = new vscode.CodeAction(`Ignore '${word}' in this file (<!-- spelling: ignore --> comment)`, vscode.CodeActionKind.QuickFix);
        ignore.diagnostics = [diagnostic];
        const e = ignoreInFileEdit(doc, word);
        ignore.edit = new vscode.WorkspaceEdit();
        ignore.edit.set(document.uri, [new vscode.TextEdit(toRange(e.range), e.newText)]);
        actions.push(ignore);
      }
    }
    return actions;
  }

  private dictionaryAction(title: string, diagnostic: vscode.Diagnostic, command: string, args: unknown[]): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.command = { title, command, arguments: args };
    return action;
  }

  /** Adds words to `words` of the `.conference-notes.json` of the document's workspace folder (created if needed). */
  async addToWorkspace(uri: vscode.Uri, words: string[]): Promise<vscode.Uri> {
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder is open: use the user dictionary instead');
    const file = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    let config: Record<string, unknown> = {};
    try {
      config = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Record<string, unknown>;
    } catch (err) {
      if (!(err instanceof vscode.FileSystemError)) throw new Error(`${CONFIG_FILE_NAME} is not valid JSON; fix it first (${errorText(err)})`);
    }
    const existing = Array.isArray(config.words) ? config.words.filter((w): w is string => typeof w === 'string') : [];
    const lower = new Set(existing.map((w) => w.toLowerCase()));
    const merged = [...existing, ...words.filter((w) => !lower.has(w.toLowerCase()))].sort((a, b) => a.localeCompare(b));
    config.words = [...new Set(merged)];
    for (const w of words) this.sessionWords.add(w.toLowerCase());
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`));
    this.log.info(`Spelling: added ${words.join(', ')} to ${file.toString(true)}`);
    this.recheck();
    return file;
  }

  async addToUser(words: string[]): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const existing = (config.inspect<unknown[]>('spelling.words')?.globalValue ?? []).filter((w): w is string => typeof w === 'string');
    const lower = new Set(existing.map((w) => w.toLowerCase()));
    await config.update('spelling.words', [...existing, ...words.filter((w) => !lower.has(w.toLowerCase()))], vscode.ConfigurationTarget.Global);
    this.recheck();
  }

  /** Adds every word the spelling rule reports in the active notes file to the workspace dictionary. */
  async addAllInActiveEditor(): Promise<number> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.notes?.isNotes(editor.document) || !this.diagnostics) {
      void vscode.window.showInformationMessage('Conference Notes: the active editor is not a conference notes file.');
      return 0;
    }
    const words = unknownWords(this.diagnostics.findingsFor(editor.document));
    if (words.length === 0) {
      void vscode.window.showInformationMessage('Conference Notes: no unknown words in this file.');
      return 0;
    }
    const file = await this.addToWorkspace(editor.document.uri, words);
    void vscode.window.showInformationMessage(`Conference Notes: added ${words.length} words to ${vscode.workspace.asRelativePath(file)}.`);
    return words.length;
  }

  /** Re-checks every open notes file now. */
  recheck(): void {
    this.diagnostics?.relintAll();
  }
}

export function unknownWords(findings: readonly Finding[]): string[] {
  const seen = new Map<string, string>();
  for (const f of findings) {
    if (f.rule !== SPELLING_RULE_ID) continue;
    const w = String(f.data?.word ?? '');
    if (w && !seen.has(w.toLowerCase())) seen.set(w.toLowerCase(), w);
  }
  return [...seen.values()];
}

/** Created before the diagnostics (which take `spellerFor`), attached after them. */
export function createSpelling(extensionUri: vscode.Uri, log: Log): Spelling {
  return new Spelling(extensionUri, log);
}
