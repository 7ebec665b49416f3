// The server's one owner of each open document: one record holds its text, its model and lint session, its settings
// and its findings, and it is the only path from an edit to findings. An edit is parsed once (incrementally, from
// the previous model, comparing only the lines the client's change events touched: noteChange, knownLines); when it
// kept the structure the lint session re-checks only the edited block (and, for spelling, the blocks using a word
// whose uses the edit changed), synchronously, and the diagnostics go out at once; otherwise the whole document is
// linted in slices (the visible lines first), cancelled by the next edit. Every feature reads the record through
// `current(uri)`. Nothing on the way from a keystroke to its diagnostics reads the whole text.
import type { Connection } from 'vscode-languageserver';
import type { Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Finding, NotesDocument } from '../core';
import { explainNotes } from '../core/detect';
import type { KnownLines } from '../core/incremental';
export { changedLineSpan } from '../core/incremental';
import { lintLines } from '../core/lint';
import { LintSession, type SessionUpdate } from '../core/lintSession';
import { findingsChangedNotification, type FindingsChangedParams, type WireLocale } from '../core/protocol';
import type { LineSpan, LintConfig, Speller } from '../core/rules/types';
import type { Configuration } from './configuration';
import { sameFindings, shownFindings, toDiagnostics, type Shown } from './diagnostics';
import type { ServerHost } from './host';
import { LinesDocument, textLength } from './linesDocument';
import type { DocumentSettings } from './settings';
import type { Spellers } from './spellers';
import { documentLocale } from '../core/spelling/locale';
import type { EnglishSpeller } from '../core/spelling/speller';
import { isSupportedLocale, unknownLocaleMessage } from '../core/lintConfig';
import { SPELLING_RULE_ID } from '../core/rules/spelling';

/**
 * Documents longer than this (characters or lines) are parsed in slices, cancelled by the next edit. Lines too: the
 * parse costs by heading more than by character (5,000 setext headings are 75 KB and took a second at once).
 */
const SLICED_PARSE_CHARS = 100_000;
const SLICED_PARSE_LINES = 2_000;
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
  /** Why: "13 talks, 13 with a speaker", or the user's override ("marked as notes by you"). */
  reason: string;
  decidedBy: 'override' | 'detection';
  /** Not notes, but nearly (a client may offer to treat it as notes). */
  nearlyNotes: boolean;
  /** The settings `isNotes` was decided with. */
  notesSettings?: DocumentSettings;
  /** The override `isNotes` was decided with. */
  notesOverride?: boolean;
  /** The dictionary the spelling rule last checked it with. */
  locale?: WireLocale;
  /** Where a word is being typed (holdTypedWord): its spelling finding waits until the cursor leaves it. */
  typing?: { line: number; character: number };
  /** The findings last published (every one; partial while `complete` is false) and their version. */
  findings?: Finding[];
  findingsVersion: number;
  /** Changes whenever the list of findings does (not on a publish of the same findings for a newer version). */
  findingsGeneration: number;
  complete: boolean;
  /** Lines the user sees (custom notification); the diagnostics window and a full lint follow them. */
  visible?: LineSpan;
  /** What was last published, to skip publishing the same again. */
  shown?: Shown;
  toldTooLarge: boolean;
  closed: boolean;
  /**
   * Since the text of version `from` (the model's, when it was noted), the lines that may differ, up to version
   * `to` (changedLineSpan over each change): the next parse takes the new lines from the model's and these.
   */
  changedSince?: { from: number; to: number; span: LineSpan };
}


/**
 * A string of its own: a substring of the whole text would keep that version's text alive (V8 slices point into
 * their parent) for as long as the line lives, and the lines of a model live on through every later version.
 */
function ownCopy(s: string): string {
  return (s + ' ').slice(0, -1);
}

export interface DocumentStoreOptions {
  /** At most this many diagnostics per document (ServerInitOptions.diagnosticsWindow). */
  window?: number;
  /** ServerInitOptions.rulesUrl. */
  rulesUrl?: string;
  /** ServerInitOptions.overrides. */
  overrides?: Record<string, boolean>;
  log: (message: string) => void;
}

/** A letters-only change on one line: a word being typed (or its letters deleted), ending where the change ends. */
const WORD_TYPED = /^[\p{L}'\u2019]*$/u;

export class DocumentStore {
  private readonly records = new Map<string, NotesRecord>();
  private readonly listeners: Array<(record: NotesRecord) => void> = [];
  private readonly parsedListeners: Array<(record: NotesRecord) => void> = [];
  private readonly closeListeners: Array<(uri: string) => void> = [];
  private overrides: Record<string, boolean>;
  /** Names the workspace's notes establish (LintConfig.names), the same array while they do not change. */
  private names: readonly string[] | undefined;
  /** Per lint config of a document's settings, that config with the workspace names (the same object while both hold). */
  private readonly withNames = new WeakMap<LintConfig, { names: readonly string[] | undefined; config: LintConfig }>();
  private readonly configKeys = new WeakMap<LintConfig, string>();
  private readonly warnedLocales = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly configuration: Configuration,
    private readonly spellers: Spellers,
    private readonly options: DocumentStoreOptions,
  ) {
    this.overrides = options.overrides ?? {};
  }

  /** The client's per-file overrides changed: the documents they concern are decided and linted again. */
  setOverrides(overrides: Record<string, boolean>): void {
    const before = this.overrides;
    this.overrides = overrides;
    for (const record of this.records.values()) {
      if (before[record.uri] !== overrides[record.uri]) void this.lint(record);
    }
  }

  /** The workspace's names changed: every open document is checked again with them. */
  setNames(names: readonly string[]): boolean {
    const old = this.names;
    if (old && old.length === names.length && old.every((n, i) => n === names[i])) return false;
    this.names = names;
    for (const record of this.records.values()) void this.lint(record);
    return true;
  }

  workspaceNameCount(): number {
    return this.names?.length ?? 0;
  }

  /**
   * A change of a document (holdTypedWord): letters typed on one line are a word in progress, whose spelling waits
   * until the cursor leaves it; any other change ends it. Called before `update` for that version.
   */
  noteTyping(uri: string, changes: readonly TextDocumentContentChangeEvent[]): void {
    const record = this.records.get(uri);
    if (!record) return;
    const change = changes.length === 1 ? changes[0] : undefined;
    const range = change && 'range' in change ? (change as { range?: Range }).range : undefined;
    if (change && range && range.start.line === range.end.line && WORD_TYPED.test(change.text) && (change.text !== '' || range.start.character !== range.end.character)) {
      record.typing = { line: range.start.line, character: range.start.character + change.text.length };
    } else {
      record.typing = undefined;
    }
  }

  /** Where the cursor is (cursorNotification; a line of -1: no single cursor): leaving a typed word shows its spelling. */
  setCursor(uri: string, line: number, character: number): void {
    const record = this.records.get(uri);
    const at = record?.typing;
    if (!record || !at || (at.line === line && at.character === character)) return;
    record.typing = undefined;
    if (record.findings && record.findingsVersion === record.text.version) this.publish(record, record.findingsVersion, record.findings, record.complete);
  }

  /** Called after each publish of a document's findings (and when they are cleared). */
  onDidChangeFindings(listener: (record: NotesRecord) => void): void {
    this.listeners.push(listener);
  }

  /** Called once a document's current version is parsed and decided (notes or not), before its lint. */
  onDidParse(listener: (record: NotesRecord) => void): void {
    this.parsedListeners.push(listener);
  }

  onDidClose(listener: (uri: string) => void): void {
    this.closeListeners.push(listener);
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
        reason: '',
        decidedBy: 'detection',
        nearlyNotes: false,
        findingsVersion: -1,
        findingsGeneration: 0,
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

  /**
   * The client changed a document from version `from` (`linesBefore` lines) to `text.version`, touching the lines
   * `span` of the new text (undefined: unknown, or the whole text). Called before `update` for that version.
   */
  noteChange(text: TextDocument, from: number, linesBefore: number, span: LineSpan | undefined): void {
    const record = this.records.get(text.uri);
    if (!record) return;
    const last = record.changedSince;
    // Spans of versions with the same line count add up; a change of the line count is parsed anew anyway.
    if (!span || text.lineCount !== linesBefore) record.changedSince = undefined;
    else if (record.modelVersion === from) record.changedSince = { from, to: text.version, span };
    else if (last && last.to === from) record.changedSince = { from: last.from, to: text.version, span: { start: Math.min(last.span.start, span.start), end: Math.max(last.span.end, span.end) } };
    else record.changedSince = undefined;
  }

  close(uri: string): void {
    const record = this.records.get(uri);
    if (!record) return;
    record.closed = true;
    this.records.delete(uri);
    for (const listener of this.closeListeners) listener(uri);
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
    if (record.modelVersion === version) {
      // The same model under other settings or another override: decided again (no parse).
      if (record.session.doc && (record.notesSettings !== settings || record.notesOverride !== this.overrides[record.uri])) this.decideNotes(record, record.session.doc, settings);
      return;
    }
    if (record.parsing?.version === version) return record.parsing.promise;
    // Joined only if the parse needs it (not when it reuses the model with the known lines).
    const document = record.text;
    const text = (): string => document.getText();
    const decide = (update: SessionUpdate): void => {
      record.modelVersion = version;
      // A model reused after an edit of plain lines keeps everything the verdict reads (talks, fields, headings,
      // title, front matter): with the same settings, the verdict stands.
      if (update.reused && record.notesSettings === settings && record.notesOverride === this.overrides[record.uri]) return;
      this.decideNotes(record, update.doc, settings);
    };
    const known = this.knownLines(record);
    if (textLength(document) <= SLICED_PARSE_CHARS && document.lineCount <= SLICED_PARSE_LINES) {
      decide(record.session.update(text, known));
      return;
    }
    const session = record.session;
    const promise = session.updateInSlices(text, { budgetMs: SLICE_MS, isCancelled: () => record.closed || record.text.version !== version || record.session !== session }, known).then((result) => {
      if (result && record.session === session) decide(result);
    });
    record.parsing = { version, promise };
    try {
      await promise;
    } finally {
      if (record.parsing?.promise === promise) record.parsing = undefined;
    }
  }

  /** Whether the document is notes: the user's override, else the detection with the settings (and its reason). */
  private decideNotes(record: NotesRecord, doc: NotesDocument, settings: DocumentSettings): void {
    const override = this.overrides[record.uri];
    record.notesSettings = settings;
    record.notesOverride = override;
    if (!this.isMarkdown(record)) {
      Object.assign(record, { isNotes: false, reason: 'not Markdown', decidedBy: 'detection', nearlyNotes: false });
    } else if (override !== undefined) {
      Object.assign(record, { isNotes: override, reason: override ? 'marked as notes by you' : 'marked as not notes by you', decidedBy: 'override', nearlyNotes: false });
    } else {
      const verdict = explainNotes(doc, settings.notes, this.configuration.relativePath(record.uri), this.configuration.folderName(record.uri));
      Object.assign(record, { isNotes: verdict.isNotes, reason: verdict.reason, decidedBy: 'detection', nearlyNotes: !verdict.isNotes && verdict.nearly });
    }
  }

  /**
   * The current version's lines without splitting the text (splitting a big text after each keystroke, and comparing
   * every line, was most of the parse of an edit), and the lines that may differ from the model's: a LinesDocument's
   * own array (a new one each version, never changed), else the model's lines with the changed ones read from the
   * text. The lines changed since the model's version are known from noteChange; otherwise every line is compared.
   */
  private knownLines(record: NotesRecord): KnownLines | undefined {
    const hint = record.changedSince;
    const doc = record.session.doc;
    const text = record.text;
    const sameLines = !!doc && text.lineCount === doc.lineCount;
    const span = hint && sameLines && hint.from === record.modelVersion && hint.to === text.version ? { start: Math.max(0, hint.span.start), end: Math.min(hint.span.end, doc.lineCount) } : undefined;
    if (text instanceof LinesDocument) return { lines: text.lines as string[], changed: span ?? { start: 0, end: text.lineCount } };
    if (!span || !doc) return undefined;
    const lines = doc.lines.slice();
    for (let l = span.start; l < span.end; l++) lines[l] = ownCopy(text.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).replace(/(?:\r\n|\n|\r)$/, ''));
    return { lines, changed: span };
  }

  /** Lints the current version and publishes its diagnostics, unless a newer version or a close comes first. */
  private async lint(record: NotesRecord): Promise<void> {
    const version = record.text.version;
    const stale = (): boolean => record.closed || record.text.version !== version;
    try {
      await this.parse(record);
      if (stale() || record.modelVersion !== version) return;
      for (const listener of this.parsedListeners) listener(record);
      const settings = record.settings!;
      if (!record.isNotes) {
        this.clear(record, version);
        return;
      }
      if (textLength(record.text) > settings.maxLintBytes) {
        this.tooLarge(record, settings.maxLintBytes, version);
        return;
      }
      const config = this.configWithNames(settings.lint);
      if (config.locale !== undefined && !isSupportedLocale(config.locale)) this.warnLocale(config.locale);
      const base = config.rules.spelling === 'off' ? undefined : await this.spellers.forLocale(config.locale);
      if (stale()) return;
      // As the CLI does: without a configured locale, the English the file's own spellings show.
      const doc = record.session.doc;
      let speller: Speller | undefined = base;
      record.locale = undefined;
      if (base && doc && base.localesOf && base.withLocale) {
        const l = documentLocale(doc, config.locale, base as EnglishSpeller);
        speller = base.withLocale(l.locale, l.alsoAccepted);
        record.locale = { locale: l.locale, alsoAccepted: [...l.alsoAccepted], source: l.source };
      }
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

  /** The settings' lint config with the workspace's names (the same object while neither changes). */
  private configWithNames(lint: LintConfig): LintConfig {
    if (!this.names || this.names.length === 0) return lint;
    const hit = this.withNames.get(lint);
    if (hit && hit.names === this.names) return hit.config;
    const config = { ...lint, names: lint.names ? [...lint.names, ...this.names] : this.names };
    this.withNames.set(lint, { names: this.names, config });
    return config;
  }

  /** An unknown `conferenceNotes.spelling.locale` (settings.json can hold any string): said once per value. */
  private warnLocale(locale: string): void {
    if (this.warnedLocales.has(locale)) return;
    this.warnedLocales.add(locale);
    this.configuration.report(`conferenceNotes.spelling.locale ${unknownLocaleMessage(locale)}; spelling uses en-US meanwhile.`);
  }

  /** New config or speller for the session (compared by value: settings are read again after every change). */
  private configure(record: NotesRecord, config: LintConfig, speller: Speller | undefined): void {
    let key = this.configKeys.get(config);
    if (key === undefined) this.configKeys.set(config, (key = JSON.stringify(config)));
    if (key === record.lintKey && speller === record.speller) return;
    record.session.configure({ config, speller });
    record.lintKey = key;
    record.speller = speller;
  }

  private publish(record: NotesRecord, version: number, findings: Finding[], complete: boolean): void {
    if (!record.findings || (record.findings !== findings && !sameFindings(record.findings, findings))) record.findingsGeneration++;
    record.findings = findings;
    record.findingsVersion = version;
    record.complete = complete;
    const focus = record.visible ? Math.floor((record.visible.start + record.visible.end) / 2) : 0;
    const at = record.typing;
    const held = at ? findings.filter((f) => f.rule !== SPELLING_RULE_ID || f.range.end.line !== at.line || f.range.end.character !== at.character) : findings;
    const shown = shownFindings(held, this.options.window, focus);
    const last = record.shown;
    const same = !!last && sameFindings(last.findings, shown.findings);
    if (!last || !same || (last.notice !== shown.notice && complete)) {
      record.shown = shown;
      void this.connection.sendDiagnostics({ uri: record.uri, version, diagnostics: toDiagnostics(shown, this.options.rulesUrl) });
    } else {
      // The same findings in the window. While a first lint is still partial, only the notice's count of those not
      // shown grows: it waits for the complete publish (each publish made the client convert 1,000 diagnostics again,
      // most of a big file's opening in the extension host).
      record.shown = { ...shown, findings: last.findings, notice: last.notice };
    }
    this.changed(record);
  }

  private clear(record: NotesRecord, version: number): void {
    const had = record.shown !== undefined;
    if (record.findings?.length !== 0) record.findingsGeneration++;
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
    const mb = (textLength(record.text) / 1024 / 1024).toFixed(1);
    const text = `Conference Notes: ${record.uri} is ${mb} MB, over the ${limit / 1024 / 1024} MB lint limit (conferenceNotes.lint.maxFileSizeMB): it gets its outline and talks, but no lint or spelling.`;
    this.options.log(text);
    void this.connection.window.showInformationMessage(text);
  }

  private changed(record: NotesRecord): void {
    const params: FindingsChangedParams = { uri: record.uri, version: record.findingsVersion, isNotes: record.isNotes, problems: record.findings?.length ?? 0, generation: record.findingsGeneration, complete: record.complete, workspaceNames: this.names?.length ?? 0 };
    if (record.isNotes && record.locale) params.locale = record.locale;
    void this.connection.sendNotification(findingsChangedNotification.method, params);
    for (const listener of this.listeners) listener(record);
  }
}
