// CSV (or TSV, `;`-separated): every file has its own columns, so they are recognised from the header (which
// may sit on a later row) or mapped by the user. A CFP export also lists unscheduled and declined proposals.
import Papa from 'papaparse';
import { ScheduleError, type Schedule, type ScheduleSession } from './model';
import { cleanLine, looksLikeBreak, people, plainText } from './text';
import { minutesBetween, parseDuration, parseIsoDateTime, parseLooseDate, parseLooseTime } from './time';

export type CsvField = 'id' | 'title' | 'speakers' | 'firstName' | 'lastName' | 'company' | 'date' | 'start' | 'end' | 'duration' | 'room' | 'track' | 'type' | 'abstract' | 'url' | 'state';

/** The header a field is read from, by the user's choice (header text, case-insensitive). */
export type CsvMapping = Partial<Record<CsvField, string>>;

const HEADER_PATTERNS: Array<[CsvField, RegExp]> = [
  ['id', /^(?:id|code|session ?id|talk ?id|uid|guid)$/],
  ['title', /^(?:title|talk|talk title|session|session title|session name|talk name|name of (?:the )?talk|subject|t[ií]tulo|titel|titre|summary)$/],
  ['firstName', /^(?:first ?name|given ?name|speaker first name|nombre)$/],
  ['lastName', /^(?:last ?name|surname|family ?name|speaker last name|apellidos?)$/],
  ['speakers', /^(?:speakers?|speaker ?names?|speaker\s*\d|presenters?|presented by|authors?|ponentes?|referent(?:en|in)?|orateurs?|intervenants?|hosts?|name|full ?name|who)$/],
  ['company', /^(?:company|organi[sz]ation|affiliation|employer|empresa|firma|speaker company|company name)$/],
  ['date', /^(?:date|day|d[ií]a|fecha|datum|tag|jour|session date|start date)$/],
  ['start', /^(?:start|start ?time|starts? at|begin|begins|from|time|hora|hora inicio|inicio|beginn|d[eé]but|time slot|slot|start date ?time)$/],
  ['end', /^(?:end|end ?time|ends? at|to|until|fin|hora fin|ende|finish)$/],
  ['duration', /^(?:duration|length|minutes|mins|duraci[oó]n|dauer|dur[eé]e)$/],
  ['room', /^(?:room|location|venue|hall|stage|sala|raum|salle|place|where)$/],
  ['track', /^(?:track|stream|topic|theme|tema)$/],
  ['type', /^(?:type|format|session ?type|session ?format|kind|talk ?type|tipo)$/],
  ['abstract', /^(?:abstract|description|summary|resumen|beschreibung|r[eé]sum[eé]|descripci[oó]n|details)$/],
  ['url', /^(?:talk ?url|session ?url|talk ?link|link|page|web ?page|talk page|url)$/],
  ['state', /^(?:state|status|estado)$/],
];

function normalizeHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ');
}

export interface CsvColumns {
  /** Row index of the header. */
  headerRow: number;
  headers: string[];
  /** Column indexes per field (speakers may have several: "Speaker 1", "Speaker 2"). */
  columns: Partial<Record<CsvField, number[]>>;
}

function parseRows(source: string): string[][] {
  const parsed = Papa.parse<string[]>(source.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return parsed.data.filter((r) => Array.isArray(r));
}

/** The fields recognised in one header row. */
function recognise(headers: string[], mapping: CsvMapping): Partial<Record<CsvField, number[]>> {
  const columns: Partial<Record<CsvField, number[]>> = {};
  const taken = new Set<number>();
  const add = (field: CsvField, index: number): void => {
    (columns[field] ??= []).push(index);
    taken.add(index);
  };
  for (const [field, header] of Object.entries(mapping) as Array<[CsvField, string]>) {
    const index = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(header));
    if (index >= 0) add(field, index);
  }
  for (const [field, pattern] of HEADER_PATTERNS) {
    if (mapping[field] !== undefined) continue;
    headers.forEach((h, index) => {
      if (taken.has(index) || !pattern.test(normalizeHeader(h))) return;
      if (field !== 'speakers' && columns[field]) return;
      add(field, index);
    });
  }
  // A CFP export's `url` next to `bio`/`twitter` is the speaker's site, not the talk's page.
  if (columns.url && !mapping.url && headers.some((h) => /^(?:bio|biography|twitter|avatar)$/i.test(normalizeHeader(h))) && /^url$/.test(normalizeHeader(headers[columns.url[0]!]!))) delete columns.url;
  // `name` is the speaker only beside a title; `summary` is the title only without one.
  return columns;
}

/** Finds the header row (the first of the first rows that names a title and a speaker or a time). */
export function csvColumns(source: string, mapping: CsvMapping = {}): CsvColumns | undefined {
  const rows = parseRows(source);
  for (let r = 0; r < Math.min(rows.length, 15); r++) {
    const headers = rows[r]!.map((h) => String(h));
    const columns = recognise(headers, mapping);
    const named = Object.keys(columns).length;
    if (columns.title && (columns.speakers || columns.firstName || columns.start || columns.date) && named >= 2) return { headerRow: r, headers, columns };
  }
  return undefined;
}

export function looksLikeCsv(source: string): boolean {
  const firstLines = source.split(/\r?\n/, 16).join('\n');
  return /[,;\t]/.test(firstLines) && csvColumns(firstLines) !== undefined;
}

export function readCsv(source: string, mapping: CsvMapping = {}): Schedule {
  const rows = parseRows(source);
  const found = csvColumns(source, mapping);
  if (!found) throw new ScheduleError('the CSV has no header row with a title column and a speaker or time column (map the columns yourself)');
  const { columns, headerRow } = found;
  const cell = (row: string[], field: CsvField): string => cleanCell(row[columns[field]?.[0] ?? -1]);
  const raw: ScheduleSession[] = [];
  const ids = new Map<string, number>();
  for (const row of rows.slice(headerRow + 1)) {
    const title = cleanLine(cell(row, 'title'));
    if (!title) continue;
    const state = cell(row, 'state').toLowerCase();
    if (/^(?:declined|rejected|withdrawn|cancell?ed|canceled|deleted|spam)$/.test(state)) continue;
    const names = (columns.speakers ?? []).map((i) => cleanCell(row[i]));
    if (columns.firstName || columns.lastName) names.push(`${cell(row, 'firstName')} ${cell(row, 'lastName')}`.trim());
    const company = cleanLine(cell(row, 'company'));
    const speakers = people(names.filter(Boolean)).map((p) => (company ? { name: p.name, company } : p));
    let id = cell(row, 'id') || title;
    const n = ids.get(id) ?? 0;
    ids.set(id, n + 1);
    if (n > 0) id = `${id}#${n + 1}`;
    const s: ScheduleSession = { id, title, speakers, isBreak: false };
    // A start may be a full date-time, or a date and a time in two columns.
    const startCell = cell(row, 'start');
    const dateCell = cell(row, 'date');
    const iso = parseIsoDateTime(startCell.replace(' ', 'T')) ?? parseIsoDateTime(dateCell.replace(' ', 'T'));
    const date = iso?.date ?? parseLooseDate(dateCell) ?? parseLooseDate(startCell);
    const time = iso?.time ?? parseLooseTime(startCell) ?? parseLooseTime(startCell.split(/[ T]/).pop() ?? '');
    if (date && time) s.start = iso && iso.time === time ? iso : { date, time };
    else if (time || dateCell) s.when = [dateCell, time].filter(Boolean).join(' ');
    // `09:00 - 09:45` in the start column carries the end too.
    const endCell = cell(row, 'end') || (/\d\s*[-–—]\s*\d/.test(startCell) ? startCell.split(/\s*[-–—]\s*(?=\d)/).pop()! : '');
    const endTime = parseIsoDateTime(endCell.replace(' ', 'T'))?.time ?? parseLooseTime(endCell) ?? parseLooseTime(endCell.split(/[ T]/).pop() ?? '');
    const duration = parseDuration(cell(row, 'duration'));
    if (duration !== undefined) s.durationMinutes = duration;
    else if (s.start && endTime) {
      let minutes = minutesBetween(s.start, { date: s.start.date, time: endTime });
      if (minutes < 0) minutes += 24 * 60;
      s.durationMinutes = minutes;
    }
    for (const field of ['room', 'track', 'type'] as const) {
      const v = cleanLine(cell(row, field));
      if (v) s[field] = v;
    }
    const abstract = plainText(cell(row, 'abstract'));
    if (abstract) s.abstract = abstract;
    const url = cell(row, 'url');
    if (/^https?:\/\/\S+$/i.test(url)) s.url = url;
    if (s.start) s.day = s.start.date;
    s.isBreak = speakers.length === 0 && looksLikeBreak(title, s.type);
    raw.push(s);
  }
  // A CFP export: keep what has a time or a day when anything has; the rest was never scheduled.
  const scheduled = raw.filter((s) => s.start || s.when);
  const sessions = scheduled.length > 0 ? scheduled : raw;
  const result: Schedule = { format: 'csv', conference: {}, sessions };
  const dates = sessions.map((s) => s.start?.date).filter((d): d is string => !!d).sort();
  if (dates[0]) result.conference.start = dates[0];
  if (dates.length) result.conference.end = dates[dates.length - 1];
  return result;
}

function cleanCell(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}
