// Whether a Markdown file is conference notes, so a project's README is never linted for missing speakers.
import type { NotesDocument } from './model';
import type { NotesSettings } from './settings';
import { matchesAny } from './glob';

export interface NotesVerdict {
  isNotes: boolean;
  /** One line for the status bar tooltip or the Talks view: "13 talks, 13 with a speaker". */
  reason: string;
}

export function explainNotes(doc: NotesDocument, settings: NotesSettings, relativePath?: string): NotesVerdict {
  if (relativePath !== undefined) {
    if (matchesAny(relativePath, settings.exclude)) return { isNotes: false, reason: 'excluded by conferenceNotes.exclude' };
    if (settings.include.length > 0 && matchesAny(relativePath, settings.include)) return { isNotes: true, reason: 'included by conferenceNotes.include' };
  }
  const withSpeaker = doc.talks.filter((t) => t.speaker).length;
  const counts = `${doc.talks.length} talk${doc.talks.length === 1 ? '' : 's'}, ${withSpeaker} with a speaker`;
  if (doc.frontMatter?.conference) return { isNotes: true, reason: `front matter names the conference; ${counts}` };
  if (doc.frontMatter?.speaker && doc.talks.length > 0) return { isNotes: true, reason: `front matter names the speaker; ${counts}` };
  return { isNotes: withSpeaker >= 2, reason: counts };
}

export function isConferenceNotes(doc: NotesDocument, settings: NotesSettings, relativePath?: string): boolean {
  return explainNotes(doc, settings, relativePath).isNotes;
}
