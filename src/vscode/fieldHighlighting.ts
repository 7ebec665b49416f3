// Semantic tokens for the speaker, role and company of each talk, in notes files only (the TextMate
// injection grammar in syntaxes/ colours labelled fields everywhere; this knows the layout).
import * as vscode from 'vscode';
import { FIELD_TOKEN_MODIFIERS, FIELD_TOKEN_TYPES, fieldTokens } from '../core/highlighting/fieldTokens';
import { Disposable } from './dispose';
import { guard, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';

export const FIELD_TOKENS_LEGEND = new vscode.SemanticTokensLegend([...FIELD_TOKEN_TYPES], [...FIELD_TOKEN_MODIFIERS]);

class FieldTokensProvider extends Disposable implements vscode.DocumentSemanticTokensProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeSemanticTokens = this.changeEmitter.event;

  constructor(
    private readonly notes: NotesDocuments,
    private readonly log: Log,
  ) {
    super();
    // A document can become notes (or stop being notes) without an edit: an override or a setting.
    this._register(notes.onDidChange(() => this.changeEmitter.fire()));
  }

  async provideDocumentSemanticTokens(document: vscode.TextDocument): Promise<vscode.SemanticTokens | undefined> {
    // Asked after edits: a big file whose structure changed is parsed in slices first, not in one go.
    const entry = await this.notes.ready(document);
    return guard(this.log, 'Semantic tokens', () => {
      const builder = new vscode.SemanticTokensBuilder(FIELD_TOKENS_LEGEND);
      if (entry?.isNotes) {
        for (const t of fieldTokens(entry.doc)) {
          builder.push(t.line, t.character, t.length, FIELD_TOKEN_TYPES.indexOf(t.type), 1 << FIELD_TOKEN_MODIFIERS.indexOf(t.modifier));
        }
      }
      return builder.build();
    }, undefined);
  }
}

export function registerFieldHighlighting(notes: NotesDocuments, log: Log): vscode.Disposable {
  const provider = new FieldTokensProvider(notes, log);
  return vscode.Disposable.from(
    provider,
    vscode.languages.registerDocumentSemanticTokensProvider({ language: 'markdown' }, provider, FIELD_TOKENS_LEGEND),
  );
}
