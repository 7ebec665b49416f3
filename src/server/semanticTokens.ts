// Semantic tokens for the speaker, role and company of each talk (the core's fieldTokens), in notes files only,
// with the legend the extension declares in package.json.
import { SemanticTokensBuilder, type Connection, type SemanticTokensLegend } from 'vscode-languageserver';
import { FIELD_TOKEN_MODIFIERS, FIELD_TOKEN_TYPES, fieldTokens } from '../core/highlighting/fieldTokens';
import type { DocumentStore } from './documents';

export const FIELD_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...FIELD_TOKEN_TYPES], tokenModifiers: [...FIELD_TOKEN_MODIFIERS] };

export function registerSemanticTokens(connection: Connection, store: DocumentStore, log: (message: string) => void): void {
  connection.languages.semanticTokens.on(async (params) => {
    const builder = new SemanticTokensBuilder();
    try {
      const record = await store.current(params.textDocument.uri);
      if (record?.isNotes) {
        for (const t of fieldTokens(record.doc)) builder.push(t.line, t.character, t.length, FIELD_TOKEN_TYPES.indexOf(t.type), 1 << FIELD_TOKEN_MODIFIERS.indexOf(t.modifier));
      }
    } catch (err) {
      log(`Semantic tokens failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    return builder.build();
  });
}
