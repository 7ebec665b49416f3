// The Talks view (its own side bar, Conference Notes): adapts the core's talk tree (src/core/talkTree.ts) to a TreeView. It owns the
// view's state (mode, grouping, filter), its title buttons, following the cursor, and revealing a talk. For a
// Markdown file that nearly qualifies as notes it says why it is not, with one row that treats it as notes.
import * as vscode from 'vscode';
import { runInSlices } from '../core/nextTurn';
import {
  cachedTalkRows,
  fileNodes,
  filterRows,
  groupTalks,
  talkAt,
  talkRows,
  talkRowsSteps,
  tooltipLines,
  type GroupBy,
  type TalkNode,
  type TalkRow,
  type TreeNode,
} from '../core/talkTree';
import { SECTION } from './config';
import { Disposable } from './dispose';
import { guarded, type Log } from './log';
import type { NotesDocuments, NotesEntry } from './notesDocuments';
import { TREAT_AS_NOTES_COMMAND } from './notesOverride';
import type { TalkFile, TalkFiles } from './talkFiles';
import { displayName } from './workspaceIndex';

export const VIEW_ID = 'conferenceNotes.talks';
export const FOLLOW_CURSOR_SETTING = 'talks.followCursor';

export const TALKS_COMMANDS = {
  reveal: 'conferenceNotes.revealTalk',
  filter: 'conferenceNotes.filterTalks',
  clearFilter: 'conferenceNotes.clearTalksFilter',
  showWorkspace: 'conferenceNotes.talks.showWorkspace',
  showFile: 'conferenceNotes.talks.showFile',
  groupByConference: 'conferenceNotes.talks.groupByConference',
  groupBySpeaker: 'conferenceNotes.talks.groupBySpeaker',
  groupByCompany: 'conferenceNotes.talks.groupByCompany',
} as const;

export type TalksMode = 'file' | 'workspace';

/** Context keys for the view's title buttons and welcome content. */
const MODE_CONTEXT = 'conferenceNotes.talks.mode';
const GROUP_BY_CONTEXT = 'conferenceNotes.talks.groupBy';
const FILTERED_CONTEXT = 'conferenceNotes.talks.filtered';
/** Why the tree is empty: 'noNotesFile' | 'noTalks' | 'indexing' | 'noWorkspaceNotes' | '' (not empty). */
const EMPTY_CONTEXT = 'conferenceNotes.talks.empty';

const MODE_KEY = 'conferenceNotes.talks.mode';
const GROUP_BY_KEY = 'conferenceNotes.talks.groupBy';
/** Coalesces bursts (a model change, then its diagnostics) into one refresh. */
const REFRESH_DELAY_MS = 60;
/** A file with more talks than this has its rows made in slices before the view is rebuilt (never all at once). */
const ROWS_AT_ONCE = 500;
/** Synchronous work per slice of making rows. */
const ROWS_SLICE_MS = 12;

/** How long showWithoutFocus waits for the view to report itself visible. */
const SHOW_WAIT_MS = 5000;
/** Up to this many conferences, all start expanded. */
const OPEN_CONFERENCES_UP_TO = 12;

/** The one row of a file that nearly qualifies as notes: it runs Treat This File as Notes on that file. */
interface TreatAsNotesNode {
  kind: 'treatAsNotes';
  id: string;
  /** The document's uri (string). */
  fileKey: string;
  fileName: string;
}

type ViewNode = TreeNode | TreatAsNotesNode;

interface BuiltTree {
  roots: ViewNode[];
  total: number;
}

/** Two shapes (TalksView.shapeOf) with the same objects: the tree they build shows the same nodes. */
function sameShape(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What the view says above that row. */
export function notNotesMessage(reason: string): string {
  return `This file is not treated as notes: ${reason}.`;
}

export interface TalkItemState {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  icon: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: { command: string; arguments: unknown[] };
  children?: TalkItemState[];
}

export interface TalksViewState {
  mode: TalksMode;
  groupBy: GroupBy;
  filter: string;
  title: string | undefined;
  description: string | undefined;
  message: string | undefined;
  visible: boolean;
  empty: string;
  selection: string[];
  items: TalkItemState[];
  indexing: { indexing: boolean; done: number; total: number; lastDurationMs?: number };
}

const STATE_ICONS: Record<TalkRow['state'], vscode.ThemeIcon> = {
  complete: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  problems: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  'no-notes': new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('descriptionForeground')),
};
const GROUP_ICONS: Record<GroupBy, vscode.ThemeIcon> = {
  conference: new vscode.ThemeIcon('book'),
  speaker: new vscode.ThemeIcon('person'),
  company: new vscode.ThemeIcon('organization'),
};

/** Backslash-escapes Markdown punctuation; unlike appendText it keeps spaces as spaces. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function tooltipOf(row: TalkRow): vscode.MarkdownString {
  const lines = [`**${escapeMarkdown(row.title)}**`, ''];
  for (const line of tooltipLines(row).slice(1)) lines.push(`${line.label}: ${escapeMarkdown(line.value)}  `);
  lines.push('', escapeMarkdown(`${row.fileName}:${row.line + 1}`));
  return new vscode.MarkdownString(lines.join('\n'));
}

/** What the view shows of the nodes; equal signatures need no refresh of the view. */
function signatureOf(roots: readonly ViewNode[], filtered: boolean): string {
  const parts: string[] = [filtered ? 'filtered' : ''];
  const add = (n: ViewNode): void => {
    if (n.kind === 'treatAsNotes') {
      parts.push(`a\u0000${n.id}`);
    } else if (n.kind === 'group') {
      parts.push(`g\u0000${n.id}\u0000${n.label}\u0000${n.description}`);
      n.children.forEach(add);
    } else {
      parts.push(`t\u0000${n.id}\u0000${n.label}\u0000${n.description}\u0000${n.row.state}`);
    }
  };
  roots.forEach(add);
  return parts.join('\n');
}

function talkNodesOf(roots: readonly ViewNode[]): TalkNode[] {
  return roots.flatMap((n) => (n.kind === 'group' ? n.children : n.kind === 'talk' ? [n] : []));
}

/** The tree data: built from the core on demand, remembered per generation so getParent and reveal work. */
class TalksTreeData implements vscode.TreeDataProvider<ViewNode> {
  private readonly changeEmitter = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private roots: ViewNode[] | undefined;
  private signature = '';
  private shape: unknown[] | undefined;
  private rowsStale = false;
  /** The talk nodes by file, then talk index, for following the cursor (built when first asked after a refresh). */
  private byTalk: Map<string, Map<number, TalkNode>> | undefined;
  private readonly parents = new Map<string, TreeNode>();
  /** Talks before the filter, for "2 of 13" in the view's message. */
  totalTalks = 0;

  constructor(
    private readonly build: () => BuiltTree,
    private readonly shapeOf: () => unknown[] | undefined,
    private readonly activeFileKey: () => string | undefined,
  ) {}

  /**
   * Rebuilds from the core, and tells the view only when what it shows changed (ids, labels, descriptions,
   * icons). Otherwise the rows' data (lines, counts for the tooltips) is updated in place: a refresh drops
   * the commands of the rows on screen, so a click landing just then would do nothing. False when nothing was
   * rebuilt because the shape was the same (nothing on screen changes).
   */
  refresh(): boolean {
    // The same talks, problems and filter as the last build (typing in a talk's notes): the same nodes, the same
    // chrome; only the rows' data (notes word counts, for tooltips) is out of date, and is rebuilt when read.
    const shape = this.shapeOf();
    if (this.roots && sameShape(shape, this.shape)) {
      this.rowsStale = true;
      return false;
    }
    const { roots, total } = this.build();
    this.rowsStale = false;
    this.shape = shape;
    this.totalTalks = total;
    this.byTalk = undefined;
    const signature = signatureOf(roots, this.filtered);
    if (this.roots && signature === this.signature) {
      this.takeRows(roots);
      return true;
    }
    this.roots = roots;
    this.signature = signature;
    this.parents.clear();
    for (const root of roots) if (root.kind === 'group') for (const child of root.children) this.parents.set(child.id, root);
    this.changeEmitter.fire(undefined);
    return true;
  }

  /** The rows of a build that shows the same nodes, into the nodes on screen (their commands stay valid). */
  private takeRows(roots: readonly ViewNode[]): void {
    const byId = new Map(talkNodesOf(roots).map((n) => [n.id, n.row]));
    for (const node of talkNodesOf(this.roots ?? [])) node.row = byId.get(node.id) ?? node.row;
  }

  /** Brings rows left out of date by a refresh of the same shape up to date (before their data is read). */
  private freshen(): void {
    if (!this.rowsStale || !this.roots) return;
    this.rowsStale = false;
    this.takeRows(this.build().roots);
  }

  /** The node of a file's talk (by its index in the file), if the tree shows it. */
  nodeOfTalk(fileKey: string, index: number): TalkNode | undefined {
    if (!this.byTalk) {
      this.byTalk = new Map();
      for (const node of this.talkNodes()) {
        let ofFile = this.byTalk.get(node.row.fileKey);
        if (!ofFile) this.byTalk.set(node.row.fileKey, (ofFile = new Map()));
        ofFile.set(node.row.index, node);
      }
    }
    return this.byTalk.get(fileKey)?.get(index);
  }

  /** The current row with this id, if it is still in the tree. */
  findRow(id: string): TalkRow | undefined {
    return this.talkNodes().find((n) => n.row.id === id)?.row;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  rootNodes(): ViewNode[] {
    if (!this.roots) this.refresh();
    return this.roots ?? [];
  }

  talkNodes(): TalkNode[] {
    const roots = this.rootNodes();
    this.freshen();
    return talkNodesOf(roots);
  }

  getChildren(element?: ViewNode): ViewNode[] {
    if (!element) return this.rootNodes();
    return element.kind === 'group' ? element.children : [];
  }

  resolveTreeItem(item: vscode.TreeItem, node: ViewNode): vscode.TreeItem {
    this.freshen();
    if (node.kind === 'talk') item.tooltip = tooltipOf(node.row);
    return item;
  }

  getParent(element: ViewNode): ViewNode | undefined {
    return element.kind === 'talk' ? this.parents.get(element.id) : undefined;
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    if (node.kind === 'treatAsNotes') {
      const item = new vscode.TreeItem('Treat This File as Notes', vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('book');
      item.contextValue = 'treatAsNotes';
      item.accessibilityInformation = { label: 'Treat This File as Notes' };
      item.tooltip = `Read ${node.fileName} as conference notes: its talks here, lint and spelling. Remembered for this workspace; Detect Automatically Whether This File Is Notes undoes it.`;
      item.command = { command: TREAT_AS_NOTES_COMMAND, title: 'Treat This File as Notes', arguments: [vscode.Uri.parse(node.fileKey)] };
      return item;
    }
    if (node.kind === 'group') {
      // A few conferences start open; with many, only the current file's. Speakers and companies start
      // closed (long lists) unless a filter narrowed them.
      const open =
        this.filtered ||
        (node.groupBy === 'conference' && (this.rootNodes().length <= OPEN_CONFERENCES_UP_TO || node.fileKey === this.activeFileKey()));
      const item = new vscode.TreeItem(node.label, open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      // While filtered, groups get other ids, so they open even where the user had closed them before.
      item.id = this.filtered ? `${node.id}?filtered` : node.id;
      item.description = node.description;
      item.iconPath = GROUP_ICONS[node.groupBy];
      item.contextValue = `talkGroup.${node.groupBy}`;
      item.tooltip = `${node.label} — ${node.description}`;
      item.accessibilityInformation = { label: `${node.label}, ${node.description}` };
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    // The tooltip is built in resolveTreeItem, when the row is hovered: thousands of rows stay cheap.
    item.iconPath = STATE_ICONS[node.row.state];
    item.contextValue = 'talk';
    item.accessibilityInformation = { label: [node.label, node.description].filter(Boolean).join(', ') };
    // The row id lets the command find the talk's line as it is now, after edits that kept the row.
    item.command = { command: TALKS_COMMANDS.reveal, title: 'Reveal Talk', arguments: [node.row.fileKey, node.row.line, node.row.id] };
    return item;
  }

  filtered = false;
}

export class TalksView extends Disposable {
  private mode: TalksMode;
  private groupBy: GroupBy;
  private filter = '';
  private readonly data: TalksTreeData;
  private readonly view: vscode.TreeView<ViewNode>;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private syncTimer: ReturnType<typeof setTimeout> | undefined;
  /** Something changed while the view was hidden. */
  private stale = false;
  /** Counts calls of prepareRows: a slice of an older one stops when a newer one starts. */
  private preparing = 0;
  /** followsCursor's answers per document. */
  private readonly followCursor = new Map<string, boolean>();

  constructor(
    private readonly files: TalkFiles,
    private readonly notes: NotesDocuments,
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    super();
    this.mode = state.get<TalksMode>(MODE_KEY) === 'workspace' ? 'workspace' : 'file';
    const savedGroup = state.get<GroupBy>(GROUP_BY_KEY);
    this.groupBy = savedGroup === 'speaker' || savedGroup === 'company' ? savedGroup : 'conference';
    this.data = this._register(new TalksTreeData(() => this.build(), () => this.shapeOf(), () => vscode.window.activeTextEditor?.document.uri.toString()));
    this.view = this._register(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.data, showCollapseAll: true }));

    this._register({
      dispose: () => {
        if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
        if (this.syncTimer !== undefined) clearTimeout(this.syncTimer);
      },
    });
    this._register(files.onDidChange(() => this.scheduleRefresh()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && this.followCursor.clear()));
    this._register(files.index.onDidChangeProgress(() => this.mode === 'workspace' && this.updateChrome()));
    this._register(
      vscode.window.onDidChangeTextEditorSelection(guarded(log, 'Following the cursor', (e) => this.scheduleSync(e.textEditor))),
    );
    this._register(
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) void this.prepareRows().then((current) => current && this.stale && this.refreshNow());
        if (e.visible && vscode.window.activeTextEditor) this.scheduleSync(vscode.window.activeTextEditor);
      }),
    );
    this.registerCommands();
    if (this.mode === 'workspace') void files.index.ready();
    this.updateChrome();
  }

  private registerCommands(): void {
    const command = (id: string, fn: (...args: never[]) => unknown): void => {
      this._register(vscode.commands.registerCommand(id, guarded(this.log, `Command ${id}`, fn as (...args: unknown[]) => unknown)));
    };
    command(TALKS_COMMANDS.reveal, (target: string | vscode.Uri, line: number, rowId?: string) => {
      const row = rowId === undefined ? undefined : this.data.findRow(rowId);
      return revealTalk(this.notes, row?.fileKey ?? target, row?.line ?? line);
    });
    command(TALKS_COMMANDS.showWorkspace, () => this.setMode('workspace'));
    command(TALKS_COMMANDS.showFile, () => this.setMode('file'));
    command(TALKS_COMMANDS.groupByConference, () => this.setGroupBy('conference'));
    command(TALKS_COMMANDS.groupBySpeaker, () => this.setGroupBy('speaker'));
    command(TALKS_COMMANDS.groupByCompany, () => this.setGroupBy('company'));
    command(TALKS_COMMANDS.filter, (text?: string) => (typeof text === 'string' ? this.setFilter(text) : this.askFilter()));
    command(TALKS_COMMANDS.clearFilter, () => this.setFilter(''));
  }

  /**
   * Shows the view, opening its side bar (wherever the user has put it) and expanding it if need be, without taking
   * the focus from the editor. Resolves whether the view is visible now (it has nothing to show when no talk is there).
   */
  async showWithoutFocus(): Promise<boolean> {
    if (this.view.visible) return true;
    await this.prepareRows(true);
    if (this.view.visible) return true;
    this.settle();
    const first = this.data.rootNodes()[0];
    if (!first) return false;
    let stopWaiting = (): void => {};
    const becameVisible = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(this.view.visible), SHOW_WAIT_MS);
      const listener = this.view.onDidChangeVisibility((e) => e.visible && resolve(true));
      stopWaiting = () => {
        clearTimeout(timer);
        listener.dispose();
      };
    });
    try {
      // Revealing a row opens the view (VS Code's openView with focus false); no row gets selected or focused.
      await this.view.reveal(first, { select: false, focus: false, expand: false });
      return this.view.visible || (await becameVisible);
    } finally {
      stopWaiting();
    }
  }

  get currentMode(): TalksMode {
    return this.mode;
  }

  private async setMode(mode: TalksMode): Promise<void> {
    this.mode = mode;
    await this.state.update(MODE_KEY, mode);
    if (mode === 'workspace') void this.files.index.ready();
    this.refreshNow();
  }

  private async setGroupBy(groupBy: GroupBy): Promise<void> {
    this.groupBy = groupBy;
    await this.state.update(GROUP_BY_KEY, groupBy);
    if (this.mode !== 'workspace') await this.setMode('workspace');
    else this.refreshNow();
  }

  private setFilter(text: string): void {
    this.filter = text.trim();
    this.refreshNow();
  }

  /** An input box that filters as the user types; Escape puts the previous filter back. */
  private askFilter(): Promise<void> {
    const before = this.filter;
    const input = vscode.window.createInputBox();
    input.title = 'Filter Talks';
    input.prompt = 'Words to find in talk titles, speakers and companies (all must match). Empty clears the filter.';
    input.placeholder = 'e.g. octopus';
    input.value = before;
    let accepted = false;
    return new Promise<void>((resolve) => {
      input.onDidChangeValue((value) => {
        this.filter = value.trim();
        this.scheduleRefresh();
      });
      input.onDidAccept(() => {
        accepted = true;
        input.hide();
      });
      input.onDidHide(() => {
        if (!accepted) this.filter = before;
        this.refreshNow();
        input.dispose();
        resolve();
      });
      input.show();
    });
  }

  /**
   * What the tree's ids, labels, descriptions and icons derive from, as objects compared by identity: the current
   * file's model structure (NotesEntry.structure), its problems and the filter. Undefined: always rebuild.
   */
  private shapeOf(): unknown[] | undefined {
    if (this.mode !== 'file') return undefined;
    const file = this.files.currentFile();
    return file?.structure && [file.key, file.name, file.structure, file.problems, this.filter];
  }

  private build(): BuiltTree {
    this.data.filtered = this.filter !== '';
    if (this.mode === 'file') {
      const file = this.files.currentFile();
      if (!file) {
        const nearly = this.files.nearlyNotes();
        return { roots: nearly ? [treatAsNotesNode(nearly)] : [], total: 0 };
      }
      const rows = talkRows(file);
      return { roots: fileNodes(filterRows(rows, this.filter)), total: rows.length };
    }
    const workspace = this.files.workspaceFiles();
    const total = workspace.reduce((n, f) => n + f.doc.talks.length, 0);
    return { roots: groupTalks(workspace, this.groupBy, this.filter), total };
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.prepareRows().then((current) => current && this.refreshNow());
    }, REFRESH_DELAY_MS);
  }

  /**
   * Makes the current file's rows in slices when it has many talks and they are not made yet, so the rebuild that
   * follows finds them (5,000 talks made at once held the extension host for over 100 ms). A later call supersedes:
   * false then, and the later call's caller refreshes (a refresh now would make the rest of the rows at once).
   */
  private async prepareRows(hiddenToo = false): Promise<boolean> {
    const token = ++this.preparing;
    try {
      if (this.mode !== 'file' || (!hiddenToo && !this.view.visible)) return true;
      const file = this.files.currentFile();
      if (!file || file.doc.talks.length <= ROWS_AT_ONCE || cachedTalkRows(file)) return true;
      await runInSlices(talkRowsSteps(file), { budgetMs: ROWS_SLICE_MS, isCancelled: () => this.isDisposed || token !== this.preparing });
    } catch (err) {
      this.log.warn(`Making the Talks view's rows failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    return token === this.preparing;
  }

  private refreshNow(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    if (this.isDisposed) return;
    // A hidden view costs nothing while the user types: it catches up when shown.
    if (!this.view.visible) {
      this.stale = true;
      this.setModeContext();
      return;
    }
    this.stale = false;
    // The same shape (typing in a talk's notes): nothing the view or its chrome shows changed (every build before it
    // was followed by updateChrome: here, in settle and in the constructor).
    if (!this.data.refresh()) return;
    this.updateChrome();
    const editor = vscode.window.activeTextEditor;
    if (editor) this.scheduleSync(editor);
  }

  /** The context keys the title buttons and palette entries depend on. */
  private setModeContext(): void {
    const set = (key: string, value: unknown): void => void vscode.commands.executeCommand('setContext', key, value);
    set(MODE_CONTEXT, this.mode);
    set(GROUP_BY_CONTEXT, this.groupBy);
    set(FILTERED_CONTEXT, this.filter !== '');
  }

  /** Context keys, description and message: what mode the view is in, that a filter is on, why it is empty. */
  private updateChrome(): void {
    const roots = this.data.rootNodes();
    const shown = this.data.talkNodes().length;
    const total = this.data.totalTalks;
    const progress = this.files.index.progress;
    const nearly = this.mode === 'file' && !this.files.currentFile() ? this.files.nearlyNotes() : undefined;
    let empty = '';
    if (roots.length === 0 && this.filter === '') {
      if (this.mode === 'file') empty = this.files.currentFile() ? 'noTalks' : 'noNotesFile';
      else empty = progress.indexing ? 'indexing' : 'noWorkspaceNotes';
    }
    this.setModeContext();
    void vscode.commands.executeCommand('setContext', EMPTY_CONTEXT, empty);

    const where =
      this.mode === 'file'
        ? (this.files.currentFile()?.name ?? (nearly && displayName(nearly.document.uri)))?.split('/').pop()
        : `Workspace${this.groupBy === 'conference' ? '' : ` · by ${this.groupBy}`}`;
    this.view.description = [where, this.filter ? 'filtered' : undefined].filter(Boolean).join(' · ') || undefined;

    const messages: string[] = [];
    if (nearly) messages.push(notNotesMessage(nearly.reason));
    if (this.mode === 'workspace' && progress.indexing) messages.push(`Indexing notes files… ${progress.done} of ${progress.total}`);
    if (this.filter && !nearly) {
      messages.push(
        shown === 0
          ? `No talks match “${this.filter}”. Clear the filter with the button above.`
          : `Filter “${this.filter}”: ${shown} of ${total} ${total === 1 ? 'talk' : 'talks'}.`,
      );
    }
    this.view.message = messages.length > 0 ? messages.join(' ') : undefined;
  }

  private scheduleSync(editor: vscode.TextEditor): void {
    if (this.syncTimer !== undefined) clearTimeout(this.syncTimer);
    // After the tree has taken the latest refresh; short enough to feel immediate.
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      void guarded(this.log, 'Following the cursor', () => this.syncSelection(editor))();
    }, 30);
  }

  /** The follow-cursor setting for a document, read once per document until the settings change (asked per key). */
  private followsCursor(uri: vscode.Uri): boolean {
    const key = uri.toString();
    let follows = this.followCursor.get(key);
    if (follows === undefined) {
      follows = vscode.workspace.getConfiguration(SECTION, uri).get<boolean>(FOLLOW_CURSOR_SETTING, true);
      if (this.followCursor.size > 100) this.followCursor.clear();
      this.followCursor.set(key, follows);
    }
    return follows;
  }

  /** Selects the row of the talk under the cursor, without taking focus from the editor. */
  private async syncSelection(editor: vscode.TextEditor): Promise<void> {
    if (this.isDisposed || !this.view.visible) return;
    if (!this.followsCursor(editor.document.uri)) return;
    if (editor !== vscode.window.activeTextEditor) return;
    // Follows every cursor move, typing included: the last model parsed will do (while keys come, the debounced
    // refresh parses again once they pause and follows the cursor then), never a parse per keystroke.
    const entry = this.notes.get(editor.document);
    if (!entry?.isNotes) return;
    const talk = talkAt(entry.doc, editor.selection.active.line);
    if (!talk) return;
    const key = editor.document.uri.toString();
    const node = this.data.nodeOfTalk(key, talk.index);
    if (!node || this.view.selection.some((s) => s.id === node.id)) return;
    await this.view.reveal(node, { select: true, focus: false, expand: false });
  }

  private itemState(node: ViewNode): TalkItemState {
    const item = this.data.resolveTreeItem(this.data.getTreeItem(node), node);
    // Plain text for tests: the Markdown without its escapes.
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value.replace(/\\(.)/g, '$1') : String(item.tooltip ?? '');
    const collapsible =
      item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded
        ? 'expanded'
        : item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed
          ? 'collapsed'
          : 'none';
    const children = this.data.getChildren(node);
    return {
      id: item.id ?? '',
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      description: typeof item.description === 'string' ? item.description : '',
      tooltip,
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
      collapsible,
      command: item.command && { command: item.command.command, arguments: item.command.arguments ?? [] },
      children: node.kind === 'group' ? children.map((c) => this.itemState(c)) : undefined,
    };
  }

  /** What the view shows once settled: a pending refresh (or one skipped while the view was hidden) is done now. */
  private settle(): void {
    if (this.stale || this.refreshTimer !== undefined) {
      if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
      this.refreshTimer = undefined;
      this.stale = false;
      this.data.refresh();
      this.updateChrome();
    }
  }

  /** The tree as the view shows it (the test commands read it). */
  snapshot(withItems: boolean): TalksViewState {
    this.settle();
    return {
      mode: this.mode,
      groupBy: this.groupBy,
      filter: this.filter,
      title: this.view.title,
      description: this.view.description,
      message: this.view.message,
      visible: this.view.visible,
      empty: this.data.rootNodes().length === 0 ? 'empty' : '',
      selection: this.view.selection.map((n) => n.id),
      items: withItems ? this.data.rootNodes().map((n) => this.itemState(n)) : [],
      indexing: this.files.index.progress,
    };
  }
}

function treatAsNotesNode(entry: NotesEntry): TreatAsNotesNode {
  const fileKey = entry.document.uri.toString();
  return { kind: 'treatAsNotes', id: `treatAsNotes:${fileKey}`, fileKey, fileName: displayName(entry.document.uri).split('/').pop() ?? '' };
}

/** Opens the file, puts the talk heading at the top of the viewport and the cursor on its title. */
export async function revealTalk(
  notes: NotesDocuments,
  target: string | vscode.Uri,
  line: number,
  options: { preserveFocus?: boolean } = {},
): Promise<vscode.TextEditor | undefined> {
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
  const document = await vscode.workspace.openTextDocument(uri);
  // The file may have changed since the row was built: prefer the talk now at that line.
  const talk = notes.get(document)?.doc.talks.find((t) => t.headingRange.start.line === line);
  const title = talk?.heading.textRange.start ?? { line, character: 0 };
  const at = new vscode.Position(Math.min(title.line, document.lineCount - 1), title.character);
  const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn;
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: column,
    // A click in the tree keeps focus in the tree, as the Outline view does; the cursor still moves.
    preserveFocus: options.preserveFocus ?? true,
    preview: false,
    selection: new vscode.Range(at, at),
  });
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at.line, 0, at.line, 0), vscode.TextEditorRevealType.AtTop);
  return editor;
}
