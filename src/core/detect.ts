// Whether a Markdown file is conference notes, so a project's README is never linted for missing speakers.
import type { NotesDocument } from './model';
import type { NotesSettings } from './settings';
import { matchesAny } from './glob';

/**
 * Notes when the path matches `include`, or front matter names a conference (or a single talk's speaker),
 * or at least two talks have a speaker; never when the path matches `exclude`.
 */
export function isConferenceNotes(doc: NotesDocument, settings: NotesSettings, relativePath?: string): boolean {
  if (relativePath !== undefined) {
    if (matchesAny(relativePath, settings.exclude)) return false;
    if (settings.include.length > 0 && matchesAny(relativePath, settings.include)) return true;
  }
  if (doc.frontMatter?.conference) return true;
  if (doc.frontMatter?.speaker && doc.talks.length > 0) return true;
  return doc.talks.filter((t) => t.speaker).length >= 2;
}
