// TEMPORARY stub (replaced with the real decision in the parser commit).
import type { NotesDocument } from './model';
import type { NotesSettings } from './settings';
export function isConferenceNotes(doc: NotesDocument, _settings: NotesSettings, _relativePath?: string): boolean {
  return doc.talks.filter((t) => t.speaker).length >= 2;
}
