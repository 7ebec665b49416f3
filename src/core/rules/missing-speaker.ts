// A talk with no speaker. Sections that are not talks (Intro, Disclaimer, Day 1) are not talks in the model.
import type { Rule } from './types';
import { missingField } from './shared/missingField';

export const missingSpeaker: Rule = {
  id: 'missing-speaker',
  defaultSeverity: 'warning',
  scope: 'structure',
  description: 'A talk with no speaker.',
  check: (ctx) => missingField(ctx, 'missing-speaker', 'warning', 'speaker', (talk) => talk.speakers.length === 0),
};
