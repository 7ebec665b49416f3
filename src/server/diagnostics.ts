// Findings as LSP diagnostics: code = rule id, source `conference-notes`, data = the version and (spelling) the word.
// Past the client's window (VS Code shows 1,000 per file), the findings nearest the visible lines are published and
// one more diagnostic says how many are not shown.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Range, Severity } from '../core';
import { nearestFindings } from '../core/lint';
import { DIAGNOSTIC_SOURCE, SHOWN_LIMIT_CODE, type DiagnosticData } from '../core/protocol';

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function findingKey(rule: string, r: Range): string {
  return `${rule}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

const signatures = new WeakMap<Finding, string>();
/** What a diagnostic shows of a finding: rule, range, severity and message. */
function signatureOf(f: Finding): string {
  let s = signatures.get(f);
  if (s === undefined) {
    s = `${findingKey(f.rule, f.range)} ${f.severity} ${f.message}`;
    signatures.set(f, s);
  }
  return s;
}

/** Whether two lists of findings show as the same diagnostics. */
export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i] || signatureOf(f) === signatureOf(b[i]!));
}

/** A finding's diagnostic, made once per finding (a publish after an edit sends mostly the same ones again). */
const diagnosticOf = new WeakMap<Finding, Diagnostic>();

/** A finding's diagnostic; with `rulesUrl`, its code links to `<rulesUrl>#<rule id>` (one URL per server). */
export function toDiagnostic(f: Finding, rulesUrl?: string): Diagnostic {
  let d = diagnosticOf.get(f);
  if (!d) {
    d = { range: f.range, severity: SEVERITY[f.severity], source: DIAGNOSTIC_SOURCE, code: f.rule, message: f.message };
    if (rulesUrl) d.codeDescription = { href: `${rulesUrl}#${f.rule}` };
    // Only what a code action needs beyond rule and range (the version is publishDiagnostics' own): a thousand
    // diagnostics go out after each edit that changes them, and every byte is encoded and parsed again.
    if (typeof f.data?.word === 'string') d.data = { word: f.data.word } satisfies DiagnosticData;
    diagnosticOf.set(f, d);
  }
  return d;
}

/** 6000 -> '6,000'. */
const fmt = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export interface Shown {
  findings: readonly Finding[];
  /** The notice diagnostic's message, '' when everything is shown. */
  notice: string;
  /** Lines the shown findings span, when the window cut some. */
  window?: { from: number; to: number };
}

/** What to publish of `findings`: all of them, or with a window of `max`, those nearest `focusLine` and a notice. */
export function shownFindings(findings: readonly Finding[], max: number | undefined, focusLine: number): Shown {
  if (max === undefined || findings.length <= max) return { findings, notice: '' };
  const [from, to] = nearestFindings(findings, focusLine, Math.max(1, max - 1));
  const first = findings[from]!.range.start.line;
  const last = findings[to - 1]!.range.start.line;
  const shown = findings.slice(from, to);
  const notice = `Showing the ${fmt(shown.length)} problems nearest the lines you see (lines ${fmt(first + 1)}–${fmt(last + 1)}) of ${fmt(findings.length)}: at most ${fmt(max)} are shown per file. They follow as you scroll; \`confnotes lint\` lists them all.`;
  return { findings: shown, notice, window: { from: first, to: last } };
}

export function toDiagnostics(shown: Shown, rulesUrl?: string): Diagnostic[] {
  const out = shown.findings.map((f) => toDiagnostic(f, rulesUrl));
  if (shown.notice) {
    out.unshift({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code: SHOWN_LIMIT_CODE, message: shown.notice });
  }
  return out;
}
