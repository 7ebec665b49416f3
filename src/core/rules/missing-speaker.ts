// A talk with no speaker. Sections that are not talks (Intro, Disclaimer, Day 1) are not talks in the model.
import type { DocumentRule } from './types';
import { missingField } from './shared/missingField';

export const missingSpeaker: DocumentRule = {
  id: 'missing-speaker',
  defaultSeverity: 'warning',
  scope: 'structure',
  description: 'A talk with no speaker.',
  check: (ctx) => missingField(ctx, 'speaker', (talk) => talk.speakers.length === 0),
};
