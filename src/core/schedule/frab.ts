// frab / pentabarf "Fahrplan" XML: `schedule > conference, day > room > event` (FOSDEM, the CCC events,
// pretalx's `schedule.xml` export).
import { parseXml, XmlElement, XmlText } from '@rgrove/parse-xml';
import { ScheduleError, type Schedule, type ScheduleSession } from './model';
import { cleanLine, looksLikeBreak, people, plainText } from './text';
import { addDays, afterMidnight, inZone, parseDuration, parseIsoDate, parseIsoDateTime, parseLooseTime } from './time';

function elements(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter((c): c is XmlElement => c instanceof XmlElement && (name === undefined || c.name === name));
}

function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return elements(el, name)[0];
}

function text(el: XmlElement | undefined, name: string): string {
  return child(el, name)?.text.trim() ?? '';
}

/** The XML document's root element, or a ScheduleError saying why there is none. */
export function parseXmlRoot(source: string): XmlElement {
  try {
    const root = parseXml(source.replace(/^\uFEFF/, '')).root;
    if (!root) throw new ScheduleError('the XML has no root element');
    return root;
  } catch (e) {
    if (e instanceof ScheduleError) throw e;
    throw new ScheduleError(`the XML is not well-formed (${(e as Error).message.split('\n')[0]})`);
  }
}

/** Whether an XML root is a frab schedule: `<schedule>` holding `<day>`s of `<room>`s of `<event>`s. */
export function isFrabXml(root: XmlElement): boolean {
  if (root.name !== 'schedule') return false;
  return elements(root, 'day').some((day) => elements(day, 'room').some((room) => elements(room, 'event').length > 0)) || (!!child(root, 'conference') && elements(root, 'day').length > 0);
}

function personName(p: XmlElement): string {
  // Some generators leave <person> empty and put the name in a child element.
  const own = p.children.map((c) => (c instanceof XmlText ? c.text : '')).join('').trim();
  return own || text(p, 'public_name') || text(p, 'name') || text(p, 'full_public_name');
}

export function readFrabXml(root: XmlElement): Schedule {
  const conference = child(root, 'conference');
  const timeZone = text(conference, 'time_zone_name') || undefined;
  const dayChange = parseLooseTime(text(conference, 'day_change').slice(0, 5)) ?? undefined;
  const baseUrl = text(conference, 'base_url');
  const sessions: ScheduleSession[] = [];
  for (const day of elements(root, 'day')) {
    const dayDate = parseIsoDate(day.attributes.date) ?? parseIsoDate(day.attributes.start);
    // The day's own start time, when there is no day_change: earlier events belong to the next morning.
    const dayStart = dayChange ?? parseIsoDateTime(day.attributes.start)?.time;
    for (const room of elements(day, 'room')) {
      let latestInRoom = '';
      for (const event of elements(room, 'event')) {
        const title = cleanLine(text(event, 'title'));
        if (!title) continue;
        let start = parseIsoDateTime(text(event, 'date'));
        const clock = parseLooseTime(text(event, 'start'));
        if (clock && clock > latestInRoom && !start) latestInRoom = clock;
        if (!start && dayDate && clock) {
          // Older files: the day's date and HH:MM; after-midnight events sit under the day before.
          const date = afterMidnight(clock, dayStart, latestInRoom) ? addDays(dayDate, 1) : dayDate;
          start = inZone({ date, time: clock }, timeZone);
        }
        const speakers = people(elements(child(event, 'persons'), 'person').map(personName));
        const s: ScheduleSession = {
          id: event.attributes.id || event.attributes.guid || `${dayDate}-${clock}-${title}`,
          title,
          speakers,
          isBreak: false,
        };
        const subtitle = cleanLine(text(event, 'subtitle'));
        if (subtitle) s.subtitle = subtitle;
        if (start) s.start = start;
        const duration = parseDuration(text(event, 'duration'));
        if (duration !== undefined) s.durationMinutes = duration;
        const roomName = cleanLine(text(event, 'room')) || cleanLine(room.attributes.name);
        if (roomName) s.room = roomName;
        const track = cleanLine(text(event, 'track'));
        if (track) s.track = track;
        const type = cleanLine(text(event, 'type'));
        if (type) s.type = type;
        const abstract = plainText(text(event, 'abstract')) ?? plainText(text(event, 'description'));
        if (abstract) s.abstract = abstract;
        const url = text(event, 'url') || (baseUrl && event.attributes.id ? `${baseUrl.replace(/\/?$/, '/')}events/${event.attributes.id}.html` : '');
        if (/^https?:\/\//i.test(url)) s.url = url;
        if (dayDate) s.day = dayDate;
        s.isBreak = speakers.length === 0 && looksLikeBreak(title, type);
        sessions.push(s);
      }
    }
  }
  const result: Schedule = { format: 'frab-xml', conference: {}, sessions };
  const name = cleanLine(text(conference, 'title')) || cleanLine(text(conference, 'acronym'));
  if (name) result.conference.name = name;
  const start = parseIsoDate(text(conference, 'start'));
  if (start) result.conference.start = start;
  const end = parseIsoDate(text(conference, 'end'));
  if (end) result.conference.end = end;
  if (timeZone) result.conference.timeZone = timeZone;
  if (/^https?:\/\//i.test(baseUrl)) result.conference.url = baseUrl;
  return result;
}
