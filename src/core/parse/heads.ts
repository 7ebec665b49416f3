// Pass: every candidate for "a talk starts here". Headings of each level, and lines that read like headings in
// notes that have none: bold pseudo-headings (`**A. Keynote: Name**`), link lines (`[Title](video)` over a name
// line) and schedule bullets (`- "Title" (Speaker)`). Also the prefixes that are not part of a title.
import { parseByline, parseLabelledLine, parseTitlePatterns, type Span, type TitleFields } from '../fields';
import type { Heading } from '../model';
import type { ScanResult } from '../scan';
import { isGivenName, personEvidence } from './people';
import type { Head } from './state';

/** Level given to lines that start talks: below every Markdown heading. */
export const LINE_LEVEL = 7;

const BOLD_LINE = /^( {0,3})(\*\*|__)(?![*_\s])(.{1,200}?)\2[ \t]*:?[ \t]*$/;
const LINK_LINE = /^( {0,3})\[([^\]\n]{2,200})\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"]*")?\)[ \t]*$/;
const LIST_ITEM = /^( {0,3})(?:[-*+]|\d{1,3}[.)])[ \t]+(.{3,300})$/;
/** A schedule bullet: a quoted title, or a title with the speaker in parentheses at the end. */
const SCHEDULE_ITEM = /^["“][^"”]{2,200}["”]|\(\s*[^()]{2,120}\)$/;
/** Trailing marks some schedules put after a talk (`[%]`, `[*]`, `*`). */
const TRAILING_MARK = /(?:\s+\[[%*x+ ]?\]|\s+[*%])+\s*$/;

/** Prefixes that are not part of a title: a time (`09:30 -`, `` `10:00` ``), a letter (`A.`), `Talk 3:`. */
const TIME_PREFIX = /^(?:`\s*)?\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm))?(?:\s*[-–—]\s*\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm))?)?(?:\s*`)?(?:\s*[-–—:|]\s*|\s+)/i;
const OTHER_PREFIX = /^(?:[A-Z][.)]\s+|[A-Z]{2,5}\d{2,4}\s*[-–—:]\s+|(?:talk|session|track)\s+\d{1,3}\s*[:.\-–—]\s*|\d{1,2}[.)]\s+)/i;

export function titlePrefix(text: string): { length: number; timed: boolean } {
  const time = TIME_PREFIX.exec(text);
  if (time && time[0].length < text.length) {
    const rest = OTHER_PREFIX.exec(text.slice(time[0].length));
    return { length: time[0].length + (rest && rest[0].length < text.length - time[0].length ? rest[0].length : 0), timed: true };
  }
  const other = OTHER_PREFIX.exec(text);
  return { length: other && other[0].length < text.length ? other[0].length : 0, timed: false };
}

const KEYWORD = /^((?:opening |closing |morning |day \d+ )?keynote|panel|fireside chat|lightning talk|workshop|tutorial|interview)\s*(?:[:\-–—]|\s+by)\s+(\S.*)$/i;

/** Readings of a head's text that put a speaker in it; spans are relative to the whole text. */
function readingsOf(text: string, prefixLength: number): TitleFields[] {
  const rest = text.slice(prefixLength);
  const shift = (r: TitleFields): TitleFields => {
    const move = <T extends { start: number; end: number }>(sp: T): T => ({ ...sp, start: sp.start + prefixLength, end: sp.end + prefixLength });
    const moved: TitleFields = { pattern: r.pattern, title: move(r.title), speakers: r.speakers.map(move) };
    if (r.role) moved.role = move(r.role);
    if (r.company) moved.company = move(r.company);
    if (r.certain) moved.certain = true;
    return moved;
  };
  const found = parseTitlePatterns(rest).map(shift);
  // `Keynote: Jane Doe`, `Keynote - Jane Doe`: the title is the kind of talk, the rest its speaker.
  const keyword = KEYWORD.exec(rest);
  if (keyword) {
    const at = rest.length - keyword[2]!.length;
    const by = parseByline(rest, at, true);
    if (by && by.speakers.length > 0 && by.speakers.every((sp) => personEvidence(sp.text) !== 'none')) {
      found.unshift(shift({ pattern: 'dash', title: { text: keyword[1]!, start: 0, end: keyword[1]!.length }, certain: true, ...by }));
    }
  }
  // `Title by @handle`, `Title by Andrew (Principal Engineer in Google)`: a handle or a known given name alone.
  if (!found.some((r) => r.pattern === 'by')) {
    const by = /^(.*\S)\s+by\s+(@[\w.-]{2,30}|\p{Lu}\p{Ll}+)(?:\s*\(([^()]+)\))?\s*$/u.exec(rest);
    if (by && (by[2]!.startsWith('@') || isGivenName(by[2]!))) {
      const nameAt = rest.lastIndexOf(by[2]!, by[3] ? rest.lastIndexOf('(') : rest.length);
      const reading: TitleFields = { pattern: 'by', certain: true, title: { text: by[1]!.replace(/:$/, ''), start: 0, end: by[1]!.replace(/:$/, '').length }, speakers: [{ text: by[2]!, start: nameAt, end: nameAt + by[2]!.length }] };
      if (by[3]) {
        const inner = rest.lastIndexOf('(') + 1;
        const at = /\s+(?:at|in|@)\s+/.exec(by[3]);
        if (at) {
          reading.role = { text: by[3].slice(0, at.index), start: inner, end: inner + at.index };
          const c = inner + at.index + at[0].length;
          reading.company = { text: by[3].slice(at.index + at[0].length).trim(), start: c, end: c + by[3].slice(at.index + at[0].length).trim().length };
        } else reading.company = { text: by[3].trim(), start: inner, end: inner + by[3].trim().length };
      }
      found.push(shift(reading));
    }
  }
  return found;
}

function lineHeading(line: number, text: string, start: number, wholeLength: number): Heading {
  return {
    level: LINE_LEVEL,
    text,
    textRange: { start: { line, character: start }, end: { line, character: start + text.length } },
    range: { start: { line, character: 0 }, end: { line, character: wholeLength } },
    kind: 'line',
  };
}

/** The heads of a document, in line order. */
export function* findHeads(scan: ScanResult): Generator<void, Head[]> {
  const heads: Head[] = [];
  const { lines, headings, inNonProse } = scan;
  const headingAt = new Map<number, Heading>();
  for (const h of headings) headingAt.set(h.range.start.line, h);
  const setextBody = new Set<number>();
  for (const h of headings) for (let l = h.range.start.line; l < h.range.end.line; l++) setextBody.add(l);
  // A step is about 1,024 lines of prose, fewer with headings: a heading's title readings (its patterns) cost as
  // much as a few dozen plain lines (a step of 1,024 lines of the big notes, 130 headings, took up to 66 ms).
  let work = 0;
  for (let line = 0; line < lines.length; line++) {
    if (++work >= 1024) {
      work = 0;
      yield;
    }
    const heading = headingAt.get(line);
    if (heading) {
      work += 24;
      const prefix = titlePrefix(heading.text);
      const single = heading.textRange.start.line === heading.textRange.end.line;
      heads.push({ heading, source: 'heading', kind: `h${heading.level}`, prefixLength: prefix.length, timed: prefix.timed, titleReadings: single ? readingsOf(heading.text, prefix.length) : [] });
      line = heading.range.end.line;
      continue;
    }
    if (inNonProse[line] || setextBody.has(line)) continue;
    const text = lines[line]!;
    if (text.charCodeAt(text.search(/\S/)) === 124 && TABLE_SEPARATOR.test(lines[line + 1] ?? '')) {
      // A table of talks: a header naming a title column and a speaker column; every body row is a talk.
      const rows = tableRows(lines, line);
      // A loop, not push(...): a table may have any number of rows (a spread overflows past ~120,000; issue 15).
      for (const head of rows.heads) heads.push(head);
      line = rows.end - 1;
      continue;
    }
    const first = text.charCodeAt(text.search(/\S/));
    // Only lines opening with `*`, `_`, `[`, `-`, `+` or a digit can be pseudo-headings (most lines are prose).
    if (!(first === 42 || first === 95 || first === 91 || first === 45 || first === 43 || (first >= 48 && first <= 57))) continue;
    // Bold and link lines open a paragraph; schedule bullets follow each other.
    const previousBlank = line === 0 || lines[line - 1]!.trim() === '' || headingAt.has(line - 1);
    const head = pseudoHead(line, text, previousBlank);
    if (head) heads.push(head);
  }
  return heads;
}

function pseudoHead(line: number, text: string, previousBlank: boolean): Head | undefined {
  const bold = previousBlank ? BOLD_LINE.exec(text) : null;
  if (bold) {
    const inner = bold[3]!.trim();
    // A labelled line or a speaker line in bold is a field, not a heading.
    if (parseLabelledLine(text) || /:$/.test(inner)) return undefined;
    const start = bold[1]!.length + bold[2]!.length + bold[3]!.indexOf(inner);
    const unprefixed = inner.slice(titlePrefix(inner).length);
    const byline = KEYWORD.test(unprefixed) ? undefined : parseByline(unprefixed);
    if (byline && byline.speakers.length > 0 && byline.speakers.every((sp) => personEvidence(sp.text) === 'strong')) return undefined;
    return headOf(lineHeading(line, inner, start, text.length), 'bold');
  }
  const link = previousBlank ? LINK_LINE.exec(text) : null;
  if (link) {
    const start = link[1]!.length + 1;
    return headOf(lineHeading(line, link[2]!, start, text.length), 'link');
  }
  const item = LIST_ITEM.exec(text);
  if (item) {
    const raw = item[2]!.replace(TRAILING_MARK, '');
    if (!SCHEDULE_ITEM.test(raw) || parseLabelledLine(text)) return undefined;
    const start = text.length - item[2]!.length;
    const head = headOf(lineHeading(line, raw, start, text.length), 'item');
    // A bullet is a talk only when it names a person or quotes a title: most bullets are notes.
    return head.titleReadings.length > 0 || /^["“]/.test(raw) ? head : undefined;
  }
  return undefined;
}

const TABLE_SEPARATOR = /^ {0,3}\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const TITLE_COLUMN = /^(?:title|talk|talks|session|sessions|topic|presentation|talk title|session title)$/i;
const SPEAKER_COLUMN = /^(?:speakers?|presenters?|speaker\(s\)|who|by|host|hosts)$/i;
const ROLE_COLUMN = /^(?:role|position|job title|job)$/i;
const COMPANY_COLUMN = /^(?:company|affiliation|organi[sz]ation|employer|org)$/i;

/** The cells of a table row with their offsets in the line (pipes escaped with `\` stay inside a cell). */
function cellsOf(text: string): Array<{ text: string; start: number; end: number }> {
  const cells: Array<{ text: string; start: number; end: number }> = [];
  let from = text.indexOf('|') + 1;
  for (let k = from; k <= text.length; k++) {
    if (k === text.length || (text[k] === '|' && text[k - 1] !== '\\')) {
      const raw = text.slice(from, k);
      const lead = raw.length - raw.trimStart().length;
      const value = raw.trim();
      if (k < text.length || value) cells.push({ text: value, start: from + lead, end: from + lead + value.length });
      from = k + 1;
    }
  }
  return cells;
}

function tableRows(lines: string[], headerLine: number): { heads: Head[]; end: number } {
  const header = cellsOf(lines[headerLine]!).map((c) => c.text.replace(/[*_`]/g, '').trim());
  let end = headerLine + 2;
  while (end < lines.length && /^ {0,3}\|/.test(lines[end]!)) end++;
  const titleAt = header.findIndex((h) => TITLE_COLUMN.test(h));
  const speakerAt = header.findIndex((h) => SPEAKER_COLUMN.test(h));
  if (titleAt < 0 || speakerAt < 0) return { heads: [], end };
  const roleAt = header.findIndex((h) => ROLE_COLUMN.test(h));
  const companyAt = header.findIndex((h) => COMPANY_COLUMN.test(h));
  const heads: Head[] = [];
  for (let line = headerLine + 2; line < end; line++) {
    const text = lines[line]!;
    const cells = cellsOf(text);
    const title = cells[titleAt];
    if (!title || !title.text) continue;
    const heading: Heading = {
      level: LINE_LEVEL, text: title.text, kind: 'line',
      textRange: { start: { line, character: title.start }, end: { line, character: title.end } },
      range: { start: { line, character: 0 }, end: { line, character: text.length } },
    };
    const head = headOf(heading, 'table');
    const speakerCell = cells[speakerAt];
    if (speakerCell?.text) {
      const speakers: Span[] = [];
      let at = speakerCell.start;
      for (const name of speakerCell.text.split(/\s*(?:,|&|;|\band\b)\s*/).filter(Boolean)) {
        const start = text.indexOf(name, at);
        speakers.push({ text: name, start, end: start + name.length });
        at = start + name.length;
      }
      const cellSpan = (k: number): Span | undefined => (k >= 0 && cells[k]?.text ? { text: cells[k]!.text, start: cells[k]!.start, end: cells[k]!.end } : undefined);
      head.rowFields = { speakers };
      const role = cellSpan(roleAt);
      const company = cellSpan(companyAt);
      if (role) head.rowFields.role = role;
      if (company) head.rowFields.company = company;
    }
    heads.push(head);
  }
  return { heads, end };
}

function headOf(heading: Heading, source: Head['source']): Head {
  const prefix = titlePrefix(heading.text);
  return { heading, source, kind: source, prefixLength: prefix.length, timed: prefix.timed, titleReadings: readingsOf(heading.text, prefix.length) };
}
