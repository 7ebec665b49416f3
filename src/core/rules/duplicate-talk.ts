// Two talks with the same title (often a talk pasted twice, or a copy-paste of the previous heading).
import type { DocumentRule, Report } from './types';

function normalise(title: string): string {
  return title.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').replace(/[\s.:!?]+$/, '').trim();
}

export const duplicateTalk: DocumentRule = {
  id: 'duplicate-talk',
  defaultSeverity: 'information',
  scope: 'structure',
  description: 'Two talks with the same title.',
  check({ doc }) {
    const findings: Report[] = [];
    const first = new Map<string, number>();
    for (const talk of doc.talks) {
      const key = normalise(talk.title);
      if (key === '') continue;
      const seen = first.get(key);
      if (seen === undefined) {
        first.set(key, talk.headingRange.start.line);
        continue;
      }
      findings.push({
        message: `Talk '${talk.title}' appears more than once (first at line ${seen + 1})`,
        range: talk.heading.textRange,
        fixes: [],
        data: { talk: talk.title, firstLine: seen },
      });
    }
    return findings;
  },
};
