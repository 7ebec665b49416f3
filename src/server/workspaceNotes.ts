// The notes files of the workspace, for workspace symbols and completion: Markdown files under the workspace folders
// (listed by the host), parsed once per change of size or time, kept when they are conference notes. Open documents
// are read from their records instead, so what the user types counts at once.
import { isConferenceNotes, parseNotes, type NotesDocument } from '../core';
import type { NotesFile } from '../core/talks/rows';
import type { Configuration } from './configuration';
import type { DocumentStore } from './documents';
import type { ListedFile, ServerHost } from './host';

/** Files looked at per workspace, at most (a one-letter query must stay cheap). */
const MAX_FILES = 2000;
/** Default of `conferenceNotes.talks.maxFileSizeKB`: larger files are not indexed. */
const MAX_FILE_BYTES = 512 * 1024;
/** The folder listing is trusted this long before it is read again (no watcher needed). */
const LISTING_TTL_MS = 3000;

interface Entry {
  /** Size and time of change the model was parsed at. */
  stamp: string;
  doc: NotesDocument | undefined;
}

export class WorkspaceNotes {
  private readonly parsed = new Map<string, Entry>();
  private listing?: { at: number; files: Promise<ListedFile[]> };

  constructor(
    private readonly host: ServerHost,
    private readonly configuration: Configuration,
    private readonly store: DocumentStore,
  ) {}

  /** A file changed on disk (watched files, or saved): read it again next time. */
  forget(uri: string): void {
    this.parsed.delete(uri);
    this.listing = undefined;
  }

  /** Every notes file of the workspace and every open notes document, open ones as the user sees them now. */
  async files(): Promise<NotesFile[]> {
    const out = new Map<string, NotesFile>();
    for (const record of this.store.all()) {
      const current = await this.store.current(record.uri);
      if (current?.isNotes) out.set(record.uri, { key: record.uri, name: this.nameOf(record.uri), doc: current.doc });
    }
    for (const { uri, size, mtime } of await this.list()) {
      if (out.has(uri) || size > MAX_FILE_BYTES) continue;
      const doc = await this.parse(uri, `${size}:${mtime}`);
      if (doc) out.set(uri, { key: uri, name: this.nameOf(uri), doc });
    }
    return [...out.values()];
  }

  nameOf(uri: string): string {
    return this.configuration.relativePath(uri) ?? decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  }

  private list(): Promise<ListedFile[]> {
    const now = Date.now();
    if (!this.listing || now - this.listing.at > LISTING_TTL_MS) {
      const files = Promise.all(this.configuration.workspaceFolders().map((f) => this.host.listMarkdown(f, MAX_FILES).catch(() => []))).then((lists) => lists.flat().slice(0, MAX_FILES));
      this.listing = { at: now, files };
    }
    return this.listing.files;
  }

  private async parse(uri: string, stamp: string): Promise<NotesDocument | undefined> {
    const hit = this.parsed.get(uri);
    if (hit && hit.stamp === stamp) return hit.doc;
    let doc: NotesDocument | undefined;
    try {
      const text = await this.host.readText(uri);
      if (text !== undefined) {
        const settings = await this.configuration.notesSettings(uri);
        const parsed = parseNotes(text, { nonTalkSections: settings.nonTalkSections });
        doc = isConferenceNotes(parsed, settings, this.configuration.relativePath(uri)) ? parsed : undefined;
      }
    } catch {
      // A file that cannot be read or parsed is no notes file.
      doc = undefined;
    }
    this.parsed.set(uri, { stamp, doc });
    return doc;
  }
}
