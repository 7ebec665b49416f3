// Builds NotesDocuments for the tree model's tests by hand, so they do not depend on the parser:
// `## Title` starts a talk unless listed as a section; the next three headings are speaker, role, company.
import type { Field, Heading, Layout, NotesDocument, Range, Section, Talk } from '../../src/core/model';

const HEADING_LAYOUT: Layout = {
  talkLevel: 2,
  fieldStyle: 'heading',
  fieldLevels: { speaker: 3, role: 4, company: 4 },
  labelStyle: 'bold',
};

function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

function headingAt(lines: string[], line: number): Heading | undefined {
  const m = /^(#{1,6})\s+(.*?)\s*$/.exec(lines[line] ?? '');
  if (!m) return undefined;
  const level = m[1]!.length;
  const start = (lines[line] ?? '').indexOf(m[2]!, level);
  return {
    level,
    text: m[2]!,
    textRange: range(line, start, line, start + m[2]!.length),
    range: range(line, 0, line, (lines[line] ?? '').length),
    kind: 'atx',
  };
}

export function makeDoc(
  text: string,
  options: { sections?: string[]; conference?: string; layout?: Partial<Layout> } = {},
): NotesDocument {
  const lines = text.split('\n');
  const sectionNames = new Set(options.sections ?? ['Intro', 'Disclaimer']);
  const headings: Heading[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = headingAt(lines, i);
    if (h) headings.push(h);
  }
  const level2 = headings.filter((h) => h.level === 2);
  const talks: Talk[] = [];
  const sections: Section[] = [];
  level2.forEach((h, i) => {
    const next = level2[i + 1];
    const endLine = next ? next.range.start.line - 1 : lines.length - 1;
    const r = range(h.range.start.line, 0, endLine, (lines[endLine] ?? '').length);
    if (sectionNames.has(h.text)) {
      sections.push({ title: h.text, heading: h, range: r, kind: 'other' });
      return;
    }
    const fieldHeadings = headings.filter((f) => f.level > 2 && f.range.start.line > h.range.start.line && f.range.start.line <= endLine).slice(0, 3);
    const field = (f: Heading | undefined): Field | undefined =>
      f && { text: f.text, range: f.textRange, source: 'heading', headingLevel: f.level, lineRange: f.range };
    const [speaker, role, company] = fieldHeadings.map(field);
    const afterFields = (fieldHeadings.at(-1)?.range.start.line ?? h.range.start.line) + 1;
    let notesStart = afterFields;
    while (notesStart <= endLine && (lines[notesStart] ?? '').trim() === '') notesStart++;
    let notesEnd = endLine;
    while (notesEnd >= notesStart && (lines[notesEnd] ?? '').trim() === '') notesEnd--;
    const hasNotes = notesEnd >= notesStart;
    talks.push({
      title: h.text,
      heading: h,
      headingRange: h.range,
      range: r,
      speaker,
      role,
      company,
      speakers: speaker ? [speaker] : [],
      notesRange: hasNotes ? range(notesStart, 0, notesEnd, (lines[notesEnd] ?? '').length) : undefined,
      hasNotes,
      fieldHeadings,
      index: talks.length,
    });
  });
  const title = headings.find((h) => h.level === 1);
  return {
    title: title && { text: title.text, range: title.textRange },
    conference: options.conference ?? title?.text.replace(/^Notes from\s+/i, ''),
    sections,
    talks,
    headings,
    layout: { ...HEADING_LAYOUT, ...options.layout },
    lineCount: lines.length,
    lines,
    nonProse: [],
  };
}

export const SCALECONF = `# Notes from Scaleconf 2017

## Intro
Some words before the talks.

## Databases and Containers
### Ronen Baram

#### MySQL Principal Consultant

#### Oracle

Group replication is a multi-master synchronous replication technology.

## Planning your automation
### Vanessa Love

#### Support Guru

#### Octopus Deploy

## Designing interfaces
### Rob Pearson

#### Software Engineer

#### Octopus Deploy

Rob showed the new UI of Octopus.
`;

export const DEVOPSDAYS = `# Notes from DevOpsDays 2018

## Observability for everyone
### Ronen Baram

#### Consultant

#### Oracle

Metrics, logs and traces.

## Café culture
### Zoë Müller

#### CTO

#### Timely

Small teams, fast feedback.
`;
