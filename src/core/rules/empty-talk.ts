// A talk with a heading (and perhaps its fields) but no notes at all.
import type { DocumentRule, Report } from './types';

export const emptyTalk: DocumentRule = {
  id: 'empty-talk',
  defaultSeverity: 'hint',
  scope: 'structure',
  description: 'A talk with no notes under it.',
  check({ doc }) {
    const findings: Report[] = [];
    for (const talk of doc.talks) {
      if (talk.hasNotes) continue;
      let last = talk.range.end.line;
      while (last > talk.headingRange.end.line && (doc.lines[last] ?? '').trim() === '') last--;
      const at = { line: last, character: (doc.lines[last] ?? '').length };
      findings.push({
        message: `Talk '${talk.title}' has no notes yet`,
        range: talk.heading.textRange,
        fixes: [{ title: 'Insert a notes placeholder', preferred: true, safe: false, snippet: true, edits: [{ range: { start: at, end: at }, newText: '\n\n${1:Notes}' }] }],
        data: { talk: talk.title },
      });
    }
    return findings;
  },
};
