// `confnotes outline [--format text|json] FILE...`: prints the notes model.
import { parseNotes, isConferenceNotes, DEFAULT_SETTINGS, type NotesDocument, type Field, type Talk } from '../../core';
import { CliError, type CliIo } from '../io';
import { expandInputs, readNotesFile } from '../files';
import { parseArgs } from '../args';

function field(f: Field | undefined): { text: string; range: Field['range'] } | null {
  return f ? { text: f.text, range: f.range } : null;
}

export function outlineJson(path: string, doc: NotesDocument, notes: boolean): unknown {
  return { ...outlineHead(path, doc, notes), talks: doc.talks.map(talkJson) };
}

/** A file's outline without its talks (`talks` is the last key: a big file's talks are written a chunk at a time). */
function outlineHead(path: string, doc: NotesDocument, notes: boolean): Record<string, unknown> {
  return {
    path,
    title: doc.title?.text ?? null,
    conference: doc.conference ?? null,
    isConferenceNotes: notes,
    frontMatter: doc.frontMatter
      ? { conference: doc.frontMatter.conference ?? null, date: doc.frontMatter.date ?? null, location: doc.frontMatter.location ?? null }
      : null,
    sections: doc.sections.map((s) => ({ title: s.title, kind: s.kind, range: s.range })),
  };
}

function talkJson(t: Talk): unknown {
  return {
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
  };
}

/** Talks per write of `--format json`. */
const WRITE_CHUNK = 500;

/**
 * `JSON.stringify({ files: [outlineJson(...)...] }, null, 2)` written a file at a time and, within a file, a chunk of
 * talks at a time: the same bytes without the one string (a 40 MB file's outline as one string peaked at 958 MB).
 * JSON text never holds a raw line break (strings escape it), so indenting a nested value is a replace of '\n'.
 */
function writeOutlineJson(io: CliIo, index: number, path: string, doc: NotesDocument, notes: boolean): void {
  const head = indented(outlineHead(path, doc, notes), '    ');
  // The head's closing '\n    }' is written after the talks.
  io.stdout(`${index === 0 ? '{\n  "files": [\n' : ',\n'}    ${head.slice(0, -'\n    }'.length)},\n      "talks": `);
  if (doc.talks.length === 0) io.stdout('[]');
  for (let at = 0; at < doc.talks.length; at += WRITE_CHUNK) {
    const items = doc.talks.slice(at, at + WRITE_CHUNK).map((t) => '        ' + indented(talkJson(t), '        '));
    io.stdout((at === 0 ? '[\n' : ',\n') + items.join(',\n'));
  }
  io.stdout(`${doc.talks.length === 0 ? '' : '\n      ]'}\n    }`);
}

function indented(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + indent);
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
  // A file at a time: read, parsed, written, let go (a run over many big files holds one model).
  const inputs = fromStdin ? [] : expandInputs(positionals, io.cwd);
  const count = fromStdin ? 1 : inputs.length;
  // A file that cannot be read or decoded stops the command before anything is written, as when every file was
  // parsed first: read (and let go) each one up front.
  if (inputs.length > 1) for (const file of inputs) readNotesFile(file, io.cwd);
  for (let index = 0; index < count; index++) {
    let file: string;
    let doc: NotesDocument;
    let notes: boolean;
    if (fromStdin) {
      file = '-';
      doc = parseNotes(await io.readStdin());
      notes = isConferenceNotes(doc, DEFAULT_SETTINGS);
    } else {
      file = inputs[index]!;
      doc = parseNotes(readNotesFile(file, io.cwd));
      notes = isConferenceNotes(doc, DEFAULT_SETTINGS, file);
    }
    if (format === 'json') writeOutlineJson(io, index, file, doc, notes);
    else io.stdout(outlineText(file, doc, notes));
  }
  if (format === 'json') io.stdout(count === 0 ? '{\n  "files": []\n}\n' : '\n  ]\n}\n');
  return 0;
}
