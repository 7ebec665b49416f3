// Where the speaker, role and company of each talk are written, as semantic tokens (pure; the glue encodes them).
import type { Field, FieldName, FieldSource, NotesDocument } from '../model';

/** Token types, in legend order (package.json `semanticTokenTypes` declares them). */
export const FIELD_TOKEN_TYPES: readonly FieldName[] = ['speaker', 'role', 'company'];
/** Modifiers, in legend order: where the layout put the field (package.json `semanticTokenModifiers`). */
export const FIELD_TOKEN_MODIFIERS = ['heading', 'label', 'title', 'byline', 'frontMatter'] as const;

export type FieldTokenModifier = (typeof FIELD_TOKEN_MODIFIERS)[number];

const MODIFIER_OF: Record<FieldSource, FieldTokenModifier> = {
  heading: 'heading', label: 'label', title: 'title', byline: 'byline', 'front-matter': 'frontMatter',
};

export interface FieldToken {
  line: number;
  character: number;
  length: number;
  type: FieldName;
  modifier: FieldTokenModifier;
}

/** One token per field value, in document order, without overlaps; multi-line values are cut at the first line. */
export function fieldTokens(doc: NotesDocument): FieldToken[] {
  const tokens: FieldToken[] = [];
  const add = (type: FieldName, field: Field | undefined): void => {
    if (!field) return;
    const { start, end } = field.range;
    const lineText = doc.lines[start.line];
    if (lineText === undefined) return;
    const endChar = end.line === start.line ? end.character : lineText.length;
    const length = Math.min(endChar, lineText.length) - start.character;
    if (length <= 0) return;
    tokens.push({ line: start.line, character: start.character, length, type, modifier: MODIFIER_OF[field.source] });
  };
  for (const talk of doc.talks) {
    const speakers = talk.speakers.length > 0 ? talk.speakers : talk.speaker ? [talk.speaker] : [];
    for (const s of speakers) add('speaker', s);
    add('role', talk.role);
    add('company', talk.company);
  }
  tokens.sort((a, b) => a.line - b.line || a.character - b.character);
  const result: FieldToken[] = [];
  for (const t of tokens) {
    const prev = result[result.length - 1];
    if (prev && prev.line === t.line && prev.character + prev.length > t.character) continue;
    result.push(t);
  }
  return result;
}
