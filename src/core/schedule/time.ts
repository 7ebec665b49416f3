// Dates and times as schedules write them: ISO with or without an offset, `HH:MM` durations, minutes,
// IANA zones (offsets computed with Intl, which the web worker has too).
import type { LocalDateTime } from './model';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** `2019-12-27T11:00:00+01:00`, `2020-04-24T09:00:00`, `2023-08-18T00:30:00Z` → date, time, offset. */
export function parseIsoDateTime(text: unknown): LocalDateTime | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO.exec(text.trim());
  if (!m || m[4] === undefined) return undefined;
  const result: LocalDateTime = { date: `${m[1]}-${m[2]}-${m[3]}`, time: `${m[4]}:${m[5]}` };
  if (m[7]) result.offset = normalizeOffset(m[7]);
  return result;
}

/** `Z` → `+00:00`, `+0100` → `+01:00`, `+01` → `+01:00`. */
export function normalizeOffset(offset: string): string {
  if (/^z$/i.test(offset)) return '+00:00';
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset);
  return m ? `${m[1]}${m[2]}:${m[3] ?? '00'}` : offset;
}

/** YYYY-MM-DD of a date-only or date-time ISO text. */
export function parseIsoDate(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** `00:45`, `1:30`, `01:30:00`, `45` (minutes), `PT1H30M` → minutes. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value);
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  let m = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(\d{1,4})$/.exec(t);
  if (m) return Number(m[1]);
  m = /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(t);
  if (m && t.length > 1) return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return undefined;
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** Milliseconds of a wall-clock time read as if it were UTC (for floating times and date arithmetic). */
function wallMs(t: LocalDateTime): number {
  const [y, mo, d] = t.date.split('-').map(Number) as [number, number, number];
  const [h, mi] = t.time.split(':').map(Number) as [number, number];
  return Date.UTC(y, mo - 1, d, h, mi);
}

/** A sort key: the instant when the offset is known, else the wall-clock time (a floating schedule has one zone). */
export function instantMs(t: LocalDateTime): number {
  return wallMs(t) - (t.offset ? offsetMinutes(t.offset) * 60_000 : 0);
}

function fromWallMs(ms: number, offset?: string): LocalDateTime {
  const d = new Date(ms);
  const result: LocalDateTime = { date: d.toISOString().slice(0, 10), time: d.toISOString().slice(11, 16) };
  if (offset) result.offset = offset;
  return result;
}

/** The same wall clock `minutes` later (for an end time, or an after-midnight event filed under the day before). */
export function addMinutes(t: LocalDateTime, minutes: number): LocalDateTime {
  return fromWallMs(wallMs(t) + minutes * 60_000, t.offset);
}

export function addDays(date: string, days: number): string {
  return fromWallMs(wallMs({ date, time: '00:00' }) + days * 86_400_000).date;
}

/** The UTC offset of an IANA zone at a UTC instant, or undefined when the zone is unknown here. */
export function zoneOffset(timeZone: string, utcMs: number): string | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(utcMs));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'));
    const minutes = Math.round((wall - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  } catch {
    return undefined;
  }
}

/** A wall-clock time in a named zone, with the zone's offset at that time added when the zone is known. */
export function inZone(t: LocalDateTime, timeZone: string | undefined): LocalDateTime {
  if (!timeZone || t.offset) return t;
  // The offset at the wall time read as UTC is right except within hours of a change; one correction settles it.
  let offset = zoneOffset(timeZone, wallMs(t));
  if (!offset) return t;
  offset = zoneOffset(timeZone, wallMs(t) - offsetMinutes(offset) * 60_000) ?? offset;
  return { ...t, offset };
}

/** A UTC instant shown in a zone (or in UTC when the zone is unknown). */
export function fromInstant(utcMs: number, timeZone?: string): LocalDateTime {
  const offset = (timeZone && zoneOffset(timeZone, utcMs)) || '+00:00';
  return fromWallMs(utcMs + offsetMinutes(offset) * 60_000, offset);
}

/** Minutes from `a` to `b`. */
export function minutesBetween(a: LocalDateTime, b: LocalDateTime): number {
  return Math.round((instantMs(b) - instantMs(a)) / 60_000);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `May 1, 2024`, `Wed, 1 May 2024`, `1. Mai 2024` (English month names and the German/French/Spanish ones that share their start). */
function parseNamedMonthDate(t: string): string | undefined {
  const month = (name: string): number => {
    const n = name.toLowerCase().replace(/^mai$/, 'may').replace(/^juin$/, 'jun').replace(/^juil.*/, 'jul').replace(/^okt.*/, 'oct').replace(/^dez.*/, 'dec').replace(/^m[äa]r.*/, 'mar');
    return MONTHS.indexOf(n.slice(0, 3)) + 1;
  };
  let m = /(?:^|[\s,])(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/u.exec(t);
  if (m && month(m[1]!) > 0) return ymd(Number(m[3]), month(m[1]!), Number(m[2]));
  m = /(?:^|[\s,])(\d{1,2})\.?\s+(\p{L}{3,})\.?,?\s+(\d{4})/u.exec(t);
  if (m && month(m[2]!) > 0) return ymd(Number(m[3]), month(m[2]!), Number(m[1]));
  return undefined;
}

/** `dd/mm/yyyy`, `mm/dd/yyyy` (when the day is over 12), `yyyy-mm-dd`, `dd.mm.yyyy`, `May 1, 2024` → YYYY-MM-DD. */
export function parseLooseDate(text: string, preferDayFirst = true): string | undefined {
  const t = text.trim();
  const named = parseNamedMonthDate(t);
  if (named) return named;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})/.exec(t);
  if (m) {
    let [a, b] = [Number(m[1]), Number(m[2])];
    const year = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    if (!preferDayFirst && b <= 12 && a <= 12) [a, b] = [b, a];
    else if (a <= 12 && b > 12) [a, b] = [b, a];
    return ymd(year, b, a);
  }
  return undefined;
}

function ymd(y: number, mo: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, mo - 1, d));
  const iso = date.toISOString().slice(0, 10);
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? iso : undefined;
}

/** `9:05`, `09:05`, `0905`, `9.05`, `9:05 PM`, the start of `09:00 - 09:45` → HH:MM. */
export function parseLooseTime(text: string): string | undefined {
  const m = /^(\d{1,2})[:.h]?(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$/i.exec(text.trim().split(/\s*[-–—]\s*(?=\d)/)[0]!);
  if (!m) return undefined;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  if (m[3]) {
    const pm = /^p/i.test(m[3]);
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  if (h > 23 || mi > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function weekday(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

/** A time shown in the event's zone: an instant becomes that zone's wall clock, a floating time gets its offset. */
export function toZone(t: LocalDateTime, timeZone: string | undefined): LocalDateTime {
  if (!timeZone) return t;
  if (!t.offset) return inZone(t, timeZone);
  return zoneOffset(timeZone, instantMs(t)) ? fromInstant(instantMs(t), timeZone) : t;
}

/**
 * Whether an event at `clock` on a conference day (an older frab file: the day's date and HH:MM) is in the small
 * hours after it: before the day's change time, and either before 06:00 or after a later event in its room.
 */
export function afterMidnight(clock: string, dayChange: string | undefined, latestInRoom: string): boolean {
  if (!dayChange || clock >= dayChange) return false;
  return clock < '06:00' || latestInRoom > clock;
}
