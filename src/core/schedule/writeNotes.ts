// Writes a notes file from a schedule, in the layouts New Notes File offers: front matter with the conference
// and its dates, the title, then one talk per session in time order. Under each talk's fields comes one
// schedule line, `*Fri 2019-12-27, 11:00–11:30 UTC+01:00 · Ada · CCC · [talk page](…)* <!-- session: 11223 -->`:
// time, room, track and link, and the session's id for the next import. The notes go under it.
//
// The file must read back as exactly the imported talks and speakers, so the writer checks its own output
// with the notes parser and writes a talk in a plainer form where the layout's own form reads back wrong
// (a handle such as "erdgeist" is no name to a byline, so that talk gets a `**Speakers:**` line).
import { parseNotes } from '../parser';
import type { NotesDocument } from '../model';
import type { NotesLayoutChoice } from '../newNotes';
import type { LocalDateTime, Schedule, ScheduleSession } from './model';
import { addMinutes, weekday } from './time';
import { sessionsInTimeOrder } from './sessions';
import { fieldLabel } from '../talks/skeleton';

/** How one talk's speakers are written: the layout's own form first, then labelled lines that read back anywhere. */
export type TalkForm = 'native' | 'label' | 'label-list' | 'label-list-no-company';
const FORMS: TalkForm[] = ['native', 'label', 'label-list', 'label-list-no-company'];

export interface WriteNotesOptions {
  layout: NotesLayoutChoice;
  /** Where the schedule came from (a URL or a file name), kept in the front matter for the next import. */
  source?: string;
  /** A name when the schedule has none (e.g. from the file name). */
  fallbackName?: string;
  /** The user's name for the conference: wins over the schedule's. */
  name?: string;
}

export interface TalkStyle {
  layout: NotesLayoutChoice;
  /** Heading level of talks (2 in a new file). */
  talkLevel: number;
  labelStyle: 'bold' | 'plain' | 'list' | 'italic';
}

const SCHEDULE_LINE = /^\s*\*(.*)\*\s*<!--\s*session:\s*(.*?)\s*-->\s*$/;
export const DROPPED_MARK = 'Dropped from the schedule';

/** The session id of a schedule line written by the import, or undefined for any other line. */
export function scheduleLineId(line: string): string | undefined {
  const m = SCHEDULE_LINE.exec(line);
  return m ? unescapeId(m[2]!) : undefined;
}

/** The start written in a schedule line (`Thu 2024-05-02, 09:00–09:30 UTC+02:00`), for placing talks around it. */
export function scheduleLineStart(line: string): LocalDateTime | undefined {
  const m = SCHEDULE_LINE.exec(line);
  const t = m && /(\d{4}-\d{2}-\d{2}), (\d{2}:\d{2})(?:–\d{2}:\d{2})?(?: UTC([+-]\d{2}:\d{2}))?/.exec(m[1]!);
  if (!t) return undefined;
  return t[3] ? { date: t[1]!, time: t[2]!, offset: t[3] } : { date: t[1]!, time: t[2]! };
}

export function isDroppedLine(line: string): boolean {
  const m = SCHEDULE_LINE.exec(line);
  return !!m && m[1]!.startsWith(DROPPED_MARK);
}

function escapeId(id: string): string {
  return id.replace(/-->/g, '--\\>').replace(/\s+/g, ' ');
}

function unescapeId(id: string): string {
  return id.replace(/--\\>/g, '-->');
}

/** Markdown-inert text for the schedule line: emphasis, links and HTML characters escaped. */
function inert(text: string): string {
  return text.replace(/[\\*_`[\]<>#|]/g, (c) => '\\' + c).replace(/\s+/g, ' ').trim();
}

function formatTime(start: LocalDateTime, durationMinutes: number | undefined): string {
  const end = durationMinutes ? addMinutes(start, durationMinutes) : undefined;
  const range = end ? `${start.time}–${end.time}` : start.time;
  const offset = start.offset ? ` UTC${start.offset}` : '';
  return `${weekday(start.date)} ${start.date}, ${range}${offset}`;
}

/** The schedule line of a session: `*time · room · track · [talk page](url)* <!-- session: id -->`. */
export function scheduleLine(session: ScheduleSession, dropped = false): string {
  const parts: string[] = [];
  if (dropped) parts.push(DROPPED_MARK);
  if (session.start) parts.push(formatTime(session.start, session.durationMinutes));
  else if (session.when) parts.push(inert(session.when));
  else parts.push('Not scheduled yet');
  if (session.room) parts.push(inert(session.room));
  if (session.track && session.track !== session.room) parts.push(inert(session.track));
  if (session.url) parts.push(`[talk page](${session.url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`);
  return `*${parts.join(' · ')}* <!-- session: ${escapeId(session.id)} -->`;
}

/** A heading's text: one line, no trailing `#` (it would close the heading). */
function headingText(title: string): string {
  return title.replace(/\s+/g, ' ').trim().replace(/\s#+$/, '');
}

function companyOf(session: ScheduleSession): string | undefined {
  return session.speakers.find((s) => s.company)?.company;
}

/**
 * One talk from the heading to the schedule line, as lines. `form` picks how the speakers are written (see
 * TalkForm); sessions without speakers get the heading and the schedule line only.
 */
export function talkLines(session: ScheduleSession, style: TalkStyle, form: TalkForm = 'native', dropped = false): string[] {
  const hashes = '#'.repeat(Math.min(Math.max(style.talkLevel, 1), 5));
  const title = headingText(session.title);
  const names = session.speakers.map((s) => s.name.replace(/\s+/g, ' ').trim());
  const company = form === 'label-list-no-company' ? undefined : companyOf(session);
  const meta = scheduleLine(session, dropped);
  if (names.length === 0) return [`${hashes} ${title}`, '', meta];
  if (form !== 'native' || style.layout === 'label') {
    const plural = form === 'label-list' || form === 'label-list-no-company' || names.length > 1;
    const lines = [`${hashes} ${title}`, '', fieldLabel(style.labelStyle, plural ? 'Speakers' : 'Speaker', names.join(', '))];
    if (company) lines.push(...(style.labelStyle === 'list' ? [] : ['']), fieldLabel(style.labelStyle, 'Company', company));
    return [...lines, '', meta];
  }
  const who = names.join(' & ');
  switch (style.layout) {
    case 'title':
      return [`${hashes} ${title} — ${who}${company ? ` (${company})` : ''}`, '', meta];
    case 'byline':
      return [`${hashes} ${title}`, `${who}${company ? ` @ ${company}` : ''}`, '', meta];
    case 'heading':
    default: {
      const lines = [`${hashes} ${title}`, `${'#'.repeat(style.talkLevel + 1)} ${who}`];
      if (company) lines.push('', `${'#'.repeat(style.talkLevel + 2)} ${company}`);
      return [...lines, '', meta];
    }
  }
}

function yamlString(text: string): string {
  return /^[\w][\w .,&()'-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|~|[\d.]+)$/i.test(text) ? text : JSON.stringify(text);
}

/** Front matter and title of a new notes file. */
export function notesHeader(schedule: Schedule, options: WriteNotesOptions): string[] {
  const c = schedule.conference;
  const name = (options.name || c.name || options.fallbackName || 'Conference').replace(/\s+/g, ' ').trim();
  const lines = ['---', `conference: ${yamlString(name)}`];
  if (c.start && c.end && c.end !== c.start) lines.push(`dates: ${c.start} to ${c.end}`);
  else if (c.start) lines.push(`date: ${c.start}`);
  if (c.timeZone) lines.push(`timezone: ${yamlString(c.timeZone)}`);
  if (options.source) lines.push(`schedule: ${JSON.stringify(options.source)}`);
  lines.push(`layout: ${options.layout}`, '---', '', `# Notes from ${name}`);
  return lines;
}

/** Whether a session reads back from the parsed notes as written: title, speakers, company. */
export function readsBack(doc: NotesDocument, headingLine: number, session: ScheduleSession, form: TalkForm): boolean {
  const talk = doc.talks.find((t) => t.headingRange.start.line === headingLine);
  const title = headingText(session.title);
  if (session.speakers.length === 0) {
    // A speaker-less session may be read as a section ("Lightning talks"); either way its heading is there.
    return talk ? talk.speakers.length === 0 && talk.title === title : doc.sections.some((s) => s.heading.range.start.line === headingLine);
  }
  if (!talk || talk.title !== title) return false;
  const names = session.speakers.map((s) => s.name.replace(/\s+/g, ' ').trim());
  if (talk.speakers.length !== names.length || talk.speakers.some((s, k) => s.text !== names[k])) return false;
  const company = form === 'label-list-no-company' ? undefined : companyOf(session);
  return (talk.company?.text ?? undefined) === company || (!company && !talk.company);
}

export interface RenderedTalk {
  session: ScheduleSession;
  form: TalkForm;
  dropped: boolean;
}

/**
 * Picks each talk's form so that the whole text reads back: renders, parses, and moves the talks that read
 * back wrong to the next form, a few rounds at most (the parser reads a file as a whole: layouts are voted).
 * `render` returns the text and the heading line of each talk.
 */
export function settleForms(talks: RenderedTalk[], render: (talks: RenderedTalk[]) => { text: string; headingLines: number[] }): { text: string; unreadable: ScheduleSession[] } {
  for (let round = 0; ; round++) {
    const { text, headingLines } = render(talks);
    const doc = parseNotes(text);
    const wrong = talks.map((t, k) => (readsBack(doc, headingLines[k]!, t.session, t.form) ? -1 : k)).filter((k) => k >= 0);
    const movable = wrong.filter((k) => FORMS.indexOf(talks[k]!.form) < FORMS.length - 1 && talks[k]!.session.speakers.length > 0);
    if (movable.length === 0 || round >= FORMS.length) return { text, unreadable: wrong.map((k) => talks[k]!.session) };
    for (const k of movable) talks[k] = { ...talks[k]!, form: FORMS[FORMS.indexOf(talks[k]!.form) + 1]! };
  }
}

/** The talks a notes file gets: sessions that are not breaks, in time order. */
export function talksOf(sessions: readonly ScheduleSession[]): ScheduleSession[] {
  return sessionsInTimeOrder(sessions.filter((s) => !s.isBreak));
}

/** A new notes file for the sessions (already filtered by the user), in the chosen layout. */
export function writeNotes(schedule: Schedule, sessions: readonly ScheduleSession[], options: WriteNotesOptions): { text: string; talks: number; unreadable: ScheduleSession[] } {
  const style: TalkStyle = { layout: options.layout, talkLevel: 2, labelStyle: 'bold' };
  const write = (header: string[]): { text: string; unreadable: ScheduleSession[]; talks: number } => {
    const talks: RenderedTalk[] = talksOf(sessions).map((session) => ({ session, form: 'native', dropped: false }));
    const settled = settleForms(talks, (current) => {
      const lines = [...header];
      const headingLines: number[] = [];
      for (const t of current) {
        lines.push('');
        headingLines.push(lines.length);
        lines.push(...talkLines(t.session, style, t.form, t.dropped));
      }
      return { text: lines.join('\n') + '\n', headingLines };
    });
    return { ...settled, talks: talks.length };
  };
  const header = notesHeader(schedule, options);
  const result = write(header);
  // A file of few talks under a `# Notes from …` title may read as one talk titled by it: then try without it.
  if (result.unreadable.length > 0 && result.talks <= 3) {
    const untitled = write(header.slice(0, header.indexOf('---', 1) + 1));
    if (untitled.unreadable.length < result.unreadable.length) return untitled;
  }
  return result;
}
