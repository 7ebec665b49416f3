// Builds the notes model from text: which headings are talks, which are sections, and each talk's
// speaker, role and company in whatever layout the author used.
import { runToEnd, scanSteps, type ScanResult } from './scan';
import { isNameLike, isRoleLike, hasCompanyWord } from './lexicon';
import { cleanSpan, maskInline, parseByline, parseLabelledLine, parseTitlePatterns, type LineFields, type Span, type TitleFields, type TitlePattern } from './fields';
import { DEFAULT_NON_TALK_SECTIONS } from './settings';
import { globToRegExp } from './glob';
import { memoizeText } from './memo';
import type { Field, FieldName, FieldSource, FrontMatter, Heading, Layout, NotesDocument, Range, Section, Talk } from './model';
import { nextTurn } from './nextTurn';

export interface ParseOptions {
  /** Heading texts that are sections, never talks (`*` allowed). Defaults to DEFAULT_NON_TALK_SECTIONS. */
  nonTalkSections?: readonly string[];
}

/** Headings directly under a talk that are notes, never fields. */
const NOTES_SUBHEADINGS = new Set(
  (
    'takeaways|key takeaways|takeaway|notes|my notes|summary|questions|q&a|q & a|qa|links|resources|slides|video|' +
    'recording|thoughts|my thoughts|tl;dr|tldr|highlights|conclusion|conclusions|references|demo|agenda|overview|' +
    'background|intro|introduction|description|abstract|bio|about|key points|main points|quotes|action items|todo|' +
    'follow up|follow-up|learnings|lessons|lessons learned|lessons learnt|discussion|details|context|problem|solution'
  ).split('|'),
);

interface RunHeading {
  heading: Heading;
  index: number;
}

interface Leading {
  run: RunHeading[];
  labels: Array<{ line: number; field: FieldName; style: Layout['labelStyle']; values: LineFields }>;
  byline?: { line: number; values: LineFields; continuation?: { line: number; values: LineFields } };
  /** First line after the field area (where notes start), within the block. */
  notesStart: number;
}

function pos(line: number, character: number): Range['start'] {
  return { line, character };
}

function lineRange(lines: string[], line: number): Range {
  return { start: pos(line, 0), end: pos(line, lines[line]!.length) };
}

function makeField(text: string, range: Range, source: FieldSource, whole: Range, headingLevel?: number): Field {
  const f: Field = { text, range, source, lineRange: whole };
  if (headingLevel !== undefined) f.headingLevel = headingLevel;
  return f;
}

function spanField(lines: string[], line: number, s: Span, source: FieldSource): Field {
  // The text as written: spans are found on a copy with inline HTML and link targets blanked out.
  return makeField(lines[line]!.slice(s.start, s.end), { start: pos(line, s.start), end: pos(line, s.end) }, source, lineRange(lines, line));
}

function fieldPlausible(h: Heading): boolean {
  // A setext heading over several lines is prose-like; fields are one-line headings.
  return h.textRange.start.line === h.textRange.end.line && fieldTextPlausible(h.text);
}

const fieldTextPlausible = memoizeText((text: string): boolean => {
  const t = text.trim();
  if (!t || t.length > 90 || /[?:]$/.test(t)) return false;
  if (t.split(/\s+/).length > 10) return false;
  return !NOTES_SUBHEADINGS.has(t.toLowerCase().replace(/[*_`]/g, '').trim());
});

function normalizeHeadingText(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/[:.]\s*$/, '').trim();
}

const nonTalkMatchers = new WeakMap<readonly string[], (text: string) => boolean>();

/** Whether a heading names a section that is not a talk ("Intro", "Day 2 - Friday"); one regex per pattern list. */
function matchesNonTalk(text: string, patterns: readonly string[]): boolean {
  let matcher = nonTalkMatchers.get(patterns);
  if (!matcher) {
    const sources = patterns.map((p) => globToRegExp(p).source.slice(1, -1));
    const re = new RegExp(`^(?:${sources.join('|')})$`, 'i');
    matcher = memoizeText((t: string) => re.test(normalizeHeadingText(t)));
    nonTalkMatchers.set(patterns, matcher);
  }
  return matcher(text);
}

function parseFrontMatter(s: ScanResult): FrontMatter | undefined {
  if (!s.frontMatter) return undefined;
  const fm: FrontMatter = {
    range: { start: pos(0, 0), end: pos(s.frontMatter.endLine, s.lines[s.frontMatter.endLine]!.length) },
    data: {},
  };
  if (s.lines[0]!.replace(/^\uFEFF/, '').startsWith('+++')) return fm; // TOML: kept as a range only
  try {
    // Loaded on first use: most notes have no front matter, and activation stays light.
    const { parse: parseYaml } = require('yaml') as typeof import('yaml');
    const data: unknown = parseYaml(s.frontMatter.text, { prettyErrors: false });
    if (data && typeof data === 'object' && !Array.isArray(data)) fm.data = data as Record<string, unknown>;
  } catch (e) {
    fm.error = (e as Error).message.split('\n')[0];
    return fm;
  }
  const str = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = fm.data[k] ?? fm.data[k[0]!.toUpperCase() + k.slice(1)];
      if (typeof v === 'string' && v.trim()) return v.trim();
      if (typeof v === 'number') return String(v);
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
    }
    return undefined;
  };
  const assign = (key: 'conference' | 'date' | 'location' | 'title' | 'speaker' | 'role' | 'company', ...keys: string[]): void => {
    const v = str(...keys);
    if (v !== undefined) fm[key] = v;
  };
  assign('conference', 'conference', 'event', 'conf');
  assign('date', 'date', 'dates', 'when');
  assign('location', 'location', 'venue', 'city', 'where', 'place');
  assign('title', 'title', 'talk');
  assign('speaker', 'speaker', 'speakers', 'presenter', 'author_of_talk');
  assign('role', 'role', 'position', 'job');
  assign('company', 'company', 'affiliation', 'organisation', 'organization', 'employer');
  return fm;
}

/** Reads the field area under a heading: field headings, labelled lines and a byline, up to the first notes line. */
function readLeading(s: ScanResult, hIndex: number, blockEnd: number, headingByLine: Map<number, number>): Leading {
  const h = s.headings[hIndex]!;
  const result: Leading = { run: [], labels: [], notesStart: blockEnd };
  let line = h.range.end.line + 1;
  let sawContent = false;
  const maxLine = Math.min(blockEnd, line + 60);
  while (line < maxLine) {
    const text = s.lines[line]!;
    if (text.trim() === '') {
      line++;
      continue;
    }
    const hi = headingByLine.get(line);
    if (hi !== undefined) {
      const sub = s.headings[hi]!;
      if (sub.level > h.level && !sawContent && result.labels.length === 0 && !result.byline && result.run.length < 12 && fieldPlausible(sub)) {
        result.run.push({ heading: sub, index: hi });
        line = sub.range.end.line + 1;
        continue;
      }
      break;
    }
    if (s.inNonProse[line]) break;
    const labelled = parseLabelledLine(text);
    if (labelled) {
      result.labels.push({ line, field: labelled.field, style: labelled.style, values: labelled.values });
      sawContent = true;
      line++;
      continue;
    }
    if (!result.byline && result.labels.length === 0 && !hasSpeakerHeading(result.run)) {
      const values = parseByline(text);
      if (values && values.speakers.length > 0) {
        result.byline = { line, values };
        sawContent = true;
        line++;
        // A second short line under a bare name: `Jane Doe` / `CTO, Acme`.
        const next = s.lines[line];
        if (next !== undefined && next.trim() !== '' && !values.role && !values.company && !headingByLine.has(line) && !s.inNonProse[line]) {
          const words = next.trim().split(/\s+/).length;
          if (words <= 8 && !/[.!?]$/.test(next.trim()) && (isRoleLike(next) || hasCompanyWord(next) || /\s(@|at|\/)\s|,\s/.test(next))) {
            const rc = parseByline(`X Y - ${next}`, 0, true);
            if (rc) {
              const shift = next.length - `X Y - ${next}`.length;
              const move = (sp?: Span): Span | undefined => (sp ? { text: sp.text, start: sp.start + shift, end: sp.end + shift } : undefined);
              result.byline.continuation = { line, values: { speakers: [], role: move(rc.role), company: move(rc.company) } };
              line++;
            }
          }
        }
        continue;
      }
    }
    break;
  }
  result.notesStart = Math.min(line, blockEnd);
  return result;
}

function hasSpeakerHeading(run: RunHeading[]): boolean {
  return run.length > 0 && isNameLike(run[0]!.heading.text);
}

/** How much a heading looks like a talk (fields under it), for choosing the document's talk level. */
function talkEvidence(h: Heading, lead: Leading, titles: TitleFields[]): number {
  let score = 0;
  if (lead.run.length > 0) {
    const first = lead.run[0]!.heading.text;
    if (isNameLike(first)) score += 2;
    if (lead.run.some((r) => isRoleLike(r.heading.text))) score += 1;
    // A name followed by its role is a speaker heading, not a talk.
    if (isNameLike(h.text) && isRoleLike(first)) score = Math.min(score, 1);
  }
  if (lead.labels.some((l) => l.field === 'speaker')) score += 3;
  if (lead.byline) score += 2;
  if (titles.length > 0 && score === 0) score += 1;
  return score;
}

interface Assignment {
  speaker?: RunHeading[];
  role?: RunHeading;
  company?: RunHeading;
}

/** Which of a talk's field headings is the speaker, the role and the company. */
function assignRun(run: RunHeading[], levels: Layout['fieldLevels']): Assignment {
  const n = run.length;
  if (n === 0) return {};
  const top = run[0]!.heading.level;
  const persons = run.filter((r) => r.heading.level === top);
  if (persons.length > 1 && persons.length < n && persons.every((p) => isNameLike(p.heading.text) || carriesSpeaker(p.heading.text))) {
    // A panel written person by person: `### Ann Lee`, `#### Role`, `#### Company`, `### Bo Kim`, ...
    const firstDetails = run.slice(1, run.indexOf(persons[1]!));
    const a: Assignment = { speaker: persons, ...assignDetails(firstDetails) };
    return a;
  }
  if (n >= 3) {
    // Panels: several speaker headings, then role and company.
    const speakers = run.slice(0, n - 2);
    return { speaker: speakers, role: run[n - 2], company: run[n - 1] };
  }
  const scoreAs = (r: RunHeading, f: FieldName): number => {
    const t = r.heading.text;
    const role = isRoleLike(t);
    let s = r.heading.level === levels[f] ? 2 : 0;
    if (f === 'speaker') s += (isNameLike(t) || carriesSpeaker(t) ? 3 : 0) + (role && !carriesSpeaker(t) ? -3 : 0) + (hasCompanyWord(t) ? -1 : 0) + 0.5;
    if (f === 'role') s += role ? 3 : -3;
    if (f === 'company') s += (role ? -3 : 1) + (hasCompanyWord(t) ? 1 : 0);
    return s;
  };
  const options: FieldName[][] = n === 2 ? [['speaker', 'role'], ['speaker', 'company'], ['role', 'company']] : [['speaker'], ['role'], ['company']];
  let best = options[0]!;
  let bestScore = -Infinity;
  for (const option of options) {
    const total = option.reduce((sum, f, k) => sum + scoreAs(run[k]!, f), 0);
    if (total > bestScore) {
      bestScore = total;
      best = option;
    }
  }
  const a: Assignment = {};
  best.forEach((f, k) => {
    if (f === 'speaker') a.speaker = [run[k]!];
    else a[f] = run[k];
  });
  return a;
}

/** Role and company of one panellist from the headings under their name. */
function assignDetails(details: RunHeading[]): { role?: RunHeading; company?: RunHeading } {
  if (details.length >= 2) return { role: details[0], company: details[details.length - 1] };
  if (details.length === 1) return isRoleLike(details[0]!.heading.text) ? { role: details[0] } : { company: details[0] };
  return {};
}

/** A heading that is a speaker line itself: `Ann Lee, SRE at Google`, `Bo Kim (Acme)`. */
function carriesSpeaker(text: string): boolean {
  const b = parseByline(text, 0, false);
  return !!b && b.speakers.length > 0 && b.speakers.every((sp) => isNameLike(sp.text)) && !!(b.role || b.company);
}

function mode(values: number[], fallback: number): number {
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

function lastContentLine(lines: string[], from: number, endExclusive: number): number {
  let last = from;
  for (let l = from; l < endExclusive; l++) if (lines[l]!.trim() !== '') last = l;
  return last;
}

export function parseNotes(text: string, options: ParseOptions = {}): NotesDocument {
  return runToEnd(parseSteps(text, options));
}

export interface ParseSliceOptions {
  /** Synchronous work per slice before yielding, in ms (default 12). */
  budgetMs?: number;
  /** Gives the event loop a turn between slices (default: a zero timeout). */
  yieldFn?: () => Promise<void>;
  /** Asked between slices; true stops the parse (it resolves undefined). */
  isCancelled?: () => boolean;
}

/** `parseNotes` in slices of a few milliseconds, for big files in an editor that must stay responsive. */
export async function parseNotesInSlices(text: string, options: ParseOptions = {}, slices: ParseSliceOptions = {}): Promise<NotesDocument | undefined> {
  const budget = slices.budgetMs ?? 12;
  const yieldFn = slices.yieldFn ?? nextTurn;
  const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  const steps = parseSteps(text, options);
  let sliceStart = clock();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (clock() - sliceStart >= budget) {
      await yieldFn();
      if (slices.isCancelled?.()) return undefined;
      sliceStart = clock();
    }
  }
}

/** The parse as resumable steps: it yields every few dozen headings (and the scan every few thousand lines). */
function* parseSteps(text: string, options: ParseOptions): Generator<void, NotesDocument> {
  const s = yield* scanSteps(text);
  yield;
  const { lines, headings } = s;
  const nonTalk = options.nonTalkSections ?? DEFAULT_NON_TALK_SECTIONS;
  const frontMatter = parseFrontMatter(s);
  const headingByLine = new Map<number, number>();
  headings.forEach((h, k) => {
    for (let l = h.range.start.line; l <= h.range.end.line; l++) headingByLine.set(l, k);
  });

  // The end (exclusive line) of the block a heading opens: up to the next heading at its level or above.
  const blockEnd = (k: number, level = headings[k]!.level): number => {
    for (let j = k + 1; j < headings.length; j++) if (headings[j]!.level <= level) return headings[j]!.range.start.line;
    return lines.length;
  };

  // Talk level: the heading level whose headings most look like talks.
  const firstH1 = headings.findIndex((h) => h.level === 1);
  const leadings = new Map<number, Leading>();
  const titleReadings: TitleFields[][] = [];
  const evidence = new Map<number, number>();
  for (let k = 0; k < headings.length; k++) {
    if ((k & 15) === 15) yield;
    const h = headings[k]!;
    titleReadings.push(h.textRange.start.line === h.textRange.end.line ? parseTitlePatterns(h.text) : []);
    const lead = readLeading(s, k, blockEnd(k), headingByLine);
    leadings.set(k, lead);
    const e = talkEvidence(h, lead, titleReadings[k]!);
    if (e > 0) evidence.set(h.level, (evidence.get(h.level) ?? 0) + e);
  }
  yield;
  const h1Count = headings.filter((h) => h.level === 1).length;
  let talkLevel = 0;
  let bestEvidence = 0;
  for (const [level, e] of [...evidence].sort((a, b) => a[0] - b[0])) {
    if (level === 1 && h1Count < 2) continue;
    if (e > bestEvidence) {
      bestEvidence = e;
      talkLevel = level;
    }
  }
  if (talkLevel === 0) {
    const levels = headings.map((h) => h.level).filter((l) => l > 1 || h1Count > 1);
    talkLevel = levels.length > 0 ? Math.min(...levels) : 2;
  }
  const titleIndex = talkLevel > 1 && firstH1 >= 0 ? firstH1 : -1;

  // The document's own field levels, learnt from talks that have all three field headings.
  const candidates = headings.map((h, k) => k).filter((k) => headings[k]!.level === talkLevel && k !== titleIndex);
  // `## Lightning talks` holding `### Talk` + `by Name`: a group whose children are the talks.
  const groups = new Set<number>();
  for (const k of [...candidates]) {
    if (!matchesNonTalk(headings[k]!.text, nonTalk)) continue;
    const end = blockEnd(k);
    const children: number[] = [];
    for (let j = k + 1; j < headings.length && headings[j]!.range.start.line < end; j++) {
      if (headings[j]!.level === talkLevel + 1) children.push(j);
    }
    const talky = children.filter((j) => {
      const lead = leadings.get(j)!;
      return lead.byline || lead.labels.some((l) => l.field === 'speaker') || (lead.run[0] && isNameLike(lead.run[0].heading.text));
    });
    if (talky.length > 0 && talky.length * 2 >= children.length) {
      groups.add(k);
      candidates.splice(candidates.indexOf(k), 1, ...children);
    }
  }
  const full = candidates.map((k) => leadings.get(k)!.run).filter((r) => r.length === 3);
  const withRun = candidates.map((k) => leadings.get(k)!.run).filter((r) => r.length > 0);
  const fieldLevels: Layout['fieldLevels'] = {
    speaker: mode((full.length ? full : withRun).map((r) => r[0]!.heading.level), talkLevel + 1),
    role: mode(full.map((r) => r[1]!.heading.level), full.length ? talkLevel + 2 : talkLevel + 2),
    company: mode(full.map((r) => r[2]!.heading.level), talkLevel + 2),
  };
  if (full.length === 0 && withRun.length > 0) {
    const deeper = withRun.flatMap((r) => r.slice(1).map((x) => x.heading.level));
    fieldLevels.role = fieldLevels.company = mode(deeper, fieldLevels.speaker + 1);
  }

  // Fields of each candidate talk, from headings, labels and bylines.
  interface Draft {
    k: number;
    speakers: Field[];
    role?: Field;
    company?: Field;
    fieldHeadings: Heading[];
    notesStart: number;
    end: number;
    title: string;
    /** The only fields are a guessed speaker line (weaker than headings or labels). */
    fromBylineOnly?: boolean;
  }
  const drafts: Draft[] = [];
  yield;
  for (const k of candidates) {
    if ((drafts.length & 15) === 15) yield;
    const h = headings[k]!;
    const lead = leadings.get(k)!;
    const d: Draft = { k, speakers: [], fieldHeadings: [], notesStart: lead.notesStart, end: blockEnd(k, Math.max(talkLevel, h.level)), title: normalizeTitle(h.text) };
    const a = assignRun(lead.run, fieldLevels);
    if (a.speaker) {
      for (const r of a.speaker) {
        const found = headingSpeakers(r);
        d.speakers.push(...found.speakers);
        if (found.role && !a.role && !d.role) d.role = found.role;
        if (found.company && !a.company && !d.company) d.company = found.company;
      }
    }
    if (a.role) d.role = headingField(a.role.heading);
    if (a.company) d.company = headingField(a.company.heading);
    d.fieldHeadings = lead.run.map((r) => r.heading);
    // Explicit `Role:`/`Company:` labels win over what a `Speaker:` line says in passing.
    const labels = [...lead.labels].sort((x, y) => (x.field === 'speaker' ? 1 : 0) - (y.field === 'speaker' ? 1 : 0));
    for (const l of labels) {
      if (l.values.speakers.length && d.speakers.length === 0) d.speakers.push(...l.values.speakers.map((sp) => spanField(lines, l.line, sp, 'label')));
      if (l.values.role && !d.role) d.role = spanField(lines, l.line, l.values.role, 'label');
      if (l.values.company && !d.company) d.company = spanField(lines, l.line, l.values.company, 'label');
    }
    d.speakers.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
    if (lead.byline && d.speakers.length === 0) {
      const b = lead.byline;
      d.fromBylineOnly = !d.role && !d.company;
      d.speakers.push(...b.values.speakers.map((sp) => spanField(lines, b.line, sp, 'byline')));
      for (const part of [b, b.continuation]) {
        if (!part) continue;
        if (part.values.role && !d.role) d.role = spanField(lines, part.line, part.values.role, 'byline');
        if (part.values.company && !d.company) d.company = spanField(lines, part.line, part.values.company, 'byline');
      }
    }
    drafts.push(d);
  }

  // Fields in talk headings, only for a pattern the document uses consistently.
  const bare = drafts.filter((d) => d.speakers.length === 0 && !matchesNonTalk(headings[d.k]!.text, nonTalk));
  if (bare.length > 0) {
    const counts = new Map<TitlePattern, number>();
    for (const d of bare) for (const r of titleReadings[d.k]!) counts.set(r.pattern, (counts.get(r.pattern) ?? 0) + 1);
    const order: TitlePattern[] = ['pipe', 'dash', 'paren', 'by', 'colon'];
    const needed = Math.max(bare.length === 1 ? 1 : 2, Math.ceil(bare.length * 0.5));
    const used = order.filter((p) => (counts.get(p) ?? 0) >= needed && (p !== 'colon' || (counts.get(p) ?? 0) >= 2 || bare.length === 1));
    if (used.length > 0) {
      for (const d of bare) {
        const reading = titleReadings[d.k]!.find((r) => used.includes(r.pattern));
        if (!reading) continue;
        const h = headings[d.k]!;
        const at = (sp: Span): Field => {
          const start = h.textRange.start.character;
          return makeField(h.text.slice(sp.start, sp.end), { start: pos(h.textRange.start.line, start + sp.start), end: pos(h.textRange.start.line, start + sp.end) }, 'title', h.range);
        };
        d.title = normalizeTitle(reading.title.text);
        d.speakers = reading.speakers.map(at);
        if (reading.role && !d.role) d.role = at(reading.role);
        if (reading.company && !d.company) d.company = at(reading.company);
      }
    }
  }

  // Which candidates are talks and which are sections.
  const anyFields = drafts.some((d) => d.speakers.length > 0 || d.role || d.company);
  const named = drafts.filter((d) => !matchesNonTalk(headings[d.k]!.text, nonTalk));
  // Field-less headings before the first talk are an introduction only where talks usually have fields.
  const mostHaveFields = named.filter((d) => d.speakers.length > 0 || d.role || d.company).length * 2 >= named.length;
  const firstTalkWithFields = drafts.find((d) => d.speakers.length > 0 || d.role || d.company);
  const talks: Talk[] = [];
  const sections: Section[] = [];
  const headingIsCandidate = new Set(drafts.map((d) => d.k));
  yield;
  for (const d of drafts) {
    if ((talks.length & 31) === 31) yield;
    const h = headings[d.k]!;
    const hasFields = d.speakers.length > 0 || !!d.role || !!d.company;
    const beforeFirst = firstTalkWithFields ? d.k < firstTalkWithFields.k : false;
    const end = lastContentLine(lines, h.range.start.line, d.end);
    const blockRange: Range = { start: pos(h.range.start.line, 0), end: pos(end, lines[end]!.length) };
    const weakFields = hasFields && d.fromBylineOnly;
    if ((!hasFields || weakFields) && (matchesNonTalk(h.text, nonTalk) || (!hasFields && anyFields && beforeFirst && mostHaveFields))) {
      sections.push({ title: normalizeHeadingText(h.text), heading: h, range: blockRange, kind: beforeFirst || !anyFields ? 'preamble' : 'other' });
      continue;
    }
    const notesFirst = firstContentLine(lines, d.notesStart, d.end);
    const talk: Talk = {
      title: d.title,
      heading: h,
      headingRange: h.range,
      range: blockRange,
      speakers: d.speakers,
      hasNotes: notesFirst >= 0,
      fieldHeadings: d.fieldHeadings,
      index: talks.length,
    };
    if (d.speakers[0]) talk.speaker = d.speakers[0];
    if (d.role) talk.role = d.role;
    if (d.company) talk.company = d.company;
    if (notesFirst >= 0) talk.notesRange = { start: pos(notesFirst, 0), end: pos(end, lines[end]!.length) };
    talks.push(talk);
  }
  // Headings above the talk level (other than the title) group talks: `## Day 1`.
  headings.forEach((h, k) => {
    if (k === titleIndex || headingIsCandidate.has(k) || (h.level >= talkLevel && !groups.has(k))) return;
    const end = lastContentLine(lines, h.range.start.line, blockEnd(k));
    sections.push({ title: normalizeHeadingText(h.text), heading: h, range: { start: pos(h.range.start.line, 0), end: pos(end, lines[end]!.length) }, kind: 'group' });
  });
  sections.sort((a, b) => a.range.start.line - b.range.start.line);
  yield;

  // A single-talk file described by its front matter.
  if (frontMatter?.speaker && !talks.some((t) => t.speaker)) {
    // The body's headings are that talk's notes.
    talks.length = 0;
    const h = titleIndex >= 0 ? headings[titleIndex]! : headings[0];
    const fmLine = (key: string): number => {
      for (let l = 1; l < frontMatter.range.end.line; l++) if (new RegExp(`^${key}\\s*:`, 'i').test(lines[l]!)) return l;
      return 0;
    };
    const fmField = (key: string, value: string): Field => {
      const l = fmLine(key);
      const at = lines[l]!.indexOf(value);
      const r: Range = at >= 0 ? { start: pos(l, at), end: pos(l, at + value.length) } : lineRange(lines, l);
      return makeField(value, r, 'front-matter', lineRange(lines, l));
    };
    const heading: Heading = h ?? {
      level: 1,
      text: frontMatter.title ?? 'Talk',
      textRange: lineRange(lines, fmLine('title')),
      range: lineRange(lines, fmLine('title')),
      kind: 'atx',
    };
    const bodyStart = h ? h.range.end.line + 1 : frontMatter.range.end.line + 1;
    const end = lastContentLine(lines, 0, lines.length);
    const notesFirst = firstContentLine(lines, bodyStart, lines.length);
    const talk: Talk = {
      title: frontMatter.title ?? normalizeTitle(heading.text),
      heading,
      headingRange: heading.range,
      range: { start: pos(0, 0), end: pos(end, lines[end]!.length) },
      speakers: frontMatter.speaker.split(/\s*(?:,|&|\band\b)\s*/).filter(Boolean).map((name) => fmField('speakers?|presenter', name)),
      hasNotes: notesFirst >= 0,
      fieldHeadings: [],
      index: 0,
    };
    talk.speaker = talk.speakers[0];
    if (frontMatter.role) talk.role = fmField('role|position|job', frontMatter.role);
    if (frontMatter.company) talk.company = fmField('company|affiliation|organi[sz]ation|employer', frontMatter.company);
    if (notesFirst >= 0) talk.notesRange = { start: pos(notesFirst, 0), end: pos(end, lines[end]!.length) };
    talks.push(talk);
  }

  const title = titleIndex >= 0 ? { text: headings[titleIndex]!.text, range: headings[titleIndex]!.textRange } : undefined;
  const doc: NotesDocument = {
    sections,
    talks,
    headings,
    layout: inferLayout(talks, talkLevel, fieldLevels, drafts.length ? leadings : new Map()),
    lineCount: lines.length,
    lines,
    nonProse: s.nonProse,
  };
  if (title) doc.title = title;
  if (frontMatter) doc.frontMatter = frontMatter;
  const conference = frontMatter?.conference ?? conferenceFromTitle(title?.text ?? (talks.length > 1 ? frontMatter?.title : undefined));
  if (conference) doc.conference = conference;
  return doc;
}

/** A field heading's value without emphasis or link syntax, ranged on the value itself. */
function headingField(h: Heading): Field {
  const sp = cleanSpan(h.text) ?? { text: h.text, start: 0, end: h.text.length };
  const line = h.textRange.start.line;
  const base = h.textRange.start.character;
  return makeField(h.text.slice(sp.start, sp.end), { start: pos(line, base + sp.start), end: pos(line, base + sp.end) }, 'heading', h.range, h.level);
}

/** The speakers of a speaker heading (`Jane Doe & John Roe`), and a role or company written beside them. */
function headingSpeakers(r: RunHeading): { speakers: Field[]; role?: Field; company?: Field } {
  const h = r.heading;
  const line = h.textRange.start.line;
  const base = h.textRange.start.character;
  const at = (sp: Span): Field => makeField(sp.text, { start: pos(line, base + sp.start), end: pos(line, base + sp.end) }, 'heading', h.range, h.level);
  const parsed = parseByline(h.text, 0, true);
  if (parsed && parsed.speakers.length > 0 && (parsed.speakers.length > 1 || carriesSpeaker(h.text))) {
    const result: { speakers: Field[]; role?: Field; company?: Field } = { speakers: parsed.speakers.map(at) };
    if (parsed.role) result.role = at(parsed.role);
    if (parsed.company) result.company = at(parsed.company);
    return result;
  }
  return { speakers: [headingField(h)] };
}

function firstContentLine(lines: string[], from: number, endExclusive: number): number {
  for (let l = from; l < endExclusive; l++) if (lines[l]!.trim() !== '') return l;
  return -1;
}

const normalizeTitle = memoizeText(normalizeTitleUncached);

function normalizeTitleUncached(text: string): string {
  return maskInline(text).replace(/\s+/g, ' ').trim().replace(/^\*\*(.*)\*\*$/, '$1').replace(/^__(.*)__$/, '$1').trim();
}

function conferenceFromTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const t = title
    .replace(/^(?:my\s+|some\s+)?(?:notes?|write-?up|summary|recap)\s*(?:from|on|of|for|at|:|-|–|—)\s*/i, '')
    .replace(/\s+(?:notes?|write-?up|recap)$/i, '')
    .trim();
  return t || undefined;
}

function inferLayout(talks: Talk[], talkLevel: number, fieldLevels: Layout['fieldLevels'], leadings: Map<number, Leading>): Layout {
  const sources = new Map<string, number>();
  for (const t of talks) for (const f of [t.speaker, t.role, t.company]) if (f) sources.set(f.source, (sources.get(f.source) ?? 0) + 1);
  let fieldStyle: Layout['fieldStyle'] = 'none';
  let best = 0;
  for (const [source, count] of sources) {
    if (count > best && source !== 'front-matter') {
      best = count;
      fieldStyle = source as Layout['fieldStyle'];
    }
  }
  const styles = new Map<Layout['labelStyle'], number>();
  for (const lead of leadings.values()) for (const l of lead.labels) styles.set(l.style, (styles.get(l.style) ?? 0) + 1);
  let labelStyle: Layout['labelStyle'] = 'bold';
  best = 0;
  for (const [style, count] of styles) if (count > best) [best, labelStyle] = [count, style];
  return { talkLevel, fieldStyle: talks.length === 0 ? 'heading' : fieldStyle === 'none' ? 'heading' : fieldStyle, fieldLevels, labelStyle };
}
