// The Conference Notes language server, the same in Node (node.ts: `confnotes lsp --stdio`) and a web worker
// (browser.ts): one record per open document (documents.ts) and, around it, one file per LSP feature.
import { CodeActionKind, DidChangeWatchedFilesNotification, TextDocumentSyncKind, TextDocuments, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { cursorNotification, DEFAULT_DIAGNOSTICS_WINDOW, FIX_ALL_KIND, overridesNotification, SERVER_COMMANDS, type CursorParams, type OverridesParams, type ServerInitOptions } from '../core/protocol';
import { workspaceNames } from '../core/spelling/names';
import type { EnglishSpeller } from '../core/spelling/speller';
import { CodeActions } from './codeActions';
import { notificationType, registerClientData } from './clientData';
import { registerCompletion } from './completion';
import { Configuration } from './configuration';
import { changedLineSpan, DocumentStore } from './documents';
import { registerHover } from './hover';
import type { ServerHost } from './host';
import { createDocument, updateDocument } from './linesDocument';
import { ModelMirror } from './modelMirror';
import { FIELD_TOKENS_LEGEND, registerSemanticTokens } from './semanticTokens';
import { Spellers } from './spellers';
import { registerSymbols } from './symbols';
import { WorkspaceNotes } from './workspaceNotes';

export const SERVER_NAME = 'conference-notes';

function initOptions(value: unknown): ServerInitOptions {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const out: ServerInitOptions = {};
  if (typeof v.diagnosticsWindow === 'number' && Number.isInteger(v.diagnosticsWindow) && v.diagnosticsWindow > 0) out.diagnosticsWindow = v.diagnosticsWindow;
  if (typeof v.dictionaryUrl === 'string') out.dictionaryUrl = v.dictionaryUrl;
  if (isStringRecord(v.dictionaryFiles)) out.dictionaryFiles = v.dictionaryFiles;
  if (typeof v.rulesUrl === 'string') out.rulesUrl = v.rulesUrl;
  const overrides = booleanRecord(v.overrides);
  if (overrides) out.overrides = overrides;
  if (v.holdTypedWord === true) out.holdTypedWord = true;
  if (v.workspaceNames === true) out.workspaceNames = true;
  if (v.ignoreAsEdit === true) out.ignoreAsEdit = true;
  if (isStringRecord(v.clientCommands)) out.clientCommands = v.clientCommands;
  if (v.documentSymbols === false) out.documentSymbols = false;
  if (v.completionTriggers === false) out.completionTriggers = false;
  if (v.snippetEdits === true) out.snippetEdits = true;
  if (v.modelMirror === true) out.modelMirror = true;
  return out;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((x) => typeof x === 'string');
}

function booleanRecord(value: unknown): Record<string, boolean> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
}

/** The workspace's names are learnt this long after start, and after a change of its files. */
const NAMES_DELAY_MS = 1500;

/** Wires the server on a connection and starts listening; the host supplies files and the dictionary. */
export function startServer(connection: Connection, makeHost: (options: ServerInitOptions) => ServerHost, version = '0.1.0'): void {
  const log = (message: string): void => connection.console.log(message);
  // Documents kept as lines (linesDocument.ts), noting which lines each incremental change touched: the store takes
  // the new version's lines from those, without joining, splitting or comparing the whole text.
  const documents = new TextDocuments<TextDocument>({
    create: createDocument,
    update(document, changes, version) {
      const from = document.version;
      const linesBefore = document.lineCount;
      const span = changedLineSpan(linesBefore, changes);
      const updated = updateDocument(document, changes, version);
      store?.noteChange(updated, from, linesBefore, span);
      if (holdTypedWord) store?.noteTyping(updated.uri, changes);
      return updated;
    },
  });
  let store: DocumentStore | undefined;
  let configuration: Configuration | undefined;
  let workspace: WorkspaceNotes | undefined;
  let watchRegistration = false;
  let folderEvents = false;
  let holdTypedWord = false;
  let spellers: Spellers | undefined;
  let namesTimer: ReturnType<typeof setTimeout> | undefined;
  let namesRun = 0;
  /** Learns the names the workspace's notes files establish (for the spelling rule), in the background. */
  let namesWanted = false;
  const learnNames = (): void => {
    if (!namesWanted) return;
    if (namesTimer !== undefined) clearTimeout(namesTimer);
    namesTimer = setTimeout(() => {
      namesTimer = undefined;
      const run = ++namesRun;
      void (async () => {
        try {
          const files = (await workspace?.files()) ?? [];
          const base = (await spellers?.forLocale(undefined)) as EnglishSpeller | undefined;
          if (run !== namesRun || !store) return;
          const names = workspaceNames(files.map((f) => f.doc), undefined, base);
          if (store.setNames(names)) log(`Spelling: ${names.length} names known from ${files.length} notes files of the workspace`);
        } catch (err) {
          log(`Learning the workspace's names failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      })();
    }, NAMES_DELAY_MS);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const options = initOptions(params.initializationOptions);
    const host = makeHost(options);
    configuration = new Configuration(connection, host, {
      pull: caps.workspace?.configuration === true,
      watched: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    });
    watchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderEvents = caps.workspace?.workspaceFolders === true;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    configuration.setFolders(folders);
    holdTypedWord = options.holdTypedWord === true;
    namesWanted = options.workspaceNames === true;
    spellers = new Spellers(host.readDictionary, log);
    store = new DocumentStore(connection, host, configuration, spellers, { window: options.diagnosticsWindow ?? DEFAULT_DIAGNOSTICS_WINDOW, rulesUrl: options.rulesUrl, overrides: options.overrides, log });
    workspace = new WorkspaceNotes(host, configuration, store);
    new CodeActions(connection, store, host, configuration, {
      documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
      ignoreAsEdit: options.ignoreAsEdit === true,
      snippetEdits: options.snippetEdits === true,
      clientCommands: options.clientCommands ?? {},
      resolveEdits: caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
      log,
    }).register();
    // Semantic tokens are asked again when a document becomes notes (or stops being notes) without an edit.
    if (caps.workspace?.semanticTokens?.refreshSupport === true) {
      const wasNotes = new Map<string, boolean>();
      store.onDidChangeFindings((record) => {
        if (wasNotes.get(record.uri) === record.isNotes) return;
        const known = wasNotes.has(record.uri);
        wasNotes.set(record.uri, record.isNotes);
        if (known) void connection.languages.semanticTokens.refresh();
      });
    }
    connection.onNotification(notificationType(overridesNotification), (params: OverridesParams) => {
      const overrides = booleanRecord(params?.overrides);
      if (overrides) store?.setOverrides(overrides);
    });
    connection.onNotification(notificationType(cursorNotification), (params: CursorParams) => {
      if (params && typeof params.uri === 'string' && Number.isInteger(params.line) && Number.isInteger(params.character)) store?.setCursor(params.uri, params.line, params.character);
    });
    registerSymbols(connection, store, workspace, log);
    registerSemanticTokens(connection, store, log);
    registerHover(connection, store, workspace, log);
    registerCompletion(connection, store, workspace, log);
    registerClientData(connection, store, workspace, log);
    if (options.modelMirror === true) new ModelMirror(connection, store, log).register();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        // A client with commands of its own for these sends workspace/executeCommand itself (clientCommands).
        ...(options.clientCommands ? {} : { executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) } }),
        ...(options.documentSymbols === false ? {} : { documentSymbolProvider: { label: 'Talks' } }),
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: FIELD_TOKENS_LEGEND, full: { delta: true } },
        hoverProvider: true,
        completionProvider: options.completionTriggers === false ? {} : { triggerCharacters: [' ', ':'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version },
      // Beside the standard fields (InitializeResult allows custom ones): the server process, for a client's logs.
      ...(typeof process !== 'undefined' && typeof process.pid === 'number' ? { processId: process.pid } : {}),
    };
  });

  connection.onInitialized(() => {
    learnNames();
    if (watchRegistration) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.conference-notes.json' }, { globPattern: '**/*.{md,markdown,mdown,mkd}' }] });
    if (!folderEvents) return;
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      if (!configuration) return;
      const removed = new Set(e.removed.map((f) => f.uri.replace(/\/+$/, '')));
      configuration.setFolders([...configuration.workspaceFolders().filter((f) => !removed.has(f)), ...e.added]);
      store?.relintAll();
      learnNames();
    });
  });

  connection.onDidChangeConfiguration((params) => {
    configuration?.settingsChanged(params.settings);
    store?.relintAll();
  });
  connection.onDidChangeWatchedFiles((params) => {
    const uris = params.changes.map((c) => c.uri);
    for (const uri of uris) workspace?.forget(uri);
    if (configuration?.filesChanged(uris)) store?.relintAll();
    if (uris.some((u) => !u.endsWith('.json'))) learnNames();
  });

  // Fired on open too.
  documents.onDidChangeContent((e) => store?.update(e.document));
  documents.onDidClose((e) => store?.close(e.document.uri));
  documents.onDidSave((e) => {
    workspace?.forget(e.document.uri);
    learnNames();
  });
  documents.listen(connection);
  connection.listen();
}
