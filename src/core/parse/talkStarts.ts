// Pass: which heads start talks. Every head gets evidence (a person in its field area or in itself, a schedule
// time, a reading with a speaker); heads of one kind (a heading level, bold lines, link lines, schedule bullets)
// are weighed together, and the kind with the most evidence is the document's talk start.
import { isNameLike, isRoleLike } from '../lexicon';
import { parseByline } from '../fields';
import { carriesSpeaker } from './assemble';
import { personEvidence } from './people';
import { blockEnd, mostCommon, type Head, type ParseState } from './state';
import { matchesNonTalk } from './sections';
import { LINE_LEVEL } from './heads';

/** A head that is a speaker line itself: `Dan Kohn - Exec Dir - CNCF`, `Ann Lee, SRE at Google`. */
export function personHead(head: Head): boolean {
  if (head.source === 'item' || head.source === 'table' || head.heading.textRange.start.line !== head.heading.textRange.end.line) return false;
  // A reading that puts a person beside a title (`Name | @handle | "Title"`, `Name: Title`) is read so instead.
  const readings = head.titleReadings.map((r) => (r.speakers.every((sp) => personEvidence(sp.text) === 'strong') ? 'strong' : r.speakers.some((sp) => personEvidence(sp.text) !== 'none') ? 'weak' : 'none'));
  if (readings.includes('strong') || head.titleReadings.some((r, k) => readings[k] !== 'none' && (r.pattern === 'pipe' || r.pattern === 'colon'))) return false;
  const text = head.heading.text.slice(head.prefixLength);
  const parsed = parseByline(text, 0, false);
  if (!parsed || parsed.speakers.length === 0 || !(parsed.role || parsed.company)) return false;
  const evidence = parsed.speakers.map((sp) => personEvidence(sp.text));
  if (evidence.every((e) => e === 'strong')) return true;
  // A name the lexicon does not know still reads as a person when a role and a company follow it, and no reading
  // of the heading names someone else (`Title at Scale (Alexey Kharmalov)`).
  return !readings.includes('weak') && evidence.every((e) => e !== 'none') && !!parsed.role && !!parsed.company;
}

/** Heads that sit in another head's field area (`### Jane Doe, SRE at Acme` under its talk): fields, not talks. */
export function fieldHeads(state: ParseState): Set<number> {
  const inFields = new Set<number>();
  for (const area of state.fieldAreas) for (const f of area.fieldHeadings) inFields.add(f.index);
  return inFields;
}

export function evidenceOf(state: ParseState, index: number, inFields: Set<number>): number {
  if (inFields.has(index)) return 0;
  const head = state.heads[index]!;
  const area = state.fieldAreas[index]!;
  const h = head.heading;
  let score = 0;
  if (area.fieldHeadings.length > 0) {
    const first = area.fieldHeadings[0]!.heading.text;
    if (isNameLike(first)) score += personEvidence(first) === 'strong' ? 3 : 2;
    else if (carriesSpeaker(first)) score += 2.5;
    if (area.fieldHeadings.some((r) => isRoleLike(r.heading.text))) score += 1;
    if (area.fieldHeadings.length >= 2) score += 1;
    // A name followed by its role is a speaker heading, not a talk.
    if (isNameLike(h.text) && isRoleLike(first)) score = Math.min(score, 1);
  }
  if (area.labels.some((l) => l.field === 'speaker')) score += 3;
  if (area.speakerLine) score += area.speakerLine.values.speakers.every((sp) => personEvidence(sp.text) === 'strong') ? 2.5 : 2;
  if (area.nearbyPerson?.strong) score += 1.5;
  if (head.titleReadings.some((r) => r.certain)) score += 2.5;
  else if (head.titleReadings.length > 0) score += head.titleReadings.some((r) => r.speakers.every((sp) => personEvidence(sp.text) === 'strong')) ? 1.5 : 1;
  if (personHead(head)) score += 2.5;
  if (head.rowFields?.speakers.length) score += head.rowFields.speakers.every((sp) => personEvidence(sp.text) !== 'none') ? 2.5 : 1;
  if (head.timed) score += 1;
  return score;
}

interface KindTally {
  kind: string;
  level: number;
  members: number;
  positive: number;
  total: number;
}

/** Chooses the talk start kind and fills state.talkStarts, talkLevel, titleHead, groups and fieldLevels. */
export function* chooseTalkStarts(state: ParseState): Generator<void> {
  const { heads } = state;
  const tallies = new Map<string, KindTally>();
  const h1Count = heads.filter((h) => h.kind === 'h1').length;
  for (const [index, head] of heads.entries()) {
    if ((index & 4095) === 4095) yield;
    const tally = tallies.get(head.kind) ?? { kind: head.kind, level: head.heading.level, members: 0, positive: 0, total: 0 };
    tally.members++;
    const e = state.evidence[index]!;
    if (e > 0) tally.positive++;
    tally.total += e;
    tallies.set(head.kind, tally);
  }
  let chosen: KindTally | undefined;
  for (const tally of [...tallies.values()].sort((a, b) => a.level - b.level || a.kind.localeCompare(b.kind))) {
    if (tally.kind === 'h1' && h1Count < 2) continue;
    // Lines only count when most of them carry the evidence: bold lines and bullets are notes far more often.
    if (tally.level === LINE_LEVEL && (tally.positive < 2 || tally.positive < tally.members * 0.4)) continue;
    if (tally.total > 0 && (!chosen || tally.total > chosen.total)) chosen = tally;
  }
  const firstH1 = heads.findIndex((h) => h.kind === 'h1');
  let kind: string;
  if (chosen) kind = chosen.kind;
  else {
    const levels = heads.filter((h) => h.source === 'heading' && (h.kind !== 'h1' || h1Count > 1)).map((h) => h.heading.level);
    // Not Math.min(...levels): one argument per heading overflows the stack past ~120,000 headings (issue 15).
    kind = `h${levels.length > 0 ? levels.reduce((a, b) => Math.min(a, b)) : 2}`;
  }
  const onLines = kind === 'bold' || kind === 'link' || kind === 'item' || kind === 'table';
  const talkLevel = onLines ? LINE_LEVEL : Number(kind.slice(1));
  state.talkLevel = talkLevel;
  state.talkEvidence = chosen?.total ?? 0;
  state.titleHead = talkLevel > 1 && firstH1 >= 0 ? firstH1 : -1;
  const starts: number[] = [];
  heads.forEach((head, index) => {
    if (head.kind === kind && index !== state.titleHead) starts.push(index);
  });
  yield;
  const grouped = onLines ? starts : yield* addGroupChildren(state, starts, talkLevel);
  yield;
  yield* addPersonHeads(state, grouped, kind);
  grouped.sort((a, b) => a - b);
  yield;
  state.talkStarts = grouped;
  state.fieldLevels = learnFieldLevels(state, talkLevel);
  if (onLines) state.talkLevel = Math.min(6, (mostCommon(starts.map((i) => enclosingLevel(state, i)), 1)) + 1);
}

/** The level of the nearest heading above a head (0 when none). */
function enclosingLevel(state: ParseState, index: number): number {
  for (let k = index - 1; k >= 0; k--) if (state.heads[k]!.source === 'heading') return state.heads[k]!.heading.level;
  return 0;
}

/**
 * `## Lightning talks` holding `### Talk` + `by Name`: a group whose children are the talks. The starts with each
 * such group replaced by its children (a new array: no spread of an unbounded list into a call).
 */
function* addGroupChildren(state: ParseState, starts: readonly number[], talkLevel: number): Generator<void, number[]> {
  const { heads } = state;
  const result: number[] = [];
  for (const [k, index] of starts.entries()) {
    if ((k & 255) === 255) yield;
    if (!matchesNonTalk(heads[index]!.heading.text, state.nonTalkSections)) {
      result.push(index);
      continue;
    }
    const end = blockEnd(state, index);
    const children: number[] = [];
    for (let j = index + 1; j < heads.length && heads[j]!.heading.range.start.line < end; j++) {
      if (heads[j]!.heading.level === talkLevel + 1) children.push(j);
    }
    const talky = children.filter((j) => {
      const area = state.fieldAreas[j]!;
      return area.speakerLine || area.labels.some((l) => l.field === 'speaker') || (area.fieldHeadings[0] && isNameLike(area.fieldHeadings[0].heading.text));
    });
    if (talky.length > 0 && talky.length * 2 >= children.length) {
      state.groups.add(index);
      for (const child of children) result.push(child);
    } else {
      result.push(index);
    }
  }
  return result;
}

/** Headings at another level that are speaker lines themselves (`## Hong Tang - Chief Architect - Alibaba`). */
function* addPersonHeads(state: ParseState, starts: number[], kind: string): Generator<void> {
  if (!starts.some((i) => personHead(state.heads[i]!))) return;
  const taken = new Set(starts);
  const inFields = fieldHeads(state);
  for (const [index, head] of state.heads.entries()) {
    if ((index & 1023) === 1023) yield;
    if (head.kind === kind || head.source !== 'heading' || taken.has(index) || inFields.has(index) || index === state.titleHead) continue;
    if (personHead(head)) starts.push(index);
  }
}

/** The document's own field levels, learnt from talks that have all three field headings. */
function learnFieldLevels(state: ParseState, talkLevel: number): ParseState['fieldLevels'] {
  const runs = state.talkStarts.length ? state.talkStarts : [];
  const areas = (runs.length ? runs : []).map((i) => state.fieldAreas[i]!.fieldHeadings);
  const full = areas.filter((r) => r.length === 3);
  const withRun = areas.filter((r) => r.length > 0);
  const base = Math.min(talkLevel, 6);
  const levels = {
    speaker: mostCommon((full.length ? full : withRun).map((r) => r[0]!.heading.level), base + 1),
    role: mostCommon(full.map((r) => r[1]!.heading.level), base + 2),
    company: mostCommon(full.map((r) => r[2]!.heading.level), base + 2),
  };
  if (full.length === 0 && withRun.length > 0) {
    const deeper = withRun.flatMap((r) => r.slice(1).map((x) => x.heading.level));
    levels.role = levels.company = mostCommon(deeper, levels.speaker + 1);
  }
  return levels;
}
