// What missing-speaker, missing-role and missing-company share: the finding and its layout-aware fix.
import { snippetToPlain } from '../../edits';
import type { FieldName, Talk } from '../../model';
import type { Report, RuleContext } from '../types';
import { insertFieldFix } from './fieldFix';

const AFTER: Record<FieldName, string> = { speaker: 'under the talk heading', role: 'after the speaker', company: 'after the role' };

export function missingField(ctx: RuleContext, name: FieldName, applies: (talk: Talk) => boolean): Report[] {
  const findings: Report[] = [];
  // A document that never writes this field (`## Title - Speaker, Company` has no role) is not asked for it.
  if (name !== 'speaker' && !ctx.doc.talks.some((t) => t[name])) return findings;
  for (const talk of ctx.doc.talks) {
    if (talk[name] || !applies(talk)) continue;
    const fix = insertFieldFix(ctx.doc, talk, name);
    const expected = snippetToPlain(fix.edits[0]!.newText).trim();
    const kind = ctx.doc.layout.fieldStyle === 'heading' ? `${name} heading` : name;
    findings.push({
      message: `Talk '${talk.title}' has no ${kind} (expected '${expected}' ${AFTER[name]})`,
      range: talk.heading.textRange,
      fixes: [fix],
      data: { talk: talk.title, field: name },
    });
  }
  return findings;
}
