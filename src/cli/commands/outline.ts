// `confnotes outline [--format text|json] FILE...`: prints the notes model.
import { parseNotes, isConferenceNotes, DEFAULT_SETTINGS, type NotesDocument, type Field, type Talk } from '../../core';
import { CliError, type CliIo } from '../io';
import { expandInputs, readNotesFile } from '../files';
import { parseArgs } from '../args';

function field(f: Field | undefined): { text: string; range: Field['range'] } | null {
  return f ? { text: f.text, range: f.range } : null;
}

export function outlineJson(path: string, doc: NotesDocument, notes: boolean): unknown {
  return {
    path,
    title: doc.title?.text ?? null,
    conference: doc.conference ?? null,
    isConferenceNotes: notes,
    frontMatter: doc.frontMatter
      ? { conference: doc.frontMatter.conference ?? null, date: doc.frontMatter.date ?? null, location: doc.frontMatter.location ?? null }
      : null,
    sections: doc.sections.map((s) => ({ title: s.title, kind: s.kind, range: s.range })),
    talks: doc.talks.map((t: Talk) => ({
      title: t.title,
      speaker: t.speaker?.text ?? null,
      role: t.role?.text ?? null,
      company: t.company?.text ?? null,
      speakers: t.speakers.map((s) => s.text),
      range: t.range,
      headingRange: t.headingRange,
      notesRange: t.notesRange ?? null,
      hasNotes: t.hasNotes,
      fields: { speaker: field(t.speaker), role: field(t.role), company: field(t.company) },
    })),
  };
}

function outlineText(path: string, doc: NotesDocument, notes: boolean): string {
  const out: string[] = [];
  out.push(`${path}: ${doc.title?.text ?? '(no title)'}${notes ? '' : '  [not conference notes]'}`);
  for (const s of doc.sections) out.push(`  section  ${s.range.start.line + 1}: ${s.title}`);
  for (const t of doc.talks) {
    const who = [t.speakers.map((s) => s.text).join(', ') || '(no speaker)', t.role?.text, t.company?.text].filter(Boolean).join(' · ');
    out.push(`  talk     ${t.headingRange.start.line + 1}: ${t.title} — ${who}${t.hasNotes ? '' : '  (no notes)'}`);
  }
  out.push(`  ${doc.talks.length} talk${doc.talks.length === 1 ? '' : 's'}, ${doc.sections.length} section${doc.sections.length === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}

export async function runOutline(argv: string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(argv, { format: 'string' });
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be text or json, not '${format}'`);
  // `-`, or no FILE with something piped in: the notes come on stdin (`confnotes import x.ics | confnotes outline`).
  const fromStdin = positionals.length === 0 ? io.stdinIsTTY === false : positionals.length === 1 && positionals[0] === '-';
  if (positionals.length === 0 && !fromStdin) throw new CliError('outline needs at least one FILE (try: confnotes outline samples/scaleconf-2017.md)');
  const results = fromStdin
    ? [{ file: '-', doc: parseNotes(await io.readStdin()) }].map((r) => ({ ...r, notes: isConferenceNotes(r.doc, DEFAULT_SETTINGS) }))
    : expandInputs(positionals, io.cwd).map((file) => {
        const doc = parseNotes(readNotesFile(file, io.cwd));
        return { file, doc, notes: isConferenceNotes(doc, DEFAULT_SETTINGS, file) };
      });
  if (format === 'json') {
    io.stdout(JSON.stringify({ files: results.map((r) => outlineJson(r.file, r.doc, r.notes)) }, null, 2) + '\n');
  } else {
    for (const r of results) io.stdout(outlineText(r.file, r.doc, r.notes));
  }
  return 0;
}
