// The shared glue service: which open Markdown documents are conference notes, and their parsed model.
//
// Features (status bar, diagnostics, Talks tree, preview, ...) receive one instance from `activate` and:
//   - call `get(document)` (or `get(uri)`) for `{ doc, isNotes, reason, nearlyNotes }`: parsed with the core `parseNotes`,
//     cached by uri + version, so asking twice costs nothing;
//   - listen to `onDidChange(uri)`: the model or the notes-ness of an open Markdown document changed.
//     Fired at once on open, save, a settings change and an override; debounced while typing. Shortly after
//     activation it also fires once for every Markdown document already open, so a feature needs no
//     start-up pass of its own;
//   - listen to `onDidClose(uri)` to drop what they keep for a document.
// The decision: a per-file override (the "Treat This File as Notes / Not as Notes" commands, remembered in
// workspaceState) wins; otherwise the core's `explainNotes` with the `conferenceNotes.*` settings, whose reason
// the entry keeps for the status bar and the Talks view.
import * as vscode from 'vscode';
import type { NotesDocument, NotesSettings } from '../core';
import { explainNotes } from '../core/detect';
import { changedLineSpan, parseIncremental, tryReuse, type KnownLines } from '../core/incremental';
import type { LineSpan } from '../core/rules/types';
import { parseNotesInSlices } from '../core/parser';
import { SECTION, readSettings } from './config';
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
   * Present when `doc` was derived from `from` (the previous version's model) by an edit of lines `changed` that
   * kept the structure, so features can redo only those lines.
   */
  readonly reuse?: { readonly from: NotesDocument; readonly changed: { start: number; end: number } };
  /**
   * The same object for every entry whose model carried over the structure of an earlier one (talks, their titles and
   * fields, headings: only plain notes lines changed), a new one after any other parse. The Talks view compares it.
   */
  readonly structure: object;
}

const OVERRIDES_KEY = 'conferenceNotes.overrides';
/** Quiet time after the last keystroke before listeners hear about a change. */
export const TYPING_DEBOUNCE_MS = 300;
/** Documents longer than this (characters) are parsed in slices before listeners hear of them, not in one go. */
export const SLICED_PARSE_CHARS = 100_000;
/** Synchronous work per slice of such a parse. */
const PARSE_SLICE_MS = 10;

/** The document's length in characters, without building its text. */
export function textLength(document: vscode.TextDocument): number {
  return document.offsetAt(new vscode.Position(document.lineCount, 0));
}

export function isMarkdown(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown';
}

export class NotesDocuments extends Disposable {
  private readonly cache = new Map<string, NotesEntry>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  private readonly closeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** The version of each big document whose parse will be announced. */
  private readonly announcing = new Map<string, number>();
  /**
   * What is known of a document's current version: its length, and whether its model could not be carried over
   * from the previous one cheaply. The Talks view, the status bar and the lint ask on every key: asked again, each
   * cost a read of the whole text (a 25,000-line file: tens of ms a key).
   */
  private readonly facts = new Map<string, { version: number; length?: number; notCheap?: boolean }>();
  /**
   * Per document, its line count after the last change event, and the lines changed since version `from` while the
   * line count stayed (as the server's noteChange): a model carried over from version `from` or later compares only
   * those lines, without joining and splitting the whole text on every key.
   */
  private readonly edits = new Map<string, { version: number; lineCount: number; since?: { from: number; span: LineSpan } }>();
  /** The conferenceNotes.* settings per document (resource-scoped), read once until they change: asked on every key. */
  private readonly settings = new Map<string, NotesSettings>();
  /** Sliced parses under way, per document. */
  private readonly parsing = new Map<string, { version: number; promise: Promise<NotesEntry | undefined> }>();
  /** Last version per document whose parse failed, so it is logged once, not on every `get`. */
  private readonly failedVersion = new Map<string, number>();

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
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.fireNow(d)));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.fireNow(d)));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.noteChange(e.document, e.contentChanges);
        this.fireDebounced(e.document);
      }),
    );
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.log.info('Settings changed: deciding again which documents are notes');
        this.settings.clear();
        this.cache.clear();
        for (const d of this.documents()) this.fireNow(d);
      }),
    );
    // Documents open before activation (the one that activated us, at least): announce them once
    // features have subscribed, which they do synchronously in `activate`.
    const initial = setTimeout(() => this.documents().forEach((d) => this.fireNow(d)), 0);
    this._register({ dispose: () => clearTimeout(initial) });
    this._register({ dispose: () => this.pending.forEach((t) => clearTimeout(t)) });
  }

  /** The open Markdown documents (notes or not). */
  documents(): vscode.TextDocument[] {
    return vscode.workspace.textDocuments.filter(isMarkdown);
  }

  /**
   * The newest model parsed for a document, possibly of an older version; never parses. For what follows the cursor
   * or the scroll while the user types, where a model a keystroke old is fine and a parse per keystroke is not.
   */
  peek(documentOrUri: vscode.TextDocument | vscode.Uri): NotesEntry | undefined {
    const document = documentOrUri instanceof vscode.Uri ? this.find(documentOrUri) : documentOrUri;
    if (!document || !isMarkdown(document) || document.isClosed) return undefined;
    return this.cache.get(document.uri.toString());
  }

  /**
   * The current model when it costs little: already parsed, derived from the last one, or a small document (parsed
   * now). A big document whose structure changed is parsed in slices instead, and listeners hear `onDidChange` when
   * it is ready: undefined meanwhile. For what reacts to the active editor, which must never parse a big file in one go.
   */
  available(documentOrUri: vscode.TextDocument | vscode.Uri): NotesEntry | undefined {
    const document = documentOrUri instanceof vscode.Uri ? this.find(documentOrUri) : documentOrUri;
    if (!document || !isMarkdown(document) || document.isClosed) return undefined;
    const hit = this.current(document);
    if (hit) return hit;
    if (this.lengthOf(document) < SLICED_PARSE_CHARS) return this.get(document);
    this.announceWhenReady(document);
    return undefined;
  }

  /** Fires `onDidChange` once the current version of a big document is parsed (once per version). */
  private announceWhenReady(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.announcing.get(key) === document.version) return;
    this.announcing.set(key, document.version);
    this.fireWhenReady(document);
  }

  /** The model of the document's current version if it is already parsed (or needs no parse); never parses in full. */
  current(document: vscode.TextDocument): NotesEntry | undefined {
    if (!isMarkdown(document) || document.isClosed) return undefined;
    const hit = this.cache.get(document.uri.toString());
    if (hit && hit.version === document.version) return hit;
    if (!hit) return undefined;
    const facts = this.factsOf(document);
    if (facts.notCheap) return undefined;
    const cheap = this.tryCheap(document, hit);
    if (!cheap) facts.notCheap = true;
    return cheap;
  }

  private noteChange(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    if (!isMarkdown(document)) return;
    const key = document.uri.toString();
    const last = this.edits.get(key);
    const before = last && last.version === document.version - 1 ? last.lineCount : undefined;
    let since: { from: number; span: LineSpan } | undefined;
    const span = before === document.lineCount ? changedLineSpan(before, changes) : undefined;
    if (span) {
      const prior = last!.since;
      since = prior ? { from: prior.from, span: { start: Math.min(prior.span.start, span.start), end: Math.max(prior.span.end, span.end) } } : { from: document.version - 1, span };
    }
    this.edits.set(key, { version: document.version, lineCount: document.lineCount, since });
  }

  /** The current version's lines from the model's and the few the edits since it touched, if those are known. */
  private knownLines(document: vscode.TextDocument, previous: NotesEntry): KnownLines | undefined {
    const edits = this.edits.get(document.uri.toString());
    const since = edits?.since;
    if (!since || edits.version !== document.version || since.from > previous.version || previous.doc.lineCount !== document.lineCount) return undefined;
    const changed = { start: Math.max(0, since.span.start), end: Math.min(since.span.end, document.lineCount) };
    const lines = previous.doc.lines.slice();
    for (let l = changed.start; l < changed.end; l++) lines[l] = document.lineAt(l).text;
    return { lines, changed };
  }

  private settingsOf(uri: vscode.Uri): NotesSettings {
    const key = uri.toString();
    let settings = this.settings.get(key);
    if (!settings) this.settings.set(key, (settings = readSettings(uri)));
    return settings;
  }

  /** Caches a document's entry; changes are then tracked from its version. */
  private remember(key: string, entry: NotesEntry): void {
    this.cache.set(key, entry);
    const edits = this.edits.get(key);
    if (edits && edits.version === entry.version) edits.since = undefined;
  }

  private factsOf(document: vscode.TextDocument): { version: number; length?: number; notCheap?: boolean } {
    const key = document.uri.toString();
    let facts = this.facts.get(key);
    if (!facts || facts.version !== document.version) this.facts.set(key, (facts = { version: document.version }));
    return facts;
  }

  /** The document's length in characters (once per version). */
  private lengthOf(document: vscode.TextDocument): number {
    const facts = this.factsOf(document);
    return (facts.length ??= textLength(document));
  }

  /**
   * The current version's model, parsed in slices when the document is big and the edit changed its structure, so
   * the extension host never blocks for long. Resolves undefined if the document changes or closes meanwhile.
   */
  async ready(document: vscode.TextDocument): Promise<NotesEntry | undefined> {
    const hit = this.current(document);
    if (hit || !isMarkdown(document) || document.isClosed) return hit;
    if (this.lengthOf(document) < SLICED_PARSE_CHARS) return this.get(document);
    const text = document.getText();
    const key = document.uri.toString();
    const pending = this.parsing.get(key);
    if (pending && pending.version === document.version) return pending.promise;
    const version = document.version;
    const promise = (async (): Promise<NotesEntry | undefined> => {
      try {
        const settings = this.settingsOf(document.uri);
        const doc = await parseNotesInSlices(text, { nonTalkSections: settings.nonTalkSections }, {
          budgetMs: PARSE_SLICE_MS,
          isCancelled: () => document.isClosed || document.version !== version || this.isDisposed,
        });
        if (!doc || document.isClosed || document.version !== version) return undefined;
        const entry = this.entryOf(document, version, doc, settings, undefined);
        this.remember(key, entry);
        return entry;
      } catch (err) {
        this.log.error(`Could not read ${document.uri.toString(true)} as notes:`, errorText(err));
        return undefined;
      } finally {
        if (this.parsing.get(key)?.version === version) this.parsing.delete(key);
      }
    })();
    this.parsing.set(key, { version, promise });
    return promise;
  }

  /** An edit that kept the structure: the previous model with the new lines (no parse). */
  private tryCheap(document: vscode.TextDocument, previous: NotesEntry): NotesEntry | undefined {
    try {
      const settings = this.settingsOf(document.uri);
      if (!sameList(previous.settings.nonTalkSections, settings.nonTalkSections)) return undefined;
      const reused = tryReuse(() => document.getText(), previous.doc, this.knownLines(document, previous));
      if (!reused) return undefined;
      const entry = this.entryOf(document, document.version, reused.doc, settings, { from: previous.doc, changed: reused.changed }, previous);
      this.remember(document.uri.toString(), entry);
      return entry;
    } catch {
      return undefined;
    }
  }

  /** With `previous` (the entry `reuse.from` belongs to), a model carried over keeps its verdict: see below. */
  private entryOf(document: vscode.TextDocument, version: number, doc: NotesDocument, settings: NotesSettings, reuse: NotesEntry['reuse'], previous?: NotesEntry): NotesEntry {
    const override = this.override(document.uri);
    const structure = reuse && previous?.doc === reuse.from ? previous.structure : {};
    const base = { document, version, doc, settings, reuse, structure };
    if (override !== undefined) {
      const reason = override ? 'marked as notes by you' : 'marked as not notes by you';
      return { ...base, isNotes: override, decidedBy: 'override', reason, nearlyNotes: false };
    }
    // A model carried over after an edit of plain lines keeps what detection reads (talks, fields, headings, front
    // matter): under the same settings the verdict stands, without a pass over thousands of talks on every key (the
    // server does the same).
    if (
      reuse &&
      previous?.doc === reuse.from &&
      previous.decidedBy === 'detection' &&
      sameList(previous.settings.include, settings.include) &&
      sameList(previous.settings.exclude, settings.exclude)
    ) {
      return { ...base, isNotes: previous.isNotes, decidedBy: 'detection', reason: previous.reason, nearlyNotes: previous.nearlyNotes };
    }
    const verdict = explainNotes(doc, settings, relativePath(document.uri), folderName(document.uri));
    return { ...base, isNotes: verdict.isNotes, decidedBy: 'detection', reason: verdict.reason, nearlyNotes: !verdict.isNotes && verdict.nearly };
  }

  /** The parsed model and decision for an open Markdown document; undefined for anything else. */
  get(documentOrUri: vscode.TextDocument | vscode.Uri): NotesEntry | undefined {
    const document = documentOrUri instanceof vscode.Uri ? this.find(documentOrUri) : documentOrUri;
    if (!document || !isMarkdown(document) || document.isClosed) return undefined;
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit;
    const entry = this.compute(document, hit);
    if (entry) this.remember(key, entry);
    else this.cache.delete(key);
    return entry;
  }

  /**
   * Whether an open document is conference notes, by its newest model that costs little (see `available`; else the
   * last one parsed): asked on every cursor move (code actions) and every change (the status bar), it never parses a
   * big document in one go.
   */
  isNotes(documentOrUri: vscode.TextDocument | vscode.Uri): boolean {
    return (this.available(documentOrUri) ?? this.peek(documentOrUri))?.isNotes ?? false;
  }

  /** The user's per-file decision, if any. */
  override(uri: vscode.Uri): boolean | undefined {
    return this.overrides()[uri.toString()];
  }

  /** Records (or, with undefined, clears) the per-file decision for this workspace. */
  async setOverride(uri: vscode.Uri, isNotes: boolean | undefined): Promise<void> {
    const key = uri.toString();
    const next = { ...this.overrides() };
    if (isNotes === undefined) delete next[key];
    else next[key] = isNotes;
    await this.state.update(OVERRIDES_KEY, next);
    this.overridesEmitter.fire(next);
    this.cache.delete(key);
    this.log.info(`Override for ${uri.toString(true)}: ${isNotes === undefined ? 'cleared' : isNotes ? 'notes' : 'not notes'}`);
    const document = this.find(uri);
    if (document) this.fireNow(document);
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

  private compute(document: vscode.TextDocument, previous: NotesEntry | undefined): NotesEntry | undefined {
    const key = document.uri.toString();
    try {
      const settings = this.settingsOf(document.uri);
      // The previous version's model helps only under the same settings (cleared when they change).
      const base = previous && sameList(previous.settings.nonTalkSections, settings.nonTalkSections) ? previous.doc : undefined;
      const parsed = parseIncremental(document.getText(), base, { nonTalkSections: settings.nonTalkSections });
      const reuse = parsed.reused && base ? { from: base, changed: parsed.changed } : undefined;
      return this.entryOf(document, document.version, parsed.doc, settings, reuse, previous);
    } catch (err) {
      if (this.failedVersion.get(key) !== document.version) {
        this.failedVersion.set(key, document.version);
        this.log.error(`Could not read ${document.uri.toString(true)} as notes:`, errorText(err));
      }
      return undefined;
    }
  }

  private fireNow(document: vscode.TextDocument): void {
    if (!isMarkdown(document) || this.isDisposed) return;
    const key = document.uri.toString();
    const timer = this.pending.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(key);
    this.fireWhenReady(document);
  }

  /** Tells listeners once the current version is parsed (in slices if it is big), so their `get` finds it ready. */
  private fireWhenReady(document: vscode.TextDocument): void {
    const version = document.version;
    const fire = (): void => {
      if (!this.isDisposed && !document.isClosed && document.version === version) this.changeEmitter.fire(document.uri);
    };
    if (this.current(document) || this.lengthOf(document) < SLICED_PARSE_CHARS) {
      fire();
      return;
    }
    void this.ready(document).then((entry) => {
      if (entry) fire();
    });
  }

  private fireDebounced(document: vscode.TextDocument): void {
    if (!isMarkdown(document)) return;
    const key = document.uri.toString();
    const timer = this.pending.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (!document.isClosed && !this.isDisposed) this.fireWhenReady(document);
      }, TYPING_DEBOUNCE_MS),
    );
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.pending.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(key);
    this.parsing.delete(key);
    this.announcing.delete(key);
    this.failedVersion.delete(key);
    this.facts.delete(key);
    this.edits.delete(key);
    this.settings.delete(key);
    const wasTracked = this.cache.delete(key) || isMarkdown(document);
    if (wasTracked && !this.isDisposed) this.closeEmitter.fire(document.uri);
  }
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));
}

/** The name of the workspace folder holding the file (`kubecon-2019-notes`): evidence for the detection. */
export function folderName(uri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.name;
}

/** Workspace-relative `/` path for the include/exclude globs; undefined for untitled documents. */
function relativePath(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'untitled') return undefined;
  return vscode.workspace.asRelativePath(uri, false);
}
