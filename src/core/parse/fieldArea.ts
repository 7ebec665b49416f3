// Pass: the field area under each head — field headings, labelled lines and a speaker line up to the first notes
// line — and, when none names a speaker, a person named a few lines further down.
import { isNameLike, isRoleLike, hasCompanyWord } from '../lexicon';
import { parseByline, parseLabelledLine, type Span } from '../fields';
import { memoizeText } from '../memo';
import type { Heading } from '../model';
import { personEvidence } from './people';
import { blockEnd, type FieldArea, type ParseState } from './state';

/** Headings directly under a talk that are notes, never fields. */
const NOTES_SUBHEADINGS = new Set(
  (
    'takeaways|key takeaways|takeaway|notes|my notes|summary|questions|q&a|q & a|qa|links|resources|slides|video|' +
    'recording|thoughts|my thoughts|tl;dr|tldr|highlights|conclusion|conclusions|references|demo|agenda|overview|' +
    'background|intro|introduction|description|abstract|bio|about|key points|main points|quotes|action items|todo|' +
    'follow up|follow-up|learnings|lessons|lessons learned|lessons learnt|discussion|details|context|problem|solution'
  ).split('|'),
);

/** How far below a head a person may be named and still be its speaker (non-blank lines). */
export const NEARBY_LINES = 8;

export function fieldPlausible(h: Heading): boolean {
  // A setext heading over several lines is prose-like; fields are one-line headings.
  return h.kind !== 'line' && h.textRange.start.line === h.textRange.end.line && fieldTextPlausible(h.text);
}

const fieldTextPlausible = memoizeText((text: string): boolean => {
  const t = text.trim();
  if (!t || t.length > 90 || /[?:]$/.test(t)) return false;
  // A time (`09:30`) or a weekday opens a talk or a day, never a field.
  if (/^`?\d{1,2}[:.h]\d{2}/.test(t) || /^(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i.test(t)) return false;
  if (t.split(/\s+/).length > 10) return false;
  return !NOTES_SUBHEADINGS.has(t.toLowerCase().replace(/[*_`]/g, '').trim());
});

/** Reads the field area of head `index`. */
export function readFieldArea(state: ParseState, index: number): FieldArea {
  const { scan, heads, headByLine, lines } = state;
  const head = heads[index]!;
  const h = head.heading;
  const end = blockEnd(state, index);
  const area: FieldArea = { fieldHeadings: [], labels: [], notesStart: end };
  let line = h.range.end.line + 1;
  let sawContent = false;
  const maxLine = Math.min(end, line + 60);
  while (line < maxLine) {
    const text = lines[line]!;
    if (text.trim() === '') {
      line++;
      continue;
    }
    const at = headByLine.get(line);
    if (at !== undefined) {
      const sub = heads[at]!.heading;
      if (sub.level > h.level && !sawContent && area.labels.length === 0 && !area.speakerLine && area.fieldHeadings.length < 12 && fieldPlausible(sub)) {
        area.fieldHeadings.push({ heading: sub, index: at });
        line = sub.range.end.line + 1;
        continue;
      }
      break;
    }
    if (scan.inNonProse[line]) break;
    const labelled = parseLabelledLine(text);
    if (labelled) {
      area.labels.push({ line, field: labelled.field, style: labelled.style, values: labelled.values });
      sawContent = true;
      line++;
      continue;
    }
    if (!area.speakerLine && area.labels.length === 0 && !opensWithSpeakerHeading(area)) {
      const values = parseByline(text);
      if (values && values.speakers.length > 0) {
        area.speakerLine = { line, values };
        sawContent = true;
        line++;
        const continuation = roleCompanyLine(state, line, values);
        if (continuation) {
          area.speakerLine.continuation = { line, values: continuation };
          line++;
        }
        continue;
      }
    }
    break;
  }
  area.notesStart = Math.min(line, end);
  if (!area.speakerLine && !area.labels.some((l) => l.field === 'speaker') && !opensWithSpeakerHeading(area)) findNearbyPerson(state, area, line, end);
  return area;
}

/** `Jane Doe` on one line, `CTO, Acme` on the next: the second line of a speaker written over two lines. */
export function roleCompanyLine(state: ParseState, line: number, values: { role?: Span; company?: Span }): { speakers: Span[]; role?: Span; company?: Span } | undefined {
  const next = state.lines[line];
  if (next === undefined || next.trim() === '' || values.role || values.company || state.headByLine.has(line) || state.scan.inNonProse[line]) return undefined;
  const words = next.trim().split(/\s+/).length;
  if (words > 8 || /[.!?]$/.test(next.trim()) || !(isRoleLike(next) || hasCompanyWord(next) || /\s(@|at|\/)\s|,\s|\.\w{2,4}\b/.test(next))) return undefined;
  const probe = `X Y - ${next}`;
  const parsed = parseByline(probe, 0, true);
  if (!parsed) return undefined;
  // `HomeAway.com - Vacation Rentals`: a company and what it does, not a role.
  if (parsed.role && parsed.company && !isRoleLike(parsed.role.text) && !isRoleLike(parsed.company.text)) delete parsed.company;
  if (parsed.role && !isRoleLike(parsed.role.text) && !parsed.company) {
    parsed.company = parsed.role;
    delete parsed.role;
  }
  const shift = next.length - probe.length;
  const move = (sp?: Span): Span | undefined => (sp ? { text: sp.text, start: sp.start + shift, end: sp.end + shift } : undefined);
  const result: { speakers: Span[]; role?: Span; company?: Span } = { speakers: [] };
  const role = move(parsed.role);
  const company = move(parsed.company);
  if (role) result.role = role;
  if (company) result.company = company;
  return result;
}

export function opensWithSpeakerHeading(area: FieldArea): boolean {
  return area.fieldHeadings.length > 0 && isNameLike(area.fieldHeadings[0]!.heading.text);
}

const LIST_MARK = /^(\s*(?:[-*+]|\d{1,3}[.)])\s+)/;

/** A speaker named a few lines down: a `- speaker: Name` bullet after a quote, `Name (Company)` after a date line. */
function findNearbyPerson(state: ParseState, area: FieldArea, from: number, end: number): void {
  const { lines, headByLine, scan } = state;
  let seen = 0;
  for (let line = from; line < end && seen < NEARBY_LINES; line++) {
    const text = lines[line]!;
    if (text.trim() === '') continue;
    if (headByLine.has(line) || scan.inNonProse[line]) return;
    seen++;
    const labelled = parseLabelledLine(text);
    if (labelled?.field === 'speaker') {
      area.labels.push({ line, field: labelled.field, style: labelled.style, values: labelled.values });
      return;
    }
    if (text.length > 160) continue;
    const mark = LIST_MARK.exec(text);
    const start = mark ? mark[1]!.length : 0;
    const values = parseByline(text, start);
    if (!values || values.speakers.length === 0) continue;
    const evidence = values.speakers.map((sp) => personEvidence(sp.text));
    if (evidence.includes('none')) continue;
    area.nearbyPerson = { line, values, strong: evidence.every((e) => e === 'strong') };
    return;
  }
}
