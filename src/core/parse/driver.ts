// The parse as named passes over one state: scan, front matter, heads, field areas, talk starts, fields,
// classification. This driver alone owns slicing: the passes yield, it decides when to give the event loop a turn.
import { runToEnd, scanSteps } from '../scan';
import { DEFAULT_NON_TALK_SECTIONS } from '../settings';
import type { Layout, NotesDocument, Talk } from '../model';
import { runInSlices, type SliceBudget } from '../nextTurn';
import { readFrontMatter } from './frontMatter';
import { findHeads } from './heads';
import { readFieldArea } from './fieldArea';
import { chooseTalkStarts, evidenceOf, fieldHeads } from './talkStarts';
import { assembleDraftsSteps } from './assemble';
import { classifySteps, singleTalk, type Classified } from './classify';
import type { FieldArea, ParseState } from './state';

export interface ParseOptions {
  /** Heading texts that are sections, never talks (`*` allowed). Defaults to DEFAULT_NON_TALK_SECTIONS. */
  nonTalkSections?: readonly string[];
}

/** The slices of `parseNotesInSlices`: budget, yield and cancellation. */
export type ParseSliceOptions = SliceBudget;

export function parseNotes(text: string, options: ParseOptions = {}): NotesDocument {
  return runToEnd(parseSteps(text, options));
}

/** `parseNotes` in slices of a few milliseconds, for big files in an editor that must stay responsive. */
export function parseNotesInSlices(text: string, options: ParseOptions = {}, slices: ParseSliceOptions = {}): Promise<NotesDocument | undefined> {
  return runInSlices(parseSteps(text, options), slices);
}

/** The passes as resumable steps: each yields every few dozen heads (the scan every thousand lines). */
function* parseSteps(text: string, options: ParseOptions): Generator<void, NotesDocument> {
  const scan = yield* scanSteps(text);
  yield;
  const state: ParseState = {
    scan, lines: scan.lines, nonTalkSections: options.nonTalkSections ?? DEFAULT_NON_TALK_SECTIONS, heads: [], headByLine: new Map(),
    fieldAreas: [], evidence: [], talkStarts: [], groups: new Set(), titleHead: -1, talkLevel: 2, talkEvidence: 0,
    fieldLevels: { speaker: 3, role: 4, company: 4 },
  };
  const frontMatter = readFrontMatter(scan);
  if (frontMatter) state.frontMatter = frontMatter;
  state.heads = yield* findHeads(scan);
  for (const [index, head] of state.heads.entries()) {
    if ((index & 1023) === 1023) yield;
    for (let l = head.heading.range.start.line; l <= head.heading.range.end.line; l++) state.headByLine.set(l, index);
  }
  yield;
  const areas: FieldArea[] = [];
  for (let index = 0; index < state.heads.length; index++) {
    if ((index & 15) === 15) yield;
    areas.push(readFieldArea(state, index));
  }
  state.fieldAreas = areas;
  const inFields = fieldHeads(state);
  yield;
  const evidence: number[] = [];
  for (let index = 0; index < state.heads.length; index++) {
    // Every 32 heads: a head's evidence reads its field area's lines (a step of 256 setext headings took 132 ms of
    // the extension host's wall time under load; 15 ms of CPU in bench:hostile:steps).
    if ((index & 31) === 31) yield;
    evidence.push(evidenceOf(state, index, inFields));
  }
  state.evidence = evidence;
  yield;
  yield* chooseTalkStarts(state);
  yield;
  const drafts = yield* assembleDraftsSteps(state);
  yield;
  const voted = yield* classifySteps(state, drafts);
  const result: Classified = singleTalk(state, voted) ?? voted;
  yield;
  // A step of its own: it reads every talk's fields (5,000 talks: up to 72 ms under load).
  const layout = inferLayout(state, result.talks);
  yield;
  return buildDocument(state, result, layout);
}

function buildDocument(state: ParseState, { talks, sections }: Classified, layout: Layout): NotesDocument {
  const { scan, frontMatter } = state;
  const titleHeading = state.titleHead >= 0 ? state.heads[state.titleHead]!.heading : undefined;
  const doc: NotesDocument = {
    sections,
    talks,
    headings: scan.headings,
    layout,
    lineCount: scan.lines.length,
    lines: scan.lines,
    nonProse: scan.nonProse,
  };
  // A one-talk file's H1 is the talk's title, and the document's too.
  const title = titleHeading ?? (talks.length === 1 && talks[0]!.heading.level === 1 && talks[0]!.heading.kind !== 'line' ? talks[0]!.heading : undefined);
  if (title) doc.title = { text: title.text, range: title.textRange };
  if (frontMatter) doc.frontMatter = frontMatter;
  const conference = frontMatter?.conference ?? conferenceFromTitle(doc.title?.text ?? (talks.length > 1 ? frontMatter?.title : undefined));
  if (conference) doc.conference = conference;
  return doc;
}

function conferenceFromTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const t = title
    .replace(/^(?:my\s+|some\s+)?(?:notes?|write-?up|summary|recap)\s*(?:from|on|of|for|at|:|-|–|—)\s*/i, '')
    .replace(/\s+(?:notes?|write-?up|recap)$/i, '')
    .trim();
  return t || undefined;
}

function inferLayout(state: ParseState, talks: Talk[]): Layout {
  const sources = new Map<string, number>();
  for (const t of talks) for (const f of [t.speaker, t.role, t.company]) if (f) sources.set(f.source, (sources.get(f.source) ?? 0) + 1);
  let fieldStyle: Layout['fieldStyle'] = 'none';
  let best = 0;
  for (const [source, count] of sources) {
    if (count > best && source !== 'front-matter') {
      best = count;
      fieldStyle = source as Layout['fieldStyle'];
    }
  }
  const styles = new Map<Layout['labelStyle'], number>();
  for (const index of state.talkStarts) for (const l of state.fieldAreas[index]!.labels) styles.set(l.style, (styles.get(l.style) ?? 0) + 1);
  let labelStyle: Layout['labelStyle'] = 'bold';
  best = 0;
  for (const [style, count] of styles) if (count > best) [best, labelStyle] = [count, style];
  const talkLevel = Math.min(6, state.talkLevel);
  return { talkLevel, fieldStyle: talks.length === 0 ? 'heading' : fieldStyle === 'none' ? 'heading' : fieldStyle, fieldLevels: state.fieldLevels, labelStyle };
}
