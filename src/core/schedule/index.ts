// Schedule import: finds the format by content and reads it into one model (see model.ts). Pure: shared by
// the extension (Node and web worker) and the CLI.
import { ScheduleError, type Schedule, type ScheduleFormat, type ScheduleSession } from './model';
import { isFrabXml, parseXmlRoot, readFrabXml } from './frab';
import { isC3vocJson, readC3vocJson } from './c3voc';
import { isPretalxJson, readPretalxJson } from './pretalx';
import { isSessionizeJson, readSessionizeJson } from './sessionize';
import { isICalendar, readICalendar } from './icalendar';
import { looksLikeCsv, readCsv, type CsvMapping } from './csv';

export * from './model';
export * from './sessions';
export type { CsvMapping, CsvField } from './csv';
export { csvColumns } from './csv';

export const FORMAT_NAMES: Record<ScheduleFormat, string> = {
  'frab-xml': 'frab XML',
  'c3voc-json': 'C3VOC schedule JSON',
  'pretalx-json': 'pretalx JSON',
  'sessionize-json': 'Sessionize JSON',
  icalendar: 'iCalendar',
  csv: 'CSV',
};

export const UNRECOGNISED =
  'not a schedule this import reads (expected frab XML, C3VOC or pretalx JSON, Sessionize "All data" JSON, iCalendar, or CSV with a title column)';

export interface ReadScheduleOptions {
  /** CSV only: the header to read a field from, where the automatic recognition gets it wrong. */
  csvColumns?: CsvMapping;
}

/** Reads a schedule export, the format found from its content. Throws ScheduleError (one line for the user), nothing else. */
export function readSchedule(source: string, options: ReadScheduleOptions = {}): Schedule {
  try {
    return readAny(source, options);
  } catch (e) {
    if (e instanceof ScheduleError) throw e;
    // A reader tripped over a shape it did not expect: still one line, never a crash.
    throw new ScheduleError(`the file looks like a schedule but could not be read (${(e as Error)?.message?.split('\n')[0] ?? String(e)})`);
  }
}

function readAny(source: string, options: ReadScheduleOptions): Schedule {
  const text = source.replace(/^\uFEFF/, '');
  const head = text.trimStart().slice(0, 1);
  if (isICalendar(text)) return withSessions(readICalendar(text));
  if (head === '<') {
    const root = parseXmlRoot(text);
    if (isFrabXml(root)) return withSessions(readFrabXml(root));
    throw new ScheduleError(`${UNRECOGNISED}: the XML root <${root.name}> is not a frab schedule (schedule > day > room > event)`);
  }
  if (head === '{' || head === '[') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new ScheduleError(`the JSON does not parse (${(e as Error).message.split('\n')[0]})`);
    }
    if (isC3vocJson(data)) return withSessions(readC3vocJson(data));
    if (isSessionizeJson(data)) return withSessions(readSessionizeJson(data));
    if (isPretalxJson(data)) return withSessions(readPretalxJson(data));
    throw new ScheduleError(`${UNRECOGNISED}: the JSON has no sessions in a shape this import knows`);
  }
  if (options.csvColumns && Object.keys(options.csvColumns).length > 0) return withSessions(readCsv(text, options.csvColumns));
  if (looksLikeCsv(text)) return withSessions(readCsv(text));
  throw new ScheduleError(UNRECOGNISED);
}

function withSessions(schedule: Schedule): Schedule {
  if (schedule.sessions.length === 0) throw new ScheduleError(`the ${FORMAT_NAMES[schedule.format]} file has no sessions`);
  return schedule;
}

export { writeNotes, scheduleLine, scheduleLineId, talksOf } from './writeNotes';
export { mergeSchedule, type MergeSummary, type MergeResult } from './merge';
export { resolveDays, scheduleNameFromSource } from './picks';
export { weekday } from './time';
