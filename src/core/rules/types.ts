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
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** One line for README and settings. */
  description: string;
  /** Findings with `severity` set to the default; the engine applies the configured severity. */
  check(ctx: RuleContext): Finding[];
}
