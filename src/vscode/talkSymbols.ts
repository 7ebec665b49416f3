// Ctrl+T finds talks by title and speakers by name across every notes file of the workspace.
import * as vscode from 'vscode';
import { talkSymbols } from '../core/talkTree';
import type { TalkFiles } from './talkFiles';

/** More than anyone scrolls through; keeps a one-letter query cheap in a big workspace. */
const MAX_SYMBOLS = 1000;

export function registerTalkSymbols(files: TalkFiles): vscode.Disposable {
  return vscode.languages.registerWorkspaceSymbolProvider({
    async provideWorkspaceSymbols(query, token) {
      await files.index.ready();
      if (token.isCancellationRequested) return [];
      const byKey = new Map(files.workspaceFiles().map((f) => [f.key, f]));
      return talkSymbols([...byKey.values()], query)
        .slice(0, MAX_SYMBOLS)
        .map((s) => {
          const r = s.range;
          const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
          const kind = s.kind === 'talk' ? vscode.SymbolKind.Event : vscode.SymbolKind.Property;
          return new vscode.SymbolInformation(s.name, kind, s.container, new vscode.Location(byKey.get(s.fileKey)!.uri, range));
        });
    },
  });
}
