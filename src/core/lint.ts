// The lint engine: runs the registered rules over a parsed document, applies the configured severities,
// and turns safe fixes into one set of edits. Pure: the CLI and the extension share it.
import { applyEdits, comparePositions, plainEdits, rangesOverlap } from './edits';
import type { Finding, Fix, NotesDocument, Severity, TextEdit } from './model';
import { allRules } from './rules';
import type { LintConfig, Rule, Speller } from './rules/types';

export interface LintOptions {
  /** The rules to run; all registered rules by default. */
  rules?: readonly Rule[];
  speller?: Speller;
  fileExists?: (target: string) => boolean;
  /** Called when a rule throws; without it the error propagates. The other rules still run when it is given. */
  onRuleError?: (rule: Rule, error: unknown) => void;
}

export const EMPTY_LINT_CONFIG: LintConfig = { rules: {} };

/** A finding of the key rule hides findings of these rules that overlap it: one problem, one message. */
const SUPERSEDES: Record<string, readonly string[]> = {
  'speaker-name-mismatch': ['spelling'],
  mojibake: ['spelling'],
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function compareFindings(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end) || a.rule.localeCompare(b.rule);
}

/** The findings of every enabled rule, with configured severities, sorted by place then rule id. */
export function lintDocument(doc: NotesDocument, config: LintConfig = EMPTY_LINT_CONFIG, options: LintOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of options.rules ?? allRules) {
    const setting = config.rules[rule.id];
    if (setting === 'off') continue;
    const severity = setting ?? rule.defaultSeverity;
    let found: Finding[];
    try {
      found = rule.check({ doc, config, speller: options.speller, fileExists: options.fileExists });
    } catch (error) {
      if (!options.onRuleError) throw error;
      options.onRuleError(rule, error);
      continue;
    }
    for (const f of found) findings.push({ ...f, rule: rule.id, severity });
  }
  const superseding = findings.filter((f) => SUPERSEDES[f.rule]);
  const kept = superseding.length === 0 ? findings : findings.filter((f) => !superseding.some((s) => SUPERSEDES[s.rule]!.includes(f.rule) && rangesOverlap(s.range, f.range)));
  return kept.sort(compareFindings);
}

export function isWarningOrWorse(severity: Severity): boolean {
  return SEVERITY_ORDER[severity] <= SEVERITY_ORDER.warning;
}

/** The fix fix-all and `--fix` apply for a finding: its preferred fix, when that is safe. */
export function safeFixOf(finding: Finding): Fix | undefined {
  const fix = finding.fixes.find((f) => f.preferred);
  return fix?.safe ? fix : undefined;
}

export interface FixPlan {
  /** Plain-text edits (snippets resolved), non-overlapping, in document order. */
  edits: TextEdit[];
  /** The findings those edits fix. */
  fixed: Finding[];
}

/** Safe fixes of `findings` that do not overlap one another; the first one at a place wins. */
export function planSafeFixes(findings: readonly Finding[]): FixPlan {
  const edits: TextEdit[] = [];
  const fixed: Finding[] = [];
  for (const finding of findings) {
    const fix = safeFixOf(finding);
    if (!fix) continue;
    const own = plainEdits(fix);
    if (own.some((e) => edits.some((taken) => rangesOverlap(e.range, taken.range)))) continue;
    edits.push(...own);
    fixed.push(finding);
  }
  edits.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return { edits, fixed };
}

export interface FixAllResult {
  text: string;
  /** Findings fixed, pass by pass (positions as they were in the text of their pass). */
  fixed: Finding[];
  /** What is left after fixing. */
  remaining: Finding[];
  doc: NotesDocument;
}

/**
 * Applies safe fixes until none is left (fixes that overlapped wait for the next pass), at most `maxPasses` times.
 * `parse` and `lint` are the caller's, so it works with any parser options and config.
 */
export function fixAllSafe(text: string, parse: (text: string) => NotesDocument, lint: (doc: NotesDocument) => Finding[], maxPasses = 10): FixAllResult {
  let doc = parse(text);
  let findings = lint(doc);
  const fixed: Finding[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const plan = planSafeFixes(findings);
    if (plan.edits.length === 0) break;
    const next = applyEdits(text, plan.edits);
    if (next === text) break;
    text = next;
    fixed.push(...plan.fixed);
    doc = parse(text);
    findings = lint(doc);
  }
  return { text, fixed, remaining: findings, doc };
}
