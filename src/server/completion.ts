// Completion of speaker names, roles and companies known in the workspace, where a field's value is written: after
// a label (`Speaker:`, `**Company:**`, `- role:`) or in a heading inside a talk's field area.
import { CompletionItemKind, type CompletionItem, type Connection, type Position } from 'vscode-languageserver';
import type { NotesDocument } from '../core';
import { speakerNames, type NotesFile } from '../core/talks/rows';
import type { DocumentStore } from './documents';
import type { WorkspaceNotes } from './workspaceNotes';

type FieldKind = 'speaker' | 'role' | 'company';

const LABEL = /^(\s*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?)(speakers?|presenters?|by|role|position|job title|company|organi[sz]ation|employer)\s*(?::\s*(?:\*\*|__|\*|_)?|(?:\*\*|__|\*|_)\s*:)\s*/i;
const HEADING = /^(\s{0,3}#{2,6}\s+)/;

function labelKind(label: string): FieldKind {
  const l = label.toLowerCase();
  if (/^(speakers?|presenters?|by)$/.test(l)) return 'speaker';
  if (/^(role|position|job title)$/.test(l)) return 'role';
  return 'company';
}

/** What the cursor's line is a value of, and where the value starts; undefined where no field is written. */
export function fieldContext(doc: NotesDocument, position: Position): { kinds: FieldKind[]; start: number } | undefined {
  const line = doc.lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const label = LABEL.exec(before);
  if (label) return { kinds: [labelKind(label[2]!)], start: label[0].length };
  const heading = HEADING.exec(before);
  if (!heading) return undefined;
  // A heading below a talk heading and above its notes: where the heading layout writes its fields.
  const talk = doc.talks.find((t) => t.headingRange.start.line < position.line && position.line <= t.range.end.line + 1);
  if (!talk) return undefined;
  const notesStart = talk.notesRange?.start.line;
  if (notesStart !== undefined && position.line >= notesStart && !talk.fieldHeadings.some((h) => h.range.start.line === position.line)) return undefined;
  return { kinds: ['speaker', 'role', 'company'], start: heading[0].length };
}

/** Every speaker, role and company of the files, with how many talks name it. */
export function knownFields(files: readonly NotesFile[]): Map<FieldKind, Map<string, number>> {
  const out = new Map<FieldKind, Map<string, number>>([['speaker', new Map()], ['role', new Map()], ['company', new Map()]]);
  const add = (kind: FieldKind, text: string | undefined): void => {
    const value = text?.trim();
    if (!value) return;
    const m = out.get(kind)!;
    m.set(value, (m.get(value) ?? 0) + 1);
  };
  for (const f of files) {
    for (const talk of f.doc.talks) {
      for (const s of speakerNames(talk)) add('speaker', s);
      add('role', talk.role?.text);
      add('company', talk.company?.text);
    }
  }
  return out;
}

const KIND: Record<FieldKind, CompletionItemKind> = { speaker: CompletionItemKind.Value, role: CompletionItemKind.Text, company: CompletionItemKind.Constant };

export function registerCompletion(connection: Connection, store: DocumentStore, workspace: WorkspaceNotes, log: (message: string) => void): void {
  connection.onCompletion(async (params): Promise<CompletionItem[]> => {
    try {
      const record = await store.current(params.textDocument.uri);
      if (!record?.isNotes) return [];
      const context = fieldContext(record.doc, params.position);
      if (!context) return [];
      const known = knownFields(await workspace.files());
      const range = { start: { line: params.position.line, character: context.start }, end: params.position };
      const items: CompletionItem[] = [];
      for (const kind of context.kinds) {
        for (const [value, talks] of known.get(kind)!) {
          items.push({ label: value, kind: KIND[kind], detail: `${kind} · ${talks === 1 ? '1 talk' : `${talks} talks`}`, filterText: value, textEdit: { range, newText: value } });
        }
      }
      return items;
    } catch (err) {
      log(`Completion failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  });
}
