// Fixes that add a missing speaker, role or company field, written in the document's own layout:
// a `### Name` heading where the document uses headings, a `**Speaker:** ` line where it uses labels, and so on.
import { escapeSnippet } from '../../edits';
import type { Field, FieldName, Fix, NotesDocument, Talk } from '../../model';

const ORDER: FieldName[] = ['speaker', 'role', 'company'];
const PLACEHOLDER: Record<FieldName, string> = { speaker: 'Speaker name', role: 'Role', company: 'Company' };
const LABEL: Record<FieldName, string> = { speaker: 'Speaker', role: 'Role', company: 'Company' };

function isBlank(doc: NotesDocument, line: number): boolean {
  return line >= doc.lineCount || (doc.lines[line] ?? '').trim() === '';
}

function endOfLine(doc: NotesDocument, line: number): { line: number; character: number } {
  return { line, character: (doc.lines[line] ?? '').length };
}

/**
 * Templates by document and kind, found once: each looks through every talk, and a document with thousands of talks
 * missing a field asks for one per talk (50,000 talks: a minute, issue 15).
 */
const templates = new WeakMap<NotesDocument, Map<string, string | undefined>>();

function once(doc: NotesDocument, key: string, find: () => string | undefined): string | undefined {
  let byKey = templates.get(doc);
  if (!byKey) templates.set(doc, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, find());
  return byKey.get(key);
}

/** The field line other talks of this document use for `name`, e.g. `- speaker: ` before the value. */
function labelTemplate(doc: NotesDocument, name: FieldName): string | undefined {
  return once(doc, `label:${name}`, () => findLabelTemplate(doc, name));
}

function findLabelTemplate(doc: NotesDocument, name: FieldName): string | undefined {
  for (const talk of doc.talks) {
    const field = talk[name];
    if (field?.source !== 'label' || field.range.start.line !== field.lineRange.start.line) continue;
    const line = doc.lines[field.range.start.line] ?? '';
    const prefix = line.slice(0, field.range.start.character);
    // Another field written before this one on the same line would be copied into the template.
    const shared = ORDER.some((n) => n !== name && talk[n]?.range.start.line === field.range.start.line && talk[n]!.range.start.character < field.range.start.character);
    if (!shared && prefix.trim() !== '') return escapeSnippet(prefix) + `\${1:${PLACEHOLDER[name]}}`;
  }
  return undefined;
}

function defaultLabel(doc: NotesDocument, name: FieldName): string {
  const label = LABEL[name];
  const value = `\${1:${PLACEHOLDER[name]}}`;
  switch (doc.layout.labelStyle) {
    case 'plain':
      return `${label}: ${value}`;
    case 'list':
      return `- ${label}: ${value}`;
    case 'italic':
      return `_${label}_: ${value}`;
    default:
      return `**${label}:** ${value}`;
  }
}

/** A whole line copied from another talk with its fields replaced by placeholders (byline layouts). */
function lineTemplate(doc: NotesDocument, source: 'byline'): string | undefined {
  return once(doc, `line:${source}`, () => findLineTemplate(doc, source));
}

function findLineTemplate(doc: NotesDocument, source: 'byline'): string | undefined {
  for (const talk of doc.talks) {
    const fields = ORDER.map((n) => talk[n]).filter((f): f is Field => f?.source === source);
    const speaker = talk.speaker;
    if (!speaker || speaker.source !== source || fields.some((f) => f.range.start.line !== speaker.range.start.line || f.range.end.line !== speaker.range.start.line)) continue;
    const line = doc.lines[speaker.range.start.line] ?? '';
    const sorted = ORDER.filter((n) => talk[n]?.source === source).sort((a, b) => talk[a]!.range.start.character - talk[b]!.range.start.character);
    let out = '';
    let at = 0;
    sorted.forEach((n, i) => {
      const f = talk[n]!;
      out += escapeSnippet(line.slice(at, f.range.start.character)) + `\${${i + 1}:${PLACEHOLDER[n]}}`;
      at = f.range.end.character;
    });
    return out + escapeSnippet(line.slice(at));
  }
  return undefined;
}

function headingLevelFor(doc: NotesDocument, name: FieldName): number {
  const level = doc.layout.fieldLevels[name];
  return level > doc.layout.talkLevel && level <= 6 ? level : Math.min(6, doc.layout.talkLevel + (name === 'speaker' ? 1 : 2));
}

/** A snippet fix inserting the missing field `name` into `talk`, in the document's layout. */
export function insertFieldFix(doc: NotesDocument, talk: Talk, name: FieldName): Fix {
  const style = doc.layout.fieldStyle;
  let text: string;
  let what: string;
  if (style === 'heading') {
    const level = headingLevelFor(doc, name);
    text = `${'#'.repeat(level)} \${1:${PLACEHOLDER[name]}}`;
    what = `${name} heading (${'#'.repeat(level)} ${PLACEHOLDER[name]})`;
  } else if (style === 'byline' && name === 'speaker' && lineTemplate(doc, 'byline')) {
    text = lineTemplate(doc, 'byline')!;
    what = 'speaker line';
  } else {
    text = labelTemplate(doc, name) ?? defaultLabel(doc, name);
    what = `'${text.replace(/\$\{1:[^}]*\}/, '').replace(/\\(.)/g, '$1').trim()}' line`;
  }
  const headingSpaced = style === 'heading';
  const index = ORDER.indexOf(name);
  // After the field that comes before this one, else before the field that comes after it, else under the heading.
  const before = ORDER.slice(0, index).reverse().map((n) => talk[n]).find((f) => f && f.source !== 'title' && f.source !== 'front-matter');
  const after = ORDER.slice(index + 1).map((n) => talk[n]).find((f) => f && f.source !== 'title' && f.source !== 'front-matter');
  const headingLine = talk.headingRange.end.line;
  let edit;
  if (before) {
    const line = before.lineRange.end.line;
    const gap = headingSpaced && isBlank(doc, line + 1) ? '\n' : '';
    edit = { range: { start: endOfLine(doc, line), end: endOfLine(doc, line) }, newText: `\n${gap}${text}` };
  } else if (after) {
    const line = after.lineRange.start.line;
    const gap = headingSpaced && isBlank(doc, line - 1) && line - 1 > headingLine ? '\n' : '';
    const at = { line, character: 0 };
    edit = { range: { start: at, end: at }, newText: `${text}\n${gap}` };
  } else {
    edit = { range: { start: endOfLine(doc, headingLine), end: endOfLine(doc, headingLine) }, newText: `\n${text}` };
  }
  return { title: `Insert ${what}`, preferred: true, snippet: true, safe: false, edits: [edit] };
}

export function fieldLabel(name: FieldName): string {
  return LABEL[name].toLowerCase();
}
