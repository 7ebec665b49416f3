// Lint diagnostics for open notes documents. The core computes findings; this manager owns the
// DiagnosticCollection: it lints at once on open and save and after the typing debounce (the timing of
// NotesDocuments.onDidChange), drops results for stale versions, and clears documents that close or stop
// being notes. It keeps the findings behind each diagnostic, keyed by rule and range, for the code actions.
import * as vscode from 'vscode';
import type { Finding, NotesDocument, Range, Severity } from '../core';
import { lintDocument, lintLines, nearestFindings } from '../core/lint';
import { LintSession } from '../core/lintSession';
import type { LintConfig, Speller } from '../core/rules/types';
import { Disposable } from './dispose';
import { LintConfigs } from './lintConfig';
import { errorText, type Log } from './log';
import { textLength, type NotesDocuments } from './notesDocuments';
import { nextTurn } from '../core/nextTurn';

export const DIAGNOSTIC_SOURCE = 'conference-notes';
/** A finding as the test commands answer it (plain data across the command boundary; src/vscode/testCommands.ts). */
export interface FindingState {
  rule: string;
  severity: vscode.DiagnosticSeverity;
  message: string;
  range: Range;
}
const LINK_RULE = 'link-without-scheme';

/**
 * Loads the speller for a locale (the spelling feature supplies it), for the document being linted (its own locale
 * comment and spellings may choose the dictionary); none means the spelling rule is quiet.
 */
export type SpellerProvider = (locale: string | undefined, target?: { uri: vscode.Uri; doc: NotesDocument }) => Promise<Speller | undefined>;

/** Findings that are not to be shown now (the spelling of the word being typed), given all of a document's. */
export type ShowFilter = (document: vscode.TextDocument, findings: readonly Finding[]) => readonly Finding[];

interface LintResult {
  version: number;
  findings: Finding[];
  /** `findingKey` → finding: the typed map from a diagnostic to its fixes (built when first asked: not per keystroke). */
  byKey?: Map<string, Finding>;
  /** False while a first full lint is still publishing partial results. */
  complete: boolean;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function findingKey(rule: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return `${rule}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

const signatures = new WeakMap<Finding, string>();
/** What a diagnostic shows of a finding: rule, range, severity and message (its fixes follow from them). */
function signatureOf(f: Finding): string {
  let s = signatures.get(f);
  if (s === undefined) {
    s = `${findingKey(f.rule, f.range)} ${f.severity} ${f.message}`;
    signatures.set(f, s);
  }
  return s;
}

/** Whether two lists of findings would show as the same diagnostics. */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i] || signatureOf(f) === signatureOf(b[i]!));
}

/** The finding of a result with this key. */
function byKeyOf(result: LintResult, key: string): Finding | undefined {
  result.byKey ??= new Map(result.findings.map((f) => [findingKey(f.rule, f.range), f]));
  return result.byKey.get(key);
}

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

/** Default of `conferenceNotes.lint.maxFileSizeMB`: larger files get structure only (outline, Talks), no lint. */
export const DEFAULT_MAX_LINT_MB = 10;

export function maxLintBytes(scope: vscode.Uri): number {
  const mb = vscode.workspace.getConfiguration('conferenceNotes.lint', scope).get<number>('maxFileSizeMB', DEFAULT_MAX_LINT_MB);
  return typeof mb === 'number' && Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : Infinity;
}

/**
 * VS Code shows at most 1,000 diagnostics per file and collection (errors first, then warnings...): past that, the
 * ones nearest the visible lines are published, and one more diagnostic says how many are not shown.
 */
export const MAX_SHOWN_DIAGNOSTICS = 1000;

/** How often a first lint in slices publishes what it found so far. */
const PARTIAL_MS = 250;
/**
 * Partial results only for files longer than this: a shorter one is linted within about a second, and publishing it
 * in stages would only redraw its squiggles two or three times (and restart a quick fix the user just asked for).
 */
const PARTIAL_MIN_LINES = 2000;

/** Synchronous work per slice of a full lint; the extension host stays responsive between slices. */
const SLICE_MS = 12;
/** Scheme-less link targets looked up as files per document at most, and per turn. */
const MAX_TARGET_CHECKS = 500;
const TARGET_BATCH = 25;

interface DocumentLint {
  session: LintSession;
  /** The config and speller the session was configured with (compared by value, they are rebuilt per request). */
  configKey: string;
  speller: Speller | undefined;
  /** Scheme-less link targets checked against the file system: true = a file (the link is fine). */
  targets: Map<string, boolean>;
}

export class LintDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  private readonly results = new Map<string, LintResult>();
  /** Per document, the number of the latest lint request; an older request that finishes late is dropped. */
  private readonly generation = new Map<string, number>();
  /** Per document, its incremental lint state. */
  private readonly lints = new Map<string, DocumentLint>();
  /** Per document past the diagnostics limit: the lines the published diagnostics span. */
  private readonly windows = new Map<string, { from: number; to: number }>();
  /** What was last set per document: the findings and the notice, to skip setting the same again (`setIfChanged`). */
  private readonly lastShown = new Map<string, { findings: readonly Finding[]; notice: string }>();
  /** Documents already told they are too large to lint (one notice per document and session). */
  private readonly toldTooLarge = new Set<string>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** Diagnostics of a document were set or cleared. */
  readonly onDidUpdate = this.changeEmitter.event;

  private readonly configs: LintConfigs;
  private showFilter?: ShowFilter;
  /** Names known beyond each document (the workspace's speakers and names), for the spelling rule. */
  private namesProvider?: () => readonly string[] | undefined;

  constructor(
    private readonly notes: NotesDocuments,
    private readonly log: Log,
    private readonly readmeUri: vscode.Uri,
    private readonly spellerFor: SpellerProvider = async () => undefined,
  ) {
    super();
    this.configs = this._register(new LintConfigs(log));
    this._register(notes.onDidChange((uri) => void this.request(uri)));
    this._register(notes.onDidClose((uri) => this.clear(uri)));
    this._register(this.configs.onDidChange(() => this.relintAll()));
    let scrollTimer: ReturnType<typeof setTimeout> | undefined;
    this._register(
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (!this.windows.has(e.textEditor.document.uri.toString())) return;
        if (scrollTimer !== undefined) clearTimeout(scrollTimer);
        scrollTimer = setTimeout(() => this.followScroll(e.textEditor), 150);
      }),
    );
    this._register({ dispose: () => scrollTimer !== undefined && clearTimeout(scrollTimer) });
    this._register(
      vscode.workspace.onDidSaveTextDocument(() => {
        // A saved file may have created or removed link targets: check them again.
        for (const lint of this.lints.values()) lint.targets.clear();
      }),
    );
  }

  /** Hides some findings from the editor until `reshow` (the findings themselves, fix-all and the Talks view keep them). */
  setShowFilter(filter: ShowFilter): void {
    this.showFilter = filter;
  }

  /** Known names beyond each document (LintConfig.names), asked at each lint. */
  setNamesProvider(provider: () => readonly string[] | undefined): void {
    this.namesProvider = provider;
  }

  /** Shows a document's current findings again (the show filter's answer changed). */
  reshow(document: vscode.TextDocument): void {
    const result = this.results.get(document.uri.toString());
    if (result && result.version === document.version) this.show(document, result.findings);
  }

  relintAll(): void {
    for (const document of this.notes.documents()) void this.request(document.uri);
  }

  /**
   * Lints a document now (if it is notes), replacing its diagnostics unless a newer request wins. An edit of plain
   * notes lines re-checks only the edited block; anything else lints the whole document in slices, the visible lines
   * first, publishing as it goes the first time.
   */
  async request(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const generation = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, generation);
    const stale = (document: vscode.TextDocument, version: number): boolean => this.generation.get(key) !== generation || document.isClosed || document.version !== version;
    try {
      const target = this.notes.documents().find((d) => d.uri.toString() === key);
      // Parsed in slices if big (usually already, by the time NotesDocuments announces a change).
      const entry = target && (await this.notes.ready(target));
      if (this.generation.get(key) !== generation) return;
      if (!entry || !entry.isNotes) {
        this.clear(uri, false);
        return;
      }
      const { document, version } = entry;
      const size = textLength(document);
      if (size > maxLintBytes(uri)) {
        this.tooLarge(document, size);
        return;
      }
      const configured = await this.configs.configFor(uri);
      const names = this.namesProvider?.();
      const config = names && names.length > 0 ? { ...configured, names } : configured;
      const speller = config.rules.spelling === 'off' ? undefined : await this.spellerFor(config.locale, { uri, doc: entry.doc });
      if (stale(document, version)) return;
      const lint = this.lintOf(key, config, speller);
      const update = lint.session.accept(entry.doc, entry.reuse);
      let findings = update.findings;
      if (findings) {
        // Re-checked at once (an edit of plain lines): published on the next turn, so the re-check and the
        // publishing (up to 1,000 diagnostics converted and sent) are two short blocks, not one longer one.
        await nextTurn();
        if (stale(document, version)) return;
      } else {
        const first = !this.results.has(key);
        findings = await lint.session.lintAll({
          budgetMs: SLICE_MS,
          firstLines: visibleLines(document),
          isCancelled: () => stale(document, version),
          // The first lint of a big file shows its findings as they come (at most every PARTIAL_MS); a small file's
          // and later ones replace the old set at once.
          onPartial: first && document.lineCount > PARTIAL_MIN_LINES ? (partial) => this.publish(document, version, this.withoutFiles(lint, partial), false) : undefined,
          partialMs: PARTIAL_MS,
        });
        if (!findings || stale(document, version)) return;
      }
      this.publish(document, version, this.withoutFiles(lint, findings));
      // Scheme-less links that may be files next to the notes: asked once each, then the diagnostics follow.
      if (await this.checkLinkTargets(document, lint, findings)) {
        if (!stale(document, version)) this.publish(document, version, this.withoutFiles(lint, findings));
      }
    } catch (err) {
      this.log.error(`Linting ${uri.toString(true)} failed:`, errorText(err));
    }
  }

  private lintOf(key: string, config: LintConfig, speller: Speller | undefined): DocumentLint {
    const configKey = JSON.stringify(config);
    let lint = this.lints.get(key);
    if (!lint) {
      lint = { session: new LintSession({ config, speller, onRuleError: this.onRuleError }), configKey, speller, targets: new Map() };
      this.lints.set(key, lint);
    } else if (lint.configKey !== configKey || lint.speller !== speller) {
      lint.session.configure({ config, speller });
      lint.configKey = configKey;
      lint.speller = speller;
    }
    return lint;
  }

  private readonly onRuleError = (rule: { id: string }, err: unknown): void => this.log.error(`Rule ${rule.id} failed:`, errorText(err));

  /** Findings minus scheme-less links whose target turned out to be a file. */
  private withoutFiles(lint: Pick<DocumentLint, 'targets'> | undefined, findings: Finding[]): Finding[] {
    const targets = lint?.targets;
    if (!targets || ![...targets.values()].some((isFile) => isFile)) return findings;
    return findings.filter((f) => f.rule !== LINK_RULE || targets.get(String(f.data?.target)) !== true);
  }

  private tooLarge(document: vscode.TextDocument, size: number): void {
    const key = document.uri.toString();
    this.clear(document.uri, false);
    if (this.toldTooLarge.has(key)) return;
    this.toldTooLarge.add(key);
    const mb = (size / 1024 / 1024).toFixed(1);
    const limit = maxLintBytes(document.uri) / 1024 / 1024;
    const text = `Conference Notes: ${vscode.workspace.asRelativePath(document.uri)} is ${mb} MB, over the ${limit} MB lint limit: it gets its outline and Talks, but no lint or spelling.`;
    this.log.info(text);
    void vscode.window.showInformationMessage(text, 'Change the Limit').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'conferenceNotes.lint.maxFileSizeMB');
    });
  }

  /** The findings of a document at its current version (linted synchronously if the last lint is stale). */
  findingsFor(document: vscode.TextDocument): Finding[] {
    const current = this.resultFor(document);
    if (current) return current.findings;
    const entry = this.notes.get(document);
    if (!entry || !entry.isNotes) return [];
    return this.withoutFiles(this.lints.get(document.uri.toString()), this.linterFor(document)(entry.doc));
  }

  /** The finding a diagnostic of ours stands for, at the document's current version. */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
    const rule = ruleOf(diagnostic);
    if (!rule) return undefined;
    const key = findingKey(rule, diagnostic.range);
    const current = this.resultFor(document);
    if (current) return byKeyOf(current, key);
    // The full lint of this version is still running: check just the lines of the diagnostic.
    const entry = this.notes.current(document);
    const lint = this.lints.get(document.uri.toString());
    if (!entry || !entry.isNotes || !lint) return undefined;
    const lines = { start: diagnostic.range.start.line, end: diagnostic.range.end.line + 1 };
    const found = this.withoutFiles(lint, lintLines(entry.doc, lint.session.config, { speller: lint.speller, onRuleError: this.onRuleError }, lines));
    return found.find((f) => findingKey(f.rule, f.range) === key);
  }

  /** Complete findings for the document's current version, if known without a full lint (an edit of plain lines is re-checked here). */
  private resultFor(document: vscode.TextDocument): LintResult | undefined {
    const key = document.uri.toString();
    const hit = this.results.get(key);
    if (hit && hit.version === document.version && hit.complete) return hit;
    // Never a full parse here (asked at every cursor move): the current model if parsing it costs nothing.
    const entry = this.notes.current(document);
    const lint = this.lints.get(key);
    if (!entry || !entry.isNotes || !lint) return undefined;
    const findings = lint.session.accept(entry.doc, entry.reuse).findings;
    if (!findings) return undefined;
    const visible = this.withoutFiles(lint, findings);
    const result: LintResult = { version: entry.version, findings: visible, complete: true };
    this.results.set(key, result);
    return result;
  }

  /** Lints any version of a document's text with the config and file checks of its latest lint (for fix-all passes). */
  linterFor(document: vscode.TextDocument): (doc: NotesDocument) => Finding[] {
    const lint = this.lints.get(document.uri.toString());
    const config = lint?.session.config ?? { rules: {} };
    const targets = lint?.targets ?? new Map<string, boolean>();
    return (doc) =>
      lintDocument(doc, config, { speller: lint?.speller, fileExists: (target) => targets.get(target) === true, onRuleError: this.onRuleError });
  }

  private publish(document: vscode.TextDocument, version: number, findings: Finding[], complete = true): void {
    this.results.set(document.uri.toString(), { version, findings, complete });
    this.show(document, findings);
    this.changeEmitter.fire(document.uri);
  }

  /** Every finding of the document's latest lint (also those past VS Code's 1,000 per file). */
  /** Every finding of a document's latest lint as plain data, also those past VS Code's 1,000 per file. */
  findingStates(uri: vscode.Uri): FindingState[] | undefined {
    return this.allFindings(uri)?.map((f) => ({ rule: f.rule, severity: SEVERITY[f.severity], message: f.message, range: f.range }));
  }

  allFindings(uri: vscode.Uri): readonly Finding[] | undefined {
    return this.results.get(uri.toString())?.findings;
  }

  /** Sets the diagnostics of a document: all of them, or past the limit those nearest the lines the user sees. */
  private show(document: vscode.TextDocument, all: readonly Finding[]): void {
    const key = document.uri.toString();
    const findings = this.showFilter ? this.showFilter(document, all) : all;
    if (findings.length <= MAX_SHOWN_DIAGNOSTICS) {
      this.windows.delete(key);
      this.setIfChanged(document.uri, findings, '');
      return;
    }
    const focus = focusLine(document);
    const [from, to] = nearestFindings(findings, focus, MAX_SHOWN_DIAGNOSTICS - 1);
    this.windows.set(key, { from: findings[from]!.range.start.line, to: findings[to - 1]!.range.start.line });
    const shown = findings.slice(from, to);
    const notice = `Showing the ${fmt(shown.length)} problems nearest the lines you see (lines ${fmt(findings[from]!.range.start.line + 1)}–${fmt(findings[to - 1]!.range.start.line + 1)}) of ${fmt(findings.length)}: VS Code shows at most ${fmt(MAX_SHOWN_DIAGNOSTICS)} per file. They follow as you scroll; \`confnotes lint\` lists them all.`;
    this.setIfChanged(document.uri, shown, notice);
  }

  /**
   * Sets the diagnostics of `findings` (and a notice first, if any) unless they are what was set last: the same
   * findings (rule, place, severity, message) and notice. Converting and sending a thousand diagnostics costs the
   * host tens of milliseconds, a keystroke that changes no finding need not pay it; and every set is a change of
   * the editor's markers, which redraws squiggles and restarts a code action request the user may have just made.
   */
  private setIfChanged(uri: vscode.Uri, findings: readonly Finding[], notice: string): void {
    const key = uri.toString();
    const last = this.lastShown.get(key);
    if (last && last.notice === notice && sameFindings(last.findings, findings) && this.collection.has(uri)) return;
    this.lastShown.set(key, { findings, notice });
    const diagnostics = findings.map((f) => this.toDiagnostic(f));
    if (notice) {
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), notice, vscode.DiagnosticSeverity.Information);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = 'shown-limit';
      diagnostics.unshift(d);
    }
    this.collection.set(uri, diagnostics);
  }

  /** Past the limit, publishes again around the new visible lines once they leave the published window. */
  private followScroll(editor: vscode.TextEditor): void {
    const key = editor.document.uri.toString();
    const window = this.windows.get(key);
    const result = this.results.get(key);
    if (!window || !result || result.version !== editor.document.version) return;
    const range = editor.visibleRanges[0];
    if (!range || (range.start.line >= window.from && range.end.line <= window.to)) return;
    this.show(editor.document, result.findings);
  }

  private toDiagnostic(f: Finding): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: f.rule, target: this.readmeUri.with({ fragment: f.rule }) };
    return d;
  }

  /**
   * Asks the file system about the scheme-less link targets of `findings` not asked yet (a link such as
   * `[notes](notes.md)` to a file next to the document is fine). Resolves true when one turned out to be a file.
   */
  private async checkLinkTargets(document: vscode.TextDocument, lint: DocumentLint, findings: readonly Finding[]): Promise<boolean> {
    if (document.uri.scheme === 'untitled') return false;
    const folder = vscode.Uri.joinPath(document.uri, '..');
    // A few dozen at a time, and at most MAX_TARGET_CHECKS a document: 3,000 scheme-less links asked at once held the
    // host for 200 ms; past the cap, a link is reported as the rule has it (no scheme), the check's default.
    const targets = [...new Set(findings.filter((f) => f.rule === LINK_RULE).map((f) => String(f.data?.target)))].filter((t) => !lint.targets.has(t));
    let found = false;
    const room = Math.max(0, MAX_TARGET_CHECKS - lint.targets.size);
    for (let at = 0; at < Math.min(targets.length, room); at += TARGET_BATCH) {
      if (at > 0) await nextTurn();
      await this.checkTargets(folder, lint, targets.slice(at, Math.min(at + TARGET_BATCH, room)), () => (found = true));
    }
    return found;
  }

  private async checkTargets(folder: vscode.Uri, lint: DocumentLint, targets: readonly string[], onFile: () => void): Promise<void> {
    await Promise.all(
      targets.map(async (target) => {
        const path = target.replace(/[?#].*$/, '');
        let name = path;
        try {
          name = decodeURIComponent(path);
        } catch {
          // A stray '%' is part of the name.
        }
        try {
          await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, name));
          lint.targets.set(target, true);
          onFile();
        } catch {
          // Not a file: the rule reports it.
          lint.targets.set(target, false);
        }
      }),
    );
  }

  private clear(uri: vscode.Uri, closed = true): void {
    const key = uri.toString();
    const had = this.collection.has(uri);
    if (had) this.collection.delete(uri);
    this.results.delete(key);
    this.windows.delete(key);
    this.lastShown.delete(key);
    if (closed) {
      this.generation.delete(key);
      this.lints.delete(key);
      this.toldTooLarge.delete(key);
    }
    if (had) this.changeEmitter.fire(uri);
  }
}

/** The line the user looks at: the middle of the visible range of the editor showing the document (else 0). */
function focusLine(document: vscode.TextDocument): number {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const range = editor?.visibleRanges[0];
  if (!range) return editor?.selection.active.line ?? 0;
  return Math.floor((range.start.line + range.end.line) / 2);
}

/** 6000 → '6,000' (as toLocaleString('en-US'), which costs ~25 ms the first time it is called in a host). */
const fmt = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The lines of the document's visible editor (the first one showing it), to lint first. */
function visibleLines(document: vscode.TextDocument): { start: number; end: number } | undefined {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const range = editor?.visibleRanges[0];
  return range ? { start: range.start.line, end: range.end.line + 1 } : undefined;
}

/** Lint diagnostics for notes documents; the returned manager is what the code actions read findings from. */
export function registerDiagnostics(notes: NotesDocuments, log: Log, extensionUri: vscode.Uri, spellerFor?: SpellerProvider): LintDiagnostics {
  return new LintDiagnostics(notes, log, vscode.Uri.joinPath(extensionUri, 'README.md'), spellerFor);
}
