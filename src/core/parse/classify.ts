// Pass: which drafts are talks and which are sections; headings above the talks as groups; and the one-talk file
// (`# Advanced Javascript` over `### Kyle Simpson`, or front matter naming the speaker) as a single talk.
import { parseByline, type Span } from '../fields';
import type { Field, Heading, Range, Section, Talk } from '../model';
import { personEvidence } from './people';
import { matchesNonTalk, normalizeHeadingText, normalizeTitle } from './sections';
import { roleCompanyLine } from './fieldArea';
import { assembleDrafts } from './assemble';
import { blockEnd, firstContentLine, hasFields, lastContentLine, lineRange, makeField, pos, spanField, type Draft, type ParseState } from './state';
import { runToEnd } from '../scan';

export interface Classified {
  talks: Talk[];
  sections: Section[];
}

function talkOf(state: ParseState, d: Draft, heading: Heading, range: Range, index: number): Talk {
  const { lines } = state;
  const notesFirst = firstContentLine(lines, d.notesStart, d.end);
  const end = range.end.line;
  const talk: Talk = {
    title: d.title, heading, headingRange: heading.range, range, speakers: d.speakers, hasNotes: notesFirst >= 0 && notesFirst <= end, fieldHeadings: d.fieldHeadings, index,
  };
  if (d.speakers[0]) talk.speaker = d.speakers[0];
  if (d.role) talk.role = d.role;
  if (d.company) talk.company = d.company;
  if (notesFirst >= 0 && notesFirst <= end) talk.notesRange = { start: pos(notesFirst, 0), end: pos(end, lines[end]!.length) };
  return talk;
}

/** A short field-less heading before the first talk is an introduction ("About me"); a longer one lost its fields. */
function looksLikePreamble(text: string): boolean {
  const t = normalizeHeadingText(text);
  return t.split(/\s+/).length <= 3 && !/[:?]/.test(t);
}

export function classify(state: ParseState, drafts: Draft[]): Classified {
  return runToEnd(classifySteps(state, drafts));
}

/** `classify` as resumable steps, a step per few dozen talks. */
export function* classifySteps(state: ParseState, drafts: Draft[]): Generator<void, Classified> {
  const { heads, lines, nonTalkSections } = state;
  const anyFields = drafts.some(hasFields);
  const named = drafts.filter((d) => !matchesNonTalk(heads[d.head]!.heading.text, nonTalkSections));
  const mostHaveFields = named.filter(hasFields).length * 2 >= named.length;
  const firstWithFields = drafts.find(hasFields);
  // Where talks carry their speaker in the head itself (`## Title - Name`, `# Name - Role - Company`), a head
  // without one is a topic or a break ("Lunch", "Envoy"), not a talk that lost its fields.
  const withFields = drafts.filter(hasFields);
  const inHead = withFields.filter((d) => d.speakers[0]?.source === 'title').length;
  const fieldsInHeads = withFields.length >= 3 && inHead >= withFields.length * 0.8;
  const talks: Talk[] = [];
  const sections: Section[] = [];
  for (const [k, d] of drafts.entries()) {
    if ((k & 63) === 63) yield;
    const h = heads[d.head]!.heading;
    const fields = hasFields(d);
    const beforeFirst = firstWithFields ? d.head < firstWithFields.head : false;
    const end = lastContentLine(lines, h.range.start.line, d.end);
    const range: Range = { start: pos(h.range.start.line, 0), end: pos(end, lines[end]!.length) };
    const weak = fields && d.fromSpeakerLineOnly;
    const nonTalk = matchesNonTalk(h.text, nonTalkSections);
    // A row of a table of talks without a speaker is a break (Coffee, Lunch), not a talk.
    if (heads[d.head]!.source === 'table' && !fields) continue;
    if ((!fields || weak) && (nonTalk || (!fields && fieldsInHeads) || (!fields && anyFields && beforeFirst && mostHaveFields && looksLikePreamble(h.text)))) {
      if (h.kind !== 'line') sections.push({ title: normalizeHeadingText(h.text), heading: h, range, kind: beforeFirst || !anyFields ? 'preamble' : 'other' });
      continue;
    }
    talks.push(talkOf(state, d, h, range, talks.length));
  }
  // Headings above the talk level (other than the title) group talks: `## Day 1`.
  const isStart = new Set(state.talkStarts);
  heads.forEach((head, index) => {
    const h = head.heading;
    if (h.kind === 'line' || index === state.titleHead || isStart.has(index) || (h.level >= state.talkLevel && !state.groups.has(index))) return;
    const end = lastContentLine(lines, h.range.start.line, blockEnd(state, index));
    sections.push({ title: normalizeHeadingText(h.text), heading: h, range: { start: pos(h.range.start.line, 0), end: pos(end, lines[end]!.length) }, kind: 'group' });
  });
  sections.sort((a, b) => a.range.start.line - b.range.start.line);
  return { talks, sections };
}

/**
 * A file about one talk: the first heading names a speaker right under it (or the lines before it do), and no two
 * talks of the vote have speakers. Every other heading is a topic of that talk.
 */
export function singleTalk(state: ParseState, voted: Classified): Classified | undefined {
  // Two talks carried by people: not a one-talk file (a lone `### Dependencies` under a topic is no person).
  // A labelled speaker (`**Speaker:** Bo Kim`) is a person whatever the name.
  if (voted.talks.filter((t) => t.speakers.some((sp) => sp.source === 'label' || personEvidence(sp.text) === 'strong')).length >= 2) return undefined;
  const { heads, lines } = state;
  const first = state.titleHead >= 0 ? state.titleHead : heads.findIndex((h) => h.source === 'heading');
  if (first < 0) return fromFrontMatter(state, voted, undefined);
  if (state.frontMatter?.speaker) return fromFrontMatter(state, voted, undefined);
  const head = heads[first]!;
  const area = state.fieldAreas[first]!;
  // The title's "fields" are the first talk's heading and fields: a file of talks, not one talk.
  const starts = new Set(state.talkStarts);
  if (area.fieldHeadings.some((f) => starts.has(f.index))) return undefined;
  const saved = { talkStarts: state.talkStarts, talkLevel: state.talkLevel };
  state.talkStarts = [first];
  state.talkLevel = Math.min(state.talkLevel, head.heading.level);
  const [draft] = assembleDrafts(state);
  state.talkStarts = saved.talkStarts;
  state.talkLevel = saved.talkLevel;
  if (!draft) return undefined;
  draft.end = lines.length;
  if (draft.speakers.length === 0) {
    const before = personBefore(state, head.heading.range.start.line);
    if (before) {
      draft.speakers = before.speakers;
      if (before.role) draft.role = before.role;
      if (before.company) draft.company = before.company;
    }
  }
  // The speaker of a one-talk file is named under its title, not in it (`## Title by Ann` is one talk of many).
  const namesPerson = draft.speakers.length > 0 && draft.speakers.every((sp) => sp.source !== 'title' && personEvidence(sp.text) === 'strong');
  // No talk of the vote carries anything, and one H1 heads the file: the file is that one talk.
  const oneTitle = state.talkEvidence === 0 && voted.talks.every((t) => !hasFields(t)) && head.kind === 'h1' && heads.filter((x) => x.kind === 'h1').length === 1;
  if (!namesPerson) {
    if (state.frontMatter?.speaker) return fromFrontMatter(state, voted, head.heading);
    // …when its abstract names the speakers ("Join Ann Lee and Bo Kim as they share…"); else it may be any README.
    const inProse = oneTitle ? speakersInProse(state, head.heading.range.end.line + 1) : [];
    if (inProse.length === 0) return undefined;
    draft.speakers = inProse;
    delete draft.role;
    delete draft.company;
  }
  draft.title = normalizeTitle(head.heading.text.slice(head.prefixLength)) || draft.title;
  const end = lastContentLine(lines, 0, lines.length);
  const start = head.heading.range.start.line;
  const talk = talkOf(state, draft, head.heading, { start: pos(start, 0), end: pos(end, lines[end]!.length) }, 0);
  const sections: Section[] = [];
  heads.forEach((other, index) => {
    if (index === first || other.source !== 'heading' || draft.fieldHeadings.includes(other.heading)) return;
    const h = other.heading;
    const last = lastContentLine(lines, h.range.start.line, blockEnd(state, index));
    sections.push({ title: normalizeHeadingText(h.text), heading: h, range: { start: pos(h.range.start.line, 0), end: pos(last, lines[last]!.length) }, kind: 'other' });
  });
  return { talks: [talk], sections };
}

/** `Katrina Riehl` / `HomeAway.com` on the lines before a one-talk file's first heading. */
function personBefore(state: ParseState, headingLine: number): { speakers: Field[]; role?: Field; company?: Field } | undefined {
  const { lines, scan } = state;
  for (let line = 0; line < headingLine; line++) {
    const text = lines[line]!;
    if (text.trim() === '' || scan.inNonProse[line]) continue;
    const values = parseByline(text);
    if (!values || values.speakers.length === 0 || !values.speakers.every((sp) => personEvidence(sp.text) === 'strong')) continue;
    const result: { speakers: Field[]; role?: Field; company?: Field } = { speakers: values.speakers.map((sp) => spanField(lines, line, sp, 'byline')) };
    const next = values.role || values.company ? undefined : roleCompanyLine(state, line + 1, values);
    const role = values.role ?? undefined;
    const company = values.company ?? undefined;
    if (role) result.role = spanField(lines, line, role, 'byline');
    if (company) result.company = spanField(lines, line, company, 'byline');
    if (next?.company) result.company = spanField(lines, line + 1, next.company, 'byline');
    if (next?.role) result.role = spanField(lines, line + 1, next.role, 'byline');
    return result;
  }
  return undefined;
}

const PROSE_CUE = /\b(?:[Jj]oin|[Pp]resented by|by|with|[Ff]eaturing|[Ss]peakers?:?|[Pp]resenters?:?)\s+((?:\p{Lu}[\p{L}'’.-]+\s+\p{Lu}[\p{L}'’-]+(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)?){1,8})/u;

/** `Join Andrew Certain, Becky Weiss, and Marc Brooker as they share…` in the paragraph under the title. */
function speakersInProse(state: ParseState, from: number): Field[] {
  const { lines } = state;
  for (let line = from, seen = 0; line < lines.length && seen < 3; line++) {
    const text = lines[line]!;
    if (text.trim() === '') continue;
    if (state.headByLine.has(line) || state.scan.inNonProse[line]) break;
    seen++;
    const m = PROSE_CUE.exec(text);
    if (!m) continue;
    const found: Field[] = [];
    let at = m.index + m[0].length - m[1]!.length;
    for (const piece of m[1]!.split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/)) {
      const name = piece.trim();
      if (!name) continue;
      const start = text.indexOf(name, at);
      at = start + name.length;
      if (personEvidence(name) !== 'strong') return [];
      found.push(spanField(lines, line, { start, end: start + name.length } as Span, 'byline'));
    }
    if (found.length > 0) return found;
  }
  return [];
}

/** A single-talk file described by its front matter (`speaker:`, `title:`); the body's headings are its notes. */
export function fromFrontMatter(state: ParseState, voted: Classified, heading: Heading | undefined): Classified | undefined {
  const fm = state.frontMatter;
  if (!fm?.speaker || voted.talks.some((t) => t.speaker)) return undefined;
  const { lines, heads } = state;
  const h = heading ?? (state.titleHead >= 0 ? heads[state.titleHead]!.heading : heads.find((x) => x.source === 'heading')?.heading);
  const fmLine = (key: string): number => {
    const re = new RegExp(`^(?:${key})\\s*:`, 'i');
    for (let l = 1; l < fm.range.end.line; l++) if (re.test(lines[l]!)) return l;
    return 0;
  };
  const fmField = (key: string, value: string): Field => {
    const l = fmLine(key);
    const at = lines[l]!.indexOf(value);
    const r: Range = at >= 0 ? { start: pos(l, at), end: pos(l, at + value.length) } : lineRange(lines, l);
    return makeField(value, r, 'front-matter', lineRange(lines, l));
  };
  const talkHeading: Heading = h ?? { level: 1, text: fm.title ?? 'Talk', textRange: lineRange(lines, fmLine('title')), range: lineRange(lines, fmLine('title')), kind: 'atx' };
  const bodyStart = h ? h.range.end.line + 1 : fm.range.end.line + 1;
  const end = lastContentLine(lines, 0, lines.length);
  const notesFirst = firstContentLine(lines, bodyStart, lines.length);
  const talk: Talk = {
    title: fm.title ?? normalizeTitle(talkHeading.text),
    heading: talkHeading,
    headingRange: talkHeading.range,
    range: { start: pos(0, 0), end: pos(end, lines[end]!.length) },
    speakers: fm.speaker.split(/\s*(?:,|&|\band\b)\s*/).filter(Boolean).map((name) => fmField('speakers?|presenter', name)),
    hasNotes: notesFirst >= 0,
    fieldHeadings: [],
    index: 0,
  };
  talk.speaker = talk.speakers[0];
  if (fm.role) talk.role = fmField('role|position|job', fm.role);
  if (fm.company) talk.company = fmField('company|affiliation|organi[sz]ation|employer', fm.company);
  if (notesFirst >= 0) talk.notesRange = { start: pos(notesFirst, 0), end: pos(end, lines[end]!.length) };
  return { talks: [talk], sections: voted.sections };
}
