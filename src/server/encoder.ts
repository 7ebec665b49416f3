// The bytes of outgoing messages, as vscode-jsonrpc's own encoder writes them (`JSON.stringify(msg)` in UTF-8),
// except that a publishDiagnostics' diagnostics are copied from each diagnostic's bytes, kept per diagnostic object:
// a publish after an edit sends mostly the same thousand diagnostics again (diagnostics.ts makes one object per
// finding), and writing them all out as JSON and then as UTF-8 again was most of a publish (~1.5 ms of 240 KB).
// The bytes are the same as JSON.stringify's.
import type { Diagnostic } from 'vscode-languageserver';

const diagnosticBytes = new WeakMap<Diagnostic, Uint8Array>();

function bytesOf(d: Diagnostic): Uint8Array {
  let b = diagnosticBytes.get(d);
  if (b === undefined) {
    b = Buffer.from(JSON.stringify(d), 'utf8');
    diagnosticBytes.set(d, b);
  }
  return b;
}

/** What JSON.stringify(msg) ends with when the params' last key is an empty `diagnostics` list. */
const EMPTY_TAIL = '"diagnostics":[]}}';
const COMMA = Buffer.from(',');
const TAIL = Buffer.from(']}}');

/** `JSON.stringify(msg)` in UTF-8, with a publishDiagnostics' diagnostics from their kept bytes. */
export function encodeMessage(msg: unknown): Uint8Array {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown } };
  const diagnostics = m.params?.diagnostics;
  if (m.method !== 'textDocument/publishDiagnostics' || !Array.isArray(diagnostics) || diagnostics.length === 0) return Buffer.from(JSON.stringify(msg), 'utf8');
  const shell = JSON.stringify({ ...m, params: { ...m.params, diagnostics: [] } });
  // Only when `diagnostics` is the last key of the params and the params the last of the message (as the connection
  // sends them); otherwise the plain way.
  if (!shell.endsWith(EMPTY_TAIL)) return Buffer.from(JSON.stringify(msg), 'utf8');
  const parts: Uint8Array[] = [Buffer.from(shell.slice(0, shell.length - 3), 'utf8')];
  let length = parts[0]!.length + TAIL.length;
  for (let i = 0; i < diagnostics.length; i++) {
    if (i > 0) {
      parts.push(COMMA);
      length++;
    }
    const b = bytesOf(diagnostics[i] as Diagnostic);
    parts.push(b);
    length += b.length;
  }
  parts.push(TAIL);
  return Buffer.concat(parts, length);
}
