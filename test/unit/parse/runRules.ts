// The lint rules (no spelling) on a text, filtered to one rule: what a user would see for that rule.
import { parseNotes, type Finding } from '../../../src/core';
import { lintDocument } from '../../../src/core/lint';

export async function runRules(text: string, rule: string): Promise<Finding[]> {
  return lintDocument(parseNotes(text)).filter((f) => f.rule === rule);
}
