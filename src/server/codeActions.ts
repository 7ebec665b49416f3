// Code actions, one path for every rule: a diagnostic's finding (found again in the document's record by rule and
// range) offers its fixes as quick fixes, exactly one preferred, and its actions (add a word to the workspace
// dictionary, ignore it in this file: FindingAction) as commands. `source.fixAll.conferenceNotes` (and the fixAll command)
// applies every safe fix as one edit. Commands run here, through workspace/executeCommand.
import {
  CodeActionKind,
  CodeActionTriggerKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type ExecuteCommandParams,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { parseNotes, type Finding, type FindingAction, type Fix, type NotesDocument, type TextEdit } from '../core';
import { plainEdits } from '../core/edits';
import { actionTitle, fixAllSafe, lintDocument, planSafeFixes } from '../core/lint';
import { CONFIG_FILE_NAME } from '../core/lintConfig';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SERVER_COMMANDS, SHOWN_LIMIT_CODE, SNIPPET_ACTION_DATA, type ServerInitOptions } from '../core/protocol';
import { ignoreInFileEdit, SPELLING_RULE_ID } from '../core/rules/spelling';
import { normalizeLocale } from '../core/spelling/format';
import { localeCommentEdit } from '../core/spelling/locale';
import type { Configuration } from './configuration';
import { findingKey } from './diagnostics';
import type { DocumentStore, NotesRecord } from './documents';
import type { ServerHost } from './host';
import { configCandidates, parentUri } from './settings';

export interface CodeActionOptions {
  /** The client takes versioned `documentChanges` (stale edits are refused); else plain `changes`. */
  documentChanges: boolean;
  /** ServerInitOptions.ignoreAsEdit. */
  ignoreAsEdit?: boolean;
  /** ServerInitOptions.snippetEdits. */
  snippetEdits?: boolean;
  /** ServerInitOptions.clientCommands. */
  clientCommands?: NonNullable<ServerInitOptions['clientCommands']>;
  /**
   * The client resolves a code action's edit when it is chosen (codeAction/resolve): fix-all in a list the user asked
   * for is then offered at once and worked out only if chosen (a re-lint of the whole file, seconds on a big one).
   */
  resolveEdits?: boolean;
  log: (message: string) => void;
}

/** Fix-all's passes after the first start only within this time (ms) and on a text of at most this many characters. */
const FIX_ALL_MS = 1_000;
const FIX_ALL_PASSES_UP_TO = 200_000;

/** What a fix-all offered without its edit carries to codeAction/resolve. */
interface FixAllData {
  /** The document's URI: resolved against its text as it is then. */
  fixAll: string;
}

const fixAllTitle = (fixed: number): string => `Fix all Conference Notes problems (${fixed})`;

const byKeyCache = new WeakMap<readonly Finding[], Map<string, Finding>>();

function findingByKey(findings: readonly Finding[], key: string): Finding | undefined {
  let map = byKeyCache.get(findings);
  if (!map) byKeyCache.set(findings, (map = new Map(findings.map((f) => [findingKey(f.rule, f.range), f]))));
  return map.get(key);
}

/** Whether an action of `kind` answers a request for `only` (a kind covers the kinds below it: `source` covers `source.fixAll.x`). */
export function kindRequested(kind: string, only: readonly string[] | undefined): boolean {
  return only !== undefined && only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

export class CodeActions {
  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly host: ServerHost,
    private readonly configuration: Configuration,
    private readonly options: CodeActionOptions,
  ) {}

  register(): void {
    this.connection.onCodeAction((params) => this.guard('Code actions', () => this.codeActions(params), []));
    this.connection.onCodeActionResolve((action) => this.guard('Resolving a code action', () => this.resolve(action), action));
    this.connection.onExecuteCommand((params) => this.guard(`Command ${params.command}`, () => this.execute(params), null));
  }

  private async guard<T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await run();
    } catch (err) {
      this.options.log(`${what} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return fallback;
    }
  }

  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    const record = await this.store.current(uri);
    if (!record?.isNotes) return [];
    const { only, triggerKind } = params.context;
    const actions: CodeAction[] = [];
    if (!only || kindRequested(CodeActionKind.QuickFix, only)) {
      for (const diagnostic of params.context.diagnostics) {
        const finding = this.findingFor(record, diagnostic);
        if (finding) actions.push(...this.quickFixes(record, finding, diagnostic));
      }
    }
    // Fix-all on request (the Source Action menu, codeActionsOnSave), or when a client asks for everything by hand;
    // never while VS Code asks for the light bulb at every cursor move.
    // Among every action the user asked for (invoked, no kind) and with a client that resolves code actions, the edit
    // waits until fix-all is chosen: offered when the findings have a safe fix (its count: the first pass's).
    const findings = this.options.resolveEdits && !only && triggerKind !== CodeActionTriggerKind.Automatic ? this.store.findingsNow(record) : undefined;
    if (findings) {
      const safe = planSafeFixes(findings).fixed.length;
      const data: FixAllData = { fixAll: uri };
      if (safe > 0) actions.push({ title: fixAllTitle(safe), kind: FIX_ALL_KIND, diagnostics: [], data });
    } else if (kindRequested(FIX_ALL_KIND, only) || (!only && triggerKind !== CodeActionTriggerKind.Automatic)) {
      const fixAll = this.fixAllEdit(record);
      if (fixAll) actions.push({ title: fixAllTitle(fixAll.fixed), kind: FIX_ALL_KIND, diagnostics: [], edit: this.workspaceEdit(record, [fixAll.edit]) });
    }
    return actions;
  }

  /** codeAction/resolve: the edit of a fix-all offered without one, for the document as it is now. */
  async resolve(action: CodeAction): Promise<CodeAction> {
    const data = action.data as Partial<FixAllData> | undefined;
    if (action.edit || !data || typeof data.fixAll !== 'string') return action;
    const record = await this.store.current(data.fixAll);
    if (!record?.isNotes) return action;
    const fixAll = this.fixAllEdit(record);
    return fixAll ? { ...action, edit: this.workspaceEdit(record, [fixAll.edit]) } : { ...action, edit: { changes: {} } };
  }

  /** The finding a diagnostic of ours stands for, at the document's current version. */
  private findingFor(record: NotesRecord, diagnostic: Diagnostic): Finding | undefined {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string' || diagnostic.code === SHOWN_LIMIT_CODE) return undefined;
    const rule = diagnostic.code;
    const key = findingKey(rule, diagnostic.range);
    // Some clients send the range back in their own units (Neovim 0.7: bytes, not UTF-16): then the finding of that
    // rule with that message on that line.
    const sameLine = (f: Finding): boolean => f.rule === rule && f.range.start.line === diagnostic.range.start.line && f.message === diagnostic.message;
    const findings = this.store.findingsNow(record);
    if (findings) return findingByKey(findings, key) ?? findings.find(sameLine);
    // The full lint of this version is still running: check just the lines of the diagnostic.
    const lines = { start: diagnostic.range.start.line, end: diagnostic.range.end.line + 1 };
    const found = this.store.findingsOnLines(record, lines);
    return found.find((f) => findingKey(f.rule, f.range) === key) ?? found.find(sameLine);
  }

  private quickFixes(record: NotesRecord & { doc: NotesDocument }, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
    const actions: CodeAction[] = [];
    // Exactly one preferred action per finding: the rule's (first) preferred fix, else its first fix.
    const preferred = Math.max(0, finding.fixes.findIndex((f) => f.preferred));
    finding.fixes.forEach((fix, i) => {
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: i === preferred, edit: this.workspaceEdit(record, this.editsOf(fix)) };
      if (fix.snippet && this.options.snippetEdits) action.data = SNIPPET_ACTION_DATA;
      actions.push(action);
    });
    const userDictionary = this.options.clientCommands?.addToUserDictionary;
    for (const action of finding.actions ?? []) {
      const title = actionTitle(action);
      if (action.kind === 'ignoreInFile' && this.options.ignoreAsEdit) {
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: this.workspaceEdit(record, [ignoreInFileEdit(record.doc, action.word)]) });
        continue;
      }
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, ...this.commandOf(record, action) } });
      if (action.kind === 'addToDictionary' && userDictionary) {
        const user = `Add '${action.word}' to user dictionary (setting conferenceNotes.spelling.words)`;
        actions.push({ title: user, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: user, command: userDictionary, arguments: [[action.word]] } });
      }
    }
    return actions;
  }

  /** The command that carries out a finding's action (see `execute`): the server's, or the client's own for it. */
  private commandOf(record: NotesRecord, action: FindingAction): { command: string; arguments: unknown[] } {
    const own = this.options.clientCommands ?? {};
    switch (action.kind) {
      case 'addToDictionary':
        return { command: own.addToWorkspaceDictionary ?? SERVER_COMMANDS.addToWorkspaceDictionary, arguments: [record.uri, [action.word]] };
      case 'ignoreInFile':
        return { command: own.ignoreInFile ?? SERVER_COMMANDS.ignoreInFile, arguments: [record.uri, action.word] };
    }
  }

  /** LSP 3.17 has no snippet edits: a snippet fix inserts its default text, unless the client takes snippets. */
  private editsOf(fix: Fix): LspTextEdit[] {
    return (this.options.snippetEdits ? fix.edits : plainEdits(fix)).map((e) => ({ range: e.range, newText: e.newText }));
  }

  private workspaceEdit(record: NotesRecord, edits: readonly TextEdit[]): WorkspaceEdit {
    const lsp = edits.map((e) => ({ range: e.range, newText: e.newText }));
    if (this.options.documentChanges) return { documentChanges: [{ textDocument: { uri: record.uri, version: record.modelVersion }, edits: lsp }] };
    return { changes: { [record.uri]: lsp } };
  }

  /** Every safe fix of the current version, as one edit of the changed part (one undo restores it). */
  private fixAllEdit(record: NotesRecord): { edit: TextEdit; fixed: number } | undefined {
    const before = record.text.getText();
    const nonTalkSections = record.settings?.notes.nonTalkSections;
    const config = record.session.config;
    const fileExists = this.host.fileChecker?.(record.uri);
    // The findings the record has for this version, when complete, are the first pass's: no parse, no lint, and
    // nothing at all to do when none has a safe fix.
    const findings = this.store.findingsNow(record);
    const doc = record.session.doc;
    const first = findings && doc && record.modelVersion === record.text.version ? { doc, findings } : undefined;
    // A big text whose lint is still running: no fix-all until its findings are complete (a lint at once here would
    // hold the server for seconds).
    if (!first && before.length > FIX_ALL_PASSES_UP_TO) return undefined;
    // Each pass after the first parses and lints the whole text again, at once (4 s on 2.5 MB of prose): a big text
    // gets the first pass alone, and no pass starts after FIX_ALL_MS; what is left is fixed by asking again.
    const deadline = Date.now() + FIX_ALL_MS;
    const another = (text: string): boolean => text.length <= FIX_ALL_PASSES_UP_TO && Date.now() < deadline;
    const result = fixAllSafe(before, (text) => parseNotes(text, { nonTalkSections }), (doc) => lintDocument(doc, config, { speller: record.speller, fileExists }), undefined, first, another);
    const after = result.text;
    if (after === before) return undefined;
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let endBefore = before.length;
    let endAfter = after.length;
    while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
      endBefore--;
      endAfter--;
    }
    const range = { start: record.text.positionAt(start), end: record.text.positionAt(endBefore) };
    return { edit: { range, newText: after.slice(start, endAfter) }, fixed: result.fixed.length };
  }

  async execute(params: ExecuteCommandParams): Promise<unknown> {
    const args = params.arguments ?? [];
    const uri = typeof args[0] === 'string' ? args[0] : undefined;
    if (!uri) return null;
    switch (params.command) {
      case SERVER_COMMANDS.fixAll: {
        const record = await this.store.current(uri);
        const fixAll = record?.isNotes ? this.fixAllEdit(record) : undefined;
        if (!record || !fixAll) return 0;
        const applied = await this.connection.workspace.applyEdit({ label: 'Fix all Conference Notes problems', edit: this.workspaceEdit(record, [fixAll.edit]) });
        return applied.applied ? fixAll.fixed : 0;
      }
      case SERVER_COMMANDS.ignoreInFile: {
        const word = typeof args[1] === 'string' ? args[1] : '';
        const record = await this.store.current(uri);
        if (!record || !word) return false;
        const applied = await this.connection.workspace.applyEdit({ label: `Ignore '${word}' in this file`, edit: this.workspaceEdit(record, [ignoreInFileEdit(record.doc, word)]) });
        return applied.applied;
      }
      case SERVER_COMMANDS.addToWorkspaceDictionary: {
        const words = Array.isArray(args[1]) ? args[1].filter((w): w is string => typeof w === 'string' && w.trim() !== '') : [];
        if (words.length === 0) return null;
        return this.addToWorkspace(uri, words);
      }
      case SERVER_COMMANDS.addAllUnknownWords: {
        const record = await this.store.current(uri);
        const findings = record?.isNotes ? this.store.findingsNow(record) : undefined;
        const words = unknownWords(findings ?? []);
        if (words.length === 0) return 0;
        return (await this.addToWorkspace(uri, words)) ? words.length : 0;
      }
      case SERVER_COMMANDS.setLocale: {
        const locale = typeof args[1] === 'string' ? normalizeLocale(args[1]) : undefined;
        if (args[2] === 'workspace') return this.setWorkspaceLocale(uri, locale);
        const record = await this.store.current(uri);
        if (!record) return false;
        const edit = localeCommentEdit(record.doc, locale);
        if (!edit) return true;
        return (await this.connection.workspace.applyEdit({ label: 'Set the spelling dictionary', edit: this.workspaceEdit(record, [edit]) })).applied;
      }
      default:
        return null;
    }
  }

  /** Adds words to `words` of the document's config file (see `editConfigFile`). Returns the file's URI. */
  private async addToWorkspace(uri: string, words: string[]): Promise<string | null> {
    const file = await this.editConfigFile(uri, (config) => {
      const existing = Array.isArray(config.words) ? config.words.filter((w): w is string => typeof w === 'string') : [];
      const lower = new Set(existing.map((w) => w.toLowerCase()));
      config.words = [...new Set([...existing, ...words.filter((w) => !lower.has(w.toLowerCase()))])].sort((a, b) => a.localeCompare(b));
    });
    if (file) this.options.log(`Spelling: added ${words.join(', ')} to ${file}`);
    return file;
  }

  /** Sets (undefined: removes) `locale` of the document's config file. */
  private async setWorkspaceLocale(uri: string, locale: string | undefined): Promise<boolean> {
    const file = await this.editConfigFile(uri, (config) => {
      if (locale) config.locale = locale;
      else delete config.locale;
    });
    if (file) this.options.log(`Spelling: locale ${locale ?? 'auto'} in ${file}`);
    return file !== null;
  }

  /**
   * Changes the document's config file: the nearest existing one, else a new one at the root of its workspace
   * folder (or beside it, outside any folder); the documents are checked again. Returns the file's URI.
   */
  private async editConfigFile(uri: string, change: (config: Record<string, unknown>) => void): Promise<string | null> {
    const candidates = this.configuration.configFilesOf(uri);
    let file: string | undefined;
    let text: string | undefined;
    for (const candidate of candidates) {
      text = await this.host.readText(candidate);
      if (text !== undefined) {
        file = candidate;
        break;
      }
    }
    const folder = this.configuration.folderOf(uri) ?? parentUri(uri) ?? this.configuration.homeFolder(uri);
    file ??= folder ? `${folder}/${CONFIG_FILE_NAME}` : undefined;
    if (!file) return null;
    let config: Record<string, unknown> = {};
    if (text !== undefined) {
      try {
        const parsed: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
        config = parsed as Record<string, unknown>;
      } catch (err) {
        void this.connection.window.showErrorMessage(`Conference Notes: ${file} is not valid JSON; fix it first (${err instanceof Error ? err.message : String(err)})`);
        return null;
      }
    }
    change(config);
    await this.host.writeText(file, `${JSON.stringify(config, null, 2)}\n`);
    this.configuration.forgetFile(file);
    this.store.relintAll();
    return file;
  }
}

/** The words the spelling rule reports, once each (the first spelling), in document order. */
export function unknownWords(findings: readonly Finding[]): string[] {
  const seen = new Map<string, string>();
  for (const f of findings) {
    if (f.rule !== SPELLING_RULE_ID) continue;
    const w = String(f.data?.word ?? '');
    if (w && !seen.has(w.toLowerCase())) seen.set(w.toLowerCase(), w);
  }
  return [...seen.values()];
}
