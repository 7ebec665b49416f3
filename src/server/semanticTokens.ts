// Semantic tokens for the speaker, role and company of each talk (the core's fieldTokens), in notes files only,
// with the legend the extension declares in package.json. After an edit a client asks for the difference from its
// last result (semanticTokens/full/delta): on a big file the few changed numbers instead of every token again.
import { SemanticTokensBuilder, type Connection, type SemanticTokensLegend } from 'vscode-languageserver';
import { FIELD_TOKEN_MODIFIERS, FIELD_TOKEN_TYPES, fieldTokens } from '../core/highlighting/fieldTokens';
import type { DocumentStore } from './documents';

export const FIELD_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...FIELD_TOKEN_TYPES], tokenModifiers: [...FIELD_TOKEN_MODIFIERS] };

/** Past this many documents with a last result, the oldest results are forgotten (a client then gets a full answer). */
const KEPT_RESULTS = 64;

type Token = readonly [line: number, character: number, length: number, type: number, modifiers: number];

export function registerSemanticTokens(connection: Connection, store: DocumentStore, log: (message: string) => void): void {
  /** Per document, the builder of its last result (it diffs the next one against it). */
  const builders = new Map<string, SemanticTokensBuilder>();

  const tokensOf = async (uri: string): Promise<Token[]> => {
    try {
      const record = await store.current(uri);
      if (!record?.isNotes) return [];
      return fieldTokens(record.doc).map((t) => [t.line, t.character, t.length, FIELD_TOKEN_TYPES.indexOf(t.type), 1 << FIELD_TOKEN_MODIFIERS.indexOf(t.modifier)] as const);
    } catch (err) {
      log(`Semantic tokens failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  };
  /** The builder for a new result of `uri`, diffing against `previous` when that is the result it last made. */
  const builderFor = (uri: string, previous?: string): SemanticTokensBuilder => {
    let builder = builders.get(uri);
    // Only against the result it made last: a builder keeps the data it diffed against before.
    if (builder && previous !== undefined && builder.id === previous) builder.previousResult(previous);
    else builder = new SemanticTokensBuilder();
    builders.delete(uri);
    builders.set(uri, builder);
    if (builders.size > KEPT_RESULTS) builders.delete(builders.keys().next().value!);
    return builder;
  };
  const fill = (builder: SemanticTokensBuilder, tokens: readonly Token[]): void => {
    for (const t of tokens) builder.push(...t);
  };

  connection.languages.semanticTokens.on(async (params) => {
    const tokens = await tokensOf(params.textDocument.uri);
    // Synchronously from here: two requests for one document never share a builder half-filled.
    const builder = builderFor(params.textDocument.uri);
    fill(builder, tokens);
    return builder.build();
  });
  connection.languages.semanticTokens.onDelta(async (params) => {
    const tokens = await tokensOf(params.textDocument.uri);
    const builder = builderFor(params.textDocument.uri, params.previousResultId);
    fill(builder, tokens);
    return builder.buildEdits();
  });
}
