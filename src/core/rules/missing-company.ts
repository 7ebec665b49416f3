// A talk with a speaker but no company; a panel (several speakers) is not expected to have one.
import type { DocumentRule } from './types';
import { missingField } from './shared/missingField';

export const missingCompany: DocumentRule = {
  id: 'missing-company',
  defaultSeverity: 'information',
  scope: 'structure',
  description: "A talk with a speaker but no company (the speaker's employer or affiliation).",
  check: (ctx) => missingField(ctx, 'company', (talk) => talk.speakers.length === 1 && talk.speaker !== undefined),
};
