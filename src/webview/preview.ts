// The preview webview's own script (bundled by esbuild into media/preview.js, loaded by nonce).
// It shows what the extension rendered, keeps the scroll position across updates, syncs scrolling,
// and turns clicks into typed messages: the page itself never navigates or opens anything.
import { UpdateAssembler, type FromPreviewMessage, type PreviewState, type ToPreviewMessage } from '../core/preview/messages';

interface VsCodeApi {
  postMessage(message: FromPreviewMessage): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface Settings {
  uri: string;
  version: number;
  locked: boolean;
  line?: number;
  scrollPreviewWithEditor: boolean;
  scrollEditorWithPreview: boolean;
  doubleClickToSwitchToEditor: boolean;
}

const vscode = acquireVsCodeApi();
const settingsElement = document.getElementById('cn-settings');
const settings: Settings = JSON.parse(settingsElement?.getAttribute('data-settings') ?? '{}') as Settings;
const root = document.getElementById('cn-root') as HTMLElement;
const lockBadge = document.getElementById('cn-lock') as HTMLElement | null;

let uri = settings.uri;
let version = settings.version;
let locked = settings.locked;
/** A big update arrives in pieces. */
const pieces = new UpdateAssembler();
/** Until this time, scroll events come from us (an update or the editor) and are not echoed to the editor. */
let ignoreScrollUntil = 0;

function post(message: FromPreviewMessage): void {
  vscode.postMessage(message);
}

// --- Lines ↔ positions -------------------------------------------------------------------------------

interface LineMark { line: number; top: number }

/** Elements that carry a line, by position in the page (nested ones included, outermost first). */
function lineMarks(): LineMark[] {
  const marks: LineMark[] = [];
  const scrollY = window.scrollY;
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-line]'))) {
    const line = Number(el.dataset.line);
    // The index and problem lists name lines out of page order: they are links, not places in the notes.
    if (!Number.isFinite(line) || el.closest('.problems, .index')) continue;
    const rect = el.getBoundingClientRect();
    if (rect.height === 0 && rect.width === 0) continue;
    marks.push({ line, top: rect.top + scrollY });
  }
  marks.sort((a, b) => a.top - b.top || a.line - b.line);
  return marks;
}

/** The (fractional) document line at the top of the view. */
function lineAtTop(): number | undefined {
  const marks = lineMarks();
  if (marks.length === 0) return undefined;
  const y = window.scrollY;
  let before: LineMark | undefined;
  let after: LineMark | undefined;
  for (const m of marks) {
    if (m.top <= y) before = m;
    else { after = m; break; }
  }
  if (!before) return marks[0]!.line;
  if (!after || after.line <= before.line) return before.line;
  return before.line + ((y - before.top) / Math.max(1, after.top - before.top)) * (after.line - before.line);
}

function scrollToLine(line: number): void {
  const marks = lineMarks();
  if (marks.length === 0) return;
  let before: LineMark | undefined;
  let after: LineMark | undefined;
  for (const m of marks) {
    if (m.line <= line) { if (!before || m.line >= before.line) before = m; }
    else if (!after || m.line < after.line || (m.line === after.line && m.top < after.top)) after = m;
  }
  let y = 0;
  if (before && after && after.line > before.line) y = before.top + ((line - before.line) / (after.line - before.line)) * (after.top - before.top);
  else if (before) y = before.top;
  ignoreScrollUntil = Date.now() + 150;
  window.scrollTo(0, Math.max(0, y - 4));
}

function saveState(): void {
  // A page still waiting for its content (a big file) keeps the line it is to show.
  vscode.setState({ uri, locked, line: lineAtTop() ?? startLine });
}

// --- Updating the page ----------------------------------------------------------------------------------

/** Keeps the problem lists the reader opened open in the new rendering. */
function keepOpenDetails(current: Element, next: Element): void {
  const was = current.querySelectorAll('details');
  if (was.length === 0) return;
  const now = next.querySelectorAll('details');
  was.forEach((d, i) => {
    const n = now[i];
    if (n && d.hasAttribute('open')) n.setAttribute('open', '');
  });
}

/**
 * Replaces only the blocks (header, summary, index, each card) that changed, so a keystroke in a big file
 * does not re-lay out the whole page and the reader's place stays put.
 */
function patchChildren(current: Element, next: Element): void {
  const nextChildren = Array.from(next.children);
  const currentChildren = Array.from(current.children);
  nextChildren.forEach((child, i) => {
    const old = currentChildren[i];
    if (!old) {
      current.appendChild(child);
      return;
    }
    keepOpenDetails(old, child);
    if (old.isEqualNode(child)) return;
    if (old.tagName === child.tagName && old.className === child.className && child.classList.contains('talks')) patchChildren(old, child);
    else old.replaceWith(child);
  });
  for (const extra of currentChildren.slice(nextChildren.length)) extra.remove();
}

function patchRoot(html: string): void {
  const template = document.createElement('template');
  template.innerHTML = html;
  const next = template.content.firstElementChild;
  const current = root.firstElementChild;
  if (next && current && template.content.childElementCount === 1 && root.childElementCount === 1 && current.className === next.className) {
    patchChildren(current, next);
  } else {
    root.replaceChildren(template.content);
  }
}

// --- Messages from the extension -------------------------------------------------------------------------

function showLock(): void {
  if (lockBadge) lockBadge.hidden = !locked;
}

window.addEventListener('message', (event: MessageEvent<ToPreviewMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'updatePiece':
      pieces.piece(message);
      break;
    case 'update': {
      const html = pieces.complete(message);
      // Pieces missing: its sending was cancelled, a newer update follows.
      if (html === undefined) return;
      const sameDocument = message.uri === uri;
      // Renders of an older version of the same document arrive late sometimes: drop them.
      if (sameDocument && message.version < version) return;
      // No lines on the page yet (a big file's page comes before its content): the line it was opened at.
      const top = sameDocument ? lineAtTop() ?? startLine : undefined;
      const scrollY = window.scrollY;
      uri = message.uri;
      version = message.version;
      locked = message.locked;
      patchRoot(html);
      document.title = message.title;
      showLock();
      ignoreScrollUntil = Date.now() + 150;
      if (!sameDocument) window.scrollTo(0, 0);
      else if (top !== undefined) scrollToLine(top);
      else window.scrollTo(0, scrollY);
      saveState();
      break;
    }
    case 'scrollToLine':
      if (settings.scrollPreviewWithEditor) scrollToLine(message.line);
      break;
    case 'config':
      settings.scrollPreviewWithEditor = message.scrollPreviewWithEditor;
      settings.scrollEditorWithPreview = message.scrollEditorWithPreview;
      settings.doubleClickToSwitchToEditor = message.doubleClickToSwitchToEditor;
      break;
  }
});

// --- User actions ----------------------------------------------------------------------------------------

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer !== undefined) clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => {
    scrollTimer = undefined;
    saveState();
    if (Date.now() < ignoreScrollUntil || !settings.scrollEditorWithPreview) return;
    const line = lineAtTop();
    if (line !== undefined) post({ type: 'revealLine', line });
  }, 50);
}, { passive: true });

document.addEventListener('dblclick', (event) => {
  if (!settings.doubleClickToSwitchToEditor) return;
  const target = event.target as Element | null;
  if (target?.closest('a, button, summary')) return;
  const el = target?.closest<HTMLElement>('[data-line]');
  const line = el ? Number(el.dataset.line) : NaN;
  if (el && Number.isFinite(line)) post({ type: 'openLine', line: line + linesBefore(el, event) });
});

/** Within a block, each `<br>` before the double-clicked text is one line of the notes further down. */
function linesBefore(block: HTMLElement, event: MouseEvent): number {
  const caret = document.caretRangeFromPoint?.(event.clientX, event.clientY);
  if (!caret || !block.contains(caret.startContainer)) return 0;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let breaks = 0;
  for (let node = walker.nextNode(); node && node !== caret.startContainer; node = walker.nextNode()) {
    // A nested block (a sub-list) has lines of its own; its breaks are not this block's.
    if (node instanceof HTMLElement && node !== block && node.dataset.line !== undefined) return breaks;
    if (node instanceof HTMLBRElement) breaks++;
  }
  return breaks;
}

document.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  const problem = target?.closest<HTMLElement>('button.problem[data-range]');
  if (problem) {
    const [sl, sc, el, ec] = (problem.dataset.range ?? '').split(',').map(Number);
    if ([sl, sc, el, ec].every((n) => Number.isFinite(n))) {
      post({ type: 'revealRange', range: { start: { line: sl!, character: sc! }, end: { line: el!, character: ec! } } });
    }
    return;
  }
  if (target?.closest('#cn-lock')) {
    post({ type: 'toggleLock' });
    return;
  }
  const link = target?.closest<HTMLAnchorElement>('a');
  if (!link) return;
  // The page never navigates: fragments scroll here, everything else is the extension's decision.
  event.preventDefault();
  const href = link.getAttribute('href');
  if (href === null) return;
  if (href.startsWith('#')) {
    const id = decodeURIComponent(href.slice(1));
    const dest = document.getElementById(id) ?? document.getElementById(`user-content-${id}`);
    if (dest) {
      dest.scrollIntoView({ block: 'start' });
      dest.classList.add('talk-highlight');
      setTimeout(() => dest.classList.remove('talk-highlight'), 900);
    }
    return;
  }
  post({ type: 'openLink', href });
});

// Middle clicks and auxclicks would open links in a new window otherwise.
document.addEventListener('auxclick', (event) => {
  if ((event.target as Element | null)?.closest('a')) event.preventDefault();
});

showLock();
const restored = vscode.getState();
// The webview's own state (kept while hidden) knows where the reader was; the page's start line is for a restore.
const startLine = restored?.uri === uri && restored.line !== undefined ? restored.line : settings.line;
if (startLine !== undefined && startLine > 0) {
  // Wait for layout (images without size may still move things a little).
  requestAnimationFrame(() => scrollToLine(startLine));
}
saveState();
// A visible sign that this script (and only this one) runs; the security UI test checks it as its control.
document.body.dataset.cnScript = 'ready';
post({ type: 'ready' });
