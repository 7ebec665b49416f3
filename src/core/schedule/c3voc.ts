// C3VOC `schedule.json` (frab's JSON; pretalx's `schedule/export/schedule.json`):
// `schedule.conference.days[].rooms{room: [events]}`.
import type { Schedule, ScheduleSession } from './model';
import { cleanLine, looksLikeBreak, people, plainText } from './text';
import { addDays, afterMidnight, inZone, parseDuration, parseIsoDate, parseIsoDateTime, parseLooseTime } from './time';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function conferenceOf(data: unknown): Json | undefined {
  if (!isObject(data)) return undefined;
  const schedule = isObject(data.schedule) ? data.schedule : data;
  return isObject(schedule.conference) ? schedule.conference : undefined;
}

export function isC3vocJson(data: unknown): boolean {
  const conference = conferenceOf(data);
  return !!conference && Array.isArray(conference.days) && conference.days.some((d) => isObject(d) && isObject(d.rooms));
}

function personName(p: unknown): string {
  if (typeof p === 'string') return p;
  if (!isObject(p)) return '';
  for (const key of ['public_name', 'name', 'full_name', 'full_public_name']) if (typeof p[key] === 'string' && (p[key] as string).trim()) return p[key] as string;
  return '';
}

export function readC3vocJson(data: unknown): Schedule {
  const conference = conferenceOf(data)!;
  const timeZone = typeof conference.time_zone_name === 'string' ? conference.time_zone_name : undefined;
  const dayChange = typeof conference.day_change === 'string' ? parseLooseTime(conference.day_change.slice(0, 5)) : undefined;
  const sessions: ScheduleSession[] = [];
  for (const day of conference.days as unknown[]) {
    if (!isObject(day) || !isObject(day.rooms)) continue;
    const dayDate = parseIsoDate(day.date) ?? parseIsoDate(day.day_start);
    const dayStart = dayChange ?? parseIsoDateTime(day.day_start)?.time;
    for (const [roomName, events] of Object.entries(day.rooms)) {
      if (!Array.isArray(events)) continue;
      let latestInRoom = '';
      for (const event of events) {
        if (!isObject(event)) continue;
        const title = cleanLine(event.title);
        if (!title) continue;
        let start = parseIsoDateTime(event.date);
        const clock = typeof event.start === 'string' ? parseLooseTime(event.start) : undefined;
        if (clock && clock > latestInRoom && !start) latestInRoom = clock;
        if (!start && dayDate && clock) {
          const date = afterMidnight(clock, dayStart, latestInRoom) ? addDays(dayDate, 1) : dayDate;
          start = inZone({ date, time: clock }, timeZone);
        }
        const persons = Array.isArray(event.persons) ? event.persons : [];
        const speakers = people(persons.map(personName));
        const type = cleanLine(event.type);
        const s: ScheduleSession = {
          id: String(event.id ?? event.guid ?? `${dayDate}-${clock}-${title}`),
          title,
          speakers,
          isBreak: speakers.length === 0 && looksLikeBreak(title, type),
        };
        const subtitle = cleanLine(event.subtitle);
        if (subtitle) s.subtitle = subtitle;
        if (start) s.start = start;
        const duration = parseDuration(event.duration);
        if (duration !== undefined) s.durationMinutes = duration;
        const room = cleanLine(event.room) || cleanLine(roomName);
        if (room) s.room = room;
        const track = cleanLine(event.track);
        if (track) s.track = track;
        if (type) s.type = type;
        const abstract = plainText(event.abstract) ?? plainText(event.description);
        if (abstract) s.abstract = abstract;
        if (typeof event.url === 'string' && /^https?:\/\//i.test(event.url)) s.url = event.url;
        if (dayDate) s.day = dayDate;
        sessions.push(s);
      }
    }
  }
  const result: Schedule = { format: 'c3voc-json', conference: {}, sessions };
  const name = cleanLine(conference.title) || cleanLine(conference.acronym);
  if (name) result.conference.name = name;
  const start = parseIsoDate(conference.start);
  if (start) result.conference.start = start;
  const end = parseIsoDate(conference.end);
  if (end) result.conference.end = end;
  if (timeZone) result.conference.timeZone = timeZone;
  const schedule = isObject(data) && isObject(data.schedule) ? data.schedule : undefined;
  const url = schedule?.base_url ?? conference.url;
  if (typeof url === 'string' && /^https?:\/\//i.test(url)) result.conference.url = url;
  return result;
}
