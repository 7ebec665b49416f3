// The contract between the lint engine and its rules. A rule is a small pure function: the parsed document (or one
// body block of it) in, reports (a place, a message, fixes) out. The engine stamps each report with the rule's id and
// the configured severity, caches block rules per block, and applies which rule hides which (lint.ts).
import type { BlockTree } from '../blocks';
import type { Finding, FindingAction, Fix, NotesDocument, Range, Severity } from '../model';

export type RuleSetting = Severity | 'off';

export interface LintConfig {
  /** Per rule id: another severity, or 'off'. Absent = the rule's default. */
  rules: Record<string, RuleSetting | undefined>;
  /** Spelling locale, e.g. 'en-US', 'en-GB'. */
  locale?: string;
  /** Words the user added (workspace, user dictionary, ignored in this file). */
  words?: string[];
  /**
   * Names known beyond this document (the workspace's speakers, and names several of its talks use): accepted by
   * the spelling check like the document's own names. The extension fills it from its workspace index.
   */
  names?: readonly string[];
  /** Report a known word written in another case (`github` for GitHub) as a hint of its own (rule `spelling-case`). */
  checkCase?: boolean;
}

/** What the spelling rule needs from a loaded dictionary; the optional parts make it more careful (EnglishSpeller has them all). */
export interface Speller {
  isCorrect(word: string): boolean;
  /** Best first. */
  suggest(word: string, max?: number): string[];
  /** Suggestions with scores (lower is better), to tell how far ahead the best one is. */
  suggestScored?(word: string, max?: number): Array<{ word: string; score: number }>;
  /** The dictionary's spelling of a word it knows only in another case (`github` -> GitHub). */
  inAnotherCase?(word: string): string | undefined;
  /** Whether the dictionary knows the word as a name, capitals as written (Stephen, Marc). */
  isProperName?(word: string): boolean;
  /** Whether the word is one typing mistake away from a common English word (so a typo, even capitalised). */
  isNearMiss?(word: string): boolean;
  /** Whether another English locale spells the word this way (`behaviour` checked as en-US). */
  isOtherLocaleSpelling?(word: string): boolean;
  /** The corrections the common-misspellings list gives for the word, if it is listed. */
  listedCorrections?(word: string): string[] | undefined;
  /** Which English locales know the word (bits of LOCALES in spelling/format.ts): for inferring a document's locale. */
  localesOf?(word: string): number;
  /** The same speller checking another locale, also accepting the spellings of `alsoAccepted`. */
  withLocale?(locale: string, alsoAccepted?: readonly string[]): Speller;
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
 * What a rule reports: where, what is wrong, and how to fix it. The engine makes it a Finding with the rule's id and
 * the configured severity (a rule never writes either).
 */
export interface Report {
  message: string;
  range: Range;
  /** Edits that fix it; none by default. */
  fixes?: Fix[];
  /** Data to keep with the finding (e.g. the unknown word). */
  data?: Finding['data'];
  /** What else a user can do about it besides the edits (add a word to the dictionary, ignore it in the file). */
  actions?: FindingAction[];
}

/** A body block seen from inside: its own lines, starting at line 0 (so are the block's lines and tree). */
export interface LocalBlock {
  lines: readonly string[];
  block: BlockTree;
}

/** What a block rule sees besides its block: the rule's context, and where the block sits in the document. */
export interface BlockContext extends RuleContext {
  /** The block in document lines. */
  at: BlockTree;
  /**
   * `compute`'s result for this block's text, kept by the engine per block text whatever the block's key: for the
   * part of a check that reads the block alone when the reports also depend on a key (one result per rule).
   */
  byText<T>(compute: () => T): T;
}

/**
 * What a rule's findings depend on, so the engine can redo only what an edit can change:
 * - `structure`: only the parsed structure (headings, talks, fields, blank or not); an edit of plain notes lines
 *   that keeps the structure keeps these findings;
 * - `block`: findings in a body block depend on that block's text and the structure only (see `reachesBeyondEdit`);
 * - `document` (default): anything in the document; the rule runs again in full after any edit.
 */
export type RuleScope = 'structure' | 'block' | 'document';

interface RuleBase {
  id: string;
  defaultSeverity: Severity;
  /** One line for README and settings. */
  description: string;
  /** Default `document`. */
  scope?: RuleScope;
  /**
   * Rules whose findings this rule's findings hide where they overlap (one problem, one message): a near miss of a
   * speaker's name is not also an unknown word. The engine applies it.
   */
  hides?: readonly string[];
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
  /**
   * For `block` rules whose findings elsewhere can depend on an edited line only now and then (a word that the edit
   * makes used once instead of twice): the lines outside the edit whose findings an edit of lines `changed` can
   * change (`before` -> `after`, structure unchanged), which the engine checks again with their blocks; 'all' to
   * run the rule in full. Asked when `reachesBeyondEdit` said no.
   */
  linesBeyondEdit?(before: NotesDocument, after: NotesDocument, changed: LineSpan): readonly number[] | 'all';
}

/** A rule over the whole document (with `ctx.lines`, it may skip what lies outside them). */
export interface DocumentRule extends RuleBase {
  check(ctx: RuleContext): Report[];
  checkBlock?: undefined;
}

/**
 * A rule over one body block at a time (scope `block`). The engine runs it on each block in block-relative lines,
 * keeps its reports per block (by the block's Markdown tree, which is cached by text) and moves them to wherever the
 * block is now: after an edit only the edited block is checked again.
 */
export interface BlockRule extends RuleBase {
  scope: 'block';
  /** Reports in block-relative lines (line 0 = the block's first line). */
  checkBlock(block: LocalBlock, ctx: BlockContext): Report[];
  /**
   * What the block's reports depend on besides its text (compared with `===`; a string is best): a block whose key
   * changed is checked again. None by default.
   */
  blockKey?(ctx: BlockContext): unknown;
  /** Asked of each report (in document lines) every time, for what can change while the block does not. */
  keep?(report: Report, ctx: RuleContext): boolean;
  check?: undefined;
}

export type Rule = DocumentRule | BlockRule;
