// A notes model sent as the change from the one sent before: how the language server gives its client the model
// behind the views (the Talks view, the status bar, navigation, the preview) without the client parsing the text
// again. Each array of the model (lines, talks, headings, sections, non-prose ranges) changes by one splice: a
// prefix kept as it was, a middle replaced, and a suffix kept but moved by the lines the edit added or removed.
// Pure and JSON-safe: the delta crosses a process boundary as is.
import type { FrontMatter, Heading, Layout, NotesDocument, Section, Talk } from './model';
import { runToEnd } from './scan';

/**
 * The new array is `old[0, at)`, then `insert`, then `old[at + remove, ...)` with every line number moved by `shift`
 * (and a talk's `index` set to its new place).
 */
export interface Splice<T> {
  at: number;
  remove: number;
  insert: T[];
  shift: number;
}

type NonProse = NotesDocument['nonProse'][number];

export interface ModelDelta {
  lineCount: number;
  lines: Splice<string>;
  talks: Splice<Talk>;
  headings: Splice<Heading>;
  sections: Splice<Section>;
  nonProse: Splice<NonProse>;
  /** Present when changed; null when the new model has none. */
  title?: NotesDocument['title'] | null;
  conference?: string | null;
  frontMatter?: FrontMatter | null;
  layout?: Layout;
}

/** Keys whose numbers are line numbers (Position.line, the non-prose range's lines). */
const LINE_KEYS = new Set(['line', 'startLine', 'endLine']);

/**
 * Whether `b` equals `a` with its line numbers moved by `shift`; with `talk`, a top-level `index` is not compared
 * (it is the talk's place, set on apply). Undefined properties count as absent (JSON drops them).
 */
function sameShifted(a: unknown, b: unknown, shift: number, talk = false): boolean {
  if (a === b && shift === 0) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShifted(a[i], b[i], shift)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const key in ra) {
    const va = ra[key];
    if (va === undefined) continue;
    count++;
    if (talk && key === 'index') continue;
    const vb = rb[key];
    if (typeof va === 'number' && LINE_KEYS.has(key)) {
      if (va + shift !== vb) return false;
    } else if (!sameShifted(va, vb, shift)) return false;
  }
  for (const key in rb) if (rb[key] !== undefined) count--;
  return count === 0;
}

/** A deep copy of a model value with its line numbers moved by `shift`. */
function shifted<T>(value: T, shift: number): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => shifted(v, shift)) as T;
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (v === undefined) continue;
    out[key] = typeof v === 'number' ? (LINE_KEYS.has(key) ? v + shift : v) : typeof v === 'object' ? shifted(v, shift) : v;
  }
  return out as T;
}

/** Comparisons per step of diffSteps. */
const COMPARISONS_PER_STEP = 500;

function* spliceOf<T>(before: readonly T[], after: readonly T[], shift: number, same: (a: T, b: T, shift: number) => boolean): Generator<void, Splice<T>> {
  let at = 0;
  const both = Math.min(before.length, after.length);
  while (at < both && same(before[at]!, after[at]!, 0)) if (++at % COMPARISONS_PER_STEP === 0) yield;
  let tail = 0;
  while (tail < before.length - at && tail < after.length - at && same(before[before.length - 1 - tail]!, after[after.length - 1 - tail]!, shift)) {
    if (++tail % COMPARISONS_PER_STEP === 0) yield;
  }
  return { at, remove: before.length - at - tail, insert: after.slice(at, after.length - tail), shift: tail > 0 ? shift : 0 };
}

const sameValue = (a: unknown, b: unknown, shift: number): boolean => sameShifted(a, b, shift);
const sameTalk = (a: Talk, b: Talk, shift: number): boolean => (a === b && shift === 0) || sameShifted(a, b, shift, true);
const sameLine = (a: string, b: string): boolean => a === b;

/** The model with no talks, no lines: what a first delta applies to. */
export const EMPTY_MODEL: NotesDocument = Object.freeze({
  sections: [],
  talks: [],
  headings: [],
  layout: { talkLevel: 2, fieldStyle: 'none', fieldLevels: { speaker: 3, role: 4, company: 4 }, labelStyle: 'bold' },
  lineCount: 0,
  lines: [],
  nonProse: [],
}) as NotesDocument;

/** What turns `before` (EMPTY_MODEL: nothing yet) into `after`, as resumable steps (a server spreads a big diff). */
export function* diffSteps(before: NotesDocument, after: NotesDocument): Generator<void, ModelDelta> {
  const shift = after.lineCount - before.lineCount;
  const delta: ModelDelta = {
    lineCount: after.lineCount,
    lines: yield* spliceOf(before.lines, after.lines, 0, sameLine),
    talks: yield* spliceOf(before.talks, after.talks, shift, sameTalk),
    headings: yield* spliceOf(before.headings, after.headings, shift, sameValue),
    sections: yield* spliceOf(before.sections, after.sections, shift, sameValue),
    nonProse: yield* spliceOf(before.nonProse, after.nonProse, shift, sameValue),
  };
  if (!sameShifted(before.title, after.title, 0)) delta.title = after.title ?? null;
  if (before.conference !== after.conference) delta.conference = after.conference ?? null;
  if (!sameShifted(before.frontMatter, after.frontMatter, 0)) delta.frontMatter = after.frontMatter ?? null;
  if (!sameShifted(before.layout, after.layout, 0)) delta.layout = after.layout;
  return delta;
}

/** `diffSteps` at once. */
export function diffModel(before: NotesDocument, after: NotesDocument): ModelDelta {
  return runToEnd(diffSteps(before, after));
}

/**
 * Whether applying the delta keeps the structure: the same line count, headings, non-prose ranges, title, front matter
 * and layout, and the same talks and sections but for where their ranges end (a talk's last notes line edited). What
 * the Talks view shows cannot have changed.
 */
export function keepsStructure(delta: ModelDelta, before: NotesDocument): boolean {
  const none = (s: Splice<unknown>): boolean => s.remove === 0 && s.insert.length === 0;
  const sameBarRanges = <T extends object>(s: Splice<T>, old: readonly T[]): boolean =>
    s.remove === s.insert.length && s.insert.every((item, i) => sameShifted({ ...old[s.at + i]!, range: 0, notesRange: 0 }, { ...item, range: 0, notesRange: 0 }, 0));
  return (
    delta.lineCount === before.lineCount &&
    none(delta.headings) &&
    none(delta.nonProse) &&
    sameBarRanges(delta.talks, before.talks) &&
    sameBarRanges(delta.sections, before.sections) &&
    delta.title === undefined &&
    delta.conference === undefined &&
    delta.frontMatter === undefined &&
    delta.layout === undefined
  );
}

/** Items moved (copied with their lines shifted, or renumbered) per step of applySteps. */
const MOVES_PER_STEP = 200;

function* applySplice<T>(before: readonly T[], splice: Splice<T>, move: (item: T, index: number) => T): Generator<void, T[]> {
  const from = splice.at + splice.remove;
  const renumber = splice.insert.length !== splice.remove;
  // Nothing below the change moves: one native copy (a million lines in a few ms).
  if (splice.shift === 0 && !renumber) return before.slice(0, splice.at).concat(splice.insert, before.slice(from));
  const out = before.slice(0, splice.at).concat(splice.insert);
  for (let i = from, n = 1; i < before.length; i++, n++) {
    out.push(move(before[i]!, out.length));
    if (n % MOVES_PER_STEP === 0) yield;
  }
  return out;
}

function checkSplice(name: string, length: number, s: Splice<unknown> | undefined): void {
  if (!s || !Array.isArray(s.insert) || !Number.isInteger(s.at) || !Number.isInteger(s.remove) || !Number.isInteger(s.shift) || s.at < 0 || s.remove < 0 || s.at + s.remove > length) {
    throw new Error(`model delta: the ${name} splice does not fit the model it applies to`);
  }
}

/**
 * The model `delta` makes of `before`, as resumable steps (they yield every few thousand items moved, so a client
 * spreads a big model over slices). `before` is not changed; items not moved are shared. Throws when the delta does
 * not fit `before` (it was made from another model).
 */
export function* applySteps(before: NotesDocument, delta: ModelDelta): Generator<void, NotesDocument> {
  checkSplice('lines', before.lines.length, delta.lines);
  checkSplice('talks', before.talks.length, delta.talks);
  checkSplice('headings', before.headings.length, delta.headings);
  checkSplice('sections', before.sections.length, delta.sections);
  checkSplice('non-prose', before.nonProse.length, delta.nonProse);
  const shift = (s: Splice<unknown>) => <T>(item: T): T => (s.shift === 0 ? item : shifted(item, s.shift));
  const lines = yield* applySplice(before.lines, delta.lines, (l) => l);
  const talks = yield* applySplice(before.talks, delta.talks, (t, index) => {
    const moved = delta.talks.shift === 0 ? t : shifted(t, delta.talks.shift);
    return moved.index === index ? moved : { ...moved, index };
  });
  // Inserted talks carry their place in the new model already.
  const headings = yield* applySplice(before.headings, delta.headings, shift(delta.headings));
  const sections = yield* applySplice(before.sections, delta.sections, shift(delta.sections));
  const nonProse = yield* applySplice(before.nonProse, delta.nonProse, shift(delta.nonProse));
  // EMPTY_MODEL's layout is shared by every model made from it: each gets its own copy.
  const layout = delta.layout ?? (before === EMPTY_MODEL ? shifted(before.layout, 0) : before.layout);
  const doc: NotesDocument = { sections, talks, headings, layout, lineCount: delta.lineCount, lines, nonProse };
  const title = delta.title === undefined ? before.title : delta.title ?? undefined;
  const conference = delta.conference === undefined ? before.conference : delta.conference ?? undefined;
  const frontMatter = delta.frontMatter === undefined ? before.frontMatter : delta.frontMatter ?? undefined;
  if (title) doc.title = title;
  if (conference !== undefined) doc.conference = conference;
  if (frontMatter) doc.frontMatter = frontMatter;
  return doc;
}

/** `applySteps` at once. */
export function applyModelDelta(before: NotesDocument, delta: ModelDelta): NotesDocument {
  return runToEnd(applySteps(before, delta));
}

/** A rough size of an item in packed JSON characters (a talk of the sample: about 1,100; a heading 110), to cut a big delta into parts. */
function sizeOf(item: unknown, key: string): number {
  if (typeof item === 'string') return item.length + 3;
  return key === 'talks' ? 1100 : key === 'nonProse' ? 50 : 150;
}

/**
 * The delta cut into parts of about `maxChars` of JSON each, applied one after the other to the same model as the
 * whole delta (the first one removes and moves; the others insert the rest after it). A client reads a big model
 * (the first one of a 40 MB file) in messages small enough that no one of them blocks it for long.
 */
export function splitDelta(delta: ModelDelta, maxChars: number): ModelDelta[] {
  const keys = ['lines', 'talks', 'headings', 'sections', 'nonProse'] as const;
  let total = 0;
  for (const key of keys) for (const item of delta[key].insert as unknown[]) total += sizeOf(item, key);
  if (total <= maxChars) return [delta];
  const parts: ModelDelta[] = [];
  const offsets = { lines: 0, talks: 0, headings: 0, sections: 0, nonProse: 0 };
  for (let first = true; ; first = false) {
    let budget = maxChars;
    const part = { lineCount: delta.lineCount } as ModelDelta;
    for (const key of keys) {
      const whole = delta[key] as Splice<unknown>;
      const start = offsets[key];
      let end = start;
      while (end < whole.insert.length && budget > 0) budget -= sizeOf(whole.insert[end++], key);
      offsets[key] = end;
      const insert = whole.insert.slice(start, end);
      (part as unknown as Record<string, Splice<unknown>>)[key] = first ? { ...whole, insert } : { at: whole.at + start, remove: 0, insert, shift: 0 };
    }
    if (first) {
      if ('title' in delta) part.title = delta.title;
      if ('conference' in delta) part.conference = delta.conference;
      if ('frontMatter' in delta) part.frontMatter = delta.frontMatter;
      if ('layout' in delta) part.layout = delta.layout;
    }
    parts.push(part);
    if (keys.every((k) => offsets[k] >= delta[k].insert.length)) break;
  }
  return parts;
}

/**
 * A delta as it crosses the wire: every Range in the talks, headings and sections as `[startLine, startCharacter,
 * endLine, endCharacter]` (a model's JSON was mostly ranges: 5.1 MB for the 0.9 MB big notes). Nothing else in those
 * items is an array of four numbers; the front matter (whose data is the user's) and the title go as they are.
 */
export type WireDelta = ModelDelta & { packed: true };

function isRange(v: Record<string, unknown>): boolean {
  const start = v.start as Record<string, unknown> | undefined;
  const end = v.end as Record<string, unknown> | undefined;
  return typeof start === 'object' && start !== null && typeof end === 'object' && end !== null && typeof start.line === 'number' && typeof end.line === 'number';
}

function pack(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(pack);
  const record = value as Record<string, unknown>;
  if (isRange(record)) {
    const { start, end } = record as unknown as { start: { line: number; character: number }; end: { line: number; character: number } };
    return [start.line, start.character, end.line, end.character];
  }
  const out: Record<string, unknown> = {};
  for (const key in record) if (record[key] !== undefined) out[key] = pack(record[key]);
  return out;
}

function unpack(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    if (value.length === 4 && value.every((n) => typeof n === 'number')) {
      return { start: { line: value[0], character: value[1] }, end: { line: value[2], character: value[3] } };
    }
    return value.map(unpack);
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in record) out[key] = unpack(record[key]);
  return out;
}

export function packDelta(delta: ModelDelta): WireDelta {
  const packSplice = <T>(s: Splice<T>): Splice<T> => ({ ...s, insert: s.insert.map(pack) as T[] });
  return { ...delta, talks: packSplice(delta.talks), headings: packSplice(delta.headings), sections: packSplice(delta.sections), packed: true };
}

/** The delta `packDelta` made (a delta that is not packed is answered as it is). */
export function unpackDelta(wire: ModelDelta | WireDelta): ModelDelta {
  if (!('packed' in wire) || wire.packed !== true) return wire;
  const unpackSplice = <T>(s: Splice<T>): Splice<T> => ({ ...s, insert: s.insert.map(unpack) as T[] });
  const { packed: _packed, ...delta } = wire;
  return { ...delta, talks: unpackSplice(wire.talks), headings: unpackSplice(wire.headings), sections: unpackSplice(wire.sections) };
}
