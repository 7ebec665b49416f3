// Every lint rule, in the order the README documents them. One file per rule in this folder.
import type { Rule } from './types';
import { missingSpeaker } from './missing-speaker';
import { missingRole } from './missing-role';
import { missingCompany } from './missing-company';
import { fieldHeadingLevel } from './field-heading-level';
import { emptyTalk } from './empty-talk';
import { linkWithoutScheme } from './link-without-scheme';
import { mojibake } from './mojibake';
import { speakerNameMismatch } from './speaker-name-mismatch';
import { repeatedWord } from './repeated-word';
import { duplicateTalk } from './duplicate-talk';
import { notChecked } from './not-checked';
import { spellingCaseRule, spellingRule } from './spelling';

/** The structure rules (issue 4). */
export const structureRules: readonly Rule[] = [
  missingSpeaker,
  missingRole,
  missingCompany,
  fieldHeadingLevel,
  emptyTalk,
  linkWithoutScheme,
  mojibake,
  speakerNameMismatch,
  repeatedWord,
  duplicateTalk,
];

/**
 * Every registered rule. The spelling rule (id `spelling`, src/core/spelling, issue 5) is added here:
 * `export const allRules = [...structureRules, spellingRule]`. Last, `not-checked` (issue 15) says once per file what
 * was beyond the limits of the Markdown parse (src/core/limits.ts) and left out.
 */
export const allRules: readonly Rule[] = [...structureRules, spellingRule, spellingCaseRule, notChecked];

/** Ids a config may name: the registered rules, and `spelling` even in a build without it. */
export const KNOWN_RULE_IDS: readonly string[] = [...new Set([...allRules.map((r) => r.id), 'spelling'])];

export type { Rule, RuleContext, LintConfig, RuleSetting, Speller } from './types';
