// pretalx JSON: API submission/talk objects (a `results` page, a list, or regrouped by date, minute and room)
// and the schedule widget's `{ talks, rooms, speakers, tracks }`. Speakers, rooms and tracks may be objects
// or ids to look up in the sibling lists.
import type { Schedule, ScheduleSession } from './model';
import { cleanLine, i18n, looksLikeBreak, people, plainText } from './text';
import { minutesBetween, toZone, parseIsoDate, parseIsoDateTime } from './time';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A talk-like object: a title and a pretalx code, slot or start. */
function isTalk(v: Json): boolean {
  if (!('title' in v)) return false;
  const hasTime = isObject(v.slot) || typeof v.start === 'string' || (Array.isArray(v.slots) && v.slots.length > 0);
  const hasCode = typeof v.code === 'string';
  return (hasCode && (Array.isArray(v.speakers) || 'slot' in v || 'state' in v)) || (hasTime && Array.isArray(v.speakers)) || (hasTime && 'room' in v);
}

/** Every talk object in the data, wherever the export put it (dedup by code). */
function findTalks(data: unknown, skip: Set<unknown>, out: Json[] = [], depth = 0): Json[] {
  if (depth > 8 || skip.has(data)) return out;
  if (Array.isArray(data)) {
    for (const v of data) findTalks(v, skip, out, depth + 1);
  } else if (isObject(data)) {
    // The schedule endpoint lists slots that hold their submission (`?expand=submission`): the slot's time is its own.
    if (isObject(data.submission) && 'title' in data.submission && typeof data.start === 'string') {
      out.push({ ...data.submission, slot: { start: data.start, end: data.end, room: data.room } });
      return out;
    }
    if (isTalk(data)) {
      out.push(data);
      return out;
    }
    for (const v of Object.values(data)) findTalks(v, skip, out, depth + 1);
  }
  return out;
}

/** A lookup of a sibling list (`rooms`, `speakers`, `tracks`), by id and by code, as a list or an object. */
function lookup(list: unknown): Map<string, Json> {
  const map = new Map<string, Json>();
  const add = (key: unknown, v: unknown): void => {
    if (isObject(v) && (typeof key === 'string' || typeof key === 'number')) map.set(String(key), v);
  };
  if (Array.isArray(list)) {
    for (const v of list) if (isObject(v)) add(v.code ?? v.id ?? v.guid, v);
  } else if (isObject(list)) {
    for (const [k, v] of Object.entries(list)) {
      add(k, v);
      if (isObject(v)) add(v.code ?? v.id, v);
    }
  }
  return map;
}

export function isPretalxJson(data: unknown): boolean {
  if (!isObject(data) && !Array.isArray(data)) return false;
  const skip = new Set<unknown>(isObject(data) ? [data.rooms, data.speakers, data.tracks] : []);
  const talks = findTalks(data, skip);
  return talks.length > 0 && talks.some((t) => typeof t.code === 'string' || (isObject(data) && Array.isArray(data.talks)));
}

export function readPretalxJson(data: unknown): Schedule {
  const top: Json = isObject(data) ? data : {};
  const rooms = lookup(top.rooms);
  const speakers = lookup(top.speakers);
  const tracks = lookup(top.tracks);
  const types = lookup(top.submission_types);
  const timeZone = typeof top.timezone === 'string' ? top.timezone : undefined;
  const eventUrl = typeof top.url === 'string' && /^https?:\/\//i.test(top.url) ? top.url.replace(/\/?$/, '/') : undefined;
  const talks = findTalks(data, new Set([top.rooms, top.speakers, top.tracks, top.submission_types]));
  const seen = new Set<string>();
  const sessions: ScheduleSession[] = [];
  const named = (table: Map<string, Json>, v: unknown): string => {
    if (typeof v === 'string' || typeof v === 'number') {
      const hit = table.get(String(v));
      return hit ? cleanLine(i18n(hit.name ?? hit.title)) : typeof v === 'string' ? cleanLine(v) : '';
    }
    if (isObject(v) && ('name' in v || 'title' in v)) return cleanLine(i18n(v.name ?? v.title));
    return cleanLine(i18n(v));
  };
  for (const t of talks) {
    if (typeof t.state === 'string' && /^(?:rejected|withdrawn|canceled|cancelled|deleted)$/.test(t.state)) continue;
    const slot = isObject(t.slot) ? t.slot : Array.isArray(t.slots) && isObject(t.slots[0]) ? t.slots[0] : t;
    const title = cleanLine(i18n(t.title));
    if (!title) continue;
    const id = String(t.code ?? t.id ?? `${String(slot.start)}-${title}`);
    const key = `${id}|${String(slot.start ?? '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const names = (Array.isArray(t.speakers) ? t.speakers : []).map((sp) => {
      if (typeof sp === 'string' || typeof sp === 'number') return cleanLine(i18n(speakers.get(String(sp))?.name ?? ''));
      return isObject(sp) ? cleanLine(i18n(sp.name ?? sp.public_name)) : '';
    });
    const speakerList = people(names.filter(Boolean));
    let start = parseIsoDateTime(slot.start);
    // Shown in the event's own zone: UTC times become local, floating ones get the zone's offset.
    if (start) start = toZone(start, timeZone);
    const end = parseIsoDateTime(slot.end);
    const type = named(types, t.submission_type ?? t.submission_type_id ?? t.type);
    const s: ScheduleSession = { id, title, speakers: speakerList, isBreak: false };
    if (start) s.start = start;
    const duration = typeof t.duration === 'number' ? t.duration : start && end ? minutesBetween(start, end) : undefined;
    if (duration !== undefined && duration >= 0) s.durationMinutes = duration;
    const room = named(rooms, slot.room ?? slot.room_id ?? t.room);
    if (room) s.room = room;
    const track = named(tracks, t.track ?? t.track_id);
    if (track) s.track = track;
    if (type) s.type = type;
    const abstract = plainText(i18n(t.abstract)) ?? plainText(i18n(t.description));
    if (abstract) s.abstract = abstract;
    const url = typeof t.url === 'string' && /^https?:\/\//i.test(t.url) ? t.url : eventUrl && typeof t.code === 'string' ? `${eventUrl}talk/${t.code}/` : undefined;
    if (url) s.url = url;
    if (start) s.day = start.date;
    // The widget's breaks have no code; a coded submission without speakers is a break only by its words.
    s.isBreak = speakerList.length === 0 && (typeof t.code !== 'string' || looksLikeBreak(title, type));
    sessions.push(s);
  }
  // A CFP export also lists what was never scheduled: keep those only when nothing has a time.
  const scheduled = sessions.filter((s) => s.start);
  const result: Schedule = { format: 'pretalx-json', conference: {}, sessions: scheduled.length > 0 ? scheduled : sessions };
  const name = cleanLine(i18n(top.name ?? top.event_name ?? (isObject(top.event) ? top.event.name : undefined)));
  if (name) result.conference.name = name;
  const dates = result.sessions.map((s) => s.start?.date).filter((d): d is string => !!d).sort();
  const start = parseIsoDate(top.event_start ?? top.date_from) ?? dates[0];
  const endDate = parseIsoDate(top.event_end ?? top.date_to) ?? dates[dates.length - 1];
  if (start) result.conference.start = start;
  if (endDate) result.conference.end = endDate;
  if (timeZone) result.conference.timeZone = timeZone;
  if (eventUrl) result.conference.url = eventUrl;
  return result;
}

