// A background index of every notes file in the workspace, for the Talks tree's workspace mode, Go to Talk
// and workspace symbols. Files on disk are read and parsed here, yielding between files so the extension
// host stays responsive; open documents come from NotesDocuments (their unsaved text wins).
import * as vscode from 'vscode';
import { isConferenceNotes, type NotesDocument } from '../core';
import { parseNotesInSlices } from '../core/parser';
import { talkRowsSteps } from '../core/talkTree';
import { readSettings, SECTION } from './config';
import { Disposable } from './dispose';
import { errorText, type Log } from './log';
import { folderName, type NotesDocuments } from './notesDocuments';
import { nextTurn, runInSlices } from '../core/nextTurn';

export const MARKDOWN_GLOB = '**/*.{md,markdown,mdown,mkd}';
export const MAX_FILE_SIZE_SETTING = 'talks.maxFileSizeKB';
export const DEFAULT_MAX_FILE_SIZE_KB = 512;
/** Context key: the workspace holds at least one notes file (the Talks view shows then). */
export const WORKSPACE_HAS_NOTES_CONTEXT = 'conferenceNotes.workspaceHasNotes';

export interface IndexedFile {
  uri: vscode.Uri;
  /** Workspace-relative path, `/`-separated. */
  name: string;
  doc: NotesDocument;
}

export interface IndexProgress {
  indexing: boolean;
  done: number;
  total: number;
  /** Milliseconds the last full index took. */
  lastDurationMs?: number;
}

/** Reads started ahead of parsing. */
const READS_IN_FLIGHT = 16;
/** Time budget of one slice; a big file may overrun it once, the size limit bounds by how much. */
const SLICE_MS = 12;
const CHANGE_DEBOUNCE_MS = 200;
const PROGRESS_EVERY_MS = 150;


export class WorkspaceIndex extends Disposable {
  private readonly files = new Map<string, IndexedFile>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  private readonly progressEmitter = this._register(new vscode.EventEmitter<IndexProgress>());
  private readonly queue = new Map<string, vscode.Uri>();
  private firstIndex: Promise<void> | undefined;
  private draining: Promise<void> | undefined;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private hasNotes: boolean | undefined;
  private pendingFire = false;
  private _progress: IndexProgress = { indexing: false, done: 0, total: 0 };
  private lastProgressEvent = 0;

  /** The set of indexed notes files changed (debounced). */
  readonly onDidChange: vscode.Event<void> = this.changeEmitter.event;
  readonly onDidChangeProgress: vscode.Event<IndexProgress> = this.progressEmitter.event;

  constructor(
    private readonly notes: NotesDocuments,
    private readonly log: Log,
    /** A view that shows a progress bar while the index is built. */
    private readonly progressViewId?: string,
  ) {
    super();
    this._register({ dispose: () => this.changeTimer !== undefined && clearTimeout(this.changeTimer) });
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Only what decides which files are notes and how they parse; not, say, followCursor.
        const relevant = ['include', 'exclude', 'nonTalkSections', MAX_FILE_SIZE_SETTING].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
        if ((relevant || e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) && this.firstIndex) void this.rebuild();
      }),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.firstIndex && void this.rebuild()));
    // Open documents: their models come from NotesDocuments, whose own event tells listeners; here only
    // "the workspace has notes" may change (a new untitled notes file, say).
    this._register(notes.onDidChange(() => this.scheduleChange(false)));
  }

  get progress(): IndexProgress {
    return { ...this._progress };
  }

  /** Starts the first index if it has not run; resolves when it is done. */
  ready(): Promise<void> {
    if (!this.firstIndex) {
      this.watch();
      this.firstIndex = this.rebuild();
    }
    return this.firstIndex;
  }

  /** Indexes the whole workspace again (as the first time, progress included); resolves when done. */
  async reindex(): Promise<IndexProgress> {
    if (!this.firstIndex) await this.ready();
    else await this.rebuild();
    return this.progress;
  }

  /** Indexed notes files, with the parsed model of open documents preferred to what is on disk. */
  notesFiles(): IndexedFile[] {
    const out = new Map<string, IndexedFile>();
    for (const [key, file] of this.files) out.set(key, file);
    for (const document of this.notes.documents()) {
      // A document just opened, whose model the server has not sent yet, keeps what was read from disk.
      const entry = this.notes.get(document);
      if (!entry) continue;
      const key = document.uri.toString();
      if (entry.isNotes) out.set(key, { uri: document.uri, name: displayName(document.uri), doc: entry.doc });
      else out.delete(key);
    }
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  }

  private watch(): void {
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(MARKDOWN_GLOB));
    this._register(watcher.onDidCreate((uri) => this.enqueue(uri)));
    this._register(watcher.onDidChange((uri) => this.enqueue(uri)));
    // A deleted folder is reported as the folder alone, which the Markdown glob does not match.
    const deletions = this._register(vscode.workspace.createFileSystemWatcher('**/*', true, true, false));
    for (const w of [watcher, deletions]) this._register(w.onDidDelete((uri) => this.forget(uri)));
  }

  /** Drops a deleted file, or every file under a deleted folder. */
  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const prefix = key.endsWith('/') ? key : `${key}/`;
    let changed = false;
    for (const k of [...this.files.keys()]) {
      if (k === key || k.startsWith(prefix)) changed = this.files.delete(k) || changed;
    }
    for (const k of [...this.queue.keys()]) if (k === key || k.startsWith(prefix)) this.queue.delete(k);
    if (changed) this.scheduleChange();
  }

  private async rebuild(): Promise<void> {
    const started = performance.now();
    const uris = await vscode.workspace.findFiles(MARKDOWN_GLOB, excludeGlob());
    if (this.isDisposed) return;
    // Files found again replace their entries as they are read, so the tree never empties meanwhile;
    // the ones not found any more go now.
    const found = new Set(uris.map((u) => u.toString()));
    for (const key of [...this.files.keys()]) if (!found.has(key)) this.files.delete(key);
    for (const uri of uris) this.queue.set(uri.toString(), uri);
    this.setProgress({ indexing: true, done: 0, total: this.queue.size });
    // A spinner in the status bar, and the progress bar of the Talks view when it is open.
    const inView = <T>(task: () => Thenable<T>): Thenable<T> =>
      this.progressViewId ? vscode.window.withProgress({ location: { viewId: this.progressViewId } }, task) : task();
    await inView(() =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Indexing conference notes' }, async (progress) => {
        const sub = this.onDidChangeProgress((p) => progress.report({ message: `${p.done}/${p.total} files` }));
        try {
          await this.drain();
        } finally {
          sub.dispose();
        }
      }),
    );
    const ms = Math.round(performance.now() - started);
    this.setProgress({ indexing: false, done: this._progress.total, total: this._progress.total, lastDurationMs: ms });
    this.log.info(`Indexed ${uris.length} Markdown files in ${ms} ms: ${this.files.size} notes files`);
    this.scheduleChange();
  }

  private enqueue(uri: vscode.Uri): void {
    this.queue.set(uri.toString(), uri);
    void this.drain().then(() => this.scheduleChange());
  }

  /**
   * Works through the queue, one drain at a time: up to READS_IN_FLIGHT files are read ahead (reads are
   * round trips, so they overlap), and parsing, which is synchronous, yields to the host every SLICE_MS.
   */
  private drain(): Promise<void> {
    this.draining ??= (async () => {
      try {
        const inFlight: Array<{ uri: vscode.Uri; text: Promise<string | undefined> }> = [];
        const refill = (): void => {
          for (const [key, uri] of this.queue) {
            if (inFlight.length >= READS_IN_FLIGHT) break;
            this.queue.delete(key);
            inFlight.push({ uri, text: this.read(uri) });
          }
        };
        let sliceStart = performance.now();
        refill();
        while (inFlight.length > 0 && !this.isDisposed) {
          const next = inFlight.shift()!;
          const text = await next.text;
          refill();
          if (text !== undefined) await this.index(next.uri, text);
          if (this._progress.indexing) this.setProgress({ ...this._progress, done: this._progress.done + 1 });
          if (performance.now() - sliceStart > SLICE_MS) {
            await nextTurn();
            sliceStart = performance.now();
          }
        }
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private async read(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const limitKB = vscode.workspace.getConfiguration(SECTION, uri).get<number>(MAX_FILE_SIZE_SETTING, DEFAULT_MAX_FILE_SIZE_KB);
      const stat = await vscode.workspace.fs.stat(uri);
      if (limitKB > 0 && stat.size > limitKB * 1024) {
        this.files.delete(uri.toString());
        this.log.info(
          `Talks index: skipped ${displayName(uri)} (${Math.round(stat.size / 1024)} KB, above ` +
            `conferenceNotes.${MAX_FILE_SIZE_SETTING} = ${limitKB}); open it to see its talks.`,
        );
        return undefined;
      }
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (err) {
      this.files.delete(uri.toString());
      this.log.warn(`Talks index: could not read ${displayName(uri)}: ${errorText(err)}`);
      return undefined;
    }
  }

  /**
   * Reads one file into the index, parsed in slices whatever its size: the cost is in its headings, not its
   * characters (5,000 talks took 200 ms at once; 5,000 setext headings in 75 KB, 1.2 s). A small file is parsed
   * within one slice all the same.
   */
  private async index(uri: vscode.Uri, text: string): Promise<void> {
    const key = uri.toString();
    try {
      const settings = readSettings(uri);
      const options = { nonTalkSections: settings.nonTalkSections };
      const doc = await parseNotesInSlices(text, options, { budgetMs: SLICE_MS, isCancelled: () => this.isDisposed });
      if (!doc) return;
      const name = displayName(uri);
      const override = this.notes.override(uri);
      const isNotes = override ?? isConferenceNotes(doc, settings, name, folderName(uri));
      if (isNotes) {
        this.files.set(key, { uri, name, doc });
        // Rows (word counts) are remembered per parsed document: computing them here, a file at a time and in
        // slices (5,000 talks' rows took 100 ms at once), spares the first workspace tree one long block.
        await runInSlices(talkRowsSteps({ key, name, doc }), { budgetMs: SLICE_MS });
      }
      else this.files.delete(key);
    } catch (err) {
      this.files.delete(key);
      this.log.warn(`Talks index: could not parse ${displayName(uri)}: ${errorText(err)}`);
    }
  }

  private setProgress(p: IndexProgress): void {
    this._progress = { ...p, lastDurationMs: p.lastDurationMs ?? this._progress.lastDurationMs };
    // Every file would be hundreds of messages to the workbench; a few per second read the same.
    const now = performance.now();
    if (p.indexing && p.done > 0 && p.done < p.total && now - this.lastProgressEvent < PROGRESS_EVERY_MS) return;
    this.lastProgressEvent = now;
    this.progressEmitter.fire(this.progress);
  }

  private scheduleChange(fire = true): void {
    this.pendingFire ||= fire;
    if (this.changeTimer !== undefined) clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      if (this.isDisposed) return;
      const hasNotes = this.notesFiles().length > 0;
      if (hasNotes !== this.hasNotes) {
        this.hasNotes = hasNotes;
        void vscode.commands.executeCommand('setContext', WORKSPACE_HAS_NOTES_CONTEXT, hasNotes);
      }
      if (this.pendingFire) this.changeEmitter.fire();
      this.pendingFire = false;
    }, CHANGE_DEBOUNCE_MS);
  }
}

/**
 * What findFiles leaves out: files.exclude, search.exclude and conferenceNotes.exclude (node_modules by default).
 * Passing any exclude replaces the default one, so files.exclude is added back by hand.
 */
function excludeGlob(): string | undefined {
  const patterns = new Set<string>();
  for (const [section, key] of [['files', 'exclude'], ['search', 'exclude']] as const) {
    const value = vscode.workspace.getConfiguration(section).get<Record<string, unknown>>(key) ?? {};
    for (const [glob, on] of Object.entries(value)) if (on === true) patterns.add(glob);
  }
  for (const glob of readSettings().exclude) patterns.add(glob);
  // Braces cannot nest in a glob; a pattern with its own braces is dropped rather than breaking the rest.
  const safe = [...patterns].filter((p) => !/[{}]/.test(p));
  if (safe.length === 0) return undefined;
  return safe.length === 1 ? safe[0]! : `{${safe.join(",")}}`;
}

/** Workspace-relative path for files in the workspace; the file name for anything else. */
export function displayName(uri: vscode.Uri): string {
  if (uri.scheme === 'untitled') return uri.path;
  const relative = vscode.workspace.asRelativePath(uri, false);
  return relative || uri.path.split('/').pop() || uri.toString();
}
