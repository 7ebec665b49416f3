// The parse's shared state and the small helpers every pass uses. Each pass reads what earlier passes wrote.
import type { ScanResult } from '../scan';
import type { LineFields, TitleFields } from '../fields';
import type { Field, FieldName, FieldSource, FrontMatter, Heading, Layout, Range } from '../model';

/** A candidate for "a talk starts here": a heading, or a line that reads like one. */
export interface Head {
  heading: Heading;
  /** Which kind of line: the vote compares kinds (and heading levels) with each other. */
  source: 'heading' | 'bold' | 'link' | 'item' | 'table';
  /** Key of the group of like candidates the vote weighs together: `h2`, `bold`, `link`, `item`. */
  kind: string;
  /** Characters at the start of heading.text that are not title: a time, a letter, `Talk 3:`. */
  prefixLength: number;
  /** The prefix was a time of day (`09:30`, `` `10:00` ``): evidence of a schedule of talks. */
  timed: boolean;
  /** Readings of the text that put a speaker in it (`Title - Name`, `"Title" (Name)`, `Keynote: Name`). */
  titleReadings: TitleFields[];
  /** A table row's speaker, role and company cells (offsets in the line), under a header that names them. */
  rowFields?: LineFields;
}

/** A heading directly under a talk heading, taken as one of its fields. */
export interface FieldHeading {
  heading: Heading;
  index: number;
}

/** What sits between a talk's first line and its notes: field headings, labelled lines, a speaker line. */
export interface FieldArea {
  fieldHeadings: FieldHeading[];
  labels: Array<{ line: number; field: FieldName; style: Layout['labelStyle']; values: LineFields }>;
  speakerLine?: { line: number; values: LineFields; continuation?: { line: number; values: LineFields } };
  /** A person named a few lines down (`- Jane Doe` after a quote and a date line), not right under the head. */
  nearbyPerson?: { line: number; values: LineFields; strong: boolean };
  /** First line after the field area (where notes start), within the block. */
  notesStart: number;
}

/** A talk being assembled from its head and field area. */
export interface Draft {
  head: number;
  speakers: Field[];
  role?: Field;
  company?: Field;
  fieldHeadings: Heading[];
  notesStart: number;
  /** Exclusive end line of the talk's block. */
  end: number;
  title: string;
  /** The only fields are a guessed speaker line (weaker than headings or labels). */
  fromSpeakerLineOnly?: boolean;
}

export interface ParseState {
  scan: ScanResult;
  lines: string[];
  frontMatter?: FrontMatter;
  nonTalkSections: readonly string[];
  heads: Head[];
  /** Index in heads of the head on each line (headings span their setext lines). */
  headByLine: Map<number, number>;
  fieldAreas: FieldArea[];
  /** Evidence, per head, that it starts a talk. */
  evidence: number[];
  /** Heads chosen as talk starts (indices into heads), in document order. */
  talkStarts: number[];
  /** Heads that group talks below them (`## Lightning talks` over `### Talk` + `by Name`). */
  groups: Set<number>;
  /** The document title's head, if any. */
  titleHead: number;
  talkLevel: number;
  /** Total evidence of the chosen talk start kind (0: nothing in the file looks like a talk). */
  talkEvidence: number;
  fieldLevels: Layout['fieldLevels'];
}

export function pos(line: number, character: number): Range['start'] {
  return { line, character };
}

export function lineRange(lines: string[], line: number): Range {
  return { start: pos(line, 0), end: pos(line, lines[line]!.length) };
}

export function makeField(text: string, range: Range, source: FieldSource, whole: Range, headingLevel?: number): Field {
  const f: Field = { text, range, source, lineRange: whole };
  if (headingLevel !== undefined) f.headingLevel = headingLevel;
  return f;
}

/** A field read from a piece of a line (the spans are found on a copy with inline HTML and link targets blanked). */
export function spanField(lines: string[], line: number, s: { start: number; end: number }, source: FieldSource): Field {
  return makeField(lines[line]!.slice(s.start, s.end), { start: pos(line, s.start), end: pos(line, s.end) }, source, lineRange(lines, line));
}

export function mostCommon(values: number[], fallback: number): number {
  const counts = new Map<number, number>();
  let best = fallback;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount || (c === bestCount && v < best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

export function lastContentLine(lines: string[], from: number, endExclusive: number): number {
  let last = from;
  for (let l = from; l < endExclusive; l++) if (lines[l]!.trim() !== '') last = l;
  return last;
}

export function firstContentLine(lines: string[], from: number, endExclusive: number): number {
  for (let l = from; l < endExclusive; l++) if (lines[l]!.trim() !== '') return l;
  return -1;
}

/** The end (exclusive line) of the block a head opens: up to the next head at its level or above. */
export function blockEnd(state: ParseState, index: number, level = state.heads[index]!.heading.level): number {
  const { heads } = state;
  for (let next = index + 1; next < heads.length; next++) if (heads[next]!.heading.level <= level) return heads[next]!.heading.range.start.line;
  return state.lines.length;
}

export function hasFields(d: Pick<Draft, 'speakers' | 'role' | 'company'>): boolean {
  return d.speakers.length > 0 || !!d.role || !!d.company;
}
