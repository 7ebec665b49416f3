// One open document's lint, kept up to date edit after edit. Pure: the extension, the web build and the benchmark
// share it.
//   - `update(text)` (or `accept` with a model parsed elsewhere) takes the new version. When the parse reused the
//     structure (an edit of plain notes lines, see incremental.ts) and the previous findings are complete, only the
//     edited body block is checked again, synchronously; the rest of the findings is kept.
//   - Otherwise `lintAll` checks the whole document in slices of a few milliseconds, nearest the lines the user
//     sees first, reporting findings as they grow and stopping when cancelled.
import { blockTrees, findBlocks, treeSteps, warmUpMarkdown } from './blocks';
import { changedLines, parseIncremental, textOf, tryReuse, type KnownLines, type TextSource } from './incremental';
import { appendAll, EMPTY_LINT_CONFIG, hidingOf, isEnabled, runRule, settleSteps, updateFindings, type LintOptions } from './lint';
import type { Finding, NotesDocument } from './model';
import { parseNotesInSlices, type ParseOptions, type ParseSliceOptions } from './parser';
import { allRules } from './rules';
import type { LineSpan, LintConfig, Rule, RuleContext } from './rules/types';
import { nextTurn, runInSlices } from './nextTurn';

export interface LintSessionOptions extends LintOptions {
  config?: LintConfig;
  parse?: ParseOptions;
}

export interface SliceOptions {
  /** Synchronous work per slice before yielding, in ms (default 12). */
  budgetMs?: number;
  /** Lines to check first (the visible range); the rest follows by distance from them. */
  firstLines?: LineSpan;
  /** Asked between slices; true stops the lint (it resolves undefined). */
  isCancelled?: () => boolean;
  /**
   * The findings so far (settled and sorted), after a slice that found something new, at most every `partialMs`;
   * in a turn of its own (sorting thousands of findings and showing them is not added to a slice).
   */
  onPartial?: (findings: Finding[]) => void;
  /** Least time between two `onPartial` calls, in ms (default 0: after every slice that found something). */
  partialMs?: number;
  /** Gives the event loop a turn between slices (default: a zero timeout). */
  yieldFn?: () => Promise<void>;
}

export interface SessionUpdate {
  doc: NotesDocument;
  /** Whether the parse reused the previous structure. */
  reused: boolean;
  /** Complete findings, or undefined when a full lint is needed (`lintAll`). */
  findings: Finding[] | undefined;
}

/**
 * Lines, and characters, per step of a full lint: small enough that a step stays far under the budget, cut at block
 * ends (a block is at most MARKDOWN_LIMITS.blockChars characters: 60 lines of 400 characters of unknown words took
 * 170 ms at once).
 */
const STEP_LINES = 60;
const STEP_CHARS = 4_000;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class LintSession {
  private current: NotesDocument | undefined;
  private complete: Finding[] | undefined;
  private options: LintSessionOptions;

  constructor(options: LintSessionOptions = {}) {
    this.options = { config: EMPTY_LINT_CONFIG, ...options };
  }

  get doc(): NotesDocument | undefined {
    return this.current;
  }

  /** Complete findings of `doc`, or undefined while a full lint is pending. */
  get findings(): Finding[] | undefined {
    return this.complete;
  }

  get config(): LintConfig {
    return this.options.config ?? EMPTY_LINT_CONFIG;
  }

  /** New settings (config, speller, file checks): the findings are stale until the next `lintAll`. */
  configure(options: Partial<LintSessionOptions>): void {
    this.options = { ...this.options, ...options };
    this.options.config ??= EMPTY_LINT_CONFIG;
    this.complete = undefined;
  }

  /**
   * Takes a new version of the text, parsed incrementally from the previous one. `known`: its lines, when the caller
   * has them without splitting the text, relative to the previous version's (see KnownLines).
   */
  update(text: TextSource, known?: KnownLines): SessionUpdate {
    const previous = this.current;
    const result = parseIncremental(text, previous, this.options.parse, known);
    return this.accept(result.doc, result.reused && previous ? { from: previous, changed: result.changed } : undefined);
  }

  /**
   * `update` for big files: an edit that kept the structure is taken at once; anything else is parsed in slices
   * (as the extension does before it lints), resolving undefined when cancelled.
   */
  async updateInSlices(text: TextSource, slices: ParseSliceOptions = {}, known?: KnownLines): Promise<SessionUpdate | undefined> {
    const previous = this.current;
    const reused = previous && tryReuse(text, previous, known);
    if (reused) return this.accept(reused.doc, { from: previous, changed: reused.changed });
    const doc = await parseNotesInSlices(textOf(text), this.options.parse, slices);
    return doc && this.accept(doc);
  }

  /**
   * Takes a model parsed elsewhere. `reuse` says it was derived from `from` by an edit of lines `changed` that kept
   * the structure (parseIncremental's `reused`); without it, or from another model than this session's, a full lint
   * is needed.
   */
  accept(doc: NotesDocument, reuse?: { from: NotesDocument; changed: LineSpan }): SessionUpdate {
    // A re-check at once is for a few edited lines: a bigger change (a paste, a replace-all) is linted in slices.
    if (reuse && spanChars(doc, reuse.changed) > MAX_RELINT_CHARS) reuse = undefined;
    const previousFindings = this.complete;
    const previousDoc = this.current;
    this.current = doc;
    this.complete = undefined;
    if (doc === previousDoc && previousFindings) {
      this.complete = previousFindings;
    } else if (reuse && reuse.from === previousDoc && previousFindings && previousDoc) {
      this.complete = reuse.changed.start === reuse.changed.end ? previousFindings : this.relint(previousDoc, doc, reuse.changed, previousFindings);
    } else if (reuse && previousDoc && previousFindings && doc.talks === previousDoc.talks && doc.lineCount === previousDoc.lineCount) {
      // Derived, through versions this session did not see, from the same structure (a reused model keeps its
      // talks): the lines that differ from the version last linted are all that changed.
      const changed = changedLines(previousDoc.lines, doc.lines);
      this.complete = changed.start === changed.end ? previousFindings : this.relint(previousDoc, doc, changed, previousFindings);
    }
    return { doc, reused: reuse !== undefined, findings: this.complete };
  }

  /** Re-checks the body blocks holding lines `changed` (same line count, same structure); keeps everything else. */
  private relint(before: NotesDocument, doc: NotesDocument, changed: LineSpan, previous: readonly Finding[]): Finding[] {
    const blocks = blockTrees(doc, changed.start, changed.end);
    const span: LineSpan = blocks.length === 0 ? changed : { start: Math.min(changed.start, blocks[0]!.startLine), end: Math.max(changed.end, blocks[blocks.length - 1]!.endLine) };
    const oldLines = before.lines.slice(changed.start, changed.end);
    const newLines = doc.lines.slice(changed.start, changed.end);
    const config = this.config;
    const full = new Set<string>();
    // Per rule checked again on some lines: the spans (sorted, apart), the edited blocks' first.
    const local = new Map<string, LineSpan[]>();
    for (const rule of allRulesOf(this.options)) {
      if (!isEnabled(rule, config)) continue;
      const scope = rule.scope ?? 'document';
      if (scope === 'document' || (scope === 'block' && rule.reachesBeyondEdit?.(oldLines, newLines, doc))) full.add(rule.id);
      else if (scope === 'block') {
        const beyond = rule.linesBeyondEdit?.(before, doc, changed);
        if (beyond === 'all') full.add(rule.id);
        else local.set(rule.id, beyond && beyond.length > 0 ? spansWith(doc, span, beyond) : [span]);
      }
    }
    // What a rule hides (Rule.hides) can change anywhere it changes: where it is checked again beyond the edit, so
    // must those; when it runs again in full, those run in full too.
    const rules = allRulesOf(this.options);
    const hiding = hidingOf(rules);
    for (const [id, spans] of local) {
      if (spans.length === 1 || full.has(id)) continue;
      for (const hidden of hiding.get(id) ?? []) {
        const theirs = local.get(hidden);
        if (theirs) local.set(hidden, mergeSpans([...theirs, ...spans]));
        else full.add(hidden);
      }
    }
    for (const id of [...full]) for (const hidden of hiding.get(id) ?? []) full.add(hidden);
    for (const id of full) local.delete(id);
    const fresh: Finding[] = [];
    for (const rule of rules) {
      if (full.has(rule.id)) appendAll(fresh, runRule(rule, doc, config, this.options));
      else for (const s of local.get(rule.id) ?? []) appendAll(fresh, runRule(rule, doc, config, this.options, s));
    }
    // The previous findings less those of the rules run again (in full, or on their lines), with the fresh ones.
    return updateFindings(previous, full, local, fresh, rules);
  }

  /** A rule's preparation steps, a rule that throws there is left to fail (and be reported) in its check. */
  private *prepared(rule: Rule, ctx: RuleContext): Generator<void> {
    try {
      for (const _ of rule.prepare!(ctx)) yield;
    } catch {
      // The check runs next and reports the error through onRuleError (or throws) the usual way.
    }
  }

  /** Lints the current document in full, a slice at a time; resolves with every finding, or undefined when cancelled. */
  async lintAll(options: SliceOptions = {}): Promise<Finding[] | undefined> {
    const doc = this.current;
    if (!doc) return [];
    if (this.complete) return this.complete;
    const budget = options.budgetMs ?? 12;
    const yieldFn = options.yieldFn ?? nextTurn;
    // The blocks first, in steps: the plan of the work below reads them.
    const live = (): boolean => !(options.isCancelled?.() || this.current !== doc);
    if (!(await runInSlices(findBlocks(doc), { budgetMs: budget, yieldFn, isCancelled: () => !live() }))) return undefined;
    const config = this.config;
    const rules = allRulesOf(this.options).filter((r) => isEnabled(r, config));
    const whole = rules.filter((r) => (r.scope ?? 'document') !== 'block');
    const perBlock = rules.filter((r) => r.scope === 'block');
    const found: Finding[] = [];
    const ctx = (span?: LineSpan): RuleContext => ({ doc, config, speller: this.options.speller, fileExists: this.options.fileExists, lines: span });
    const run = (rule: Rule, span?: LineSpan) => (): void => appendAll(found, runRule(rule, doc, config, this.options, span));
    // Work in small steps, each a function that may itself yield between sub-steps: whole-document rules, then per
    // step of lines (nearest the visible lines first) the Markdown trees of its blocks one by one, each rule's
    // preparation word by word, and the rules' checks.
    const work: Array<() => Iterable<void> | void> = [warmUpMarkdown];
    for (const rule of whole) {
      if (rule.prepare) work.push(() => this.prepared(rule, ctx()));
      work.push(run(rule));
    }
    for (const span of orderSteps(lineSteps(doc), options.firstLines)) {
      work.push(function* () {
        for (const block of blockTrees(doc, span.start, span.end)) {
          yield* treeSteps(block);
          yield;
        }
      });
      for (const rule of perBlock) {
        if (rule.prepare) work.push(() => this.prepared(rule, ctx(span)));
        work.push(run(rule, span));
      }
    }
    let sliceStart = now();
    let reported = 0;
    let lastPartial = -Infinity;
    const turn = async (): Promise<boolean> => {
      if (now() - sliceStart < budget) return true;
      await yieldFn();
      if (!live()) return false;
      if (options.onPartial && found.length !== reported && now() - lastPartial >= (options.partialMs ?? 0)) {
        reported = found.length;
        lastPartial = now();
        const partial = await runInSlices(settleSteps(found, rules), { budgetMs: budget, yieldFn, isCancelled: () => !live() });
        if (!partial) return false;
        options.onPartial(partial);
        await yieldFn();
        if (!live()) return false;
      }
      sliceStart = now();
      return true;
    };
    for (const item of work) {
      const steps = item();
      if (steps) {
        for (const _ of steps) if (!(await turn())) return undefined;
      }
      if (!(await turn())) return undefined;
    }
    // Sorted across slices: a big file has tens of thousands of findings.
    const findings = await runInSlices(settleSteps(found, rules), { budgetMs: budget, yieldFn, isCancelled: () => !live() });
    if (!findings) return undefined;
    if (this.current === doc && this.options.config === config) this.complete = findings;
    return findings;
  }
}

/** `span` and the blocks holding `lines` (a line outside every body block, such as a heading, on its own), merged. */
function spansWith(doc: NotesDocument, span: LineSpan, lines: readonly number[]): LineSpan[] {
  const spans: LineSpan[] = [span];
  for (const line of lines) {
    if (line >= span.start && line < span.end) continue;
    const block = blockTrees(doc, line, line + 1)[0];
    spans.push(block && block.startLine <= line && line < block.endLine ? { start: block.startLine, end: block.endLine } : { start: line, end: line + 1 });
  }
  return mergeSpans(spans);
}

/** Spans sorted, overlapping ones joined (so that no line is checked twice). */
function mergeSpans(spans: LineSpan[]): LineSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: LineSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Characters of edited lines re-checked at once at most (see accept). */
const MAX_RELINT_CHARS = 8_000;

function spanChars(doc: NotesDocument, span: LineSpan): number {
  let chars = 0;
  for (let l = span.start; l < span.end && chars <= MAX_RELINT_CHARS; l++) chars += (doc.lines[l]?.length ?? 0) + 1;
  return chars;
}

function allRulesOf(options: LintOptions): readonly Rule[] {
  return options.rules ?? allRules;
}

/** The document's lines in steps of about STEP_LINES, cut where a body block ends, covering every line once. */
function lineSteps(doc: NotesDocument): LineSpan[] {
  const steps: LineSpan[] = [];
  let start = 0;
  let chars = 0;
  let counted = 0;
  for (const block of blockTrees(doc)) {
    for (; counted < block.endLine; counted++) chars += doc.lines[counted]!.length + 1;
    if (block.endLine - start >= STEP_LINES || chars >= STEP_CHARS) {
      steps.push({ start, end: block.endLine });
      start = block.endLine;
      chars = 0;
    }
  }
  if (start < doc.lineCount || steps.length === 0) steps.push({ start, end: Math.max(doc.lineCount, start) });
  return steps;
}

/** Steps overlapping `first` first, then the others by their distance from it. */
function orderSteps(steps: LineSpan[], first: LineSpan | undefined): LineSpan[] {
  if (!first) return steps;
  const distance = (s: LineSpan): number => (s.end <= first.start ? first.start - s.end + 1 : s.start >= first.end ? s.start - first.end + 1 : 0);
  return steps.map((s, i) => ({ s, i, d: distance(s) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.s);
}
