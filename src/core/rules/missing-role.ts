// A talk with a speaker but no role; a panel (several speakers) is not expected to have one.
import type { Rule } from './types';
import { missingField } from './shared/missingField';

export const missingRole: Rule = {
  id: 'missing-role',
  defaultSeverity: 'information',
  scope: 'structure',
  description: "A talk with a speaker but no role (the speaker's job title).",
  check: (ctx) => missingField(ctx, 'missing-role', 'information', 'role', (talk) => talk.speakers.length === 1 && talk.speaker !== undefined),
};
