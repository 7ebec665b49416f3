// The contract between the lint engine and its rules. A rule is a small pure function:
// the parsed document in, findings (with ranges and fixes) out.
import type { Finding, NotesDocument, Severity } from '../model';

export type RuleSetting = Severity | 'off';

export interface LintConfig {
  /** Per rule id: another severity, or 'off'. Absent = the rule's default. */
  rules: Record<string, RuleSetting | undefined>;
  /** Spelling locale, e.g. 'en-US', 'en-GB'. */
  locale?: string;
  /** Words the user added (workspace, user dictionary, ignored in this file). */
  words?: string[];
}

/** What the spelling rule needs from a loaded dictionary. */
export interface Speller {
  isCorrect(word: string): boolean;
  /** Best first. */
  suggest(word: string, max?: number): string[];
}

export interface RuleContext {
  doc: NotesDocument;
  config: LintConfig;
  /** Present once a dictionary is loaded; the spelling rule does nothing without it. */
  speller?: Speller;
  /** Whether a workspace-relative path (as written in a link) is a file; absent = unknown (treat as not a file). */
  fileExists?: (target: string) => boolean;
  /**
   * Lines [start, end): only findings that start there are wanted. A rule may skip the rest of the document to save
   * work (the engine drops what falls outside either way). Absent = the whole document.
   */
  lines?: LineSpan;
}

/** Lines [start, end) of a document, 0-based. */
export interface LineSpan {
  start: number;
  end: number;
}

/**
 * What a rule's findings depend on, so the engine can redo only what an edit can change:
 * - `structure`: only the parsed structure (headings, talks, fields, blank or not); an edit of plain notes lines
 *   that keeps the structure keeps these findings;
 * - `block`: findings in a body block depend on that block's text and the structure only (see `reachesBeyondEdit`);
 * - `document` (default): anything in the document; the rule runs again in full after any edit.
 */
export type RuleScope = 'structure' | 'block' | 'document';

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** One line for README and settings. */
  description: string;
  /** Findings with `severity` set to the default; the engine applies the configured severity. */
  check(ctx: RuleContext): Finding[];
  /** Default `document`. */
  scope?: RuleScope;
  /**
   * Expensive work `check` will need for the same context (suggestions, say), in small steps: a lint in slices runs
   * it a step at a time, yielding to the event loop between steps, so the check that follows is quick.
   */
  prepare?(ctx: RuleContext): Iterable<void>;
  /**
   * For `block` rules whose findings elsewhere can still depend on some text: whether replacing the lines `before` by
   * `after` (same place, structure unchanged) can change findings outside those lines. The engine then runs the
   * rule in full.
   */
  reachesBeyondEdit?(before: readonly string[], after: readonly string[], doc: NotesDocument): boolean;
}
