// A talk with a speaker but no role; a panel (several speakers) is not expected to have one.
import type { DocumentRule } from './types';
import { missingField } from './shared/missingField';

export const missingRole: DocumentRule = {
  id: 'missing-role',
  defaultSeverity: 'information',
  scope: 'structure',
  description: "A talk with a speaker but no role (the speaker's job title).",
  check: (ctx) => missingField(ctx, 'role', (talk) => talk.speakers.length === 1 && talk.speaker !== undefined),
};
