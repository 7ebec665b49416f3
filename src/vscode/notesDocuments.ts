// The shared glue service: which open Markdown documents are conference notes, and their model. The models are the
// language server's (src/server/modelMirror.ts): it parses each edit once and sends the change from the model it sent
// before (src/core/modelDelta.ts); this class keeps the copy, so no view of the extension host parses the text.
//
// Features (status bar, Talks tree, preview, navigation, ...) receive one instance from `activate` and:
//   - call `get(document)` (or `get(uri)`) for `{ doc, isNotes, reason, nearlyNotes }`: the newest model the server
//     sent, possibly a keystroke or two older than the text while the user types; `ready(document)` waits for the
//     current version's (a command that edits or moves by the model);
//   - listen to `onDidChange(uri)`: the model or the notes-ness of an open Markdown document changed. The server sends
//     a model at once on open and when the verdict changes (an override, the settings), after a pause while the user
//     types; also fired on save and a settings change;
//   - listen to `onDidClose(uri)` to drop what they keep for a document.
// The decision is the server's too: a per-file override (the "Treat This File as Notes / Not as Notes" commands,
// remembered here in workspaceState and sent to the server) wins; otherwise the core's `explainNotes` with the
// `conferenceNotes.*` settings, whose reason the entry keeps for the status bar and the Talks view.
import * as vscode from 'vscode';
import type { NotesDocument, NotesSettings } from '../core';
import { applySteps, EMPTY_MODEL, keepsStructure, unpackDelta } from '../core/modelDelta';
import { runInSlices } from '../core/nextTurn';
import type { ModelParams } from '../core/protocol';
import { readSettings, SECTION } from './config';
import { Disposable } from './dispose';
import { errorText, type Log } from './log';

export interface NotesEntry {
  readonly document: vscode.TextDocument;
  /** The document version `doc` was parsed from. */
  readonly version: number;
  readonly doc: NotesDocument;
  readonly isNotes: boolean;
  /** Why: the user's per-file override, or the core's detection with the settings. */
  readonly decidedBy: 'override' | 'detection';
  /** The detection's reason in one line ("13 talks, 13 with a speaker"), or the override ("marked as notes by you"). */
  readonly reason: string;
  /** Not notes, but nearly: the Talks view says why not and offers Treat This File as Notes. */
  readonly nearlyNotes: boolean;
  /** The settings in force for this document (they are resource-scoped). */
  readonly settings: NotesSettings;
  /**
   * The same object for every entry whose model carried over the structure of an earlier one (talks, their titles and
   * fields, headings: only plain notes lines changed), a new one after any other change. The Talks view compares it.
   */
  readonly structure: object;
}

/** Where the models come from: the language client (src/vscode/notesClient.ts). */
export interface ModelSource {
  /** Asks the server to send the current version's model now (whole: all of it again); its version, once sent. */
  modelNow(uri: vscode.Uri, whole?: boolean): Promise<number | undefined>;
}

const OVERRIDES_KEY = 'conferenceNotes.overrides';
/** How long `ready` waits for the first model of a document the server has not opened yet. */
const FIRST_MODEL_WAIT_MS = 15_000;
/** Synchronous work per slice of applying a model's change (moving the talks below an added line). */
const APPLY_SLICE_MS = 10;

export function isMarkdown(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown';
}

/** A model arriving in parts: the parts applied so far. */
interface Arriving {
  version: number;
  doc: NotesDocument;
  next: number;
}

export class NotesDocuments extends Disposable {
  private readonly cache = new Map<string, NotesEntry>();
  /** Per document, the models received and not yet applied, in order (each waits for the one before). */
  private readonly applying = new Map<string, Promise<void>>();
  private readonly arriving = new Map<string, Arriving>();
  /** Documents whose copy went out of step with the server (a delta for another base): a whole model is asked. */
  private readonly resyncing = new Set<string>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  private readonly closeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** The conferenceNotes.* settings per document (resource-scoped), read once until they change. */
  private readonly settings = new Map<string, NotesSettings>();
  private source: ModelSource | undefined;

  /** The model or notes-ness of an open Markdown document changed; call `get` for the new state. */
  readonly onDidChange: vscode.Event<vscode.Uri> = this.changeEmitter.event;
  /** A Markdown document was closed (or stopped being Markdown). */
  readonly onDidClose: vscode.Event<vscode.Uri> = this.closeEmitter.event;
  private readonly overridesEmitter = this._register(new vscode.EventEmitter<Record<string, boolean>>());
  /** The per-file overrides changed (the language server is told). */
  readonly onDidChangeOverrides: vscode.Event<Record<string, boolean>> = this.overridesEmitter.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    super();
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.fireIfKnown(d)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.settings.clear();
        for (const [key, entry] of this.cache) this.cache.set(key, { ...entry, settings: this.settingsOf(entry.document.uri) });
        for (const d of this.documents()) this.fireIfKnown(d);
      }),
    );
  }

  /** The language client, once it exists: `ready` asks it for the current version's model. */
  setSource(source: ModelSource): void {
    this.source = source;
  }

  /** The open Markdown documents (notes or not). */
  documents(): vscode.TextDocument[] {
    return vscode.workspace.textDocuments.filter(isMarkdown);
  }

  /** The newest model the server sent for an open Markdown document (possibly of an older version); undefined for anything else. */
  get(documentOrUri: vscode.TextDocument | vscode.Uri): NotesEntry | undefined {
    const document = documentOrUri instanceof vscode.Uri ? this.find(documentOrUri) : documentOrUri;
    if (!document || !isMarkdown(document) || document.isClosed) return undefined;
    return this.cache.get(document.uri.toString());
  }

  /** The model of the document's current version, if the server has sent it. */
  current(document: vscode.TextDocument): NotesEntry | undefined {
    const hit = this.get(document);
    return hit && hit.version === document.version ? hit : undefined;
  }

  /**
   * The current version's model, asked of the server if it has not sent it yet (it sends models after a pause while
   * the user types); the newest one there is if the document changes meanwhile, undefined if the server has none.
   */
  async ready(document: vscode.TextDocument): Promise<NotesEntry | undefined> {
    const hit = this.current(document);
    if (hit || !isMarkdown(document) || document.isClosed) return hit;
    try {
      await this.source?.modelNow(document.uri);
    } catch (err) {
      this.log.warn(`Asking the model of ${document.uri.toString(true)} failed: ${errorText(err)}`);
    }
    await this.applying.get(document.uri.toString());
    // Not open in the server yet (the client is starting, or has not sent the document): its first model comes soon.
    if (!this.get(document)) await this.nextModel(document.uri, FIRST_MODEL_WAIT_MS);
    return this.get(document);
  }

  /** Resolves when a model of the document arrives, or after `ms`. */
  private nextModel(uri: vscode.Uri, ms: number): Promise<void> {
    const key = uri.toString();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const timer = setTimeout(done, ms);
      const listener = this.changeEmitter.event((u) => {
        if (u.toString() === key) done();
      });
    });
  }

  /** Resolves once every open Markdown document has a model (those without one are asked of the server). */
  async allReady(): Promise<void> {
    await Promise.all(this.documents().filter((d) => !this.cache.has(d.uri.toString())).map((d) => this.ready(d)));
  }

  /**
   * Whether an open document is conference notes, by the newest model: asked on every cursor move (code actions) and
   * every change (the status bar).
   */
  isNotes(documentOrUri: vscode.TextDocument | vscode.Uri): boolean {
    return this.get(documentOrUri)?.isNotes ?? false;
  }

  /** A model from the server (modelNotification): applied after the ones before it, then listeners hear of it. */
  accept(params: ModelParams): void {
    if (!params || typeof params.uri !== 'string' || !params.delta) return;
    const key = params.uri;
    const before = this.applying.get(key) ?? Promise.resolve();
    const next = before.then(() => this.apply(params)).catch((err: unknown) => {
      this.log.error(`Taking the model of ${key} failed:`, errorText(err));
      this.resync(key);
    });
    this.applying.set(key, next);
    void next.then(() => {
      if (this.applying.get(key) === next) this.applying.delete(key);
    });
  }

  private async apply(params: ModelParams): Promise<void> {
    const key = params.uri;
    const document = this.find(vscode.Uri.parse(key));
    if (!document || !isMarkdown(document) || this.isDisposed) return;
    const part = params.part ?? 0;
    const parts = params.parts ?? 1;
    let base: NotesDocument;
    if (part > 0) {
      const arriving = this.arriving.get(key);
      if (!arriving || arriving.version !== params.version || arriving.next !== part) return; // a part of a model given up
      base = arriving.doc;
    } else {
      const held = this.cache.get(key);
      if (params.base === undefined) base = EMPTY_MODEL;
      else if (held && held.version === params.base && !this.resyncing.has(key)) base = held.doc;
      else {
        this.resync(key);
        return;
      }
      if (params.base === undefined) this.resyncing.delete(key);
    }
    const delta = unpackDelta(params.delta);
    const doc = await runInSlices(applySteps(base, delta), { budgetMs: APPLY_SLICE_MS, isCancelled: () => this.isDisposed || document.isClosed });
    if (!doc) return;
    if (part + 1 < parts) {
      this.arriving.set(key, { version: params.version, doc, next: part + 1 });
      return;
    }
    this.arriving.delete(key);
    const previous = this.cache.get(key);
    const kept = parts === 1 && previous && previous.doc === base && keepsStructure(delta, base);
    this.cache.set(key, {
      document,
      version: params.version,
      doc,
      isNotes: params.isNotes === true,
      decidedBy: params.decidedBy === 'override' ? 'override' : 'detection',
      reason: typeof params.reason === 'string' ? params.reason : '',
      nearlyNotes: params.nearlyNotes === true,
      settings: this.settingsOf(document.uri),
      structure: kept ? previous.structure : {},
    });
    this.changeEmitter.fire(document.uri);
  }

  /** The copy is out of step with the server's: the whole model is asked again (once until it comes). */
  private resync(key: string): void {
    this.arriving.delete(key);
    if (this.resyncing.has(key)) return;
    this.resyncing.add(key);
    this.log.warn(`The model of ${key} went out of step with the language server's: asking for all of it`);
    void this.source?.modelNow(vscode.Uri.parse(key), true).catch((err: unknown) => this.log.warn(`Asking the model of ${key} failed: ${errorText(err)}`));
  }

  private settingsOf(uri: vscode.Uri): NotesSettings {
    const key = uri.toString();
    let settings = this.settings.get(key);
    if (!settings) this.settings.set(key, (settings = readSettings(uri)));
    return settings;
  }

  /** The user's per-file decision, if any. */
  override(uri: vscode.Uri): boolean | undefined {
    return this.overrides()[uri.toString()];
  }

  /** Records (or, with undefined, clears) the per-file decision for this workspace; the server decides again. */
  async setOverride(uri: vscode.Uri, isNotes: boolean | undefined): Promise<void> {
    const key = uri.toString();
    const next = { ...this.overrides() };
    if (isNotes === undefined) delete next[key];
    else next[key] = isNotes;
    await this.state.update(OVERRIDES_KEY, next);
    this.overridesEmitter.fire(next);
    this.log.info(`Override for ${uri.toString(true)}: ${isNotes === undefined ? 'cleared' : isNotes ? 'notes' : 'not notes'}`);
  }

  /** Every per-file decision of this workspace (URI -> notes or not). */
  overrides(): Record<string, boolean> {
    const value = this.state.get<unknown>(OVERRIDES_KEY);
    return value && typeof value === 'object' ? (value as Record<string, boolean>) : {};
  }

  private find(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  private fireIfKnown(document: vscode.TextDocument): void {
    if (!this.isDisposed && this.cache.has(document.uri.toString())) this.changeEmitter.fire(document.uri);
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.arriving.delete(key);
    this.resyncing.delete(key);
    this.settings.delete(key);
    const wasTracked = this.cache.delete(key) || isMarkdown(document);
    if (wasTracked && !this.isDisposed) this.closeEmitter.fire(document.uri);
  }
}

/** The name of the workspace folder holding the file (`kubecon-2019-notes`): evidence for the detection. */
export function folderName(uri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.name;
}

