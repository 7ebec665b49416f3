// The language server's own messages, beside standard LSP: what only the VS Code client shows (the Talks view, the
// preview, the status bar, the 1,000-diagnostics window), and what a server in a web worker asks its client for.
// Typed once here and shared by both sides; each side wraps a spec in its library's RequestType/NotificationType.
// Pure: method names and plain data, no dependency on any LSP library.
import type { Range, Severity } from './model';
import type { LineSpan } from './rules/types';
import type { TalkRow } from './talks/rows';
import type { WireDelta } from './modelDelta';

/** A request `method` with params P and result R (the fields only carry the types). */
export interface RequestSpec<P, R> {
  readonly method: string;
  readonly _params?: P;
  readonly _result?: R;
}

/** A notification `method` with params P. */
export interface NotificationSpec<P> {
  readonly method: string;
  readonly _params?: P;
}

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'conference-notes';
/** `code` of the one diagnostic that says how many problems past the window are not shown. */
export const SHOWN_LIMIT_CODE = 'shown-limit';

/**
 * The diagnostics window of a client that sets none (an editor other than VS Code): a file with 168,900 findings
 * published them all on every edit (30 MB of JSON, 1.4 s of the server's time), more than any editor shows usefully.
 */
export const DEFAULT_DIAGNOSTICS_WINDOW = 10_000;

/** What a client may say in `initializationOptions`. */
export interface ServerInitOptions {
  /**
   * Publish at most this many diagnostics per document (VS Code shows 1,000): the ones nearest the visible lines
   * (`visibleRangeNotification`; without it, the start of the file), plus one that says how many are not shown.
   * Absent: DEFAULT_DIAGNOSTICS_WINDOW.
   */
  diagnosticsWindow?: number;
  /** Web worker server: where the spelling dictionary is (a URL the worker can fetch; `dict/` is appended). */
  dictionaryUrl?: string;
  /** Web worker server: a URL per dictionary file (`en.bin` -> URL), for hosts whose URLs carry the path in a query. */
  dictionaryFiles?: Record<string, string>;
  /** A page documenting the rules: each diagnostic's `codeDescription` is this URL with `#<rule id>`. */
  rulesUrl?: string;
  /** Per-file overrides of the notes detection (URI -> notes or not), as the client remembers them. */
  overrides?: Record<string, boolean>;
  /** The client reports the cursor (`cursorNotification`): the spelling of a word being typed waits until it leaves. */
  holdTypedWord?: boolean;
  /** "Ignore in this file" as an edit (a client that previews and undoes edits) instead of a server command. */
  ignoreAsEdit?: boolean;
  /**
   * The client's own commands for the server's (SERVER_COMMANDS key -> client command id, plus `addToUserDictionary`
   * taking [words]): code actions carry these, and the server does not advertise its commands (a client that
   * registers every advertised command would have two of each). The client sends workspace/executeCommand itself.
   */
  clientCommands?: Partial<Record<keyof typeof SERVER_COMMANDS | 'addToUserDictionary', string>>;
  /** Spelling also knows the names the workspace's notes files establish (speakers, names several talks use). */
  workspaceNames?: boolean;
  /** False: no document symbols (a client whose Markdown support lists the headings already). Default true. */
  documentSymbols?: boolean;
  /** False: completion only when asked for (no trigger characters). Default true. */
  completionTriggers?: boolean;
  /**
   * The client applies snippet edits (VS Code): a snippet fix's quick fix keeps its snippet text (`${1:Speaker name}`)
   * and carries `data` SNIPPET_ACTION_DATA, so the client makes its edit a snippet edit. Else the default text.
   */
  snippetEdits?: boolean;
  /**
   * The client keeps a copy of each document's model (modelNotification): the views it shows (the Talks view, the
   * status bar, navigation, the preview) read that copy and never parse the text themselves.
   */
  modelMirror?: boolean;
}

/** `data` of a code action whose edit's newText is a snippet (with ServerInitOptions.snippetEdits). */
export const SNIPPET_ACTION_DATA = { snippet: true } as const;

/** `data` of a published spelling diagnostic: the unknown word (other diagnostics have none; rule and range suffice). */
export interface DiagnosticData {
  word?: string;
}

export interface DocumentParams {
  uri: string;
}

/** One finding as the Talks view, the preview and the status bar count and show it (every finding, no window). */
export interface WireProblem {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
}

export interface TalksResult {
  /** The document version the rows were built from. */
  version: number;
  isNotes: boolean;
  /** Problems counted from every finding of that version (undefined while its lint is not complete). */
  rows: TalkRow[];
  problems?: number;
}

/** The rows of the Talks view for one open document, with problem counts from the server's findings. */
export const talksRequest: RequestSpec<DocumentParams, TalksResult | null> = { method: 'conferenceNotes/talks' };

export interface PreviewResult {
  version: number;
  isNotes: boolean;
  /** Every finding of that version (also those past the diagnostics window); undefined while the lint runs. */
  problems?: WireProblem[];
  /** FindingsChangedParams.generation of these problems, when they are the ones last announced. */
  generation?: number;
}

/** The problems behind the preview's counts and index, for one open document. */
export const previewRequest: RequestSpec<DocumentParams, PreviewResult | null> = { method: 'conferenceNotes/preview' };

export interface VisibleRangeParams {
  uri: string;
  /** Lines [start, end) the user sees. */
  range: LineSpan;
}

/** Client -> server: the lines the user sees, which the diagnostics window follows and a full lint checks first. */
export const visibleRangeNotification: NotificationSpec<VisibleRangeParams> = { method: 'conferenceNotes/visibleRange' };

export interface FindingsChangedParams {
  uri: string;
  version: number;
  isNotes: boolean;
  /** Every finding of the version, published or not. */
  problems: number;
  /**
   * Changes whenever the list of findings changes; the same after an edit that left them as they were, so a client
   * that holds the problems of this generation need not ask for them again.
   */
  generation?: number;
  /** False while a first lint of a big file is still publishing partial results. */
  complete: boolean;
  /** The dictionary the spelling rule checked it with (absent: spelling off, or not notes). */
  locale?: WireLocale;
  /** Names the workspace's other notes files taught the spelling rule. */
  workspaceNames?: number;
}

export interface OverridesParams {
  /** URI -> notes (true) or not notes (false); files not named are detected. */
  overrides: Record<string, boolean>;
}

/** Client -> server: the per-file overrides of the notes detection changed. */
export const overridesNotification: NotificationSpec<OverridesParams> = { method: 'conferenceNotes/overrides' };

export interface CursorParams {
  uri: string;
  line: number;
  character: number;
}

/** Client -> server (with `holdTypedWord`): where the cursor is in a document the user edits. */
export const cursorNotification: NotificationSpec<CursorParams> = { method: 'conferenceNotes/cursor' };

/** The spelling dictionary a document is checked with, and why. */
export interface WireLocale {
  locale: string;
  alsoAccepted: string[];
  source: 'file' | 'config' | 'inferred' | 'default';
}

/** Server -> client: the findings of a document changed (ask `talksRequest` / `previewRequest` for the details). */
export const findingsChangedNotification: NotificationSpec<FindingsChangedParams> = { method: 'conferenceNotes/findingsChanged' };

/** Server -> client (with ServerInitOptions.modelMirror): a document's model, as the change from the last one sent. */
export interface ModelParams {
  uri: string;
  /** The document version the model was parsed from. */
  version: number;
  /** The version of the model the delta applies to; absent: it applies to EMPTY_MODEL (a whole model). */
  base?: number;
  /** Packed (packDelta: ranges as four numbers); unpackDelta gives the ModelDelta. */
  delta: WireDelta;
  /** A big delta comes in parts, applied in turn: this one's place and how many there are (absent: one). */
  part?: number;
  parts?: number;
  isNotes: boolean;
  decidedBy: 'override' | 'detection';
  /** "13 talks, 13 with a speaker", or the override ("marked as notes by you"). */
  reason: string;
  nearlyNotes: boolean;
}

export const modelNotification: NotificationSpec<ModelParams> = { method: 'conferenceNotes/model' };

export interface ModelRequestParams {
  uri: string;
  /** Send the whole model again (the client lost track of the ones sent). */
  whole?: boolean;
}

/**
 * Client -> server: send the model of the document's current version now (not after the typing pause), and answer
 * its version once it is sent (null: not open, or no model). The client's copy then has it.
 */
export const modelRequest: RequestSpec<ModelRequestParams, { version: number } | null> = { method: 'conferenceNotes/modelNow' };

export interface ReadFileResult {
  /** Undefined when there is no such file. */
  text?: string;
}

/** Server -> client, for a server without a file system (web worker): read a workspace file. */
export const readFileRequest: RequestSpec<DocumentParams, ReadFileResult> = { method: 'conferenceNotes/readFile' };

export interface WriteFileParams {
  uri: string;
  text: string;
}

/** Server -> client, for a server without a file system: write a workspace file (the workspace dictionary). */
export const writeFileRequest: RequestSpec<WriteFileParams, void> = { method: 'conferenceNotes/writeFile' };

/** Commands the server executes (`workspace/executeCommand`); code actions carry them. */
export const SERVER_COMMANDS = {
  /** [uri: string, words: string[]]: adds words to `words` of the folder's .conference-notes.json. */
  addToWorkspaceDictionary: 'conferenceNotes.server.addToWorkspaceDictionary',
  /** [uri: string, word: string]: adds the word to the file's `<!-- spelling: ignore -->` comment. */
  ignoreInFile: 'conferenceNotes.server.ignoreInFile',
  /** [uri: string]: applies every safe fix of the document as one edit. */
  fixAll: 'conferenceNotes.server.fixAll',
  /** [uri: string]: adds every word the spelling rule reports in the document to the workspace dictionary; answers how many. */
  addAllUnknownWords: 'conferenceNotes.server.addAllUnknownWords',
  /** [uri: string, locale: string | null, scope: 'file' | 'workspace']: sets (null: removes) the document's or the workspace's spelling locale. */
  setLocale: 'conferenceNotes.server.setLocale',
} as const;

/** The code action kind of fix-all (VS Code: editor.codeActionsOnSave `source.fixAll.conferenceNotes`). */
export const FIX_ALL_KIND = 'source.fixAll.conferenceNotes';
