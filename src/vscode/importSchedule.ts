// `Conference Notes: Import Schedule...`: reads a schedule export (a file, or a URL the extension fetches),
// asks which days, rooms and tracks to keep and in which layout to write, and writes a new notes file, or
// brings the open notes file in step with the schedule. Either way the change is one WorkspaceEdit (undoable).
import * as vscode from 'vscode';
import type { CsvMapping, MergeSummary, Schedule, SessionFilter } from '../core/schedule';
import { NOTES_LAYOUTS, newNotesFileName, type NotesLayoutChoice } from '../core/newNotes';
import { guarded, type Log } from './log';
import { showInputBox, showOpenDialog, showQuickPick } from './testHooks';

export const IMPORT_SCHEDULE_COMMAND = 'conferenceNotes.importSchedule';
/** Shared with New Notes File: the layout last chosen comes first. */
const LAST_LAYOUT_KEY = 'conferenceNotes.newNotesFile.layout';
const BEFORE_SCHEME = 'conference-notes-before-import';

/** Arguments skip the questions (for keybindings and tests): any left out are asked. */
export interface ImportScheduleArgs {
  /** A file URI or an http(s) URL. */
  source?: string;
  /** A notes file to bring in step (URI), or 'new'. */
  into?: string;
  days?: string[];
  rooms?: string[];
  tracks?: string[];
  layout?: NotesLayoutChoice;
  conference?: string;
}

export interface ImportScheduleResult {
  uri: string;
  talks: number;
  summary?: MergeSummary;
}

const TITLE = 'Import Schedule';

// The readers (and their XML, iCalendar and CSV libraries) load on the first import, not at activation: the platform
// says how (the desktop requires dist/schedule.js, a bundle of its own; the web build has them inline).
export type ScheduleCore = typeof import('../core/schedule');
let loadCore: (() => Promise<ScheduleCore>) | undefined;
let loaded: ScheduleCore | undefined;
async function scheduleCore(): Promise<ScheduleCore> {
  if (!loadCore) throw new Error('Import Schedule is not registered');
  return (loaded ??= await loadCore());
}

async function pickSource(args: ImportScheduleArgs): Promise<string | undefined> {
  if (args.source) return args.source;
  const fromActive = activeScheduleSource();
  const items: Array<vscode.QuickPickItem & { id: string }> = [
    ...(fromActive ? [{ id: fromActive, label: 'Import again from the same schedule', description: fromActive }] : []),
    { id: 'file', label: 'Open a schedule file…', description: 'frab XML, C3VOC/pretalx/Sessionize JSON, iCalendar, CSV' },
    { id: 'url', label: 'Fetch a schedule from a URL…', description: 'e.g. https://pretalx.com/<event>/schedule/export/schedule.json' },
  ];
  const picked = await showQuickPick(items, { title: `${TITLE}: Source`, placeHolder: 'Where is the schedule?' });
  if (!picked) return undefined;
  if (picked.id === 'file') {
    const uri = await showOpenDialog({
      title: `${TITLE}: Schedule File`,
      openLabel: 'Import',
      filters: { Schedules: ['xml', 'json', 'ics', 'ical', 'ifb', 'csv', 'tsv', 'txt'], 'All files': ['*'] },
    });
    return uri?.toString();
  }
  if (picked.id === 'url') {
    return showInputBox({
      title: `${TITLE}: Schedule URL`,
      prompt: 'The URL of the schedule export (frab XML, JSON, iCalendar or CSV)',
      placeHolder: 'https://pretalx.com/democon/schedule/export/schedule.json',
      validateInput: (v) => (/^https?:\/\/\S+$/i.test(v.trim()) ? undefined : 'Expected an http:// or https:// URL'),
    });
  }
  return picked.id;
}

/** The `schedule:` of the active notes file's front matter, when it has one (written by an earlier import). */
function activeScheduleSource(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'markdown') return undefined;
  const m = /^---\r?\n(?:.*\r?\n)*?schedule:\s*"?([^"\r\n]+)"?\r?\n/.exec(doc.getText(new vscode.Range(0, 0, 40, 0)));
  return m?.[1] && /^https?:\/\//i.test(m[1]) ? m[1] : undefined;
}

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new (await scheduleCore()).ScheduleError(`${source}: the server answered ${response.status} ${response.statusText}`.trim());
    return new TextDecoder().decode(await response.arrayBuffer());
  }
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(source)));
}

function sourceName(source: string): string {
  return /^https?:\/\//i.test(source) ? source : decodeURIComponent(vscode.Uri.parse(source).path.split('/').pop() ?? source);
}

/** A CSV whose columns are not recognised: the user names the title and speakers columns. */
async function askCsvColumns(text: string): Promise<CsvMapping | undefined> {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]!;
  const headers = firstLine.split(delimiter).map((h) => h.replace(/^"|"$/g, '').trim()).filter(Boolean);
  if (headers.length < 2) return undefined;
  const mapping: CsvMapping = {};
  for (const [field, what] of [['title', 'the talk title'], ['speakers', 'the speakers'], ['start', 'the start time (or none)']] as const) {
    const items = [...headers.map((h) => ({ label: h })), ...(field === 'title' ? [] : [{ label: '(none)' }])];
    const picked = await showQuickPick(items, { title: `${TITLE}: CSV Columns`, placeHolder: `Which column holds ${what}?` });
    if (!picked) return undefined;
    if (picked.label !== '(none)') mapping[field] = picked.label;
  }
  return mapping;
}

async function read(source: string): Promise<Schedule | undefined> {
  const { readSchedule, ScheduleError, csvColumns } = await scheduleCore();
  const text = await readSource(source);
  try {
    return readSchedule(text);
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    const looksTabular = !/^\s*[<{[]/.test(text) && !csvColumns(text) && /[,;\t]/.test(text.split(/\r?\n/, 1)[0] ?? '');
    if (looksTabular) {
      const mapping = await askCsvColumns(text);
      if (mapping) return readSchedule(text, { csvColumns: mapping });
      return undefined;
    }
    throw e;
  }
}

/** The days, rooms and tracks to keep: one multi-select each, when there is more than one. */
async function pickFilter(schedule: Schedule, args: ImportScheduleArgs): Promise<SessionFilter | undefined> {
  const { scheduleFacets, weekday } = await scheduleCore();
  const facets = scheduleFacets(schedule.sessions);
  const filter: SessionFilter = {};
  const ask = async (name: 'days' | 'rooms' | 'tracks', counts: Map<string, number>, label: (k: string) => string): Promise<boolean> => {
    if (args[name]) {
      filter[name] = args[name];
      return true;
    }
    if (counts.size < 2) return true;
    const items = [...counts].map(([key, n]) => ({ key, label: label(key), description: `${n} talk${n === 1 ? '' : 's'}`, picked: true }));
    const picked = await showQuickPick(items, { title: `${TITLE}: ${name[0]!.toUpperCase()}${name.slice(1)}`, placeHolder: `Which ${name} to keep? (all are picked)`, canPickMany: true });
    if (!picked) return false;
    if (picked.length === 0) return false;
    if (picked.length < items.length) filter[name] = picked.map((p) => p.key);
    return true;
  };
  if (!(await ask('days', facets.days, (d) => `${weekday(d)} ${d}`))) return undefined;
  if (!(await ask('rooms', facets.rooms, (r) => r))) return undefined;
  if (!(await ask('tracks', facets.tracks, (t) => t))) return undefined;
  return filter;
}

async function pickLayout(state: vscode.Memento, args: ImportScheduleArgs): Promise<NotesLayoutChoice | undefined> {
  if (args.layout) return args.layout;
  const last = state.get<NotesLayoutChoice>(LAST_LAYOUT_KEY, 'heading');
  const items = [...NOTES_LAYOUTS].sort((a, b) => Number(b.id === last) - Number(a.id === last)).map((l) => ({ label: l.label, description: l.example, id: l.id }));
  const picked = await showQuickPick(items, { title: `${TITLE}: Layout`, placeHolder: 'How do you write the speaker, role and company of a talk?' });
  if (!picked) return undefined;
  await state.update(LAST_LAYOUT_KEY, picked.id);
  return picked.id;
}

/** The open notes file to update, 'new' for a new file, undefined when cancelled. */
async function pickTarget(args: ImportScheduleArgs): Promise<vscode.Uri | 'new' | undefined> {
  if (args.into) return args.into === 'new' ? 'new' : vscode.Uri.parse(args.into);
  const { scheduleLineId } = await scheduleCore();
  const doc = vscode.window.activeTextEditor?.document;
  const imported = doc && doc.languageId === 'markdown' && doc.getText().split(/\r?\n/).some((l) => scheduleLineId(l) !== undefined);
  if (!doc || !imported) return 'new';
  const name = doc.uri.path.split('/').pop() ?? doc.uri.toString();
  const picked = await showQuickPick(
    [
      { id: 'update', label: `Update ${name}`, description: 'titles, speakers, times and rooms; new talks added; your notes untouched' },
      { id: 'new', label: 'New notes file' },
    ],
    { title: `${TITLE}: Target`, placeHolder: 'Bring the open notes file in step, or write a new one?' },
  );
  if (!picked) return undefined;
  return picked.id === 'new' ? 'new' : doc.uri;
}

/** A name in `folder` not taken yet: `name.md`, `name-2.md`, … */
async function freeFile(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const base = name.replace(/\.md$/, '');
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, n === 1 ? name : `${base}-${n}.md`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}

/** Snapshots of files before an import, for "Show Changes" (a diff of before and after). */
class BeforeImport implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  remember(uri: vscode.Uri, text: string): vscode.Uri {
    const before = vscode.Uri.from({ scheme: BEFORE_SCHEME, path: uri.path, query: uri.toString() });
    this.texts.set(before.toString(), text);
    return before;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

function summaryText(name: string, s: MergeSummary): string {
  const parts = [`${s.updated.length} updated`, `${s.added.length} added`, `${s.dropped.length} marked dropped`];
  if (s.restored.length) parts.push(`${s.restored.length} back in the schedule`);
  parts.push(`${s.unchanged} unchanged`);
  return `Schedule imported into ${name}: ${parts.join(', ')}.`;
}

async function importInto(uri: vscode.Uri, schedule: Schedule, keep: Set<string>, before: BeforeImport): Promise<ImportScheduleResult> {
  const document = await vscode.workspace.openTextDocument(uri);
  const original = document.getText();
  const { edits, summary } = (await scheduleCore()).mergeSchedule(original, schedule.sessions, { keep: (s) => keep.has(s.id) });
  const editor = await vscode.window.showTextDocument(document);
  const name = uri.path.split('/').pop() ?? uri.toString();
  if (edits.length > 0) {
    const edit = new vscode.WorkspaceEdit();
    const metadata: vscode.WorkspaceEditEntryMetadata = { label: 'Import schedule', needsConfirmation: false };
    for (const e of edits) edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText, metadata);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code did not apply the import to ${name}`);
    const snapshot = before.remember(uri, original);
    void vscode.window.showInformationMessage(summaryText(name, summary), 'Show Changes', 'Undo').then(async (choice) => {
      if (choice === 'Show Changes') await vscode.commands.executeCommand('vscode.diff', snapshot, uri, `${name}: before ↔ after the import`);
      if (choice === 'Undo') {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('undo');
      }
    });
  } else {
    void vscode.window.showInformationMessage(`${name} is in step with the schedule: nothing to change.`);
  }
  return { uri: uri.toString(), talks: summary.added.length + summary.updated.length + summary.unchanged + summary.restored.length, summary };
}

async function importNew(schedule: Schedule, kept: Schedule['sessions'], layout: NotesLayoutChoice, source: string, args: ImportScheduleArgs): Promise<ImportScheduleResult | undefined> {
  const { scheduleNameFromSource, writeNotes } = await scheduleCore();
  let name = args.conference ?? schedule.conference.name;
  if (!name) {
    name = await showInputBox({
      title: `${TITLE}: Conference`,
      prompt: 'The schedule does not name the conference: its name for the notes',
      value: scheduleNameFromSource(sourceName(source)) ?? '',
      validateInput: (v) => (v.trim() ? undefined : 'The conference needs a name'),
    });
    if (!name) return undefined;
  }
  const result = writeNotes(schedule, kept, { layout, source: /^https?:\/\//i.test(source) ? source : sourceName(source), name });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let document: vscode.TextDocument;
  if (folder) {
    const uri = await freeFile(folder, newNotesFileName({ conference: name, date: schedule.conference.start ?? '' }));
    // One edit: create the file and fill it (undo empties it again).
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: false });
    edit.insert(uri, new vscode.Position(0, 0), result.text, { label: 'Import schedule', needsConfirmation: false });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code did not create ${uri.toString()}`);
    document = await vscode.workspace.openTextDocument(uri);
    await document.save();
  } else {
    document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.text });
  }
  await vscode.window.showTextDocument(document);
  if (result.unreadable.length) void vscode.window.showWarningMessage(`${result.unreadable.length} talks may not read back with their speakers: ${result.unreadable.map((s) => `'${s.title}'`).join(', ')}`);
  else void vscode.window.showInformationMessage(`Imported ${result.talks} talks from ${sourceName(source)}.`);
  return { uri: document.uri.toString(), talks: result.talks };
}

export function registerImportSchedule(state: vscode.Memento, log: Log, load: () => Promise<ScheduleCore>): vscode.Disposable {
  loadCore = load;
  loaded = undefined;
  const before = new BeforeImport();
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, before),
    vscode.commands.registerCommand(
      IMPORT_SCHEDULE_COMMAND,
      guarded(log, 'Import Schedule', async (given?: ImportScheduleArgs): Promise<ImportScheduleResult | undefined> => {
        const args = given ?? {};
        const source = await pickSource(args);
        if (!source) return undefined;
        let schedule: Schedule | undefined;
        try {
          schedule = await read(source);
        } catch (e) {
          // One clear message: what was read and why it is not a schedule.
          const message = e instanceof (await scheduleCore()).ScheduleError ? (e as Error).message : `cannot read it (${(e as Error).message})`;
          log.warn(`Import Schedule: ${sourceName(source)}: ${message}`);
          void vscode.window.showErrorMessage(`Cannot import ${sourceName(source)}: ${message}`);
          return undefined;
        }
        if (!schedule) return undefined;
        const target = await pickTarget(args);
        if (!target) return undefined;
        const filter = await pickFilter(schedule, args);
        if (!filter) return undefined;
        const kept = (await scheduleCore()).filterSessions(schedule.sessions, filter);
        if (target !== 'new') return importInto(target, schedule, new Set(kept.map((s) => s.id)), before);
        const layout = await pickLayout(state, args);
        if (!layout) return undefined;
        return importNew(schedule, kept, layout, source, args);
      }),
    ),
  );
}
