// Helpers for rule tests: parse a fixture, run one rule (or all), read findings back as 1-based lines.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes, type Finding, type NotesDocument } from '../../../src/core';
import { lintDocument, type LintOptions } from '../../../src/core/lint';
import { applyEdits, plainEdits } from '../../../src/core/edits';
import type { LintConfig } from '../../../src/core/rules/types';

export const SAMPLE_PATH = path.join(__dirname, '../../../samples/scaleconf-2017.md');
export const sampleText = (): string => readFileSync(SAMPLE_PATH, 'utf8');

export function lint(text: string | NotesDocument, rule?: string, options: LintOptions = {}, config: LintConfig = { rules: {} }): Finding[] {
  const doc = typeof text === 'string' ? parseNotes(text) : text;
  const all = lintDocument(doc, config, options);
  return rule ? all.filter((f) => f.rule === rule) : all;
}

/** 1-based start lines, as an editor shows them. */
export const lines = (findings: Finding[]): number[] => findings.map((f) => f.range.start.line + 1);

/** The text after applying a finding's preferred fix (snippets as plain text). */
export function applyPreferred(text: string, finding: Finding): string {
  const fix = finding.fixes.find((f) => f.preferred);
  if (!fix) throw new Error(`no preferred fix for ${finding.rule}`);
  return applyEdits(text, plainEdits(fix));
}

/** The sample without its 1-based line `n`. */
export function sampleWithout(n: number): string {
  const all = sampleText().split('\n');
  all.splice(n - 1, 1);
  return all.join('\n');
}

/** A small notes file in the sample's heading layout, with two complete talks so it counts as notes. */
export function headingNotes(extra: string): string {
  return `# Notes from Testconf

## First talk
### Alice Example

#### Staff Engineer

#### Acme

Alice spoke about queues.

## Second talk
### Bob Sample

#### Developer Advocate

#### Initech

Bob spoke about caches.

${extra}`;
}
