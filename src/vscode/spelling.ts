// Spelling glue: loads the dictionary lazily (first notes file) through vscode.workspace.fs, so the same code runs
// in the Node and the web-worker extension hosts; supplies the speller to the lint diagnostics; offers the
// spelling quick fixes the lint code actions leave out (the other "Change to" fixes and the dictionaries); and
// the command that adds every unknown word of a file to the workspace dictionary. It also picks each file's
// dictionary (its locale comment, the configured locale, or what its own spellings show), names it in the status
// bar and sets it (`conferenceNotes.setSpellingLocale`); feeds the workspace's names (speakers and names several
// talks use, from the workspace index) to every file's check; and holds back the spelling finding of the word
// being typed until the cursor leaves it.
//
// Where added words go (one place each, named in the action titles and in README "Spelling"):
// - workspace dictionary: `words` in `.conference-notes.json` at the workspace folder's root (the CLI reads it too);
// - user dictionary: the `conferenceNotes.spelling.words` user setting;
// - ignore in this file: a `<!-- spelling: ignore word -->` comment in the file itself.
import * as vscode from 'vscode';
import type { Finding, NotesDocument } from '../core';
import { CONFIG_FILE_NAME, isSupportedLocale, unknownLocaleMessage } from '../core/lintConfig';
import type { Speller } from '../core/rules/types';
import { ignoreInFileEdit, SPELLING_RULE_ID } from '../core/rules/spelling';
import { loadSpeller, type EnglishSpeller } from '../core/spelling/speller';
import { LOCALES, normalizeLocale, type Locale } from '../core/spelling/format';
import { describeLocale, documentLocaleSteps, localeCommentEdit, type DocumentLocale } from '../core/spelling/locale';
import { documentNamesSteps, workspaceNames } from '../core/spelling/names';
import { nextTurn, runInSlices } from '../core/nextTurn';
import type { WorkspaceIndex } from './workspaceIndex';
import { SECTION } from './config';
import type { LintDiagnostics } from './diagnostics';
import { toRange } from './diagnostics';
import { Disposable } from './dispose';
import { errorText, guarded, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';

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
  /** Names the workspace index taught the check (speakers, names several talks use). */
  workspaceNames: number;
}

/** The optional, careful parts of a speller a wrapper passes through unchanged. */
const PASSED_THROUGH = ['inAnotherCase', 'isProperName', 'isNearMiss', 'isOtherLocaleSpelling', 'listedCorrections', 'localesOf'] as const;

/** A speller that also knows the words added to the dictionaries (user setting, and workspace words just added). */
class AddedWordsSpeller implements Speller {
  constructor(
    private readonly base: EnglishSpeller,
    private readonly added: ReadonlySet<string>,
  ) {
    for (const m of PASSED_THROUGH) {
      const f = base[m] as (w: string) => never;
      (this as Record<string, unknown>)[m] = (w: string) => f.call(base, w);
    }
  }
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

  /**
   * For the diagnostics manager: the speller a document is checked with. Its dictionary: the file's own locale
   * comment, else the configured one (`locale` in .conference-notes.json, else the setting when it is set), else
   * the one its own spellings show (en-US by default). Loaded once; the same object while nothing changes.
   */
  readonly spellerFor = async (locale: string | undefined, target?: { uri: vscode.Uri; doc: NotesDocument }): Promise<Speller | undefined> => {
    const config = vscode.workspace.getConfiguration(SECTION, target?.uri);
    const setting = config.get<unknown>('spelling.locale');
    // An unknown locale in the setting is said once, and the default dictionary is used.
    if (locale === undefined && setting !== undefined && (typeof setting !== 'string' || !isSupportedLocale(setting))) this.warnLocale(setting);
    let base: EnglishSpeller;
    try {
      base = await this.dictionary();
    } catch {
      return undefined;
    }
    const configured = locale ?? explicitSetting(config);
    const chosen: DocumentLocale = target
      ? await runInSlices(documentLocaleSteps(target.doc, configured, base))
      : { locale: normalizeLocale(configured), alsoAccepted: [], source: configured ? 'config' : 'default' };
    if (target) this.noteLocale(target.uri, chosen);
    const speller = base.withLocale(chosen.locale, chosen.alsoAccepted);
    const added = new Set(this.sessionWords);
    for (const w of config.get<unknown[]>('spelling.words') ?? []) if (typeof w === 'string') added.add(w.toLowerCase());
    // The same object while nothing changes, so the rule's cache of suggestions (per speller) survives re-lints.
    const key = `${chosen.locale}+${chosen.alsoAccepted.join('+')}\n${[...added].sort().join('\n')}`;
    let wrapped = this.wrapped.get(key);
    if (!wrapped) {
      if (this.wrapped.size > 8) this.wrapped.clear();
      this.wrapped.set(key, (wrapped = new AddedWordsSpeller(speller, added)));
    }
    // Suggestions are computed by the lint itself, a word per step of its slices (LintSession.lintAll).
    return wrapped;
  };

  /** The dictionary (all locales in one file), loaded on the first notes file. */
  private dictionary(): Promise<EnglishSpeller> {
    if (!this.loading) {
      const started = Date.now();
      const loading = loadSpeller('en-US', this.readFile);
      this.loading = loading;
      loading.then(
        () => this.log.info(`Spelling: dictionary ready in ${Date.now() - started} ms`),
        (err) => {
          if (this.loading === loading) this.loading = undefined;
          this.log.error('Spelling: cannot load the dictionary:', errorText(err));
        },
      );
    }
    return this.loading;
  }
  private loading?: Promise<EnglishSpeller>;

  private readonly locales = new Map<string, DocumentLocale>();

  private noteLocale(uri: vscode.Uri, l: DocumentLocale): void {
    const key = uri.toString();
    const old = this.locales.get(key);
    this.locales.set(key, l);
    if (!old || describeLocale(old) !== describeLocale(l)) {
      if (old) this.log.info(`Spelling: ${vscode.workspace.asRelativePath(uri)} is checked with ${describeLocale(l)}`);
      this.updateStatus();
    }
  }

  // ---- The word being typed ----

  /** Per document, where the user is typing a word (the end of the letters last inserted). */
  private readonly typing = new Map<string, vscode.Position>();

  private noteTyping(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const change = e.contentChanges.length === 1 ? e.contentChanges[0] : undefined;
    // Letters typed (or a word's letters deleted) on one line: a word in progress; anything else ends it.
    if (change && /^[\p{L}'\u2019]*$/u.test(change.text) && change.range.isSingleLine && (change.text !== '' || !change.range.isEmpty)) {
      this.typing.set(key, change.range.start.translate(0, change.text.length));
    } else if (this.typing.delete(key)) this.diagnostics?.reshow(e.document);
  }

  /** The findings to show: all but the spelling of the word the cursor ends, while it is being typed. */
  private withoutTypedWord(document: vscode.TextDocument, findings: readonly Finding[]): readonly Finding[] {
    const at = this.typing.get(document.uri.toString());
    if (!at) return findings;
    const editor = vscode.window.activeTextEditor;
    const sel = editor?.document === document && editor.selections.length === 1 ? editor.selection : undefined;
    if (!sel || !sel.isEmpty || !sel.active.isEqual(at)) return findings;
    return findings.filter((f) => f.rule !== SPELLING_RULE_ID || f.range.end.line !== at.line || f.range.end.character !== at.character);
  }

  // ---- Workspace names ----

  /** Names the workspace's notes establish (sorted, the same array while they do not change). */
  private names: readonly string[] | undefined;
  private index?: WorkspaceIndex;
  private namesRun = 0;

  /** Learns the names of every indexed notes file, and again whenever the index changes. */
  useWorkspaceIndex(index: WorkspaceIndex): void {
    this.index = index;
    this._register(index.onDidChange(() => void this.learnNames()));
    void index.ready().then(() => this.learnNames());
  }

  private async learnNames(): Promise<void> {
    const index = this.index;
    if (!index) return;
    const run = ++this.namesRun;
    const docs: NotesDocument[] = [];
    for (const f of index.notesFiles()) {
      docs.push(f.doc);
      // documentNames reads a file's lines once (cached per model), in steps: a turn for the host every ~10 ms.
      const steps = documentNamesSteps(f.doc);
      let sliceStart = Date.now();
      while (!steps.next().done) {
        if (Date.now() - sliceStart < 10) continue;
        await nextTurn();
        if (run !== this.namesRun) return;
        sliceStart = Date.now();
      }
      await nextTurn();
      if (run !== this.namesRun) return;
    }
    let base: EnglishSpeller | undefined;
    try {
      base = await this.dictionary();
    } catch {
      base = undefined;
    }
    if (run !== this.namesRun) return;
    const names = workspaceNames(docs, undefined, base);
    if (this.names && names.length === this.names.length && names.every((n, i) => n === this.names![i])) return;
    this.names = names;
    this.log.info(`Spelling: ${names.length} names known from ${docs.length} notes files of the workspace`);
    this.recheck();
  }

  // ---- The dictionary of a file ----

  private readonly status = this._register(vscode.window.createStatusBarItem('conferenceNotes.spellingLocale', vscode.StatusBarAlignment.Right, 99));

  private updateStatus(): void {
    const document = vscode.window.activeTextEditor?.document;
    const l = document && this.notes?.isNotes(document) ? this.locales.get(document.uri.toString()) : undefined;
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
    const document = vscode.window.activeTextEditor?.document;
    const l = document ? this.locales.get(document.uri.toString()) : undefined;
    this.updateStatus();
    return { locale: l, statusText: l ? String(this.status.text) : '', statusTooltip: l ? String(this.status.tooltip) : '', statusVisible: l !== undefined, workspaceNames: this.names?.length ?? 0 };
  }

  /**
   * Sets the dictionary of the active file (a `<!-- spelling: locale en-GB -->` comment in it) or of the workspace
   * (`locale` in .conference-notes.json); `auto` goes back to what the file's spellings show.
   */
  async setLocale(locale?: string, scope?: 'file' | 'workspace', uri?: vscode.Uri): Promise<boolean> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!locale) {
      const current = target ? this.locales.get(target.toString()) : undefined;
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
      const doc = document && this.notes?.current(document)?.doc;
      if (!document || !doc) throw new Error('open the notes file first');
      const e = localeCommentEdit(doc, chosen);
      if (!e) return true;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
      return vscode.workspace.applyEdit(edit);
    }
    const folder = (target && vscode.workspace.getWorkspaceFolder(target)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder is open: set it for the file instead');
    const file = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    const config = await readConfigObject(file);
    if (chosen) config.locale = chosen;
    else delete config.locale;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`));
    this.log.info(`Spelling: locale ${chosen ?? 'auto'} in ${file.toString(true)}`);
    return true;
  }

  /** The dictionary a document was last checked with. */
  localeFor(uri: vscode.Uri): DocumentLocale | undefined {
    return this.locales.get(uri.toString());
  }
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
    diagnostics.setNamesProvider(() => this.names);
    diagnostics.setShowFilter((document, findings) => this.withoutTypedWord(document, findings));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.noteTyping(e)));
    this._register(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const key = e.textEditor.document.uri.toString();
        const at = this.typing.get(key);
        if (!at) return;
        const sel = e.selections[0];
        if (e.selections.length === 1 && sel && sel.isEmpty && sel.active.isEqual(at)) return;
        // The cursor left the word: it is checked like any other now.
        this.typing.delete(key);
        diagnostics.reshow(e.textEditor.document);
      }),
    );
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()));
    this._register(vscode.commands.registerCommand(SET_LOCALE_COMMAND, guarded(this.log, 'Set spelling dictionary', (locale?: string, scope?: 'file' | 'workspace', uri?: vscode.Uri) => this.setLocale(locale, scope, uri))));
    this.status.name = 'Conference Notes spelling dictionary';
    this.status.command = SET_LOCALE_COMMAND;
    this.updateStatus();
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
    const config = await readConfigObject(file);
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

/** The object in a `.conference-notes.json` (empty when there is none); throws when it is not valid JSON. */
async function readConfigObject(file: vscode.Uri): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Record<string, unknown>;
  } catch (err) {
    if (!(err instanceof vscode.FileSystemError)) throw new Error(`${CONFIG_FILE_NAME} is not valid JSON; fix it first (${errorText(err)})`);
    return {};
  }
}

/** The `conferenceNotes.spelling.locale` setting when the user set it (a default en-US lets the file's spellings decide). */
function explicitSetting(config: vscode.WorkspaceConfiguration): string | undefined {
  const i = config.inspect<string>('spelling.locale');
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
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
