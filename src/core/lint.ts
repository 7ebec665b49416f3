// The lint engine: runs the registered rules over a parsed document and owns their plumbing, as unified-lint-rule
// does for remark-lint. A rule reports a place, a message and fixes; the engine stamps each report with the rule's
// id and the configured severity, runs block rules block by block (caching their reports per block and moving them
// with the block), applies which rule hides which (declared on the rule), and turns safe fixes into one set of edits.
// Pure: the CLI, the server and the extension share it.
import type { Root } from 'mdast';
import { blockTrees, releaseTrees, withoutWeakTreeCache, type BlockTree } from './blocks';
import { applyEdits, comparePositions, plainEdits, rangesOverlap, shiftReport } from './edits';
import { CONFIG_FILE_NAME } from './lintConfig';
import type { Finding, FindingAction, Fix, NotesDocument, Range, Severity, TextEdit } from './model';
import { allRules } from './rules';
import { sortSteps } from './sortSteps';
import type { BlockContext, BlockRule, LineSpan, LintConfig, Report, Rule, RuleContext, Speller } from './rules/types';

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
/** Characters of a stretch: 600 KB of one unknown word a line (150,000 findings) held them all at once (472 MB). */
const STRETCH_CHARS = 100_000;

export const EMPTY_LINT_CONFIG: LintConfig = { rules: {} };

/**
 * `target.push(...items)` without the spread: a spread passes every item as an argument, and past ~120,000 of them
 * (one rule's findings on a big file) the call overflows the stack.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Per hiding rule id, the rule ids its findings hide (the rules' own `hides`), built once per list of rules. */
type Hiding = ReadonlyMap<string, readonly string[]>;
const hidingCache = new WeakMap<readonly Rule[], Hiding>();

export function hidingOf(rules: readonly Rule[]): Hiding {
  let hiding = hidingCache.get(rules);
  if (!hiding) {
    const map = new Map<string, readonly string[]>();
    for (const rule of rules) if (rule.hides && rule.hides.length > 0) map.set(rule.id, rule.hides);
    hidingCache.set(rules, (hiding = map));
  }
  return hiding;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function compareFindings(a: Finding, b: Finding): number {
  // Rule ids are ASCII: compared as strings, not by localeCompare (ICU collation: most of the time of a big sort).
  return comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/**
 * The findings of every enabled rule, with configured severities, sorted by place then rule id. Block rules run
 * stretch by stretch of lines (as a lint in slices does), so `releaseTrees` can let each stretch's trees go.
 */
export function lintDocument(doc: NotesDocument, config: LintConfig = EMPTY_LINT_CONFIG, options: LintOptions = {}): Finding[] {
  const findings: Finding[] = [];
  lintDocumentByStretch(doc, config, options, (some) => appendAll(findings, some));
  return findings;
}

/**
 * `lintDocument`'s findings a stretch of lines at a time, in document order: `emit` gets each stretch's findings
 * (those starting on its lines), settled and sorted, so that their concatenation is `lintDocument`'s list. A caller
 * that prints them (the CLI) holds one stretch's findings, not a big file's 240,000.
 */
export function lintDocumentByStretch(doc: NotesDocument, config: LintConfig, options: LintOptions, emit: (findings: Finding[]) => void): void {
  if (options.releaseTrees) withoutWeakTreeCache(() => lintAll(doc, config, options, emit));
  else lintAll(doc, config, options, emit);
}

function lintAll(doc: NotesDocument, config: LintConfig, options: LintOptions, emit: (findings: Finding[]) => void): void {
  const rules = options.rules ?? allRules;
  const perBlock = rules.filter((r) => r.scope === 'block');
  const whole: Finding[] = [];
  for (const rule of rules) if (rule.scope !== 'block') appendAll(whole, runRule(rule, doc, config, options));
  whole.sort(compareFindings);
  const spans = perBlock.length > 0 ? stretches(doc) : [{ start: 0, end: doc.lineCount }];
  let next = 0;
  spans.forEach((span, k) => {
    const found: Finding[] = [];
    // The whole-document rules' findings that start on this stretch (the last one takes any beyond the lines).
    const last = k === spans.length - 1;
    while (next < whole.length && (last || whole[next]!.range.start.line < span.end)) found.push(whole[next++]!);
    for (const rule of perBlock) appendAll(found, runRule(rule, doc, config, options, span));
    if (options.releaseTrees) releaseTrees(doc, span.start, span.end);
    // Superseding findings (block rules) lie in their block, and stretches end at block ends: settling a stretch
    // on its own hides what settling the whole list would.
    emit(settle(found, rules));
  });
}

/**
 * The document's lines in stretches of about STRETCH_LINES lines or STRETCH_CHARS characters, cut where a body block
 * ends, covering every line once.
 */
function stretches(doc: NotesDocument): LineSpan[] {
  const out: LineSpan[] = [];
  let start = 0;
  let chars = 0;
  let counted = 0;
  for (const block of blockTrees(doc)) {
    for (; counted < block.endLine; counted++) chars += doc.lines[counted]!.length + 1;
    if (block.endLine - start >= STRETCH_LINES || chars >= STRETCH_CHARS) {
      out.push({ start, end: block.endLine });
      start = block.endLine;
      chars = 0;
    }
  }
  if (start < doc.lineCount || out.length === 0) out.push({ start, end: Math.max(doc.lineCount, start) });
  return out;
}

/** The findings that start on `lines` (every rule asked for those lines only), settled and sorted. */
export function lintLines(doc: NotesDocument, config: LintConfig, options: LintOptions, lines: LineSpan): Finding[] {
  const findings: Finding[] = [];
  const rules = options.rules ?? allRules;
  for (const rule of rules) appendAll(findings, runRule(rule, doc, config, options, lines));
  return settle(findings, rules);
}

/** Whether a rule runs under this config. */
export function isEnabled(rule: Rule, config: LintConfig): boolean {
  return config.rules[rule.id] !== 'off';
}

/**
 * One rule's findings, stamped with its id and the configured severity; with `lines`, only those that start on those
 * lines. A rule that throws yields nothing when `options.onRuleError` is given (reported there), else it propagates.
 */
export function runRule(rule: Rule, doc: NotesDocument, config: LintConfig, options: LintOptions, lines?: LineSpan): Finding[] {
  const setting = config.rules[rule.id];
  if (setting === 'off') return [];
  const severity = setting ?? rule.defaultSeverity;
  let reports: Report[];
  try {
    const ctx: RuleContext = { doc, config, speller: options.speller, fileExists: options.fileExists, lines };
    reports = rule.checkBlock ? checkBlocks(rule, ctx) : rule.check(ctx);
  } catch (error) {
    if (!options.onRuleError) throw error;
    options.onRuleError(rule, error);
    return [];
  }
  const out: Finding[] = [];
  for (const r of reports) {
    if (lines && (r.range.start.line < lines.start || r.range.start.line >= lines.end)) continue;
    out.push(stamp(r, rule.id, severity));
  }
  return out;
}

/** A report as a finding of `rule` with `severity` (no fixes = an empty list). */
function stamp(r: Report, rule: string, severity: Severity): Finding {
  return { rule, severity, ...r, fixes: r.fixes ?? [] };
}

/** Keys kept per block text: one text in a few talks is common, in hundreds (copies of one file) possible. */
const MAX_KEYS_PER_BLOCK = 512;
/** One block text's reports: for a rule without `blockKey` the list itself, else the lists by key. */
type BlockEntry = readonly Report[] | Map<unknown, readonly Report[]>;
/**
 * Per block rule, its reports per block: by the block's tree (trees are cached by text, so blocks of the same text
 * share one) and then by the rule's `blockKey` (the same text in two talks may report differently).
 */
const blockReports = new WeakMap<BlockRule, WeakMap<Root, BlockEntry>>();
/** Most blocks report nothing: they share one empty list. */
const NO_REPORTS: readonly Report[] = Object.freeze([]);

/** A block rule over the blocks of `ctx.lines` (all by default): cached reports where the block is unchanged, moved to its place. */
function checkBlocks(rule: BlockRule, ctx: RuleContext): Report[] {
  let cache = blockReports.get(rule);
  if (!cache) blockReports.set(rule, (cache = new WeakMap()));
  const out: Report[] = [];
  for (const block of blockTrees(ctx.doc, ctx.lines?.start, ctx.lines?.end)) {
    const tree = block.tree;
    const blockCtx: BlockContext = { ...ctx, at: block, byText: <T>(compute: () => T) => byText(rule, tree, compute) };
    const check = (): readonly Report[] => {
      const reports = rule.checkBlock(localBlock(ctx.doc, block), blockCtx);
      return reports.length === 0 ? NO_REPORTS : reports;
    };
    let reports: readonly Report[] | undefined;
    const entry = cache.get(tree);
    if (!rule.blockKey) {
      reports = entry as readonly Report[] | undefined;
      if (!reports) cache.set(tree, (reports = check()));
    } else {
      const key = rule.blockKey(blockCtx);
      let byKey = entry as Map<unknown, readonly Report[]> | undefined;
      if (!byKey) cache.set(tree, (byKey = new Map()));
      reports = byKey.get(key);
      if (!reports) {
        reports = check();
        // The oldest key goes first: keys of talks renamed since, or one text in very many talks.
        if (byKey.size >= MAX_KEYS_PER_BLOCK) byKey.delete(byKey.keys().next().value);
        byKey.set(key, reports);
      }
    }
    for (const r of reports) {
      const placed = shiftReport(r, block.startLine);
      if (!rule.keep || rule.keep(placed, ctx)) out.push(placed);
    }
  }
  return out;
}

/** Per block rule and block text, what its check computed from the text alone (BlockContext.byText). */
const textResults = new WeakMap<BlockRule, WeakMap<Root, unknown>>();

function byText<T>(rule: BlockRule, tree: Root, compute: () => T): T {
  let cache = textResults.get(rule);
  if (!cache) textResults.set(rule, (cache = new WeakMap()));
  if (cache.has(tree)) return cache.get(tree) as T;
  const result = compute();
  cache.set(tree, result);
  return result;
}

/** A block seen from inside: its own lines, from line 0. */
function localBlock(doc: NotesDocument, block: BlockTree): { lines: readonly string[]; block: BlockTree } {
  return { lines: doc.lines.slice(block.startLine, block.endLine), block: { startLine: 0, endLine: block.endLine - block.startLine, tree: block.tree, skipped: block.skipped } };
}

/** Findings of hiding rules, by each line they cover. */
function hidersByLine(hiding: Hiding, ...lists: ReadonlyArray<readonly Finding[]>): Map<number, Finding[]> {
  const byLine = new Map<number, Finding[]>();
  if (hiding.size === 0) return byLine;
  for (const list of lists) {
    for (const f of list) {
      if (!hiding.has(f.rule)) continue;
      for (let l = f.range.start.line; l <= f.range.end.line; l++) {
        const at = byLine.get(l);
        if (at) at.push(f);
        else byLine.set(l, [f]);
      }
    }
  }
  return byLine;
}

function isHidden(f: Finding, hiding: Hiding, byLine: Map<number, Finding[]>): boolean {
  for (let l = f.range.start.line; l <= f.range.end.line; l++) {
    for (const s of byLine.get(l) ?? []) if (s !== f && hiding.get(s.rule)!.includes(f.rule) && rangesOverlap(s.range, f.range)) return true;
  }
  return false;
}

/**
 * `settle` for an update: `kept` is already settled and sorted; `fresh` are new findings on lines none of `kept`'s
 * rules there were kept for. Only `fresh` can be hidden; the result is merged in order without sorting it all again.
 */
export function settleInto(kept: readonly Finding[], fresh: Finding[], rules: readonly Rule[] = allRules): Finding[] {
  const hiding = hidingOf(rules);
  const byLine = hidersByLine(hiding, kept, fresh);
  const add = (byLine.size === 0 ? fresh : fresh.filter((f) => !isHidden(f, hiding, byLine))).sort(compareFindings);
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < add.length) {
    if (j >= add.length || (i < kept.length && compareFindings(kept[i]!, add[j]!) <= 0)) out.push(kept[i++]!);
    else out.push(add[j++]!);
  }
  return out;
}

/**
 * Each finding's start line and rule (as a number) of a settled, sorted list, in typed arrays: an update reads these
 * instead of thousands of findings (objects of many shapes, slow to read one after another).
 */
interface FindingIndex {
  lines: Int32Array;
  rules: Int32Array;
}
const ruleNumbers = new Map<string, number>();
function ruleNumber(id: string): number {
  let n = ruleNumbers.get(id);
  if (n === undefined) ruleNumbers.set(id, (n = ruleNumbers.size));
  return n;
}
const findingIndexes = new WeakMap<readonly Finding[], FindingIndex>();
function findingIndex(findings: readonly Finding[]): FindingIndex {
  let index = findingIndexes.get(findings);
  if (!index) {
    const lines = new Int32Array(findings.length);
    const rules = new Int32Array(findings.length);
    findings.forEach((f, i) => {
      lines[i] = f.range.start.line;
      rules[i] = ruleNumber(f.rule);
    });
    findingIndexes.set(findings, (index = { lines, rules }));
  }
  return index;
}

/**
 * `settleInto` of an update, without reading every finding: `previous` (settled, sorted) less the findings of the
 * rules in `dropAll`, and those of the rules in `dropOn` that start on the lines given for them, with `fresh` (new
 * findings of those rules there) settled in.
 */
export function updateFindings(previous: readonly Finding[], dropAll: ReadonlySet<string>, dropOn: ReadonlyMap<string, readonly LineSpan[]>, fresh: Finding[], rules: readonly Rule[] = allRules): Finding[] {
  const index = findingIndex(previous);
  const hiding = hidingOf(rules);
  // Per rule number: 1 = dropped everywhere, 2 = dropped on its lines; 4 = hides others.
  for (const id of dropAll) ruleNumber(id);
  for (const id of dropOn.keys()) ruleNumber(id);
  for (const id of hiding.keys()) ruleNumber(id);
  const mode = new Uint8Array(ruleNumbers.size);
  const spansOf: Array<readonly LineSpan[] | undefined> = [];
  for (const [id, spans] of dropOn) {
    const n = ruleNumber(id);
    mode[n] = 2;
    spansOf[n] = spans;
  }
  for (const id of dropAll) mode[ruleNumber(id)] = 1;
  for (const id of hiding.keys()) mode[ruleNumber(id)]! |= 4;
  const { lines, rules: ruleOf } = index;
  const keptAt = new Int32Array(previous.length);
  let kept = 0;
  const keptHiders: Finding[] = [];
  for (let i = 0; i < previous.length; i++) {
    const r = ruleOf[i]!;
    const m = r < mode.length ? mode[r]! : 0;
    if (m & 1) continue;
    if (m & 2) {
      const line = lines[i]!;
      let inside = false;
      for (const s of spansOf[r]!) if (line >= s.start && line < s.end) inside = true;
      if (inside) continue;
    }
    keptAt[kept++] = i;
    if (m & 4) keptHiders.push(previous[i]!);
  }
  const byLine = hidersByLine(hiding, keptHiders, fresh);
  const add = (byLine.size === 0 ? fresh : fresh.filter((f) => !isHidden(f, hiding, byLine))).sort(compareFindings);
  // Each fresh finding goes after every kept one that sorts before or with it (settleInto's merge).
  const out: Finding[] = [];
  const outLines = new Int32Array(kept + add.length);
  const outRules = new Int32Array(kept + add.length);
  let o = 0;
  let from = 0;
  const take = (to: number): void => {
    for (; from < to; from++, o++) {
      const i = keptAt[from]!;
      out.push(previous[i]!);
      outLines[o] = lines[i]!;
      outRules[o] = ruleOf[i]!;
    }
  };
  for (const f of add) {
    const line = f.range.start.line;
    // First kept position whose line is past the finding's, then back among those on its line.
    let lo = from;
    let hi = kept;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[keptAt[mid]!]! <= line) lo = mid + 1;
      else hi = mid;
    }
    let at = lo;
    let low = from;
    while (low < at) {
      const mid = (low + at) >> 1;
      if (lines[keptAt[mid]!]! < line || compareFindings(previous[keptAt[mid]!]!, f) <= 0) low = mid + 1;
      else at = mid;
    }
    take(at);
    out.push(f);
    outLines[o] = line;
    outRules[o] = ruleNumber(f.rule);
    o++;
  }
  take(kept);
  findingIndexes.set(out, { lines: outLines, rules: outRules });
  return out;
}

/**
 * Drops findings that a finding of a rule hiding theirs (`Rule.hides`) overlaps (one problem, one message) and sorts
 * the rest.
 */
export function settle(findings: Finding[], rules: readonly Rule[] = allRules): Finding[] {
  const kept = unhidden(findings, rules);
  return kept === findings ? findings.sort(compareFindings) : [...kept].sort(compareFindings);
}

/** `settle` in steps (a lint in slices: a big file's findings are sorted across slices); `findings` is left as is. */
export function* settleSteps(findings: readonly Finding[], rules: readonly Rule[] = allRules): Generator<void, Finding[]> {
  const kept = unhidden(findings, rules);
  yield;
  return yield* sortSteps(kept, compareFindings);
}

/** The findings no other finding hides (Rule.hides). */
function unhidden(findings: readonly Finding[], rules: readonly Rule[]): readonly Finding[] {
  const hiding = hidingOf(rules);
  const byLine = hidersByLine(hiding, findings);
  return byLine.size === 0 ? findings : findings.filter((f) => !isHidden(f, hiding, byLine));
}

export function isWarningOrWorse(severity: Severity): boolean {
  return SEVERITY_ORDER[severity] <= SEVERITY_ORDER.warning;
}

/** The fix fix-all and `--fix` apply for a finding: its preferred fix, when that is safe. */
export function safeFixOf(finding: Finding): Fix | undefined {
  const fix = finding.fixes.find((f) => f.preferred);
  return fix?.safe ? fix : undefined;
}

/** A finding's action as the editor offers it. */
export function actionTitle(action: FindingAction): string {
  switch (action.kind) {
    case 'addToDictionary':
      return `Add '${action.word}' to workspace dictionary (${CONFIG_FILE_NAME})`;
    case 'ignoreInFile':
      return `Ignore '${action.word}' in this file (<!-- spelling: ignore --> comment)`;
  }
}

export interface FixPlan {
  /** Plain-text edits (snippets resolved), non-overlapping, in document order. */
  edits: TextEdit[];
  /** The findings those edits fix. */
  fixed: Finding[];
}

/**
 * Safe fixes of `findings` that do not overlap one another; the first one at a place wins. The ranges taken are kept
 * in order, so each fix is checked against its neighbours only (checked against every fix taken, 40,000 fixes took
 * 17 s).
 */
export function planSafeFixes(findings: readonly Finding[]): FixPlan {
  const edits: TextEdit[] = [];
  const fixed: Finding[] = [];
  // Ranges taken, by start then end; they do not overlap (they may touch), so their ends are in order too.
  const taken: Range[] = [];
  const overlapsTaken = (r: Range): boolean => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (comparePositions(taken[mid]!.end, r.start) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < taken.length && comparePositions(taken[j]!.start, r.end) <= 0; j++) if (rangesOverlap(r, taken[j]!)) return true;
    return false;
  };
  const take = (r: Range): void => {
    const last = taken[taken.length - 1];
    if (!last || (comparePositions(last.start, r.start) || comparePositions(last.end, r.end)) <= 0) {
      taken.push(r);
      return;
    }
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((comparePositions(taken[mid]!.start, r.start) || comparePositions(taken[mid]!.end, r.end)) <= 0) lo = mid + 1;
      else hi = mid;
    }
    taken.splice(lo, 0, r);
  };
  for (const finding of findings) {
    const fix = safeFixOf(finding);
    if (!fix) continue;
    const own = plainEdits(fix);
    // A fix whose own edits overlap could never be applied (applyEdits refuses overlaps): left out.
    if (own.some((e, i) => own.some((o, j) => j < i && rangesOverlap(e.range, o.range)))) continue;
    if (own.some((e) => overlapsTaken(e.range))) continue;
    for (const e of own) {
      edits.push(e);
      take(e.range);
    }
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
 * `parse` and `lint` are the caller's, so it works with any parser options and config. With no safe fix among the
 * findings of `first`, nothing is parsed or linted.
 */
export function fixAllSafe(text: string, parse: (text: string) => NotesDocument, lint: (doc: NotesDocument) => Finding[], maxPasses = 10, first?: { doc: NotesDocument; findings: Finding[] }, another?: (text: string) => boolean): FixAllResult {
  // `first`: the model and every finding of `text` as the caller has them already (a server's), not parsed again.
  let doc = first?.doc ?? parse(text);
  let findings = first?.findings ?? lint(doc);
  const fixed: Finding[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const plan = planSafeFixes(findings);
    if (plan.edits.length === 0) break;
    const next = applyEdits(text, plan.edits);
    if (next === text) break;
    text = next;
    appendAll(fixed, plan.fixed);
    // `another` may stop before the parse and lint of the next pass (an editor's bound on the work): the text then
    // holds the passes done, every fix in it safe, and `remaining` the findings before the last pass.
    if (another && !another(text)) break;
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
