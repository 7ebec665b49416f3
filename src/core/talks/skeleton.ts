// The "new talk" skeleton, written in the document's own layout, and where a new talk goes; a new notes file.
import type { Layout, NotesDocument } from '../model';
import { holdsLine } from './navigation';

function heading(level: number, text: string): string {
  return `${'#'.repeat(Math.min(Math.max(level, 1), 6))} ${text}`;
}

/** A field as a label line in a layout's style (`**Speaker:** Ada`); the schedule writer uses it too. */
export function fieldLabel(style: Layout['labelStyle'], name: string, value: string): string {
  switch (style) {
    case 'plain':
      return `${name}: ${value}`;
    case 'list':
      return `- ${name}: ${value}`;
    case 'italic':
      return `*${name}:* ${value}`;
    case 'bold':
    default:
      return `**${name}:** ${value}`;
  }
}

/**
 * A talk in the document's own layout as a VS Code snippet: tab stops for title, speaker, role and
 * company, then the notes. Ends with a newline.
 */
export function talkSkeleton(layout: Layout, firstTabStop = 1): string {
  const level = layout.talkLevel;
  const stop = (n: number, text: string): string => `\${${n + firstTabStop - 1}:${text}}`;
  const title = stop(1, 'Talk title');
  const speaker = stop(2, 'Speaker');
  const role = stop(3, 'Role');
  const company = stop(4, 'Company');
  const notes = '${0:Notes}';
  let lines: string[];
  switch (layout.fieldStyle) {
    case 'label':
      lines = [
        heading(level, title),
        '',
        fieldLabel(layout.labelStyle, 'Speaker', speaker),
        // Bold/italic/plain labels on consecutive lines would run together into one paragraph.
        ...(layout.labelStyle === 'list' ? [] : ['']),
        fieldLabel(layout.labelStyle, 'Role', role),
        ...(layout.labelStyle === 'list' ? [] : ['']),
        fieldLabel(layout.labelStyle, 'Company', company),
        '',
        notes,
      ];
      break;
    case 'title':
      lines = [heading(level, `${title} — ${speaker} (${company})`), '', notes];
      break;
    case 'byline':
      lines = [heading(level, title), `${speaker} - ${role} @ ${company}`, '', notes];
      break;
    case 'heading':
    case 'none':
    default: {
      const f = layout.fieldStyle === 'heading' ? layout.fieldLevels : { speaker: level + 1, role: level + 2, company: level + 2 };
      lines = [
        heading(level, title),
        heading(f.speaker, speaker),
        '',
        heading(f.role, role),
        '',
        heading(f.company, company),
        '',
        notes,
      ];
    }
  }
  return lines.join('\n') + '\n';
}

/** The layout of the bundled sample, for new notes files. */
export const DEFAULT_LAYOUT: Layout = {
  talkLevel: 2,
  fieldStyle: 'heading',
  fieldLevels: { speaker: 3, role: 4, company: 4 },
  labelStyle: 'bold',
};

/** A new notes file: the conference title, then a first talk; as a snippet. */
export function notesSkeleton(layout: Layout = DEFAULT_LAYOUT): string {
  return '# Notes from ${1:Conference name}\n\n' + talkSkeleton(layout, 2);
}

export interface SkeletonInsertion {
  /** Where to insert (a line start, or the end of the last line). */
  position: { line: number; character: number };
  snippet: string;
}

/**
 * Where a new talk goes for a cursor on `line`: after the talk or section the cursor is in (before the
 * first talk when the cursor is above every heading), with one blank line around it.
 */
export function newTalkInsertion(doc: NotesDocument, line: number): SkeletonInsertion {
  const blocks = [...doc.talks.map((t) => t.range), ...doc.sections.map((s) => s.range)];
  const block = blocks.find((r) => holdsLine(r, line));
  let at: number;
  if (block) at = block.end.line + 1;
  else if (doc.talks[0] && doc.talks[0].headingRange.start.line > line) at = doc.talks[0].headingRange.start.line;
  else at = doc.lines.length;
  const floor = block ? block.start.line + 1 : 0;
  const blank = (l: number): boolean => (doc.lines[l] ?? '').trim() === '';
  // Insert before the blank lines that close the block, so they keep separating the new talk from what follows.
  while (at > floor && at - 1 < doc.lines.length && blank(at - 1)) at--;
  const skeleton = talkSkeleton(doc.layout);
  if (at >= doc.lines.length) {
    // The last line has text and no line break after it.
    const last = Math.max(doc.lines.length - 1, 0);
    return { position: { line: last, character: (doc.lines[last] ?? '').length }, snippet: '\n\n' + skeleton };
  }
  const prefix = at > 0 && !blank(at - 1) ? '\n' : '';
  const suffix = blank(at) ? '' : '\n';
  return { position: { line: at, character: 0 }, snippet: prefix + skeleton + suffix };
}
