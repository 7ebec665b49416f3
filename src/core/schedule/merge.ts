// Importing again into a notes file: what came from the schedule (from a talk's heading to its schedule line)
// is updated, new talks are added in time order, talks gone from the schedule are marked, never deleted, and
// nothing after a schedule line (the user's notes) is touched. The result is a list of edits, applied as one.
import { parseNotes } from '../parser';
import type { NotesDocument, TextEdit } from '../model';
import { NOTES_LAYOUTS, type NotesLayoutChoice } from '../newNotes';
import type { LocalDateTime, ScheduleSession } from './model';
import { instantMs } from './time';
import { DROPPED_MARK, isDroppedLine, scheduleLineId, scheduleLineStart, settleForms, talkLines, talksOf, type RenderedTalk, type TalkStyle } from './writeNotes';

export interface MergeSummary {
  updated: string[];
  added: string[];
  dropped: string[];
  /** Talks marked dropped before that are back in the schedule. */
  restored: string[];
  unchanged: number;
}

export interface MergeResult {
  edits: TextEdit[];
  summary: MergeSummary;
}

export interface MergeOptions {
  /** Sessions to add when new (the user's picks); updates and drops look at the whole schedule. */
  keep?: (session: ScheduleSession) => boolean;
  /** The layout for new talks when the file does not say (front matter `layout:`). */
  layout?: NotesLayoutChoice;
}

/** A talk the import wrote before: its heading line, its schedule line and its session id. */
interface ImportedBlock {
  id: string;
  headingLine: number;
  scheduleLine: number;
  /** Last line of the block with text (the user's notes included). */
  endLine: number;
  dropped: boolean;
}

function styleOf(doc: NotesDocument, fallback: NotesLayoutChoice | undefined): TalkStyle {
  const declared = doc.frontMatter?.data.layout;
  const known = NOTES_LAYOUTS.map((l) => l.id as string);
  const layout = (typeof declared === 'string' && known.includes(declared) ? declared : fallback ?? (known.includes(doc.layout.fieldStyle) ? doc.layout.fieldStyle : 'heading')) as NotesLayoutChoice;
  return { layout, talkLevel: doc.layout.talkLevel, labelStyle: doc.layout.labelStyle };
}

/** Every block the import wrote: a heading at the talk level with a schedule line before the next one. */
function importedBlocks(doc: NotesDocument): ImportedBlock[] {
  const level = doc.layout.talkLevel;
  const starts = doc.headings.filter((h) => h.level <= level).map((h) => h.range.start.line);
  const blocks: ImportedBlock[] = [];
  const talkHeadings = doc.headings.filter((h) => h.level === level);
  for (const h of talkHeadings) {
    const start = h.range.start.line;
    const next = starts.find((l) => l > start) ?? doc.lines.length;
    // The schedule line is within the field area: the first one under the heading.
    let scheduleAt = -1;
    for (let l = h.range.end.line + 1; l < next && l < h.range.end.line + 40; l++) {
      if (scheduleLineId(doc.lines[l]!) !== undefined) {
        scheduleAt = l;
        break;
      }
    }
    if (scheduleAt < 0) continue;
    let end = next - 1;
    while (end > scheduleAt && doc.lines[end]!.trim() === '') end--;
    blocks.push({ id: scheduleLineId(doc.lines[scheduleAt]!)!, headingLine: start, scheduleLine: scheduleAt, endLine: end, dropped: isDroppedLine(doc.lines[scheduleAt]!) });
  }
  return blocks;
}

function normalizeTitle(t: string): string {
  return t.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Replace `count` lines from `line` with `lines` (count 0: insert before `line`); `heads` index into `lines`. */
interface LineOp {
  line: number;
  count: number;
  lines: string[];
  /** Talk index (into the rendered list) → offset of its heading within `lines`. */
  heads: Map<number, number>;
  /** Appending after a last line that has no line break. */
  atEnd?: boolean;
}

/**
 * The edits that bring `text` (a notes file) in step with the schedule. `sessions` is the whole schedule as
 * read now; `options.keep` says which new sessions the user wants added.
 */
export function mergeSchedule(text: string, sessions: readonly ScheduleSession[], options: MergeOptions = {}): MergeResult {
  const doc = parseNotes(text);
  const lines = doc.lines;
  const style = styleOf(doc, options.layout);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const blocks = importedBlocks(doc);
  const talks = talksOf(sessions);
  const byId = new Map(talks.map((s) => [s.id, s]));
  const blockIds = new Set(blocks.map((b) => b.id));
  const summary: MergeSummary = { updated: [], added: [], dropped: [], restored: [], unchanged: 0 };

  // Talks written by hand (no schedule line) with a session's title are that session: never added twice.
  const importedHeadings = new Set(blocks.map((b) => b.headingLine));
  const handTitles = new Set(doc.talks.filter((t) => !importedHeadings.has(t.headingRange.start.line)).map((t) => normalizeTitle(t.title)));

  // What is rendered (and checked against the parser): kept talks and new ones. Dropped ones only get a mark.
  const rendered: RenderedTalk[] = [];
  const targets: Array<{ block?: ImportedBlock; insertAt?: number }> = [];
  const fixedOps: LineOp[] = [];
  for (const block of blocks) {
    const session = byId.get(block.id);
    if (session) {
      rendered.push({ session, form: 'native', dropped: false });
      targets.push({ block });
    } else if (!block.dropped) {
      const line = lines[block.scheduleLine]!;
      fixedOps.push({ line: block.scheduleLine, count: 1, lines: [line.replace(/^(\s*)\*/, `$1*${DROPPED_MARK} · `)], heads: new Map() });
      summary.dropped.push(titleAt(doc, block));
    }
  }
  // New talks go after the last imported talk that starts no later (before the next imported heading).
  // A talk gone from the schedule keeps the time its schedule line says.
  const placed = blocks
    .map((b) => ({ b, start: byId.get(b.id)?.start ?? scheduleLineStart(lines[b.scheduleLine]!) }))
    .filter((x): x is { b: ImportedBlock; start: LocalDateTime } => !!x.start);
  const lastText = lastContentLine(lines);
  const keep = options.keep ?? (() => true);
  for (const session of talks) {
    if (blockIds.has(session.id) || handTitles.has(normalizeTitle(session.title)) || !keep(session)) continue;
    let insertAt = lastText + 1;
    if (session.start && placed.length > 0) {
      const t = instantMs(session.start);
      const after = placed.filter((x) => instantMs(x.start) <= t).pop();
      const next = after ? blocks.find((b) => b.headingLine > after.b.headingLine) : placed[0]!.b;
      if (next) insertAt = next.headingLine;
    }
    rendered.push({ session, form: 'native', dropped: false });
    targets.push({ insertAt });
    summary.added.push(session.title);
  }

  const opsFor = (current: RenderedTalk[]): LineOp[] => {
    const ops = new Map<string, LineOp>();
    for (const op of fixedOps) ops.set(`${op.line}:r`, op);
    current.forEach((talk, k) => {
      const target = targets[k]!;
      const talkText = talkLines(talk.session, style, talk.form, false);
      if (target.block) {
        ops.set(`${target.block.headingLine}:r`, { line: target.block.headingLine, count: target.block.scheduleLine - target.block.headingLine + 1, lines: talkText, heads: new Map([[k, 0]]) });
        return;
      }
      const at = target.insertAt!;
      const key = `${at}:i`;
      const op: LineOp = ops.get(key) ?? { line: at, count: 0, lines: [], heads: new Map<number, number>(), atEnd: at >= lines.length };
      const appending = at > lastText && !(at < lines.length && lines[at]!.trim() !== '');
      // Before a heading: the talk and a blank line; after the last text: a blank line and the talk.
      const chunk = appending ? ['', ...talkText] : [...talkText, ''];
      op.heads.set(k, op.lines.length + (appending ? 1 : 0));
      op.lines.push(...chunk);
      ops.set(key, op);
    });
    // One op per line: an insertion right before a replaced block joins it (edits must not touch).
    const sorted = [...ops.values()].sort((a, b) => a.line - b.line || a.count - b.count);
    const merged: LineOp[] = [];
    for (const op of sorted) {
      const prev = merged[merged.length - 1];
      if (prev && prev.count === 0 && prev.line === op.line && !prev.atEnd) {
        const shift = prev.lines.length;
        const heads = new Map(prev.heads);
        for (const [k, off] of op.heads) heads.set(k, off + shift);
        merged[merged.length - 1] = { line: op.line, count: op.count, lines: [...prev.lines, ...op.lines], heads };
      } else merged.push(op);
    }
    return merged;
  };
  const render = (current: RenderedTalk[]): { text: string; headingLines: number[] } => {
    const ops = opsFor(current);
    const out: string[] = [];
    const headingLines = new Array<number>(current.length).fill(-1);
    let next = 0;
    for (const op of ops) {
      const at = Math.min(op.line, lines.length);
      while (next < at) out.push(lines[next++]!);
      for (const [k, off] of op.heads) headingLines[k] = out.length + off;
      out.push(...op.lines);
      next = at + op.count;
    }
    while (next < lines.length) out.push(lines[next++]!);
    return { text: out.join('\n'), headingLines };
  };
  settleForms(rendered, render);

  const edits: TextEdit[] = [];
  for (const op of opsFor(rendered)) {
    if (op.count > 0) {
      const old = lines.slice(op.line, op.line + op.count).join('\n');
      const fresh = op.lines.join('\n');
      if (old === fresh) continue;
      edits.push({ range: { start: { line: op.line, character: 0 }, end: { line: op.line + op.count - 1, character: lines[op.line + op.count - 1]!.length } }, newText: op.lines.join(eol) });
    } else if (op.line >= lines.length) {
      const last = lines.length - 1;
      edits.push({ range: { start: { line: last, character: lines[last]!.length }, end: { line: last, character: lines[last]!.length } }, newText: eol + op.lines.join(eol) });
    } else {
      edits.push({ range: { start: { line: op.line, character: 0 }, end: { line: op.line, character: 0 } }, newText: op.lines.join(eol) + eol });
    }
  }
  // Which kept talks changed, for the summary.
  for (const [k, talk] of rendered.entries()) {
    const block = targets[k]!.block;
    if (!block) continue;
    const fresh = talkLines(talk.session, style, talk.form, false).join('\n');
    const old = lines.slice(block.headingLine, block.scheduleLine + 1).join('\n');
    if (old === fresh) summary.unchanged++;
    else (block.dropped ? summary.restored : summary.updated).push(talk.session.title);
  }
  return { edits, summary };
}

function titleAt(doc: NotesDocument, block: ImportedBlock): string {
  const talk = doc.talks.find((t) => t.headingRange.start.line === block.headingLine);
  return talk?.title ?? doc.headings.find((h) => h.range.start.line === block.headingLine)?.text ?? '';
}

function lastContentLine(lines: readonly string[]): number {
  for (let l = lines.length - 1; l >= 0; l--) if (lines[l]!.trim() !== '') return l;
  return -1;
}
