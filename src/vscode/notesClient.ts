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
  findingsChangedNotification,
  overridesNotification,
  previewRequest,
  readFileRequest,
  SERVER_COMMANDS,
  visibleRangeNotification,
  writeFileRequest,
  type CursorParams,
  type FindingsChangedParams,
  type PreviewResult,
  type ReadFileResult,
  type ServerInitOptions,
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
/** A view that asked for a document's problems in this long is kept up to date. */
const INTEREST_MS = 60_000;

export interface NotesClientOptions {
  extensionUri: vscode.Uri;
  log: Log;
  /** The per-file overrides of the notes detection now (sent at start; `setOverrides` sends changes). */
  overrides: () => Record<string, boolean>;
  /** Web worker server: where it fetches the dictionary (dict/en.bin) from. */
  dictionaryFiles?: () => Promise<Record<string, string>>;
  createClient: ClientFactory;
}

export class NotesClient extends Disposable {
  private client: BaseLanguageClient | undefined;
  private readonly starting: Promise<BaseLanguageClient | undefined>;
  /** What the server last said of each open document. */
  private readonly states = new Map<string, FindingsChangedParams>();
  private readonly stateEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** The server's findings (count, notes-ness, dictionary) of a document changed. */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly problemCache = new Map<string, { version: number; problems: WireProblem[] }>();
  private readonly interest = new Map<string, number>();
  private readonly problemTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly problemsEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** Every finding of the server's latest lint of a document, for the Talks view and the preview. */
  readonly problems: Problems;

  constructor(private readonly options: NotesClientOptions) {
    super();
    this.problems = { findings: (uri) => this.cachedProblems(uri), onDidChange: this.problemsEmitter.event };
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
      };
      if (this.options.dictionaryFiles) initializationOptions.dictionaryFiles = await this.options.dictionaryFiles();
      const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'markdown' }],
        diagnosticCollectionName: 'conference-notes',
        outputChannel: log,
        initializationOptions,
        synchronize: { configurationSection: SECTION },
        middleware: {
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
      log.info(`Language server started in ${Date.now() - started} ms`);
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
    const client = this.client ?? (await this.starting);
    const result = (await client?.sendRequest(previewRequest.method, { uri: uri.toString() })) as PreviewResult | null | undefined;
    return result?.problems;
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
    const asked = this.interest.get(params.uri);
    if (asked !== undefined && Date.now() - asked < INTEREST_MS) this.scheduleProblems(params.uri);
  }

  /** The problems last fetched for a document; asking marks it as wanted, so they are fetched and kept current. */
  private cachedProblems(uri: vscode.Uri): readonly WireProblem[] | undefined {
    const key = uri.toString();
    const first = !this.interest.has(key);
    this.interest.set(key, Date.now());
    const hit = this.problemCache.get(key);
    if (first && this.states.has(key)) this.scheduleProblems(key);
    return hit?.problems;
  }

  private scheduleProblems(key: string): void {
    const timer = this.problemTimers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.problemTimers.set(key, setTimeout(() => {
      this.problemTimers.delete(key);
      void this.fetchProblems(key);
    }, PROBLEMS_DELAY_MS));
  }

  private async fetchProblems(key: string): Promise<void> {
    try {
      const state = this.states.get(key);
      const uri = vscode.Uri.parse(key);
      const problems = state?.isNotes === false ? [] : await this.allProblems(uri);
      if (!problems || this.isDisposed) return;
      this.problemCache.set(key, { version: state?.version ?? -1, problems });
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
        this.interest.delete(key);
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
