// The user's picks of what to import, as the CLI's flags and the command's Quick Pick give them.
import type { ScheduleSession } from './model';
import { weekday } from './time';

const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * Days as the user names them: `2019-12-27`, `1` (the first day), `fri`/`Friday` → the schedule's dates.
 * `all` lists the schedule's days; `unknown` what matched none.
 */
export function resolveDays(sessions: readonly ScheduleSession[], requested: readonly string[]): { days: string[]; unknown: string[]; all: string[] } {
  const all = [...new Set(sessions.filter((s) => !s.isBreak).map((s) => s.day ?? s.start?.date).filter((d): d is string => !!d))].sort();
  const days = new Set<string>();
  const unknown: string[] = [];
  for (const raw of requested) {
    const r = raw.trim().toLowerCase();
    let hits: string[] = [];
    if (/^\d{4}-\d{2}-\d{2}$/.test(r)) hits = all.filter((d) => d === r);
    else if (/^(?:day\s*)?\d{1,2}$/.test(r)) {
      const n = Number(r.replace(/\D/g, ''));
      hits = all[n - 1] ? [all[n - 1]!] : [];
    } else if (r.length >= 3) hits = all.filter((d) => WEEKDAY_NAMES[WEEKDAY_NAMES.findIndex((w) => w.startsWith(weekday(d).toLowerCase()))]!.startsWith(r));
    if (hits.length === 0) unknown.push(raw);
    for (const h of hits) days.add(h);
  }
  return { days: [...days].sort(), unknown, all };
}

/** A conference name from a schedule's file name or URL when the schedule names none (`pycon-de-2024.ics`). */
export function scheduleNameFromSource(source: string): string | undefined {
  const base = source.replace(/[?#].*$/, '').replace(/\/+$/, '').split(/[\\/]/).pop() ?? '';
  const words = base
    .replace(/\.(?:xml|json|ics|ical|csv|tsv|txt)$/i, '')
    .split(/[-_.\s]+/)
    .filter((w) => w && !/^(?:schedule|sessionize|data|export|all|view|api|v\d|talks|sessions|fahrplan|calendar|frab|pretalx|widget|widgets)$/i.test(w));
  return words.length ? words.join(' ') : undefined;
}
