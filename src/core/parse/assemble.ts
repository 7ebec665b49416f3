// Pass: each talk start's fields, from its field headings, labels, speaker line, a person named nearby, and the
// readings of its own text (`Title - Speaker`), the last only for a pattern the document uses for most talks.
import { isNameLike, isRoleLike, hasCompanyWord } from '../lexicon';
import { cleanSpan, parseByline, type Span, type TitleFields, type TitlePattern } from '../fields';
import type { Field, FieldName, Heading, Layout } from '../model';
import { personEvidence } from './people';
import { matchesNonTalk, normalizeTitle } from './sections';
import { personHead } from './talkStarts';
import { blockEnd, makeField, pos, spanField, type Draft, type FieldHeading, type ParseState } from './state';
import { runToEnd } from '../scan';

export function assembleDrafts(state: ParseState): Draft[] {
  return runToEnd(assembleDraftsSteps(state));
}

/** `assembleDrafts` as resumable steps, a step per few dozen talks (2,860 talks took 100 ms at once). */
export function* assembleDraftsSteps(state: ParseState): Generator<void, Draft[]> {
  const { heads, lines } = state;
  // A person named a few lines down counts when strong, or when most talks name one in the same way.
  const nearby = state.talkStarts.filter((i) => state.fieldAreas[i]!.nearbyPerson).length;
  const acceptWeakNearby = nearby >= 2 && nearby * 2 >= state.talkStarts.length;
  const drafts: Draft[] = [];
  for (const [k, index] of state.talkStarts.entries()) {
    if ((k & 31) === 31) yield;
    const head = heads[index]!;
    const h = head.heading;
    const area = state.fieldAreas[index]!;
    const draft: Draft = {
      head: index, speakers: [], fieldHeadings: [], notesStart: area.notesStart,
      // A line's talk ends at the next head of any kind; a heading's at the next one at the talk level or above.
      end: blockEnd(state, index, h.kind === 'line' ? h.level : Math.max(state.talkLevel, h.level)),
      title: normalizeTitle(h.text.slice(head.prefixLength)) || normalizeTitle(h.text),
    };
    const assignment = assignFieldHeadings(area.fieldHeadings, state.fieldLevels);
    for (const r of assignment.speaker ?? []) {
      const found = headingSpeakers(r);
      draft.speakers.push(...found.speakers);
      if (found.role && !assignment.role && !draft.role) draft.role = found.role;
      if (found.company && !assignment.company && !draft.company) draft.company = found.company;
    }
    if (assignment.role) draft.role = headingField(assignment.role.heading);
    if (assignment.company) draft.company = headingField(assignment.company.heading);
    draft.fieldHeadings = area.fieldHeadings.map((r) => r.heading);
    // Explicit `Role:`/`Company:` labels win over what a `Speaker:` line says in passing.
    const labels = [...area.labels].sort((x, y) => (x.field === 'speaker' ? 1 : 0) - (y.field === 'speaker' ? 1 : 0));
    for (const l of labels) {
      // A loop, not push(...): a `Speakers:` line may list any number of names (issue 15).
      if (l.values.speakers.length && draft.speakers.length === 0) for (const sp of l.values.speakers) draft.speakers.push(spanField(lines, l.line, sp, 'label'));
      if (l.values.role && !draft.role) draft.role = spanField(lines, l.line, l.values.role, 'label');
      if (l.values.company && !draft.company) draft.company = spanField(lines, l.line, l.values.company, 'label');
    }
    draft.speakers.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
    const line = area.speakerLine ?? (area.nearbyPerson && (area.nearbyPerson.strong || acceptWeakNearby) ? area.nearbyPerson : undefined);
    if (line && draft.speakers.length === 0) {
      draft.fromSpeakerLineOnly = !draft.role && !draft.company && line === area.speakerLine;
      draft.speakers.push(...line.values.speakers.map((sp) => spanField(lines, line.line, sp, 'byline')));
      const continuation = 'continuation' in line ? line.continuation : undefined;
      for (const part of [line, continuation]) {
        if (!part) continue;
        if (part.values.role && !draft.role) draft.role = spanField(lines, part.line, part.values.role, 'byline');
        if (part.values.company && !draft.company) draft.company = spanField(lines, part.line, part.values.company, 'byline');
      }
    }
    if (draft.speakers.length === 0 && head.rowFields) {
      // A row of a table of talks: the speaker, role and company columns.
      const row = head.rowFields;
      draft.speakers = row.speakers.map((sp) => spanField(lines, h.range.start.line, sp, 'title'));
      if (row.role) draft.role = spanField(lines, h.range.start.line, row.role, 'title');
      if (row.company) draft.company = spanField(lines, h.range.start.line, row.company, 'title');
    }
    if (draft.speakers.length === 0 && personHead(head)) {
      // The head is the speaker line itself: `Dan Kohn - Exec Dir - CNCF`.
      const parsed = parseByline(h.text.slice(head.prefixLength), 0, false)!;
      const at = (sp: Span): Field => fieldInHead(h, { ...sp, start: sp.start + head.prefixLength, end: sp.end + head.prefixLength });
      draft.speakers = parsed.speakers.map(at);
      if (parsed.role) draft.role = at({ ...parsed.role });
      if (parsed.company) draft.company = at({ ...parsed.company });
      draft.title = draft.speakers.map((s) => s.text).join(', ');
    }
    drafts.push(draft);
  }
  readTitleFields(state, drafts);
  return drafts;
}

/** Fields in talk heads (`Title - Speaker, Company`): certain readings always, others for a pattern most talks use. */
function readTitleFields(state: ParseState, drafts: Draft[]): void {
  const bare = drafts.filter((d) => d.speakers.length === 0 && !matchesNonTalk(state.heads[d.head]!.heading.text, state.nonTalkSections));
  if (bare.length === 0) return;
  const counts = new Map<TitlePattern, number>();
  for (const d of bare) for (const r of state.heads[d.head]!.titleReadings) if (!r.certain) counts.set(r.pattern, (counts.get(r.pattern) ?? 0) + 1);
  const order: TitlePattern[] = ['pipe', 'dash', 'paren', 'by', 'colon'];
  // Heads that name their speaker for certain (`by @handle`) are not counted against the other patterns.
  const open = bare.filter((d) => !state.heads[d.head]!.titleReadings.some((r) => r.certain)).length;
  const needed = Math.max(open <= 1 ? 1 : 2, Math.ceil(open * 0.5));
  const used = order.filter((p) => (counts.get(p) ?? 0) >= needed && (p !== 'colon' || (counts.get(p) ?? 0) >= 2 || bare.length === 1));
  for (const d of bare) {
    const head = state.heads[d.head]!;
    const reading = head.titleReadings.find((r) => r.certain) ?? head.titleReadings.find((r) => used.includes(r.pattern));
    if (!reading) continue;
    applyReading(d, head.heading, reading);
  }
}

function applyReading(d: Draft, h: Heading, reading: TitleFields): void {
  const at = (sp: Span): Field => fieldInHead(h, sp);
  d.title = normalizeTitle(reading.title.text);
  d.speakers = reading.speakers.map(at);
  let company = reading.company;
  // `"Title" (Ann Lee, Bo Kim)`: a second person, not a company.
  while (company && !reading.role && personEvidence(company.text) === 'strong') {
    d.speakers.push(at(company));
    company = undefined;
  }
  if (reading.role && !d.role) d.role = at(reading.role);
  if (company && !d.company) d.company = at(company);
}

function fieldInHead(h: Heading, sp: Span): Field {
  const start = h.textRange.start.character;
  return makeField(h.text.slice(sp.start, sp.end), { start: pos(h.textRange.start.line, start + sp.start), end: pos(h.textRange.start.line, start + sp.end) }, 'title', h.range);
}

interface Assignment {
  speaker?: FieldHeading[];
  role?: FieldHeading;
  company?: FieldHeading;
}

/** Which of a talk's field headings is the speaker, the role and the company. */
function assignFieldHeadings(run: FieldHeading[], levels: Layout['fieldLevels']): Assignment {
  const n = run.length;
  if (n === 0) return {};
  const top = run[0]!.heading.level;
  const persons = run.filter((r) => r.heading.level === top);
  if (persons.length > 1 && persons.length < n && persons.every((p) => isNameLike(p.heading.text) || carriesSpeaker(p.heading.text))) {
    // A panel written person by person: `### Ann Lee`, `#### Role`, `#### Company`, `### Bo Kim`, ...
    const firstDetails = run.slice(1, run.indexOf(persons[1]!));
    return { speaker: persons, ...assignDetails(firstDetails) };
  }
  if (n >= 3) {
    // Panels: several speaker headings, then role and company.
    return { speaker: run.slice(0, n - 2), role: run[n - 2], company: run[n - 1] };
  }
  const scoreAs = (r: FieldHeading, f: FieldName): number => {
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
function assignDetails(details: FieldHeading[]): { role?: FieldHeading; company?: FieldHeading } {
  if (details.length >= 2) return { role: details[0], company: details[details.length - 1] };
  if (details.length === 1) return isRoleLike(details[0]!.heading.text) ? { role: details[0] } : { company: details[0] };
  return {};
}

/** A heading that is a speaker line itself: `Ann Lee, SRE at Google`, `Bo Kim (Acme)`. */
export function carriesSpeaker(text: string): boolean {
  const b = parseByline(text, 0, false);
  return !!b && b.speakers.length > 0 && b.speakers.every((sp) => isNameLike(sp.text)) && !!(b.role || b.company);
}

/** A field heading's value without emphasis or link syntax, ranged on the value itself. */
export function headingField(h: Heading): Field {
  const sp = cleanSpan(h.text) ?? { text: h.text, start: 0, end: h.text.length };
  const line = h.textRange.start.line;
  const base = h.textRange.start.character;
  return makeField(h.text.slice(sp.start, sp.end), { start: pos(line, base + sp.start), end: pos(line, base + sp.end) }, 'heading', h.range, h.level);
}

/** The speakers of a speaker heading (`Jane Doe & John Roe`), and a role or company written beside them. */
function headingSpeakers(r: FieldHeading): { speakers: Field[]; role?: Field; company?: Field } {
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
