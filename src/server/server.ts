// The Conference Notes language server, the same in Node (node.ts: `confnotes lsp --stdio`) and a web worker
// (browser.ts): one record per open document (documents.ts) and, around it, one file per LSP feature.
import { CodeActionKind, DidChangeWatchedFilesNotification, TextDocumentSyncKind, TextDocuments, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, SERVER_COMMANDS, type ServerInitOptions } from '../core/protocol';
import { CodeActions } from './codeActions';
import { registerClientData } from './clientData';
import { registerCompletion } from './completion';
import { Configuration } from './configuration';
import { changedLineSpan, DocumentStore } from './documents';
import { registerHover } from './hover';
import type { ServerHost } from './host';
import { createDocument, updateDocument } from './linesDocument';
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
  return out;
}

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
      return updated;
    },
  });
  let store: DocumentStore | undefined;
  let configuration: Configuration | undefined;
  let workspace: WorkspaceNotes | undefined;
  let watchRegistration = false;
  let folderEvents = false;

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
    store = new DocumentStore(connection, host, configuration, new Spellers(host.readDictionary, log), { window: options.diagnosticsWindow, log });
    workspace = new WorkspaceNotes(host, configuration, store);
    new CodeActions(connection, store, host, configuration, { documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true, log }).register();
    registerSymbols(connection, store, workspace, log);
    registerSemanticTokens(connection, store, log);
    registerHover(connection, store, workspace, log);
    registerCompletion(connection, store, workspace, log);
    registerClientData(connection, store, workspace, log);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        documentSymbolProvider: { label: 'Talks' },
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: FIELD_TOKENS_LEGEND, full: true },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version },
    };
  });

  connection.onInitialized(() => {
    if (watchRegistration) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.conference-notes.json' }, { globPattern: '**/*.{md,markdown,mdown,mkd}' }] });
    if (!folderEvents) return;
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      if (!configuration) return;
      const removed = new Set(e.removed.map((f) => f.uri.replace(/\/+$/, '')));
      configuration.setFolders([...configuration.workspaceFolders().filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)]);
      store?.relintAll();
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
  });

  // Fired on open too.
  documents.onDidChangeContent((e) => store?.update(e.document));
  documents.onDidClose((e) => store?.close(e.document.uri));
  documents.onDidSave((e) => workspace?.forget(e.document.uri));
  documents.listen(connection);
  connection.listen();
}
