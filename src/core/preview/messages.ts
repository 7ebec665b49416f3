// The messages between the preview webview and the extension, typed on both sides.
import type { Range } from '../model';

/** New content; `version` is the document version it was rendered from (older ones are dropped). */
export interface UpdateMessage {
  type: 'update';
  uri: string;
  version: number;
  /** The HTML, or its last piece when `pieces` pieces came before it. */
  html: string;
  title: string;
  locked: boolean;
  pieces?: number;
}

/** The `index`th piece of the HTML of the next update of this document version. */
export interface UpdatePieceMessage {
  type: 'updatePiece';
  uri: string;
  version: number;
  index: number;
  html: string;
}

/** Extension → webview. */
export type ToPreviewMessage =
  | UpdateMessage
  | UpdatePieceMessage
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

/** Pieces of a big update: posting a message is synchronous work for the extension host (10-13 ms per million characters measured). */
export const UPDATE_PIECE_CHARS = 500_000;

/** An update as the messages to post: pieces of at most `pieceChars`, then the update with the rest. */
export function splitUpdate(update: UpdateMessage, pieceChars = UPDATE_PIECE_CHARS): ToPreviewMessage[] {
  const { html } = update;
  const messages: ToPreviewMessage[] = [];
  let at = 0;
  while (html.length - at > pieceChars) {
    let end = at + pieceChars;
    // Never between the two halves of a surrogate pair (and never an empty piece).
    const code = html.charCodeAt(end);
    if (code >= 0xdc00 && code <= 0xdfff) end += end - 1 > at ? -1 : 1;
    messages.push({ type: 'updatePiece', uri: update.uri, version: update.version, index: messages.length, html: html.slice(at, end) });
    at = end;
  }
  messages.push({ ...update, html: html.slice(at), pieces: messages.length });
  return messages;
}

/**
 * The webview's side of splitUpdate: keeps the pieces of one update; a piece or update of another version starts
 * over. An update whose pieces did not all arrive (its sending was cancelled for a newer one) gives nothing.
 */
export class UpdateAssembler {
  private current: { uri: string; version: number; parts: string[] } | undefined;

  /** Takes a piece. */
  piece(message: UpdatePieceMessage): void {
    const c = this.current;
    if (message.index === 0) this.current = { uri: message.uri, version: message.version, parts: [message.html] };
    else if (c && c.uri === message.uri && c.version === message.version && c.parts.length === message.index) c.parts.push(message.html);
    else this.current = undefined;
  }

  /** The whole HTML of this update, or undefined when pieces are missing. */
  complete(message: UpdateMessage): string | undefined {
    const pieces = message.pieces ?? 0;
    const c = this.current;
    this.current = undefined;
    if (pieces === 0) return message.html;
    if (!c || c.uri !== message.uri || c.version !== message.version || c.parts.length !== pieces) return undefined;
    c.parts.push(message.html);
    return c.parts.join('');
  }
}
