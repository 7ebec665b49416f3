// One preview panel: its webview (locked down), what it shows, and the messages it exchanges.
import * as vscode from 'vscode';
import {
  classifyUrl, escapeHtml, parseFromPreview, renderPreviewBodySliced, splitRelativeLink, splitUpdate,
  type FromPreviewMessage, type PreviewBlockCache, type PreviewProblem, type ToPreviewMessage,
} from '../core/preview';
import type { Finding } from '../core';
import { Disposable } from './dispose';
import { guarded, type Log } from './log';
import type { NotesDocuments, NotesEntry } from './notesDocuments';
import type { Problems } from './problems';
import { nextTurn } from '../core/nextTurn';

export const PREVIEW_VIEW_TYPE = 'conferenceNotes.preview';

export interface PreviewConfig {
  scrollPreviewWithEditor: boolean;
  scrollEditorWithPreview: boolean;
  doubleClickToSwitchToEditor: boolean;
}

export function readPreviewConfig(scope?: vscode.Uri): PreviewConfig {
  const c = vscode.workspace.getConfiguration('conferenceNotes.preview', scope);
  return {
    scrollPreviewWithEditor: c.get<boolean>('scrollPreviewWithEditor', true) !== false,
    scrollEditorWithPreview: c.get<boolean>('scrollEditorWithPreview', true) !== false,
    doubleClickToSwitchToEditor: c.get<boolean>('doubleClickToSwitchToEditor', true) !== false,
  };
}

/** Whether soft line breaks in the notes show as line breaks (preview and export). */
export function readBreaks(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('conferenceNotes.preview', scope).get<boolean>('breaks', true) !== false;
}

/** A nonce from the platform's CSPRNG: Web Crypto exists in the Node host and in the web worker alike. */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A document's findings as the preview's problems (every finding, also past VS Code's 1,000 diagnostics). */
export function previewProblems(findings: ReadonlyArray<Pick<Finding, 'message' | 'severity' | 'range' | 'rule'>> | undefined): PreviewProblem[] {
  return (findings ?? []).map((f) => ({ message: f.message, severity: f.severity, range: f.range, rule: f.rule }));
}

function sameUri(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString();
}

/** Whether `child` is `parent` or inside it (same scheme and authority, path prefix on a `/` boundary). */
export function isInside(child: vscode.Uri, parent: vscode.Uri): boolean {
  if (child.scheme !== parent.scheme || child.authority !== parent.authority) return false;
  const p = parent.path.endsWith('/') ? parent.path : `${parent.path}/`;
  return child.path === parent.path || child.path.startsWith(p);
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function dirname(uri: vscode.Uri): vscode.Uri {
  const i = uri.path.lastIndexOf('/');
  return uri.with({ path: i <= 0 ? '/' : uri.path.slice(0, i) });
}

/** Work for the webview in flight: a rendering and its sending, or only a sending again; a newer one cancels it. */
interface PendingWork {
  readonly source: vscode.CancellationTokenSource;
  readonly renders: boolean;
  /** It ends in a new page (another document, or the first one) rather than an update. */
  readonly page: boolean;
  readonly startLine?: number;
}

const LOADING = '<div class="cn-preview"><p class="no-talks">Loading…</p></div>';
/** Diagnostics come in bursts while a big file is linted in slices: one new rendering per burst. */
const PROBLEMS_DELAY_MS = 100;


export class PreviewPanel extends Disposable {
  private resource: vscode.Uri;
  private locked: boolean;
  /** Version of the document last sent to the webview, per uri; older renders are never sent. */
  private sentVersion = -1;
  /** Something changed while the panel was hidden (an edit, or only problems: then the version is the same). */
  private dirty = false;
  /** The messages of the last update sent after the page loaded; the page itself still holds the first rendering. */
  private lastUpdate: ToPreviewMessage[] | undefined;
  /** Until this time, editor scrolling comes from the preview and is not sent back. */
  private ignoreEditorScrollUntil = 0;
  /** Rendering and sending happen in slices (a big file takes several); newer work cancels this. */
  private pending: PendingWork | undefined;
  private problemsTimer: ReturnType<typeof setTimeout> | undefined;
  private lastProblemCount: number | undefined;
  private readonly disposeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    resource: vscode.Uri,
    locked: boolean,
    private readonly extensionUri: vscode.Uri,
    private readonly notes: NotesDocuments,
    private readonly problems: Problems,
    private readonly cache: PreviewBlockCache,
    private readonly log: Log,
    private readonly onToggleLock: (panel: PreviewPanel) => void,
    startLine?: number,
  ) {
    super();
    this.resource = resource;
    this.locked = locked;
    this._register({
      dispose: () => {
        this.cancelPending();
        clearTimeout(this.problemsTimer);
      },
    });
    this._register(panel.onDidDispose(() => {
      this.disposeEmitter.fire();
      this.dispose();
    }));
    this._register(panel.webview.onDidReceiveMessage(guarded(log, 'Preview message', (data: unknown) => {
      const message = parseFromPreview(data);
      if (message) void this.handle(message);
    })));
    this._register(panel.onDidChangeViewState(() => {
      if (panel.visible && this.dirty) this.update(true);
    }));
    this.load(startLine);
  }

  get uri(): vscode.Uri {
    return this.resource;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /** Shows another document (a fresh page: new nonce, new resource roots). */
  setResource(uri: vscode.Uri): void {
    if (sameUri(uri, this.resource)) return;
    this.resource = uri;
    this.load();
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.panel.title = this.title();
    this.update(true);
  }

  /** Re-renders if the document changed (or always, with force); skipped while hidden. */
  update(force = false): void {
    if (this.isDisposed) return;
    if (!this.panel.visible) {
      this.dirty = true;
      return;
    }
    const entry = this.notes.get(this.resource);
    if (!entry) return;
    if (!force && entry.version <= this.sentVersion) return;
    this.dirty = false;
    this.sentVersion = entry.version;
    void this.renderAndSend(entry, false);
  }

  /** How many problems the last rendering showed (undefined before the first). */
  get problemCount(): number | undefined {
    return this.lastProblemCount;
  }

  private renderedProblems(): PreviewProblem[] {
    const problems = previewProblems(this.problems.findings(this.resource));
    this.lastProblemCount = problems.length;
    return problems;
  }

  /** The findings changed: same version, new badges (shortly: more changes usually follow). */
  refreshProblems(): void {
    if (this.problemsTimer !== undefined) return;
    this.problemsTimer = setTimeout(() => {
      this.problemsTimer = undefined;
      this.update(true);
    }, PROBLEMS_DELAY_MS);
  }

  /** Settings changed: the scroll and click behaviour, and the rendering itself (line breaks). */
  postConfig(): void {
    this.post({ type: 'config', ...readPreviewConfig(this.resource) });
    this.update(true);
  }

  /** The editor showing our document scrolled. */
  editorScrolled(editor: vscode.TextEditor): void {
    if (!sameUri(editor.document.uri, this.resource) || Date.now() < this.ignoreEditorScrollUntil) return;
    if (!readPreviewConfig(this.resource).scrollPreviewWithEditor) return;
    const top = editor.visibleRanges[0]?.start.line;
    if (top !== undefined) this.post({ type: 'scrollToLine', line: top });
  }

  private post(message: ToPreviewMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private title(): string {
    return `${this.locked ? 'Preview (locked)' : 'Preview'}: ${basename(this.resource)}`;
  }

  private roots(): vscode.Uri[] {
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'media')];
    const folder = vscode.workspace.getWorkspaceFolder(this.resource);
    if (folder) roots.push(folder.uri);
    else if (this.resource.scheme !== 'untitled') roots.push(dirname(this.resource));
    return roots;
  }

  private resolveResource = (relative: string): string | undefined => {
    if (this.resource.scheme === 'untitled') return undefined;
    const { path } = splitRelativeLink(relative);
    const target = path.startsWith('/')
      ? vscode.Uri.joinPath(vscode.workspace.getWorkspaceFolder(this.resource)?.uri ?? dirname(this.resource), path)
      : vscode.Uri.joinPath(dirname(this.resource), path);
    if (!this.roots().slice(1).some((root) => isInside(target, root))) return undefined;
    return this.panel.webview.asWebviewUri(target).toString();
  };

  private cancelPending(): void {
    this.pending?.source.cancel();
    this.pending?.source.dispose();
    this.pending = undefined;
  }

  private begin(work: Omit<PendingWork, 'source'>): PendingWork {
    this.cancelPending();
    this.pending = { ...work, source: new vscode.CancellationTokenSource() };
    return this.pending;
  }

  private end(job: PendingWork): void {
    if (this.pending !== job) return;
    job.source.dispose();
    this.pending = undefined;
  }

  /**
   * Renders in slices and sends the result as an update, or as a new page for `page`. A newer call cancels an
   * older one; an unfinished new page stays a new page (the webview may still show another document).
   */
  private async renderAndSend(entry: NotesEntry, page: boolean, startLine?: number): Promise<void> {
    const previous = this.pending;
    const job = previous?.page && !page
      ? this.begin({ renders: true, page: true, startLine: previous.startLine })
      : this.begin({ renders: true, page, startLine });
    const token = job.source.token;
    const html = await this.render(entry, token);
    if (html === undefined || token.isCancellationRequested || this.isDisposed) return;
    const messages = splitUpdate({ type: 'update', uri: this.resource.toString(), version: entry.version, html, title: this.title(), locked: this.locked });
    if (job.page) {
      // Posting megabytes is synchronous work too: not in the task of the last slice.
      await nextTurn();
      if (token.isCancellationRequested || this.isDisposed) return;
      // A big file's page comes with "Loading…"; its content follows in pieces once the page says it is ready.
      const inline = messages.length === 1;
      this.lastUpdate = inline ? undefined : messages;
      this.setPage(inline ? html : LOADING, entry.version, job.startLine);
      this.end(job);
      return;
    }
    this.lastUpdate = messages;
    await this.send(messages, token);
    this.end(job);
  }

  /** Posts the messages of one update, one per task. */
  private async send(messages: readonly ToPreviewMessage[], token: vscode.CancellationToken): Promise<void> {
    for (const message of messages) {
      await nextTurn();
      if (token.isCancellationRequested || this.isDisposed) return;
      this.post(message);
    }
  }

  /** The page (re)loaded: it shows its first rendering, so send the last update again, unless newer is on its way. */
  private async resend(): Promise<void> {
    if (this.pending?.renders) return;
    const messages = this.lastUpdate;
    if (!messages) return;
    const job = this.begin({ renders: false, page: false });
    await this.send(messages, job.source.token);
    this.end(job);
  }

  /** The preview body, undefined when cancelled. */
  private async render(entry: NotesEntry, token: vscode.CancellationToken): Promise<string | undefined> {
    try {
      return await renderPreviewBodySliced(entry.doc, {
        problems: this.renderedProblems(),
        fileName: basename(this.resource),
        interactive: true,
        breaks: readBreaks(this.resource),
        resolveResource: this.resolveResource,
        resourceKey: `${this.panel.webview.asWebviewUri(dirname(this.resource)).toString()}`,
        cache: this.cache,
      }, { token });
    } catch (err) {
      this.log.error(`Preview of ${this.resource.toString(true)} failed:`, err instanceof Error ? (err.stack ?? err.message) : String(err));
      return `<div class="cn-preview"><p class="front-matter-error">The preview could not be rendered; see the Conference Notes output.</p></div>`;
    }
  }

  /** Shows the resource on a fresh page (new nonce, new resource roots) once its first rendering is ready. */
  private load(startLine?: number): void {
    this.panel.webview.options = { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: this.roots() };
    this.panel.title = this.title();
    const entry = this.notes.get(this.resource);
    this.sentVersion = entry?.version ?? -1;
    this.dirty = false;
    this.lastUpdate = undefined;
    if (entry) {
      void this.renderAndSend(entry, true, startLine);
      return;
    }
    this.cancelPending();
    this.setPage(LOADING, -1, startLine);
  }

  private setPage(body: string, version: number, startLine?: number): void {
    const webview = this.panel.webview;
    const nonce = createNonce();
    const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} https: data:`,
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-src 'none'",
    ].join('; ');
    const settings = {
      uri: this.resource.toString(),
      version,
      locked: this.locked,
      line: startLine,
      ...readPreviewConfig(this.resource),
    };
    webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${media('preview.css')}">
<title>${escapeHtml(this.title())}</title>
</head>
<body>
<div id="cn-settings" hidden data-settings="${escapeHtml(JSON.stringify(settings))}"></div>
<button type="button" id="cn-lock" class="cn-lock" title="This preview stays on this file; click to follow the active editor"${this.locked ? '' : ' hidden'}>Locked</button>
<main id="cn-root">${body}</main>
<script nonce="${nonce}" src="${media('preview.js')}"></script>
</body>
</html>`;
  }

  private async handle(message: FromPreviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A hidden webview is rebuilt from its first page when shown again: bring it up to date without re-rendering.
        void this.resend();
        this.update();
        return;
      case 'toggleLock':
        this.onToggleLock(this);
        return;
      case 'revealLine': {
        if (!readPreviewConfig(this.resource).scrollEditorWithPreview) return;
        const editor = vscode.window.visibleTextEditors.find((e) => sameUri(e.document.uri, this.resource));
        if (!editor) return;
        const line = Math.min(Math.floor(message.line), editor.document.lineCount - 1);
        this.ignoreEditorScrollUntil = Date.now() + 300;
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        return;
      }
      case 'openLine': {
        const line = Math.floor(message.line);
        await this.showSource(new vscode.Range(line, 0, line, 0));
        return;
      }
      case 'revealRange': {
        const r = message.range;
        await this.showSource(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
        return;
      }
      case 'openLink':
        await this.openLink(message.href);
        return;
    }
  }

  /** Opens the document beside the preview (or where it is already shown) with this selection. */
  async showSource(range?: vscode.Range): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(this.resource);
    const visible = vscode.window.visibleTextEditors.find((e) => sameUri(e.document.uri, this.resource));
    const column = visible?.viewColumn
      ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    const clamped = range ? document.validateRange(range) : undefined;
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: clamped, preserveFocus: false });
    if (clamped) editor.revealRange(clamped, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /** Opens http(s)/mailto outside, workspace files inside; anything else is refused (and logged). */
  private async openLink(href: string): Promise<void> {
    const kind = classifyUrl(href);
    if (kind === 'https' || kind === 'http' || kind === 'mailto') {
      await vscode.env.openExternal(vscode.Uri.parse(href, true));
      return;
    }
    if (kind !== 'relative') {
      this.log.warn(`Preview: refused to open link ${JSON.stringify(href.slice(0, 200))}`);
      return;
    }
    const { path, fragment } = splitRelativeLink(href);
    const folder = vscode.workspace.getWorkspaceFolder(this.resource)?.uri;
    const base = folder ?? dirname(this.resource);
    const target = path === '' ? this.resource
      : path.startsWith('/') ? vscode.Uri.joinPath(base, path) : vscode.Uri.joinPath(dirname(this.resource), path);
    if (!isInside(target, base)) {
      this.log.warn(`Preview: refused to open ${target.toString(true)}: outside the workspace`);
      return;
    }
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      void vscode.window.showWarningMessage(`Conference Notes: the link target '${path}' does not exist.`);
      return;
    }
    const lineMatch = fragment ? /^L(\d+)/i.exec(fragment) : null;
    const line = lineMatch ? Math.max(0, Number(lineMatch[1]) - 1) : undefined;
    const options: vscode.TextDocumentShowOptions = {
      viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
      selection: line !== undefined ? new vscode.Range(line, 0, line, 0) : undefined,
    };
    await vscode.commands.executeCommand('vscode.open', target, options);
  }
}
