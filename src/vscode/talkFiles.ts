// What the talk features show, as the core's NotesFile: the current notes document ("This file") and every
// notes file of the workspace, with problem ranges from the diagnostics VS Code knows for open files.
import * as vscode from 'vscode';
import type { NotesFile } from '../core/talkTree';
import type { Range } from '../core/model';
import { Disposable } from './dispose';
import type { NotesDocuments, NotesEntry } from './notesDocuments';
import { displayName, type WorkspaceIndex } from './workspaceIndex';

export interface TalkFile extends NotesFile {
  uri: vscode.Uri;
}

/** Our diagnostics, whatever the lint glue calls its source ("Conference Notes", "conference-notes", ...). */
const OUR_SOURCE = /^conference[\s_-]?notes/i;

/** Every finding of an open file's latest lint (VS Code shows at most 1,000 diagnostics per file). */
export type ProblemSource = (uri: vscode.Uri) => ReadonlyArray<{ range: Range }> | undefined;

/** Problems of an open file: all our lint found, else the diagnostics VS Code knows that come from our lint. */
function problemRanges(uri: vscode.Uri, source: ProblemSource | undefined): ReadonlyArray<{ range: Range }> {
  return source?.(uri) ?? vscode.languages.getDiagnostics(uri).filter((d) => d.source !== undefined && OUR_SOURCE.test(d.source));
}

export class TalkFiles extends Disposable {
  private current: vscode.TextDocument | undefined;
  /** The active Markdown document when it is not notes but nearly qualifies. */
  private nearly: vscode.TextDocument | undefined;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Something the talk features show changed: the current document, a model, the index or problems. */
  readonly onDidChange: vscode.Event<void> = this.changeEmitter.event;

  constructor(
    private readonly notes: NotesDocuments,
    readonly index: WorkspaceIndex,
    private readonly problemSource?: ProblemSource,
  ) {
    super();
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateCurrent()));
    this._register(
      notes.onDidChange((uri) => {
        const active = vscode.window.activeTextEditor?.document;
        if (active && active.uri.toString() === uri.toString()) this.updateCurrent();
        this.changeEmitter.fire();
      }),
    );
    this._register(
      notes.onDidClose((uri) => {
        if (this.current?.uri.toString() === uri.toString()) this.current = undefined;
        if (this.nearly?.uri.toString() === uri.toString()) this.nearly = undefined;
        this.changeEmitter.fire();
      }),
    );
    this._register(
      vscode.languages.onDidChangeDiagnostics((e) => {
        // Any extension's diagnostics land here: decide from the models already parsed, never parse for it.
        if (e.uris.some((u) => this.notes.peek(u)?.isNotes)) this.changeEmitter.fire();
      }),
    );
    this._register(index.onDidChange(() => this.changeEmitter.fire()));
    this.updateCurrent();
  }

  /** The notes document the "This file" mode shows: the active editor's, kept while a view or panel has focus. */
  currentDocument(): vscode.TextDocument | undefined {
    return this.current && !this.current.isClosed ? this.current : undefined;
  }

  currentFile(): TalkFile | undefined {
    const document = this.currentDocument();
    return document && this.fileOf(document);
  }

  /** The active Markdown document's entry when it is not notes but nearly qualifies (the Talks view says why not). */
  nearlyNotes(): NotesEntry | undefined {
    const document = this.nearly;
    if (!document || document.isClosed) return undefined;
    const entry = this.notes.available(document) ?? this.notes.peek(document);
    return entry && !entry.isNotes && entry.nearlyNotes ? entry : undefined;
  }

  /** The file for an open notes document, or undefined when it is not notes. */
  fileOf(document: vscode.TextDocument): TalkFile | undefined {
    const entry = this.notes.available(document) ?? this.notes.peek(document);
    if (!entry?.isNotes) return undefined;
    const uri = document.uri;
    return { key: uri.toString(), uri, name: displayName(uri), doc: entry.doc, problems: problemRanges(uri, this.problemSource) };
  }

  /** Every notes file of the workspace (and open notes documents outside it); problems only for open ones. */
  workspaceFiles(): TalkFile[] {
    const open = new Set(this.notes.documents().map((d) => d.uri.toString()));
    return this.index.notesFiles().map((f) => ({
      key: f.uri.toString(),
      uri: f.uri,
      name: f.name,
      doc: f.doc,
      problems: open.has(f.uri.toString()) ? problemRanges(f.uri, this.problemSource) : undefined,
    }));
  }

  private updateCurrent(): void {
    const editor = vscode.window.activeTextEditor;
    // No text editor (a webview has focus) or the Output panel: keep showing the last notes document.
    if (!editor || editor.document.uri.scheme === 'output') return;
    const entry = this.notes.available(editor.document) ?? this.notes.peek(editor.document);
    // A big file still being parsed: onDidChange calls this again when it is ready.
    if (!entry && !editor.document.isClosed && editor.document.languageId === 'markdown') return;
    const next = entry?.isNotes ? editor.document : undefined;
    const nearly = entry && !entry.isNotes && entry.nearlyNotes ? editor.document : undefined;
    if (next !== this.current || nearly !== this.nearly) {
      this.current = next;
      this.nearly = nearly;
      this.changeEmitter.fire();
    }
  }
}
