// The extension as a client of the Conference Notes language server (src/server/): diagnostics, quick fixes,
// fix-all, semantic tokens, workspace symbols, hover and completion come from the server through standard LSP
// (vscode-languageclient registers them); what only this extension shows reads the server's custom messages
// (src/core/protocol.ts): the problems behind the Talks view and the preview (every finding, also past the 1,000
// diagnostics VS Code shows), the spelling dictionary of each file. The client tells the server the lines in view
// (the diagnostics window follows them), the cursor (the word being typed waits) and the per-file overrides.
// The desktop runs the server as a Node process (dist/server.js), the web build in a web worker (dist/web/server.js):
// each entry supplies `createClient`. A crashed server is restarted by the language client (its default error
// handler); the documents are VS Code's, so nothing typed is lost, and they are opened again in the new server.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import type { Severity } from '../core';
import {
  cursorNotification,
  FIX_ALL_KIND,
  findingsChangedNotification,
  modelNotification,
  modelRequest,
  overridesNotification,
  previewRequest,
  readFileRequest,
  SERVER_COMMANDS,
  SNIPPET_ACTION_DATA,
  talksRequest,
  visibleRangeNotification,
  writeFileRequest,
  type CursorParams,
  type FindingsChangedParams,
  type ModelParams,
  type PreviewResult,
  type ReadFileResult,
  type ServerInitOptions,
  type TalksResult,
  type VisibleRangeParams,
  type WireProblem,
  type WriteFileParams,
} from '../core/protocol';
import { SECTION } from './config';
import { Disposable } from './dispose';
import { errorText, type Log } from './log';
import type { Problems } from './problems';

export const CLIENT_ID = 'conferenceNotes';
export const CLIENT_NAME = 'Conference Notes';
/** VS Code shows at most 1,000 diagnostics per file: the server publishes the ones nearest the lines in view. */
export const MAX_SHOWN_DIAGNOSTICS = 1000;
/** The extension's commands that carry out the server's (code actions name these; see ServerInitOptions.clientCommands). */
export const CLIENT_COMMANDS = {
  addToWorkspaceDictionary: 'conferenceNotes.spelling.addToWorkspaceDictionary',
  addToUserDictionary: 'conferenceNotes.spelling.addToUserDictionary',
  fixAll: 'conferenceNotes.fixAllInFile',
} as const;

/** Makes the platform's language client (Node process or web worker) with these options. */
export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient | Promise<BaseLanguageClient>;

/** A finding as the test commands answer it (plain data across the command boundary; src/vscode/testCommands.ts). */
export interface FindingState {
  rule: string;
  severity: vscode.DiagnosticSeverity;
  message: string;
  range: WireProblem['range'];
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Quiet time after a scroll before the server hears of the new lines in view. */
const VISIBLE_RANGE_DELAY_MS = 150;
/** Problems are fetched for the views this long after the server says they changed (bursts while typing). */
const PROBLEMS_DELAY_MS = 80;
/** Each fetch carries every finding (thousands in a big file): while the user types, one a second is enough. */
const PROBLEMS_INTERVAL_MS = 1000;

export interface NotesClientOptions {
  extensionUri: vscode.Uri;
  log: Log;
  /** The per-file overrides of the notes detection now (sent at start; `setOverrides` sends changes). */
  overrides: () => Record<string, boolean>;
  /** Web worker server: where it fetches the dictionary (dict/en.bin) from. */
  dictionaryFiles?: () => Promise<Record<string, string>>;
  createClient: ClientFactory;
  /** Each model the server sends (the views' copy: NotesDocuments.accept). */
  onModel: (params: ModelParams) => void;
}

const FIX_ALL_ACTION_KIND = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);

/**
 * The server's code actions as VS Code wants them: fix-all only when asked for by kind (the Source Action menu,
 * codeActionsOnSave), never in the light bulb; a snippet fix's edit as a snippet edit (LSP 3.17 has none).
 */
export function codeActions<T extends vscode.Command | vscode.CodeAction>(actions: T[] | null | undefined, context: vscode.CodeActionContext): T[] | null | undefined {
  if (!actions) return actions;
  const fixAllAsked = context.only !== undefined && FIX_ALL_ACTION_KIND.intersects(context.only);
  const out: T[] = [];
  for (const action of actions) {
    if (!(action instanceof vscode.CodeAction)) {
      out.push(action);
      continue;
    }
    if (action.kind && FIX_ALL_ACTION_KIND.contains(action.kind) && !fixAllAsked) continue;
    const data = (action as { data?: unknown }).data as { snippet?: unknown } | undefined;
    if (data?.snippet === SNIPPET_ACTION_DATA.snippet && action.edit) {
      const edit = new vscode.WorkspaceEdit();
      for (const [uri, edits] of action.edit.entries()) edit.set(uri, edits.map((e) => new vscode.SnippetTextEdit(e.range, new vscode.SnippetString(e.newText))));
      action.edit = edit;
    }
    out.push(action);
  }
  return out;
}

export class NotesClient extends Disposable {
  private client: BaseLanguageClient | undefined;
  private readonly starting: Promise<BaseLanguageClient | undefined>;
  /** What the server last said of each open document. */
  private readonly states = new Map<string, FindingsChangedParams>();
  private readonly stateEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** The server's findings (count, notes-ness, dictionary) of a document changed. */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly problemCache = new Map<string, { version: number; problems: WireProblem[]; generation?: number }>();
  private readonly problemTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastFetch = new Map<string, number>();
  /** Fetches of problems under way (see `settled`). */
  private readonly fetching = new Set<Promise<void>>();
  private readonly problemsEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** Every finding of the server's latest lint of a document, for the Talks view and the preview. */
  readonly problems: Problems;

  constructor(private readonly options: NotesClientOptions) {
    super();
    this.problems = { findings: (uri) => this.problemCache.get(uri.toString())?.problems, onDidChange: this.problemsEmitter.event };
    this.starting = this.start();
    this._register({ dispose: () => this.problemTimers.forEach((t) => clearTimeout(t)) });
    this.registerEditorEvents();
  }

  private async start(): Promise<BaseLanguageClient | undefined> {
    const { log, extensionUri } = this.options;
    try {
      const initializationOptions: ServerInitOptions = {
        diagnosticsWindow: MAX_SHOWN_DIAGNOSTICS,
        rulesUrl: vscode.Uri.joinPath(extensionUri, 'README.md').toString(),
        overrides: this.options.overrides(),
        holdTypedWord: true,
        workspaceNames: true,
        ignoreAsEdit: true,
        clientCommands: { ...CLIENT_COMMANDS },
        // VS Code's Markdown extension lists the headings in the Outline already: a second list would repeat every talk.
        documentSymbols: false,
        // Names and companies on request (Ctrl+Space), never a suggestion popping up at every space typed in the notes.
        completionTriggers: false,
        // "Insert speaker heading" selects the name to type (a snippet edit, made by `codeActions` below).
        snippetEdits: true,
        // The Talks view, the status bar, navigation and the preview read the server's models: no parse here.
        modelMirror: true,
      };
      if (this.options.dictionaryFiles) initializationOptions.dictionaryFiles = await this.options.dictionaryFiles();
      const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'markdown' }],
        diagnosticCollectionName: 'conference-notes',
        outputChannel: log,
        initializationOptions,
        synchronize: { configurationSection: SECTION },
        middleware: {
          provideCodeActions: async (document, range, context, token, next) => codeActions(await next(document, range, context, token), context),
          workspace: {
            // The locale setting counts only where the user set it: its default (en-US) lets a file's spellings decide.
            configuration: async (params, token, next) => {
              const result = await next(params, token);
              if (!Array.isArray(result)) return result;
              return result.map((value: unknown, i) => {
                const item = params.items[i];
                if (item?.section !== SECTION || typeof value !== 'object' || value === null) return value;
                const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
                const i2 = vscode.workspace.getConfiguration(SECTION, scope).inspect<string>('spelling.locale');
                const explicit = i2?.workspaceFolderValue ?? i2?.workspaceValue ?? i2?.globalValue;
                const section = JSON.parse(JSON.stringify(value)) as { spelling?: Record<string, unknown> };
                section.spelling = { ...section.spelling, locale: explicit };
                return section;
              });
            },
          },
        },
      };
      const client = await this.options.createClient(clientOptions);
      if (this.isDisposed) return undefined;
      this.client = client;
      client.onNotification(findingsChangedNotification.method, (params: FindingsChangedParams) => this.findingsChanged(params));
      client.onNotification(modelNotification.method, (params: ModelParams) => this.options.onModel(params));
      client.onRequest(readFileRequest.method, async (params: { uri: string }): Promise<ReadFileResult> => {
        try {
          return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(params.uri))) };
        } catch (err) {
          if (err instanceof vscode.FileSystemError) return {};
          throw err;
        }
      });
      client.onRequest(writeFileRequest.method, async (params: WriteFileParams): Promise<void> => {
        await vscode.workspace.fs.writeFile(vscode.Uri.parse(params.uri), new TextEncoder().encode(params.text));
      });
      const started = Date.now();
      await client.start();
      log.info(`Language server started in ${Date.now() - started} ms${this.serverProcessId() ? ` (process ${this.serverProcessId()})` : ''}`);
      this.sendVisibleRanges(vscode.window.visibleTextEditors);
      return client;
    } catch (err) {
      log.error('Starting the language server failed:', errorText(err));
      return undefined;
    }
  }

  override dispose(): void {
    super.dispose();
    const client = this.client;
    this.client = undefined;
    void (client ? Promise.resolve(client) : this.starting).then((c) => c?.stop()).catch(() => {
      // Stopping a server that is gone already.
    });
  }

  /** Runs one of the server's commands (SERVER_COMMANDS) and answers its result. */
  async execute<T>(command: (typeof SERVER_COMMANDS)[keyof typeof SERVER_COMMANDS], args: unknown[]): Promise<T | undefined> {
    const client = this.client ?? (await this.starting);
    if (!client) throw new Error('the Conference Notes language server is not running (see the Conference Notes output)');
    return (await client.sendRequest('workspace/executeCommand', { command, arguments: args })) as T | undefined;
  }

  /** The server's process id (a Node server says it when it starts; a web worker has none). */
  serverProcessId(): number | undefined {
    const id = (this.client?.initializeResult as { processId?: unknown } | undefined)?.processId;
    return typeof id === 'number' ? id : undefined;
  }

  /** What the server last said of a document: notes or not, its problem count, its spelling dictionary. */
  state(uri: vscode.Uri): FindingsChangedParams | undefined {
    return this.states.get(uri.toString());
  }

  /** The per-file overrides changed: the server decides those files again. */
  setOverrides(overrides: Record<string, boolean>): void {
    void this.client?.sendNotification(overridesNotification.method, { overrides });
  }

  /** Every finding of the server's latest lint of a document, asked now (undefined while it is not complete). */
  async allProblems(uri: vscode.Uri): Promise<WireProblem[] | undefined> {
    return (await this.problemsResult(uri))?.problems;
  }

  private async problemsResult(uri: vscode.Uri): Promise<PreviewResult | undefined> {
    const client = this.client ?? (await this.starting);
    return ((await client?.sendRequest(previewRequest.method, { uri: uri.toString() })) as PreviewResult | null | undefined) ?? undefined;
  }

  /** Asks the server to send a document's current model now (whole: all of it again); its version once sent. */
  async modelNow(uri: vscode.Uri, whole?: boolean): Promise<number | undefined> {
    const client = this.client ?? (await this.starting);
    const result = (await client?.sendRequest(modelRequest.method, { uri: uri.toString(), whole })) as { version: number } | null | undefined;
    return result?.version;
  }

  /** The server's rows of the Talks view for a document (its own problem count per talk). */
  async talks(uri: vscode.Uri): Promise<TalksResult | undefined> {
    const client = this.client ?? (await this.starting);
    return ((await client?.sendRequest(talksRequest.method, { uri: uri.toString() })) as TalksResult | null | undefined) ?? undefined;
  }

  /** Every finding of a document's latest lint as plain data (the test commands read it). */
  async findingStates(uri: vscode.Uri): Promise<FindingState[] | undefined> {
    return (await this.allProblems(uri))?.map((p) => ({ rule: p.rule, severity: SEVERITY[p.severity], message: p.message, range: p.range }));
  }

  private findingsChanged(params: FindingsChangedParams): void {
    if (!params || typeof params.uri !== 'string') return;
    this.states.set(params.uri, params);
    const uri = vscode.Uri.parse(params.uri);
    this.stateEmitter.fire(uri);
    // The Talks view counts the problems of every open notes file: each change is fetched (a burst once).
    if (params.isNotes && params.complete) {
      // The same findings as those held (an edit that changed none): nothing to fetch, nothing to redraw.
      const held = this.problemCache.get(params.uri);
      if (held && params.generation !== undefined && held.generation === params.generation && !this.problemTimers.has(params.uri)) return;
      this.scheduleProblems(params.uri);
    }
    else if (!params.isNotes && this.problemCache.has(params.uri)) {
      this.problemCache.set(params.uri, { version: params.version, problems: [] });
      this.problemsEmitter.fire(uri);
    }
  }

  /**
   * Resolves once the problems the server announced so far are fetched (what the views show is then what the server
   * counts; the test commands wait for it).
   */
  async settled(): Promise<void> {
    while (this.problemTimers.size > 0 || this.fetching.size > 0) {
      await Promise.all([...this.fetching, new Promise((r) => setTimeout(r, PROBLEMS_DELAY_MS))]);
    }
  }

  /** A fetch after a quiet PROBLEMS_DELAY_MS, and while changes keep coming, at most one per PROBLEMS_INTERVAL_MS. */
  private scheduleProblems(key: string): void {
    const timer = this.problemTimers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    const since = Date.now() - (this.lastFetch.get(key) ?? 0);
    this.problemTimers.set(key, setTimeout(() => {
      this.problemTimers.delete(key);
      this.lastFetch.set(key, Date.now());
      const fetch = this.fetchProblems(key);
      this.fetching.add(fetch);
      void fetch.finally(() => this.fetching.delete(fetch));
    }, Math.max(PROBLEMS_DELAY_MS, PROBLEMS_INTERVAL_MS - since)));
  }

  private async fetchProblems(key: string): Promise<void> {
    try {
      const state = this.states.get(key);
      if (!state) return; // closed meanwhile
      const uri = vscode.Uri.parse(key);
      const result = state.isNotes ? await this.problemsResult(uri) : { problems: [], generation: undefined };
      const problems = result?.problems;
      if (!problems || this.isDisposed || !this.states.has(key)) return;
      this.problemCache.set(key, { version: state.version, problems, generation: result.generation });
      this.problemsEmitter.fire(uri);
    } catch (err) {
      this.options.log.warn(`Reading the problems of ${key} failed: ${errorText(err)}`);
    }
  }

  private registerEditorEvents(): void {
    let scrollTimer: ReturnType<typeof setTimeout> | undefined;
    const pending = new Set<vscode.TextEditor>();
    this._register({ dispose: () => scrollTimer !== undefined && clearTimeout(scrollTimer) });
    this._register(
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor.document.languageId !== 'markdown') return;
        pending.add(e.textEditor);
        if (scrollTimer !== undefined) clearTimeout(scrollTimer);
        scrollTimer = setTimeout(() => {
          scrollTimer = undefined;
          this.sendVisibleRanges([...pending]);
          pending.clear();
        }, VISIBLE_RANGE_DELAY_MS);
      }),
    );
    this._register(vscode.window.onDidChangeVisibleTextEditors((editors) => this.sendVisibleRanges(editors)));
    this._register(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const document = e.textEditor.document;
        if (document.languageId !== 'markdown' || !this.client) return;
        const selection = e.selections.length === 1 ? e.selections[0] : undefined;
        const at = selection?.isEmpty ? selection.active : undefined;
        const params: CursorParams = { uri: document.uri.toString(), line: at?.line ?? -1, character: at?.character ?? -1 };
        void this.client.sendNotification(cursorNotification.method, params);
      }),
    );
    this._register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        this.states.delete(key);
        this.problemCache.delete(key);
        const timer = this.problemTimers.get(key);
        if (timer !== undefined) clearTimeout(timer);
        this.problemTimers.delete(key);
        this.lastFetch.delete(key);
      }),
    );
  }

  private sendVisibleRanges(editors: readonly vscode.TextEditor[]): void {
    const client = this.client;
    if (!client) return;
    for (const editor of editors) {
      const range = editor.visibleRanges[0];
      if (!range || editor.document.languageId !== 'markdown') continue;
      const params: VisibleRangeParams = { uri: editor.document.uri.toString(), range: { start: range.start.line, end: range.end.line + 1 } };
      void client.sendNotification(visibleRangeNotification.method, params);
    }
  }
}
