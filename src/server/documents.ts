// The server's one owner of each open document: one record holds its text, its model and lint session, its settings
// and its findings, and it is the only path from an edit to findings. An edit is parsed once (incrementally, from
// the previous model: parseIncremental's single diff); when it kept the structure the lint session re-checks only the
// edited block, synchronously, and the diagnostics go out at once; otherwise the whole document is linted in slices
// (the visible lines first), cancelled by the next edit. Every feature reads the record through `current(uri)`.
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isConferenceNotes, type Finding, type NotesDocument } from '../core';
import { lintLines } from '../core/lint';
import { LintSession } from '../core/lintSession';
import { findingsChangedNotification, type FindingsChangedParams } from '../core/protocol';
import type { LineSpan, LintConfig, Speller } from '../core/rules/types';
import type { Configuration } from './configuration';
import { sameFindings, shownFindings, toDiagnostics, type Shown } from './diagnostics';
import type { ServerHost } from './host';
import type { DocumentSettings } from './settings';
import type { Spellers } from './spellers';
import { spellerForDocument } from '../core/spelling/locale';

/** Documents longer than this (characters) are parsed in slices, cancelled by the next edit. */
const SLICED_PARSE_CHARS = 100_000;
/** Synchronous work per slice of a full lint or parse. */
const SLICE_MS = 12;
/** A first lint of a file longer than this publishes what it found so far, at most every PARTIAL_MS. */
const PARTIAL_MIN_LINES = 2000;
const PARTIAL_MS = 250;

const MARKDOWN_FILE = /\.(md|markdown|mdown|mkd)$/i;

export interface NotesRecord {
  readonly uri: string;
  /** The latest text the client sent, with its version. */
  text: TextDocument;
  /** Owns the model (`session.doc`) and, when known, its complete findings (`session.findings`). */
  session: LintSession;
  /** The version `session.doc` was parsed from (-1: not parsed yet). */
  modelVersion: number;
  /** A sliced parse under way. */
  parsing?: { version: number; promise: Promise<void> };
  /** Undefined until read, and again after a settings change. */
  settings?: DocumentSettings;
  /** The parse options the session was made with (non-talk sections). */
  parseKey: string;
  /** The lint config and speller the session was configured with. */
  lintKey: string;
  speller?: Speller;
  isNotes: boolean;
  /** The findings last published (every one; partial while `complete` is false) and their version. */
  findings?: Finding[];
  findingsVersion: number;
  complete: boolean;
  /** Lines the user sees (custom notification); the diagnostics window and a full lint follow them. */
  visible?: LineSpan;
  /** What was last published, to skip publishing the same again. */
  shown?: Shown;
  toldTooLarge: boolean;
  closed: boolean;
}

export interface DocumentStoreOptions {
  /** At most this many diagnostics per document (ServerInitOptions.diagnosticsWindow). */
  window?: number;
  log: (message: string) => void;
}

export class DocumentStore {
  private readonly records = new Map<string, NotesRecord>();
  private readonly listeners: Array<(record: NotesRecord) => void> = [];

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly configuration: Configuration,
    private readonly spellers: Spellers,
    private readonly options: DocumentStoreOptions,
  ) {}

  /** Called after each publish of a document's findings (and when they are cleared). */
  onDidChangeFindings(listener: (record: NotesRecord) => void): void {
    this.listeners.push(listener);
  }

  get(uri: string): NotesRecord | undefined {
    return this.records.get(uri);
  }

  all(): NotesRecord[] {
    return [...this.records.values()];
  }

  /** A document was opened or edited: the record takes the new text and the lint starts at once. */
  update(text: TextDocument): void {
    let record = this.records.get(text.uri);
    if (!record) {
      record = {
        uri: text.uri,
        text,
        session: new LintSession(),
        modelVersion: -1,
        parseKey: '\u0000',
        lintKey: '',
        isNotes: false,
        findingsVersion: -1,
        complete: false,
        toldTooLarge: false,
        closed: false,
      };
      this.records.set(text.uri, record);
    } else {
      record.text = text;
    }
    void this.lint(record);
  }

  close(uri: string): void {
    const record = this.records.get(uri);
    if (!record) return;
    record.closed = true;
    this.records.delete(uri);
    if (record.shown) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Settings changed (client settings or a config file): every open document is read and linted again. */
  relintAll(): void {
    for (const record of this.records.values()) {
      record.settings = undefined;
      void this.lint(record);
    }
  }

  /** The record with its model of the current version (parsed now if need be); undefined if not open. */
  async current(uri: string): Promise<(NotesRecord & { doc: NotesDocument }) | undefined> {
    const record = this.records.get(uri);
    if (!record) return undefined;
    await this.parse(record);
    const doc = record.session.doc;
    return doc && !record.closed ? Object.assign(record, { doc }) : undefined;
  }

  /** Every finding of the record's current model, if known without a full lint (complete, not a window). */
  findingsNow(record: NotesRecord): Finding[] | undefined {
    if (!record.isNotes) return [];
    return record.session.findings ?? (record.findingsVersion === record.modelVersion && record.complete ? record.findings : undefined);
  }

  /** The findings on `lines` of the current model, checked now (a code action while the full lint runs). */
  findingsOnLines(record: NotesRecord, lines: LineSpan): Finding[] {
    const doc = record.session.doc;
    if (!doc || !record.isNotes) return [];
    return lintLines(doc, record.session.config, { speller: record.speller, fileExists: this.host.fileChecker?.(record.uri), onRuleError: this.onRuleError }, lines);
  }

  setVisible(uri: string, range: LineSpan): void {
    const record = this.records.get(uri);
    if (!record) return;
    record.visible = range;
    const window = record.shown?.window;
    if (!window || !record.findings || record.findingsVersion !== record.text.version) return;
    if (range.start >= window.from && range.end <= window.to + 1) return;
    this.publish(record, record.findingsVersion, record.findings, record.complete);
  }

  /** Whether the client's document is Markdown (by language id or, failing that, by file name). */
  private isMarkdown(record: NotesRecord): boolean {
    return record.text.languageId === 'markdown' || MARKDOWN_FILE.test(record.uri);
  }

  private readonly onRuleError = (rule: { id: string }, err: unknown): void => this.options.log(`Rule ${rule.id} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);

  /** Reads the settings if need be and parses the current version (incrementally from the last model). */
  private async parse(record: NotesRecord): Promise<void> {
    if (!record.settings) {
      const settings = await this.configuration.forDocument(record.uri);
      if (record.closed) return;
      record.settings ??= settings;
    }
    const settings = record.settings;
    const parseKey = settings.notes.nonTalkSections.join('\n');
    if (parseKey !== record.parseKey) {
      // Other sections: a new session parses from scratch (the old model's talks were cut with the old list).
      record.session = new LintSession({ parse: { nonTalkSections: settings.notes.nonTalkSections }, onRuleError: this.onRuleError, fileExists: this.host.fileChecker?.(record.uri) });
      record.parseKey = parseKey;
      record.lintKey = '';
      record.modelVersion = -1;
      record.parsing = undefined;
    }
    const version = record.text.version;
    if (record.modelVersion === version) return;
    if (record.parsing?.version === version) return record.parsing.promise;
    const text = record.text.getText();
    const decide = (doc: NotesDocument): void => {
      record.modelVersion = version;
      record.isNotes = this.isMarkdown(record) && isConferenceNotes(doc, settings.notes, this.configuration.relativePath(record.uri));
    };
    if (text.length <= SLICED_PARSE_CHARS) {
      decide(record.session.update(text).doc);
      return;
    }
    const session = record.session;
    const promise = session.updateInSlices(text, { budgetMs: SLICE_MS, isCancelled: () => record.closed || record.text.version !== version || record.session !== session }).then((result) => {
      if (result && record.session === session) decide(result.doc);
    });
    record.parsing = { version, promise };
    try {
      await promise;
    } finally {
      if (record.parsing?.promise === promise) record.parsing = undefined;
    }
  }

  /** Lints the current version and publishes its diagnostics, unless a newer version or a close comes first. */
  private async lint(record: NotesRecord): Promise<void> {
    const version = record.text.version;
    const stale = (): boolean => record.closed || record.text.version !== version;
    try {
      await this.parse(record);
      if (stale() || record.modelVersion !== version) return;
      const settings = record.settings!;
      if (!record.isNotes) {
        this.clear(record, version);
        return;
      }
      if (record.text.getText().length > settings.maxLintBytes) {
        this.tooLarge(record, settings.maxLintBytes, version);
        return;
      }
      const config = settings.lint;
      const base = config.rules.spelling === 'off' ? undefined : await this.spellers.forLocale(config.locale);
      // As the CLI and the extension: the file's own locale comment, the configured locale, else its spellings.
      const doc = record.session.doc;
      const speller = base && doc ? spellerForDocument(doc, config.locale, base) : base;
      if (stale()) return;
      this.configure(record, config, speller);
      let findings = record.session.findings;
      if (!findings) {
        const first = record.findings === undefined;
        const lineCount = record.session.doc?.lineCount ?? 0;
        findings = await record.session.lintAll({
          budgetMs: SLICE_MS,
          firstLines: record.visible,
          isCancelled: stale,
          onPartial: first && lineCount > PARTIAL_MIN_LINES ? (partial) => this.publish(record, version, partial, false) : undefined,
          partialMs: PARTIAL_MS,
        });
        if (!findings || stale()) return;
      }
      this.publish(record, version, findings, true);
    } catch (err) {
      this.options.log(`Linting ${record.uri} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }

  /** New config or speller for the session (compared by value: settings are read again after every change). */
  private configure(record: NotesRecord, config: LintConfig, speller: Speller | undefined): void {
    const key = JSON.stringify(config);
    if (key === record.lintKey && speller === record.speller) return;
    record.session.configure({ config, speller });
    record.lintKey = key;
    record.speller = speller;
  }

  private publish(record: NotesRecord, version: number, findings: Finding[], complete: boolean): void {
    record.findings = findings;
    record.findingsVersion = version;
    record.complete = complete;
    const focus = record.visible ? Math.floor((record.visible.start + record.visible.end) / 2) : 0;
    const shown = shownFindings(findings, this.options.window, focus);
    const last = record.shown;
    if (!last || last.notice !== shown.notice || !sameFindings(last.findings, shown.findings)) {
      record.shown = shown;
      void this.connection.sendDiagnostics({ uri: record.uri, version, diagnostics: toDiagnostics(shown) });
    } else {
      record.shown = { ...shown, findings: last.findings };
    }
    this.changed(record);
  }

  private clear(record: NotesRecord, version: number): void {
    const had = record.shown !== undefined;
    record.findings = [];
    record.findingsVersion = version;
    record.complete = true;
    record.shown = undefined;
    if (had) void this.connection.sendDiagnostics({ uri: record.uri, version, diagnostics: [] });
    this.changed(record);
  }

  private tooLarge(record: NotesRecord, limit: number, version: number): void {
    this.clear(record, version);
    if (record.toldTooLarge) return;
    record.toldTooLarge = true;
    const mb = (record.text.getText().length / 1024 / 1024).toFixed(1);
    const text = `Conference Notes: ${record.uri} is ${mb} MB, over the ${limit / 1024 / 1024} MB lint limit (conferenceNotes.lint.maxFileSizeMB): it gets its outline and talks, but no lint or spelling.`;
    this.options.log(text);
    void this.connection.window.showInformationMessage(text);
  }

  private changed(record: NotesRecord): void {
    const params: FindingsChangedParams = { uri: record.uri, version: record.findingsVersion, isNotes: record.isNotes, problems: record.findings?.length ?? 0, complete: record.complete };
    void this.connection.sendNotification(findingsChangedNotification.method, params);
    for (const listener of this.listeners) listener(record);
  }
}
