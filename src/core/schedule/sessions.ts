// Which sessions a notes file gets, and in what order: time order, the user's picks of days, rooms and tracks.
import type { ScheduleSession } from './model';
import { instantMs } from './time';

/** Sessions by start (sessions without one last, in source order); parallel sessions by room. */
export function sessionsInTimeOrder(sessions: readonly ScheduleSession[]): ScheduleSession[] {
  return sessions
    .map((s, k) => ({ s, k }))
    .sort((a, b) => {
      const ta = a.s.start ? instantMs(a.s.start) : Infinity;
      const tb = b.s.start ? instantMs(b.s.start) : Infinity;
      if (ta !== tb) return ta - tb;
      return a.k - b.k;
    })
    .map((x) => x.s);
}

/** What the user keeps: days (YYYY-MM-DD), rooms and tracks; an empty or missing list keeps all. */
export interface SessionFilter {
  days?: readonly string[];
  rooms?: readonly string[];
  tracks?: readonly string[];
}

function keeps(list: readonly string[] | undefined, value: string | undefined): boolean {
  if (!list || list.length === 0) return true;
  const v = (value ?? '').trim().toLowerCase();
  return list.some((x) => x.trim().toLowerCase() === v);
}

export function filterSessions(sessions: readonly ScheduleSession[], filter: SessionFilter): ScheduleSession[] {
  return sessions.filter((s) => keeps(filter.days, s.day ?? s.start?.date) && keeps(filter.rooms, s.room) && keeps(filter.tracks, s.track));
}

/** The days, rooms and tracks of a schedule with how many talks each has, for the user's picks. */
export function scheduleFacets(sessions: readonly ScheduleSession[]): { days: Map<string, number>; rooms: Map<string, number>; tracks: Map<string, number> } {
  const days = new Map<string, number>();
  const rooms = new Map<string, number>();
  const tracks = new Map<string, number>();
  const count = (m: Map<string, number>, k: string | undefined): void => {
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const s of sessions) {
    if (s.isBreak) continue;
    count(days, s.day ?? s.start?.date);
    count(rooms, s.room);
    count(tracks, s.track);
  }
  return { days: new Map([...days].sort((a, b) => a[0].localeCompare(b[0]))), rooms, tracks };
}
