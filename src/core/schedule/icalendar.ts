// iCalendar (`.ics`): one VEVENT per session. Where the speaker is depends on who made the file: pretalx puts
// the names after the last " - " of SUMMARY; others use ATTENDEE/ORGANIZER common names; some give none.
import ICAL from 'ical.js';
import { ScheduleError, type LocalDateTime, type Schedule, type ScheduleSession } from './model';
import { cleanLine, looksLikeBreak, people, plainText } from './text';
import { inZone, minutesBetween, toZone } from './time';

export function isICalendar(text: string): boolean {
  return /^\s*BEGIN:VCALENDAR\b/i.test(text.replace(/^\uFEFF/, ''));
}

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A DTSTART/DTEND as a wall-clock time with its offset: from the file's VTIMEZONE, the IANA name, or UTC. */
function timeOf(event: Component, name: string, zones: Map<string, InstanceType<typeof ICAL.Timezone>>, calendarZone: string | undefined): LocalDateTime | undefined {
  const prop = event.getFirstProperty(name);
  if (!prop) return undefined;
  const value = prop.getFirstValue() as Time | null;
  if (!value || typeof value !== 'object' || !('year' in value)) return undefined;
  const wall: LocalDateTime = { date: `${value.year}-${two(value.month)}-${two(value.day)}`, time: value.isDate ? '00:00' : `${two(value.hour)}:${two(value.minute)}` };
  const tzid = prop.getFirstParameter('tzid');
  if (value.zone?.tzid === 'UTC' || (typeof value.toString === 'function' && value.toString().endsWith('Z'))) {
    const utc = { ...wall, offset: '+00:00' };
    return calendarZone ? toZone(utc, calendarZone) : utc;
  }
  if (tzid) {
    const zone = zones.get(tzid);
    if (zone) {
      try {
        const seconds = zone.utcOffset(value);
        const sign = seconds < 0 ? '-' : '+';
        const abs = Math.abs(seconds) / 60;
        return { ...wall, offset: `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}` };
      } catch {
        // Fall through to the IANA name.
      }
    }
    return inZone(wall, tzid.replace(/^\//, ''));
  }
  return calendarZone ? inZone(wall, calendarZone) : wall;
}

function text(event: Component, name: string): string {
  const v = event.getFirstPropertyValue(name);
  return typeof v === 'string' ? v : '';
}

/**
 * The speakers of a non-pretalx event: ATTENDEE common names, else the ORGANIZER's (unless it organizes the whole
 * calendar: then it is the conference or the group), else a `Speaker(s): …` line of the description.
 */
function namesFromPeople(event: Component, hosts: Set<string>): string[] {
  const names: string[] = [];
  for (const p of event.getAllProperties('attendee')) {
    const cn = p.getFirstParameter('cn');
    if (cn) names.push(cn);
  }
  if (names.length === 0) {
    const cn = event.getFirstProperty('organizer')?.getFirstParameter('cn');
    if (cn && !hosts.has(cn)) names.push(cn);
  }
  if (names.length === 0) {
    const m = /^(?:speakers?|presenters?|presented by|referent(?:en)?|ponentes?|intervenants?)\s*:\s*(.+)$/im.exec(text(event, 'description'));
    if (m) names.push(m[1]!.trim());
  }
  return names;
}

/** Organizers of most events of a calendar (3 or more): the host, not a speaker. */
function calendarHosts(events: Component[]): Set<string> {
  const counts = new Map<string, number>();
  for (const e of events) {
    const cn = e.getFirstProperty('organizer')?.getFirstParameter('cn');
    if (cn) counts.set(cn, (counts.get(cn) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => events.length >= 3 && n >= 0.8 * events.length).map(([cn]) => cn));
}

export function readICalendar(source: string): Schedule {
  let root: Component;
  try {
    root = new ICAL.Component(ICAL.parse(source.replace(/^\uFEFF/, '')) as unknown[]);
  } catch (e) {
    throw new ScheduleError(`the iCalendar file does not parse (${(e as Error).message.split('\n')[0]})`);
  }
  const calendar = root.name === 'vcalendar' ? root : root.getFirstSubcomponent('vcalendar') ?? root;
  const zones = new Map<string, InstanceType<typeof ICAL.Timezone>>();
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) {
    try {
      const zone = new ICAL.Timezone(vtz);
      if (zone.tzid) zones.set(zone.tzid, zone);
    } catch {
      // A broken VTIMEZONE: the IANA name may still be known.
    }
  }
  const prodId = text(calendar, 'prodid');
  const byPretalx = /pretalx/i.test(prodId);
  const calendarZone = text(calendar, 'x-wr-timezone') || undefined;
  const sessions: ScheduleSession[] = [];
  const ids = new Map<string, number>();
  const events = calendar.getAllSubcomponents('vevent');
  let hosts = new Set<string>();
  try {
    hosts = calendarHosts(events);
  } catch {
    // Broken ORGANIZER lines: every organizer may be a speaker then.
  }
  for (const event of events) {
    // One broken event (a bad date, a stray line) is left out; the others are still read.
    try {
      const s = readEvent(event, byPretalx, zones, calendarZone, ids, hosts);
      if (s) sessions.push(s);
    } catch {
      continue;
    }
  }
  const result: Schedule = { format: 'icalendar', conference: {}, sessions };
  const name = cleanLine(text(calendar, 'x-wr-calname')) || (byPretalx ? pretalxEventName(sessions) : '');
  if (name) result.conference.name = name;
  const dates = sessions.map((s) => s.start?.date).filter((d): d is string => !!d).sort();
  if (dates[0]) result.conference.start = dates[0];
  if (dates.length) result.conference.end = dates[dates.length - 1];
  const zone = calendarZone ?? (zones.size === 1 ? [...zones.keys()][0] : undefined);
  if (zone) result.conference.timeZone = zone;
  return result;
}

/** pretalx talk pages are `https://host/<event>/talk/<code>/`: the event's slug names the conference. */
function pretalxEventName(sessions: ScheduleSession[]): string {
  for (const s of sessions) {
    const m = /^https?:\/\/[^/]+\/([^/]+)\/talk\//i.exec(s.url ?? '');
    if (m) return m[1]!;
  }
  return '';
}

function readEvent(
  event: Component,
  byPretalx: boolean,
  zones: Map<string, InstanceType<typeof ICAL.Timezone>>,
  calendarZone: string | undefined,
  ids: Map<string, number>,
  hosts: Set<string>,
): ScheduleSession | undefined {
    let summary = cleanLine(text(event, 'summary'));
    if (!summary) return undefined;
    let names: string[] = [];
    const url = text(event, 'url') || '';
    if (byPretalx || /pretalx/i.test(url) || /^pretalx-/i.test(text(event, 'uid'))) {
      // `Title - Speaker, Speaker`: titles may hold " - " too, so the names follow the last one.
      const at = summary.lastIndexOf(' - ');
      if (at > 0) {
        names = [summary.slice(at + 3)];
        summary = summary.slice(0, at).trim();
      } else if (summary.endsWith(' -')) summary = summary.slice(0, -2).trim();
    } else {
      names = namesFromPeople(event, hosts);
    }
    const start = timeOf(event, 'dtstart', zones, calendarZone);
    const end = timeOf(event, 'dtend', zones, calendarZone);
    const uid = text(event, 'uid') || `${start?.date}T${start?.time}-${summary}`;
    // Some generators give many events one UID: the later ones get a number.
    const seen = ids.get(uid) ?? 0;
    ids.set(uid, seen + 1);
    const speakers = people(names);
    const categories = event.getFirstPropertyValue('categories');
    const s: ScheduleSession = { id: seen === 0 ? uid : `${uid}#${seen + 1}`, title: summary, speakers, isBreak: false };
    if (start) {
      s.start = start;
      s.day = start.date;
    }
    if (start && end) s.durationMinutes = minutesBetween(start, end);
    const room = cleanLine(text(event, 'location'));
    if (room) s.room = room;
    if (typeof categories === 'string' && categories.trim()) s.track = cleanLine(categories);
    const abstract = plainText(text(event, 'description'));
    if (abstract) s.abstract = abstract;
    if (/^https?:\/\//i.test(url)) s.url = url;
    s.isBreak = speakers.length === 0 && looksLikeBreak(summary);
    return s;
}
