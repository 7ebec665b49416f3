// Outline and workspace symbols: each talk of a document (its speakers, role and company as children), and across
// the workspace the talks by title and speakers by name (the core's talkSymbols, as VS Code's Ctrl+T has them).
import { SymbolKind, type Connection, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { Field, Range, Talk } from '../core';
import { talkSymbols } from '../core/talks/navigation';
import { speakerNames } from '../core/talks/rows';
import { comparePositions } from '../core/edits';
import type { DocumentStore } from './documents';
import type { WorkspaceNotes } from './workspaceNotes';

/** More than anyone scrolls through; keeps a one-letter query cheap in a big workspace. */
const MAX_SYMBOLS = 1000;

function contains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

function fieldSymbol(kind: 'speaker' | 'role' | 'company', field: Field | undefined, talk: Talk): DocumentSymbol[] {
  const name = field?.text.trim();
  // LSP wants children inside their parent: a field read from front matter (outside the talk) is not listed.
  if (!field || !name || !contains(talk.range, field.range)) return [];
  return [{ name, detail: kind, kind: SymbolKind.Property, range: field.range, selectionRange: field.range }];
}

/** The talks of a document as outline symbols. */
export function talkDocumentSymbols(talks: readonly Talk[]): DocumentSymbol[] {
  return talks.map((talk) => {
    const speakers = talk.speakers.length > 0 ? talk.speakers : talk.speaker ? [talk.speaker] : [];
    const children = [...speakers.flatMap((s) => fieldSymbol('speaker', s, talk)), ...fieldSymbol('role', talk.role, talk), ...fieldSymbol('company', talk.company, talk)];
    const detail = [speakerNames(talk).join(', '), talk.company?.text.trim()].filter((p) => p).join(' · ');
    const selection = contains(talk.range, talk.heading.textRange) ? talk.heading.textRange : talk.range;
    return { name: talk.title || '(untitled talk)', detail, kind: SymbolKind.Event, range: talk.range, selectionRange: selection, children };
  });
}

export function registerSymbols(connection: Connection, store: DocumentStore, workspace: WorkspaceNotes, log: (message: string) => void): void {
  connection.onDocumentSymbol(async (params) => {
    try {
      const record = await store.current(params.textDocument.uri);
      return record?.isNotes ? talkDocumentSymbols(record.doc.talks) : [];
    } catch (err) {
      log(`Document symbols failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  });
  connection.onWorkspaceSymbol(async (params, token) => {
    try {
      const files = await workspace.files();
      if (token.isCancellationRequested) return [];
      return talkSymbols(files, params.query)
        .slice(0, MAX_SYMBOLS)
        .map((s): SymbolInformation => ({ name: s.name, kind: s.kind === 'talk' ? SymbolKind.Event : SymbolKind.Property, containerName: s.container, location: { uri: s.fileKey, range: s.range } }));
    } catch (err) {
      log(`Workspace symbols failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  });
}
