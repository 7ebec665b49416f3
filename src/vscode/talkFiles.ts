// What the talk features show, as the core's NotesFile: the current notes document ("This file") and every
// notes file of the workspace, with the problems of open files from the lint's every finding (problems.ts).
import * as vscode from 'vscode';
import type { NotesFile } from '../core/talkTree';
import type { Range } from '../core/model';
import { Disposable } from './dispose';
import type { Problems } from './problems';
import type { NotesDocuments, NotesEntry } from './notesDocuments';
import { displayName, type WorkspaceIndex } from './workspaceIndex';

export interface TalkFile extends NotesFile {
  uri: vscode.Uri;
  /** NotesEntry.structure of an open document. */
  structure?: object;
}


/** One empty list, so that "no problems yet" is the same object every time (the Talks view compares them). */
const NO_PROBLEMS: ReadonlyArray<{ range: Range }> = [];

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
    private readonly problems: Problems,
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
    this._register(problems.onDidChange(() => this.changeEmitter.fire()));
    this._register(index.onDidChange(() => this.changeEmitter.fire()));
    this.updateCurrent();
  }

  /** The problems of an open file, none while its lint has not reported. */
  private problemsOf(uri: vscode.Uri): ReadonlyArray<{ range: Range }> {
    return this.problems.findings(uri) ?? NO_PROBLEMS;
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
    const entry = this.notes.get(document);
    return entry && !entry.isNotes && entry.nearlyNotes ? entry : undefined;
  }

  /** The file for an open notes document, or undefined when it is not notes. */
  fileOf(document: vscode.TextDocument): TalkFile | undefined {
    const entry = this.notes.get(document);
    if (!entry?.isNotes) return undefined;
    const uri = document.uri;
    return { key: uri.toString(), uri, name: displayName(uri), doc: entry.doc, problems: this.problemsOf(uri), structure: entry.structure };
  }

  /** Every notes file of the workspace (and open notes documents outside it); problems only for open ones. */
  workspaceFiles(): TalkFile[] {
    const open = new Set(this.notes.documents().map((d) => d.uri.toString()));
    return this.index.notesFiles().map((f) => ({
      key: f.uri.toString(),
      uri: f.uri,
      name: f.name,
      doc: f.doc,
      problems: open.has(f.uri.toString()) ? this.problemsOf(f.uri) : undefined,
    }));
  }

  private updateCurrent(): void {
    const editor = vscode.window.activeTextEditor;
    // No text editor (a webview has focus) or the Output panel: keep showing the last notes document.
    if (!editor || editor.document.uri.scheme === 'output') return;
    const entry = this.notes.get(editor.document);
    // No model from the server yet (just opened): onDidChange calls this again when it comes.
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
