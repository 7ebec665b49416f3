// Sessionize JSON: "All data" (`{ sessions, speakers, rooms, categories }`, speakers and rooms as ids) and the
// "Sessions" / "Schedule grid" lists (sessions holding `{ id, name }` speakers). Times have no offset.
import type { Schedule, ScheduleSession, ScheduleSpeaker } from './model';
import { cleanLine, looksLikeBreak, people, plainText } from './text';
import { minutesBetween, parseIsoDateTime } from './time';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function isSession(v: Json): boolean {
  return 'title' in v && 'startsAt' in v && ('speakers' in v || 'isServiceSession' in v);
}

function findSessions(data: unknown, out: Json[] = [], depth = 0): Json[] {
  if (depth > 6) return out;
  if (Array.isArray(data)) for (const v of data) findSessions(v, out, depth + 1);
  else if (isObject(data)) {
    if (isSession(data)) out.push(data);
    else for (const [k, v] of Object.entries(data)) if (k !== 'speakers' && k !== 'rooms' && k !== 'categories') findSessions(v, out, depth + 1);
  }
  return out;
}

export function isSessionizeJson(data: unknown): boolean {
  if (isObject(data) && Array.isArray(data.sessions)) return data.sessions.some((s) => isObject(s) && isSession(s));
  return Array.isArray(data) && findSessions(data).length > 0;
}

/** "Cloud Architect at Contoso", "CTO @ Acme" → the company; a tag line without one gives none. */
function companyOf(tagLine: unknown): string | undefined {
  if (typeof tagLine !== 'string') return undefined;
  const m = /\s(?:at|@)\s+([^,|;]+?)\s*$/i.exec(tagLine.trim());
  const company = m?.[1] ? cleanLine(m[1]) : '';
  return company && company.split(/\s+/).length <= 5 && !/[.!?]$/.test(company) ? company : undefined;
}

export function readSessionizeJson(data: unknown): Schedule {
  const top: Json = isObject(data) ? data : {};
  const speakerById = new Map<string, Json>();
  for (const sp of Array.isArray(top.speakers) ? top.speakers : []) if (isObject(sp)) speakerById.set(String(sp.id), sp);
  const roomById = new Map<string, string>();
  for (const r of Array.isArray(top.rooms) ? top.rooms : []) if (isObject(r)) roomById.set(String(r.id), cleanLine(r.name));
  // Category items by id, with the category's title ("Track", "Session format", "Level").
  const itemById = new Map<string, { category: string; name: string }>();
  for (const c of Array.isArray(top.categories) ? top.categories : []) {
    if (!isObject(c) || !Array.isArray(c.items)) continue;
    for (const item of c.items) if (isObject(item)) itemById.set(String(item.id), { category: cleanLine(c.title), name: cleanLine(item.name) });
  }
  const sessions: ScheduleSession[] = [];
  const seen = new Set<string>();
  for (const raw of Array.isArray(top.sessions) ? top.sessions : findSessions(data)) {
    if (!isObject(raw)) continue;
    const title = cleanLine(raw.title);
    const id = String(raw.id ?? title);
    if (!title || seen.has(id)) continue;
    seen.add(id);
    const speakers: ScheduleSpeaker[] = [];
    for (const sp of Array.isArray(raw.speakers) ? raw.speakers : []) {
      const person = typeof sp === 'string' || typeof sp === 'number' ? speakerById.get(String(sp)) : isObject(sp) ? { ...speakerById.get(String(sp.id)), ...sp } : undefined;
      if (!person) continue;
      const name = cleanLine(person.fullName ?? person.name) || cleanLine(`${String(person.firstName ?? '')} ${String(person.lastName ?? '')}`);
      const company = companyOf(person.tagLine);
      for (const p of people([name])) speakers.push(company ? { name: p.name, company } : p);
    }
    const categories: Array<{ category: string; name: string }> = [];
    for (const item of Array.isArray(raw.categoryItems) ? raw.categoryItems : []) {
      const hit = itemById.get(String(item));
      if (hit) categories.push(hit);
    }
    for (const c of Array.isArray(raw.categories) ? raw.categories : []) {
      if (isObject(c) && Array.isArray(c.categoryItems)) for (const item of c.categoryItems) if (isObject(item)) categories.push({ category: cleanLine(c.name), name: cleanLine(item.name) });
    }
    const start = parseIsoDateTime(raw.startsAt);
    const end = parseIsoDateTime(raw.endsAt);
    const s: ScheduleSession = { id, title, speakers, isBreak: false };
    if (start) {
      s.start = start;
      s.day = start.date;
    }
    if (start && end) s.durationMinutes = minutesBetween(start, end);
    const room = (raw.roomId !== undefined && raw.roomId !== null ? roomById.get(String(raw.roomId)) : undefined) || cleanLine(raw.room);
    if (room) s.room = room;
    const track = categories.find((c) => /track|topic|stream/i.test(c.category)) ?? categories.find((c) => !/level|format|type|language/i.test(c.category));
    if (track) s.track = track.name;
    const type = categories.find((c) => /format|type/i.test(c.category));
    if (type) s.type = type.name;
    const abstract = plainText(raw.description);
    if (abstract) s.abstract = abstract;
    s.isBreak = speakers.length === 0 && (raw.isServiceSession === true || looksLikeBreak(title, s.type));
    sessions.push(s);
  }
  // Sessions not on the grid yet have no start: left out when others have one.
  const scheduled = sessions.filter((s) => s.start);
  const result: Schedule = { format: 'sessionize-json', conference: {}, sessions: scheduled.length > 0 ? scheduled : sessions };
  const dates = sessions.map((s) => s.start?.date).filter((d): d is string => !!d).sort();
  if (dates[0]) result.conference.start = dates[0];
  if (dates.length) result.conference.end = dates[dates.length - 1];
  return result;
}
