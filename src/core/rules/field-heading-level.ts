// A speaker, role or company heading at another level than the document's usual one for that field.
import type { FieldName, Fix, Heading } from '../model';
import type { DocumentRule, Report } from './types';

const NAMES: FieldName[] = ['speaker', 'role', 'company'];

export const fieldHeadingLevel: DocumentRule = {
  id: 'field-heading-level',
  defaultSeverity: 'warning',
  scope: 'structure',
  description: "A speaker, role or company heading at another level than the one the rest of the document uses.",
  check({ doc }) {
    const findings: Report[] = [];
    if (doc.layout.fieldStyle !== 'heading') return findings;
    for (const talk of doc.talks) {
      for (const name of NAMES) {
        const field = talk[name];
        if (field?.source !== 'heading' || field.headingLevel === undefined) continue;
        const expected = doc.layout.fieldLevels[name];
        if (field.headingLevel === expected) continue;
        const heading: Heading | undefined = talk.fieldHeadings.find((h) => h.range.start.line === field.lineRange.start.line) ??
          doc.headings.find((h) => h.range.start.line === field.lineRange.start.line);
        const marks = '#'.repeat(expected);
        const fixes: Fix[] = [];
        const finding: Report = {
          message: `The ${name} heading '${field.text}' of talk '${talk.title}' is level ${field.headingLevel} (${'#'.repeat(field.headingLevel)}); this document writes ${name} headings at level ${expected} (${marks})`,
          range: heading?.range ?? field.lineRange,
          fixes,
          data: { talk: talk.title, field: name, level: field.headingLevel, expected },
        };
        if (heading?.kind === 'atx') {
          const line = doc.lines[heading.range.start.line] ?? '';
          const m = /^( {0,3})(#{1,6})/.exec(line);
          if (m) {
            const start = { line: heading.range.start.line, character: m[1]!.length };
            const end = { line: heading.range.start.line, character: m[1]!.length + m[2]!.length };
            fixes.push({ title: `Change to level ${expected} (${marks})`, preferred: true, safe: true, edits: [{ range: { start, end }, newText: marks }] });
          }
        }
        findings.push(finding);
      }
    }
    return findings;
  },
};
