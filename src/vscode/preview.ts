// The preview feature: commands, the panels (one following the active notes editor, any number locked),
// live updates, scroll sync, restore after reload, and Export as HTML.
import * as vscode from 'vscode';
import { parsePreviewState, PreviewBlockCache } from '../core/preview';
import { Disposable } from './dispose';
import { guarded, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';
import type { Problems } from './problems';
import { PREVIEW_VIEW_TYPE, PreviewPanel } from './previewPanel';
import { registerExportHtml } from './exportHtml';

export const OPEN_PREVIEW_COMMAND = 'conferenceNotes.openPreview';
export const OPEN_PREVIEW_TO_SIDE_COMMAND = 'conferenceNotes.openPreviewToSide';
export const TOGGLE_LOCK_COMMAND = 'conferenceNotes.preview.toggleLock';
export const SHOW_SOURCE_COMMAND = 'conferenceNotes.preview.showSource';

class PreviewManager extends Disposable {
  private readonly panels = new Set<PreviewPanel>();
  private active: PreviewPanel | undefined;
  /** Rendered talks and sections, shared by the panels: after an edit only the changed blocks render again. */
  private readonly cache = new PreviewBlockCache();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly notes: NotesDocuments,
    private readonly problems: Problems,
    private readonly log: Log,
  ) {
    super();
    const command = (id: string, fn: (...args: never[]) => unknown): void => {
      this._register(vscode.commands.registerCommand(id, guarded(log, `Command ${id}`, fn as (...args: unknown[]) => unknown)));
    };
    command(OPEN_PREVIEW_COMMAND, (uri?: vscode.Uri) => this.open(uri, false));
    command(OPEN_PREVIEW_TO_SIDE_COMMAND, (uri?: vscode.Uri) => this.open(uri, true));
    command(TOGGLE_LOCK_COMMAND, () => this.active && this.toggleLock(this.active));
    command(SHOW_SOURCE_COMMAND, () => this.active?.showSource());

    this._register(notes.onDidChange(guarded(log, 'Preview update', (uri: vscode.Uri) => {
      for (const p of this.panels) if (p.uri.toString() === uri.toString()) p.update();
    })));
    this._register(problems.onDidChange(guarded(log, 'Preview problems', (uri: vscode.Uri) => {
      for (const p of this.panels) if (p.uri.toString() === uri.toString()) p.refreshProblems();
    })));
    this._register(vscode.window.onDidChangeActiveTextEditor(guarded(log, 'Preview follows the editor', (editor?: vscode.TextEditor) => {
      if (!editor || !this.notes.get(editor.document)?.isNotes) return;
      for (const p of this.panels) if (!p.isLocked) p.setResource(editor.document.uri);
    })));
    this._register(vscode.window.onDidChangeTextEditorVisibleRanges(guarded(log, 'Preview scroll sync', (e: vscode.TextEditorVisibleRangesChangeEvent) => {
      for (const p of this.panels) p.editorScrolled(e.textEditor);
    })));
    this._register(vscode.workspace.onDidChangeConfiguration(guarded(log, 'Preview settings', (e: vscode.ConfigurationChangeEvent) => {
      if (e.affectsConfiguration('conferenceNotes.preview')) for (const p of this.panels) p.postConfig();
    })));
    this._register(vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const saved = parsePreviewState(state);
        const uri = saved ? vscode.Uri.parse(saved.uri, true) : vscode.window.activeTextEditor?.document.uri;
        if (!uri) {
          panel.dispose();
          return;
        }
        try {
          await vscode.workspace.openTextDocument(uri);
        } catch {
          this.log.warn(`Preview restore: ${uri.toString(true)} could not be opened`);
          panel.dispose();
          return;
        }
        this.adopt(panel, uri, saved?.locked ?? false, saved?.line);
      },
    }));
    this._register({ dispose: () => [...this.panels].forEach((p) => p.panel.dispose()) });
  }

  private async open(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
    const resource = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri ?? this.active?.uri;
    if (!resource) {
      void vscode.window.showInformationMessage('Conference Notes: open a notes file to preview it.');
      return;
    }
    const document = await vscode.workspace.openTextDocument(resource);
    if (document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage(`Conference Notes: ${vscode.workspace.asRelativePath(resource)} is not Markdown, so it has no preview.`);
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active;
    // Like the built-in preview: reuse the preview that follows the editor, or one already locked to this file.
    const existing = [...this.panels].find((p) => p.isLocked && p.uri.toString() === resource.toString())
      ?? [...this.panels].find((p) => !p.isLocked);
    if (existing) {
      existing.setResource(resource);
      existing.panel.reveal(toSide ? undefined : column, toSide);
      this.active = existing;
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide },
      { enableScripts: true, enableForms: false, enableCommandUris: false, retainContextWhenHidden: false, localResourceRoots: [] },
    );
    this.adopt(panel, resource, false);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri, locked: boolean, line?: number): void {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'preview-icon.svg');
    const preview = new PreviewPanel(panel, uri, locked, this.extensionUri, this.notes, this.problems, this.cache, this.log, (p) => this.toggleLock(p), line);
    this.panels.add(preview);
    this.active = preview;
    // Both listeners end with the panel (its events stop firing once it is disposed).
    preview.onDidDispose(() => {
      this.panels.delete(preview);
      if (this.active === preview) this.active = undefined;
      if (this.panels.size === 0) this.cache.clear();
    });
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.active = preview;
    });
  }

  /** The open previews and what they show (the test commands read them). */
  states(): Array<{ uri: string; locked: boolean; visible: boolean; title: string; problems?: number }> {
    return [...this.panels].map((p) => ({ uri: p.uri.toString(), locked: p.isLocked, visible: p.panel.visible, title: p.panel.title, problems: p.problemCount }));
  }

  private toggleLock(panel: PreviewPanel): void {
    const locking = !panel.isLocked;
    panel.setLocked(locking);
    if (!locking) {
      // Unlocked: follow the active notes editor again.
      const editor = vscode.window.activeTextEditor;
      if (editor && this.notes.isNotes(editor.document)) panel.setResource(editor.document.uri);
    }
  }
}

export function registerPreview(extensionUri: vscode.Uri, notes: NotesDocuments, problems: Problems, log: Log): vscode.Disposable & Pick<PreviewManager, 'states'> {
  const manager = new PreviewManager(extensionUri, notes, problems, log);
  const exporter = registerExportHtml(extensionUri, notes, log);
  const both = vscode.Disposable.from(manager, exporter);
  return { dispose: () => both.dispose(), states: () => manager.states() };
}
