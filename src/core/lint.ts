// The lint engine: runs the registered rules over a parsed document, applies the configured severities,
// and turns safe fixes into one set of edits. Pure: the CLI and the extension share it.
import { blockTrees, releaseTrees, withoutWeakTreeCache } from './blocks';
import { applyEdits, comparePositions, plainEdits, rangesOverlap } from './edits';
import type { Finding, Fix, NotesDocument, Severity, TextEdit } from './model';
import { allRules } from './rules';
import type { LineSpan, LintConfig, Rule, Speller } from './rules/types';

export interface LintOptions {
  /** The rules to run; all registered rules by default. */
  rules?: readonly Rule[];
  speller?: Speller;
  fileExists?: (target: string) => boolean;
  /** Called when a rule throws; without it the error propagates. The other rules still run when it is given. */
  onRuleError?: (rule: Rule, error: unknown) => void;
  /**
   * Lets each stretch of lines' Markdown trees go once the block rules have read them (the CLI: a 40 MB file then
   * peaks at a few hundred MB, not 1.4 GB). The editor keeps them, for the next edit.
   */
  releaseTrees?: boolean;
}

/** Lines per stretch of `lintDocument`'s block rules (cut at block ends): big enough that per-call costs stay small. */
const STRETCH_LINES = 5_000;

export const EMPTY_LINT_CONFIG: LintConfig = { rules: {} };

/**
 * `target.push(...items)` without the spread: a spread passes every item as an argument, and past ~120,000 of them
 * (one rule's findings on a big file) the call overflows the stack.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** A finding of the key rule hides findings of these rules that overlap it: one problem, one message. */
const SUPERSEDES: Record<string, readonly string[]> = {
  'speaker-name-mismatch': ['spelling'],
  mojibake: ['spelling'],
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function compareFindings(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end) || a.rule.localeCompare(b.rule);
}

/**
 * The findings of every enabled rule, with configured severities, sorted by place then rule id. Block rules run
 * stretch by stretch of lines (as a lint in slices does), so `releaseTrees` can let each stretch's trees go.
 */
export function lintDocument(doc: NotesDocument, config: LintConfig = EMPTY_LINT_CONFIG, options: LintOptions = {}): Finding[] {
  return options.releaseTrees ? withoutWeakTreeCache(() => lintAll(doc, config, options)) : lintAll(doc, config, options);
}

function lintAll(doc: NotesDocument, config: LintConfig, options: LintOptions): Finding[] {
  const findings: Finding[] = [];
  const rules = options.rules ?? allRules;
  const perBlock = rules.filter((r) => r.scope === 'block');
  for (const rule of rules) if (rule.scope !== 'block') appendAll(findings, runRule(rule, doc, config, options));
  if (perBlock.length > 0) {
    for (const span of stretches(doc)) {
      for (const rule of perBlock) appendAll(findings, runRule(rule, doc, config, options, span));
      if (options.releaseTrees) releaseTrees(doc, span.start, span.end);
    }
  }
  return settle(findings);
}

/** The document's lines in stretches of about STRETCH_LINES, cut where a body block ends, covering every line once. */
function stretches(doc: NotesDocument): LineSpan[] {
  const out: LineSpan[] = [];
  let start = 0;
  for (const block of blockTrees(doc)) {
    if (block.endLine - start >= STRETCH_LINES) {
      out.push({ start, end: block.endLine });
      start = block.endLine;
    }
  }
  if (start < doc.lineCount || out.length === 0) out.push({ start, end: Math.max(doc.lineCount, start) });
  return out;
}

/** The findings that start on `lines` (every rule asked for those lines only), settled and sorted. */
export function lintLines(doc: NotesDocument, config: LintConfig, options: LintOptions, lines: LineSpan): Finding[] {
  const findings: Finding[] = [];
  for (const rule of options.rules ?? allRules) appendAll(findings, runRule(rule, doc, config, options, lines));
  return settle(findings);
}

/** Whether a rule runs under this config. */
export function isEnabled(rule: Rule, config: LintConfig): boolean {
  return config.rules[rule.id] !== 'off';
}

/**
 * One rule's findings with the configured severity; with `lines`, only those that start on those lines.
 * A rule that throws yields nothing when `options.onRuleError` is given (reported there), else it propagates.
 */
export function runRule(rule: Rule, doc: NotesDocument, config: LintConfig, options: LintOptions, lines?: LineSpan): Finding[] {
  const setting = config.rules[rule.id];
  if (setting === 'off') return [];
  const severity = setting ?? rule.defaultSeverity;
  let found: Finding[];
  try {
    found = rule.check({ doc, config, speller: options.speller, fileExists: options.fileExists, lines });
  } catch (error) {
    if (!options.onRuleError) throw error;
    options.onRuleError(rule, error);
    return [];
  }
  const out: Finding[] = [];
  for (const f of found) {
    if (lines && (f.range.start.line < lines.start || f.range.start.line >= lines.end)) continue;
    out.push({ ...f, rule: rule.id, severity });
  }
  return out;
}

/** Findings of superseding rules, by each line they cover. */
function supersedersByLine(...lists: ReadonlyArray<readonly Finding[]>): Map<number, Finding[]> {
  const byLine = new Map<number, Finding[]>();
  for (const list of lists) {
    for (const f of list) {
      if (!SUPERSEDES[f.rule]) continue;
      for (let l = f.range.start.line; l <= f.range.end.line; l++) {
        const at = byLine.get(l);
        if (at) at.push(f);
        else byLine.set(l, [f]);
      }
    }
  }
  return byLine;
}

function isSuperseded(f: Finding, byLine: Map<number, Finding[]>): boolean {
  for (let l = f.range.start.line; l <= f.range.end.line; l++) {
    for (const s of byLine.get(l) ?? []) if (s !== f && SUPERSEDES[s.rule]!.includes(f.rule) && rangesOverlap(s.range, f.range)) return true;
  }
  return false;
}

/**
 * `settle` for an update: `kept` is already settled and sorted; `fresh` are new findings on lines none of `kept`'s
 * rules there were kept for. Only `fresh` can be hidden; the result is merged in order without sorting it all again.
 */
export function settleInto(kept: readonly Finding[], fresh: Finding[]): Finding[] {
  const byLine = supersedersByLine(kept, fresh);
  const add = (byLine.size === 0 ? fresh : fresh.filter((f) => !isSuperseded(f, byLine))).sort(compareFindings);
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < add.length) {
    if (j >= add.length || (i < kept.length && compareFindings(kept[i]!, add[j]!) <= 0)) out.push(kept[i++]!);
    else out.push(add[j++]!);
  }
  return out;
}

/** Drops findings a superseding finding on the same place covers (one problem, one message) and sorts the rest. */
export function settle(findings: Finding[]): Finding[] {
  const byLine = supersedersByLine(findings);
  const kept =
    byLine.size === 0
      ? findings
      : findings.filter((f) => !isSuperseded(f, byLine));
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
    appendAll(fixed, plan.fixed);
    doc = parse(text);
    findings = lint(doc);
  }
  return { text, fixed, remaining: findings, doc };
}

/** The `count` findings (sorted by place) nearest `line`, as a slice [from, to) of the sorted list. */
export function nearestFindings(findings: readonly Finding[], line: number, count: number): [number, number] {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (findings[mid]!.range.start.line < line) lo = mid + 1;
    else hi = mid;
  }
  let from = lo;
  let to = lo;
  while (to - from < count && (from > 0 || to < findings.length)) {
    const up = from > 0 ? line - findings[from - 1]!.range.start.line : Infinity;
    const down = to < findings.length ? findings[to]!.range.start.line - line : Infinity;
    if (up <= down) from--;
    else to++;
  }
  return [from, to];
}
