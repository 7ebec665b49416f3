// Lint diagnostics for open notes documents. The core computes findings; this manager owns the
// DiagnosticCollection: it lints at once on open and save and after the typing debounce (the timing of
// NotesDocuments.onDidChange), drops results for stale versions, and clears documents that close or stop
// being notes. It keeps the findings behind each diagnostic, keyed by rule and range, for the code actions.
import * as vscode from 'vscode';
import type { Finding, NotesDocument, Range, Severity } from '../core';
import { lintDocument } from '../core/lint';
import { findSchemeLessLinks } from '../core/rules/link-without-scheme';
import type { LintConfig, Speller } from '../core/rules/types';
import { Disposable } from './dispose';
import { LintConfigs } from './lintConfig';
import { errorText, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';

export const DIAGNOSTIC_SOURCE = 'conference-notes';

/** Loads the speller for a locale (the spelling feature supplies it); none means the spelling rule is quiet. */
export type SpellerProvider = (locale: string | undefined) => Promise<Speller | undefined>;

interface LintResult {
  version: number;
  findings: Finding[];
  /** `findingKey` → finding: the typed map from a diagnostic to its fixes. */
  byKey: Map<string, Finding>;
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

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

export class LintDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  private readonly results = new Map<string, LintResult>();
  /** Per document, the number of the latest lint request; an older request that finishes late is dropped. */
  private readonly generation = new Map<string, number>();
  /** Per document, scheme-less link targets that turned out to be files (checked asynchronously). */
  private readonly existingTargets = new Map<string, Set<string>>();
  /** Per document, the config of its latest lint, for synchronous re-lints from code actions. */
  private readonly lastConfig = new Map<string, { config: LintConfig; speller?: Speller }>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** Diagnostics of a document were set or cleared. */
  readonly onDidUpdate = this.changeEmitter.event;

  private readonly configs: LintConfigs;

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
  }

  relintAll(): void {
    for (const document of this.notes.documents()) void this.request(document.uri);
  }

  /** Lints a document now (if it is notes), replacing its diagnostics unless a newer request wins. */
  async request(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const generation = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, generation);
    try {
      const entry = this.notes.get(uri);
      if (!entry || !entry.isNotes) {
        this.clear(uri, false);
        return;
      }
      const config = await this.configs.configFor(uri);
      const speller = config.rules.spelling === 'off' ? undefined : await this.spellerFor(config.locale);
      const existing = await this.checkLinkTargets(entry.document, entry.doc);
      if (this.generation.get(key) !== generation || entry.document.isClosed || entry.document.version !== entry.version) return;
      this.existingTargets.set(key, existing);
      this.lastConfig.set(key, { config, speller });
      this.publish(entry.document, entry.version, this.compute(entry.doc, config, speller, existing));
    } catch (err) {
      this.log.error(`Linting ${uri.toString(true)} failed:`, errorText(err));
    }
  }

  /** The findings of a document at its current version (linted synchronously if the last lint is stale). */
  findingsFor(document: vscode.TextDocument): Finding[] {
    return this.resultFor(document)?.findings ?? [];
  }

  /** The finding a diagnostic of ours stands for, at the document's current version. */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
    const rule = ruleOf(diagnostic);
    if (!rule) return undefined;
    return this.resultFor(document)?.byKey.get(findingKey(rule, diagnostic.range));
  }

  private resultFor(document: vscode.TextDocument): LintResult | undefined {
    const key = document.uri.toString();
    const hit = this.results.get(key);
    if (hit && hit.version === document.version) return hit;
    const entry = this.notes.get(document);
    if (!entry || !entry.isNotes) return undefined;
    const last = this.lastConfig.get(key);
    const findings = this.compute(entry.doc, last?.config ?? { rules: {} }, last?.speller, this.existingTargets.get(key) ?? new Set());
    const result = { version: entry.version, findings, byKey: new Map(findings.map((f) => [findingKey(f.rule, f.range), f])) };
    this.results.set(key, result);
    return result;
  }

  /** Lints any version of a document's text with the config and file checks of its latest lint (for fix-all passes). */
  linterFor(document: vscode.TextDocument): (doc: NotesDocument) => Finding[] {
    const key = document.uri.toString();
    const last = this.lastConfig.get(key);
    const existing = this.existingTargets.get(key) ?? new Set<string>();
    return (doc) => this.compute(doc, last?.config ?? { rules: {} }, last?.speller, existing);
  }

  private compute(doc: NotesDocument, config: LintConfig, speller: Speller | undefined, existing: Set<string>): Finding[] {
    return lintDocument(doc, config, {
      speller,
      fileExists: (target) => existing.has(target),
      onRuleError: (rule, err) => this.log.error(`Rule ${rule.id} failed:`, errorText(err)),
    });
  }

  private publish(document: vscode.TextDocument, version: number, findings: Finding[]): void {
    const byKey = new Map(findings.map((f) => [findingKey(f.rule, f.range), f]));
    this.results.set(document.uri.toString(), { version, findings, byKey });
    this.collection.set(document.uri, findings.map((f) => this.toDiagnostic(f)));
    this.changeEmitter.fire(document.uri);
  }

  private toDiagnostic(f: Finding): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: f.rule, target: this.readmeUri.with({ fragment: f.rule }) };
    return d;
  }

  /** Scheme-less link targets that are files next to the document (so they are not reported). */
  private async checkLinkTargets(document: vscode.TextDocument, doc: NotesDocument): Promise<Set<string>> {
    const existing = new Set<string>();
    if (document.uri.scheme === 'untitled') return existing;
    const folder = vscode.Uri.joinPath(document.uri, '..');
    const targets = [...new Set(findSchemeLessLinks(doc).map((l) => l.target))];
    await Promise.all(
      targets.map(async (target) => {
        const path = target.replace(/[?#].*$/, '');
        try {
          let name = path;
          try {
            name = decodeURIComponent(path);
          } catch {
            // A stray '%' is part of the name.
          }
          await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, name));
          existing.add(target);
        } catch {
          // Not a file: the rule reports it.
        }
      }),
    );
    return existing;
  }

  private clear(uri: vscode.Uri, closed = true): void {
    const key = uri.toString();
    const had = this.collection.has(uri);
    this.collection.delete(uri);
    this.results.delete(key);
    if (closed) {
      this.generation.delete(key);
      this.existingTargets.delete(key);
      this.lastConfig.delete(key);
    }
    if (had) this.changeEmitter.fire(uri);
  }
}

/** Lint diagnostics for notes documents; the returned manager is what the code actions read findings from. */
export function registerDiagnostics(notes: NotesDocuments, log: Log, extensionUri: vscode.Uri, spellerFor?: SpellerProvider): LintDiagnostics {
  return new LintDiagnostics(notes, log, vscode.Uri.joinPath(extensionUri, 'README.md'), spellerFor);
}
