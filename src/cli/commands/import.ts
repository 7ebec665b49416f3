// `confnotes import [--layout L] [--days D,...] [--rooms R,...] [--tracks T,...] [-o FILE] [--into NOTES.md] SCHEDULE`:
// reads a schedule export (a file, `-` for stdin, or an http(s) URL) and prints or writes a notes file;
// `--into` brings an existing notes file in step instead (same edits as the extension's command).
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from '../args';
import { CliError, type CliIo } from '../io';
import { decodeText, readNotesFile } from '../files';
import { applyEdits } from '../../core/edits';
import type { NotesLayoutChoice } from '../../core/newNotes';
import { filterSessions, readSchedule, ScheduleError, type CsvField, type CsvMapping, type Schedule, type SessionFilter } from '../../core/schedule';
import { writeNotes } from '../../core/schedule/writeNotes';
import { mergeSchedule } from '../../core/schedule/merge';
import { resolveDays, scheduleNameFromSource } from '../../core/schedule/picks';

const LAYOUTS: Record<string, NotesLayoutChoice> = {
  headings: 'heading',
  heading: 'heading',
  labels: 'label',
  label: 'label',
  'title-suffix': 'title',
  title: 'title',
  byline: 'byline',
};

const CSV_FIELDS: readonly CsvField[] = ['id', 'title', 'speakers', 'firstName', 'lastName', 'company', 'date', 'start', 'end', 'duration', 'room', 'track', 'type', 'abstract', 'url', 'state'];

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

function csvMapping(value: string | undefined): CsvMapping | undefined {
  if (!value) return undefined;
  const mapping: CsvMapping = {};
  for (const pair of value.split(',')) {
    const [field, header] = pair.split('=').map((x) => x?.trim());
    if (!field || !header || !CSV_FIELDS.includes(field as CsvField)) throw new CliError(`--columns takes FIELD=Header pairs (fields: ${CSV_FIELDS.join(', ')}), not '${pair}'`);
    mapping[field as CsvField] = header;
  }
  return mapping;
}

async function readSource(source: string, io: CliIo): Promise<string> {
  if (source === '-') return io.readStdin();
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { redirect: 'follow' });
    } catch (e) {
      throw new CliError(`${source}: cannot fetch (${(e as Error).message})`);
    }
    if (!response.ok) throw new CliError(`${source}: the server answered ${response.status} ${response.statusText}`.trim());
    return decodeText(new Uint8Array(await response.arrayBuffer()), source);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.resolve(io.cwd, source));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${source}: cannot read file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? 'error'})`);
  }
  return decodeText(bytes, source);
}

export async function runImport(argv: string[], io: CliIo): Promise<number> {
  // `-o FILE` is the one short option here.
  const normalized = argv.map((a) => (a === '-o' ? '--output' : a.startsWith('-o=') ? `--output=${a.slice(3)}` : a));
  const { options, positionals } = parseArgs(normalized, { layout: 'string', days: 'string', rooms: 'string', tracks: 'string', output: 'string', into: 'string', columns: 'string', conference: 'string' });
  if (positionals.length !== 1) throw new CliError('import needs one SCHEDULE (a file, - for stdin, or an http(s) URL), e.g. confnotes import schedule.xml');
  const layoutName = options.layout ?? 'headings';
  const layout = LAYOUTS[layoutName];
  if (!layout) throw new CliError(`--layout must be headings, labels, title-suffix or byline, not '${layoutName}'`);
  const source = positionals[0]!;
  const text = await readSource(source, io);
  let schedule: Schedule;
  try {
    schedule = readSchedule(text, { csvColumns: csvMapping(options.columns) });
  } catch (e) {
    if (e instanceof ScheduleError) throw new CliError(`${source}: ${e.message}`);
    throw e;
  }
  const filter: SessionFilter = {};
  const days = list(options.days);
  if (days) {
    const { days: resolved, unknown } = resolveDays(schedule.sessions, days);
    if (unknown.length) throw new CliError(`--days: no day ${unknown.map((d) => `'${d}'`).join(', ')} in this schedule (its days: ${resolveDays(schedule.sessions, []).all.join(', ')})`);
    filter.days = resolved;
  }
  const rooms = list(options.rooms);
  if (rooms) filter.rooms = rooms;
  const tracks = list(options.tracks);
  if (tracks) filter.tracks = tracks;
  const kept = filterSessions(schedule.sessions, filter);

  if (options.into) {
    const target = options.into;
    const before = readNotesFile(target, io.cwd);
    const keptIds = new Set(kept.map((s) => s.id));
    const { edits, summary } = mergeSchedule(before, schedule.sessions, { keep: (s) => keptIds.has(s.id), layout: options.layout ? layout : undefined });
    const after = applyEdits(before, edits);
    writeFileSync(path.resolve(io.cwd, options.output ?? target), after);
    io.stderr(
      `confnotes import: ${options.output ?? target}: ${summary.updated.length} updated, ${summary.added.length} added, ${summary.dropped.length} marked dropped` +
        `${summary.restored.length ? `, ${summary.restored.length} back in the schedule` : ''}, ${summary.unchanged} unchanged\n`,
    );
    return 0;
  }
  const result = writeNotes(schedule, kept, {
    layout,
    source: /^https?:\/\//i.test(source) ? source : source === '-' ? undefined : path.basename(source),
    fallbackName: scheduleNameFromSource(source),
    name: options.conference,
  });
  if (result.talks === 0) io.stderr(`confnotes import: ${source}: no talks left after the picks (${schedule.sessions.length} sessions in the schedule)\n`);
  for (const s of result.unreadable) io.stderr(`confnotes import: warning: '${s.title}' may not read back with its speakers (${s.speakers.map((p) => p.name).join(', ')})\n`);
  if (options.output) {
    writeFileSync(path.resolve(io.cwd, options.output), result.text);
    io.stderr(`confnotes import: wrote ${result.talks} talks to ${options.output}\n`);
  } else {
    io.stdout(result.text);
  }
  return 0;
}
