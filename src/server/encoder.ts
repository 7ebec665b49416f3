// The JSON of outgoing messages, as vscode-jsonrpc's own encoder writes it (`JSON.stringify(msg)`, UTF-8), except
// that a publishDiagnostics' diagnostics are written from each diagnostic's JSON, kept per diagnostic object: a
// publish after an edit sends mostly the same thousand diagnostics again (diagnostics.ts makes one object per
// finding), and encoding them all again was most of a publish. The bytes are the same as JSON.stringify's.
import type { Diagnostic } from 'vscode-languageserver';

const diagnosticJson = new WeakMap<Diagnostic, string>();

function jsonOf(d: Diagnostic): string {
  let s = diagnosticJson.get(d);
  if (s === undefined) {
    s = JSON.stringify(d);
    diagnosticJson.set(d, s);
  }
  return s;
}

/** What JSON.stringify(msg) ends with when the params' last key is an empty `diagnostics` list. */
const EMPTY_TAIL = '"diagnostics":[]}}';

/** `JSON.stringify(msg)`, with a publishDiagnostics' diagnostics from their kept JSON. */
export function encodeMessage(msg: unknown): string {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown } };
  const diagnostics = m.params?.diagnostics;
  if (m.method !== 'textDocument/publishDiagnostics' || !Array.isArray(diagnostics) || diagnostics.length === 0) return JSON.stringify(msg);
  const shell = JSON.stringify({ ...m, params: { ...m.params, diagnostics: [] } });
  // Only when `diagnostics` is the last key of the params and the params the last of the message (as the connection
  // sends them); otherwise the plain way.
  if (!shell.endsWith(EMPTY_TAIL)) return JSON.stringify(msg);
  const parts = new Array<string>(diagnostics.length);
  for (let i = 0; i < diagnostics.length; i++) parts[i] = jsonOf(diagnostics[i] as Diagnostic);
  return `${shell.slice(0, shell.length - 3)}${parts.join(',')}]}}`;
}
