// The messages between the preview webview and the extension, typed on both sides.
import type { Range } from '../model';

/** Extension → webview. */
export type ToPreviewMessage =
  /** New content; `version` is the document version it was rendered from (older ones are dropped). */
  | { type: 'update'; uri: string; version: number; html: string; title: string; locked: boolean }
  /** Editor scrolled: bring this (0-based, fractional) line to the top. */
  | { type: 'scrollToLine'; line: number }
  /** Settings changed. */
  | { type: 'config'; scrollPreviewWithEditor: boolean; scrollEditorWithPreview: boolean; doubleClickToSwitchToEditor: boolean };

/** Webview → extension. */
export type FromPreviewMessage =
  | { type: 'ready' }
  /** The preview scrolled: this (0-based, fractional) line is now at its top. */
  | { type: 'revealLine'; line: number }
  /** Double-click on an element that came from this line. */
  | { type: 'openLine'; line: number }
  /** A link was clicked; the extension decides whether to open it. */
  | { type: 'openLink'; href: string }
  /** A problem badge was clicked. */
  | { type: 'revealRange'; range: Range }
  | { type: 'toggleLock' };

/** What the webview keeps in `vscode.setState`, read back by the panel serializer after a reload. */
export interface PreviewState {
  uri: string;
  locked: boolean;
  /** The line at the top of the preview. */
  line?: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPos = (v: unknown): boolean => typeof v === 'object' && v !== null && isNum((v as { line?: unknown }).line) && isNum((v as { character?: unknown }).character);

/** Validates a message from the webview: its content is as untrusted as the notes it shows. */
export function parseFromPreview(data: unknown): FromPreviewMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'toggleLock':
      return { type: m.type };
    case 'revealLine':
    case 'openLine':
      return isNum(m.line) && m.line >= 0 ? { type: m.type, line: m.line } : undefined;
    case 'openLink':
      return typeof m.href === 'string' && m.href.length <= 8192 ? { type: 'openLink', href: m.href } : undefined;
    case 'revealRange': {
      const r = m.range as { start?: unknown; end?: unknown } | undefined;
      if (!r || !isPos(r.start) || !isPos(r.end)) return undefined;
      return { type: 'revealRange', range: r as Range };
    }
    default:
      return undefined;
  }
}

/** Validates the state the serializer gets back after a reload. */
export function parsePreviewState(data: unknown): PreviewState | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const s = data as Record<string, unknown>;
  if (typeof s.uri !== 'string') return undefined;
  return { uri: s.uri, locked: s.locked === true, line: isNum(s.line) ? s.line : undefined };
}
