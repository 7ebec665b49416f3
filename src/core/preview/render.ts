// The notes model and text → the preview's HTML body: header, summary, index of talks, one card per talk.
// Pure: the same output feeds the webview and the exported page. Every element that maps to a line of the
// notes carries `data-line` (0-based) for scroll sync and double-click-to-line.
import type { Field, NotesDocument, Range, Severity, Talk } from '../model';
import { escapeHtml } from './html';
import { RELATIVE_LINE, renderMarkdown, renderMarkdownRelative, type MarkdownRenderOptions } from './markdown';
import { HtmlBuilder, moveHtml, type PreviewBlockCache, type RenderedBlock } from './blockCache';
import { nextTurn } from '../nextTurn';

/** A problem shown as a badge; lint findings and VS Code diagnostics both fit. */
export interface PreviewProblem {
  message: string;
  severity: Severity;
  range: Range;
  rule?: string;
}

export interface PreviewRenderOptions extends MarkdownRenderOptions {
  /** Diagnostics to count and badge; absent (the export) = no problem count at all. */
  problems?: readonly PreviewProblem[];
  /** Shown as the heading when the notes have no `# ` title. */
  fileName?: string;
  /** Whether problem badges are buttons that reveal the problem (the webview) or plain text (the export). */
  interactive?: boolean;
  /** Rendered blocks to reuse (and fill): after an edit only the changed blocks are rendered again. */
  cache?: PreviewBlockCache;
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'information', 'hint'];
const SEVERITY_ICON: Record<Severity, string> = { error: '✖', warning: '⚠', information: 'ℹ', hint: '•' };

/** What the summary counts; exported for tests and the status line. */
export interface PreviewSummary {
  talks: number;
  talksWithNotes: number;
  emptyTalks: number;
  problems: Record<Severity, number>;
}

export function summarize(doc: NotesDocument, problems: readonly PreviewProblem[] = []): PreviewSummary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const p of problems) counts[p.severity]++;
  const withNotes = doc.talks.filter((t) => t.hasNotes).length;
  return { talks: doc.talks.length, talksWithNotes: withNotes, emptyTalks: doc.talks.length - withNotes, problems: counts };
}

/** Last line (inclusive) covered by a range, treating an end at character 0 of a later line as exclusive. */
function lastLine(range: Range): number {
  return range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

interface Block {
  kind: 'talk' | 'section';
  startLine: number;
  talk?: Talk;
  sectionTitle?: string;
  sectionKind?: 'preamble' | 'group' | 'other';
  headingLevel: number;
  /** First line of the body text (after the heading, or the notes). */
  bodyStart: number;
  /** Last line (inclusive) of the body text. */
  bodyEnd: number;
  problems: PreviewProblem[];
}

function blocksOf(doc: NotesDocument): Block[] {
  const blocks: Block[] = [];
  for (const talk of doc.talks) {
    const notes = talk.notesRange;
    blocks.push({
      kind: 'talk', startLine: talk.headingRange.start.line, talk, headingLevel: talk.heading.level,
      bodyStart: notes ? notes.start.line : lastLine(talk.range) + 1,
      bodyEnd: notes ? lastLine(notes) : lastLine(talk.range),
      problems: [],
    });
  }
  for (const section of doc.sections) {
    blocks.push({
      kind: 'section', startLine: section.heading.range.start.line, sectionTitle: section.title, sectionKind: section.kind,
      headingLevel: section.heading.level, bodyStart: section.heading.range.end.line + 1, bodyEnd: lastLine(section.range),
      problems: [],
    });
  }
  blocks.sort((a, b) => a.startLine - b.startLine);
  // A section's own text stops where the next talk or section starts (a group holds talks).
  for (let i = 0; i < blocks.length; i++) {
    const next = blocks[i + 1];
    const block = blocks[i]!;
    if (next && block.bodyEnd >= next.startLine) block.bodyEnd = next.startLine - 1;
  }
  return blocks;
}

function textOf(doc: NotesDocument, from: number, to: number): string {
  return doc.lines.slice(Math.max(0, from), Math.min(doc.lines.length, to + 1)).join('\n');
}

/** Writes Markdown rendered once with relative line markers, each marker as a document line of `out`. */
function writeMarkdown(out: HtmlBuilder, text: string, firstLine: number, options: PreviewRenderOptions): void {
  const html = renderMarkdownRelative(text, options);
  let last = 0;
  for (const m of html.matchAll(RELATIVE_LINE)) {
    out.text(html.slice(last, m.index)).text(' data-line="').line(firstLine + Number(m[1])).text('"');
    last = m.index + m[0].length;
  }
  out.text(html.slice(last));
}

function writeProblems(out: HtmlBuilder, problems: readonly PreviewProblem[], interactive: boolean): void {
  if (problems.length === 0) return;
  const worst = SEVERITY_ORDER.find((s) => problems.some((p) => p.severity === s)) ?? 'warning';
  out.text(`<details class="problems problems-${worst}"><summary><span class="badge badge-${worst}">${SEVERITY_ICON[worst]} ${plural(problems.length, 'problem')}</span></summary>`
    + '<ul class="problem-list">');
  const sorted = [...problems].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  for (const p of sorted) {
    const r = p.range;
    out.text(interactive ? '<li><button type="button" ' : '<li><span ')
      .text(`class="problem problem-${p.severity}" data-range="`).line(r.start.line).text(`,${r.start.character},`).line(r.end.line)
      .text(`,${r.end.character}" data-line="`).line(r.start.line)
      .text(`" title="${escapeHtml(p.rule ? `${p.rule}: ${p.message}` : p.message)}">`)
      .text(`<span class="problem-icon" aria-hidden="true">${SEVERITY_ICON[p.severity]}</span> `)
      .text(`<span class="problem-message">${escapeHtml(p.message)}</span>`)
      .text('<span class="problem-where">line ').line(r.start.line + 1).text('</span>')
      .text(interactive ? '</button></li>' : '</span></li>');
  }
  out.text('</ul></details>');
}

function writeField(out: HtmlBuilder, name: 'speaker' | 'role' | 'company', fields: readonly Field[]): void {
  if (fields.length === 0) {
    out.text(`<span class="field field-${name} missing" title="No ${name} in the notes">no ${name}</span>`);
    return;
  }
  fields.forEach((f, i) => {
    if (i > 0) out.text('<span class="and">, </span>');
    out.text(`<span class="field field-${name}" data-line="`).line(f.range.start.line).text(`">${escapeHtml(f.text)}</span>`);
  });
}

/** The speakers a card and the index show: the list, or the single speaker field. */
function speakersOf(talk: Talk): readonly Field[] {
  return talk.speakers.length > 0 ? talk.speakers : talk.speaker ? [talk.speaker] : [];
}

function bodyOf(doc: NotesDocument, block: Block): string {
  return block.bodyEnd >= block.bodyStart ? textOf(doc, block.bodyStart, block.bodyEnd) : '';
}

function renderTalk(block: Block, body: string, options: PreviewRenderOptions): RenderedBlock {
  const talk = block.talk!;
  const line = talk.headingRange.start.line;
  const card = new HtmlBuilder(block.startLine, talk.index);
  card.text(`<article class="talk${talk.hasNotes ? '' : ' empty'}" id="talk-`).talk(talk.index).text('" data-line="').line(line)
    .text('" data-talk="').talk(talk.index).text('">')
    .text('<header class="talk-header"><h2 class="talk-title" data-line="').line(line).text('"><span class="talk-number">').talk(talk.index + 1)
    .text(`</span><span class="talk-title-text">${escapeHtml(talk.title)}</span></h2><p class="people">`);
  const sep = '<span class="sep" aria-hidden="true"> · </span>';
  writeField(card, 'speaker', speakersOf(talk));
  card.text(sep);
  writeField(card, 'role', talk.role ? [talk.role] : []);
  card.text(sep);
  writeField(card, 'company', talk.company ? [talk.company] : []);
  card.text('</p>');
  writeProblems(card, block.problems, options.interactive ?? false);
  card.text('</header>');
  if (talk.hasNotes && body.trim() !== '') {
    card.text('<div class="notes">');
    writeMarkdown(card, body, block.bodyStart, options);
    card.text('</div>');
  } else {
    card.text('<p class="no-notes" data-line="').line(line).text('">No notes yet.</p>');
  }
  card.text('</article>');

  const item = new HtmlBuilder(block.startLine, talk.index);
  const speakers = speakersOf(talk);
  const who = speakers.length > 0 ? speakers.map((s) => s.text).join(', ') : undefined;
  const count = block.problems.length;
  item.text('<li data-line="').line(line).text('"><a href="#talk-').talk(talk.index).text(`">${escapeHtml(talk.title)}</a>`)
    .text(who ? `<span class="index-speaker">${escapeHtml(who)}</span>` : '<span class="index-speaker missing">no speaker</span>')
    .text(talk.hasNotes ? '' : '<span class="tag tag-empty">no notes</span>')
    .text(count > 0 ? `<span class="tag tag-problems tag-${worstOf(block.problems)}" title="${plural(count, 'problem')}">${SEVERITY_ICON[worstOf(block.problems)]} ${count}</span>` : '')
    .text('</li>');
  return { card: card.done(), item: item.done() };
}

function renderSection(block: Block, body: string, options: PreviewRenderOptions): RenderedBlock {
  const kind = block.sectionKind ?? 'other';
  const title = escapeHtml(block.sectionTitle ?? '');
  const card = new HtmlBuilder(block.startLine);
  card.text(`<section class="notes-section section-${kind}" data-line="`).line(block.startLine)
    .text('"><h2 class="section-title" data-line="').line(block.startLine).text(`">${title}</h2>`);
  if (body.trim() !== '') {
    card.text('<div class="section-body">');
    writeMarkdown(card, body, block.bodyStart, options);
    card.text('</div>');
  }
  writeProblems(card, block.problems, options.interactive ?? false);
  card.text('</section>');
  if (block.sectionKind !== 'group') return { card: card.done() };
  const item = new HtmlBuilder(block.startLine).text('<li class="index-group" data-line="').line(block.startLine).text(`">${title}</li>`);
  return { card: card.done(), item: item.done() };
}

/** A string with its length first, so that joined parts of a key can never run into each other. */
function part(s: string): string {
  return `${s.length}:${s}`;
}

function fieldsKey(fields: readonly Field[], base: number): string {
  return `${fields.length}[${fields.map((f) => `${f.range.start.line - base},${part(f.text)}`).join('')}]`;
}

function problemsKey(problems: readonly PreviewProblem[], base: number): string {
  let key = '';
  for (const { severity, rule, message, range: r } of problems) {
    key += `${severity}${rule === undefined ? '-' : `${rule.length}:${rule}`}${message.length}:${message}${r.start.line - base},${r.start.character},${r.end.line - base},${r.end.character};`;
  }
  return key;
}

function optionsKey(options: PreviewRenderOptions): string {
  return `${options.interactive ? 'i' : '-'}${options.breaks ?? true ? 'b' : '-'}${options.resolveResource ? 'r' : '-'}${part(options.resourceKey ?? '')}`;
}

/**
 * Everything but the text and the place that a block's HTML depends on (lines relative to the block; the talk
 * number is moved, not keyed). It has to name every input renderTalk and renderSection read besides the body.
 */
function blockMeta(block: Block, options: string): string {
  const base = block.startLine;
  const common = `${options}|${block.bodyStart - base}|${problemsKey(block.problems, base)}`;
  if (block.kind === 'section') return `S${block.sectionKind ?? 'other'}${part(block.sectionTitle ?? '')}${common}`;
  const talk = block.talk!;
  return `T${talk.hasNotes ? 1 : 0}|${talk.headingRange.start.line - base}|${part(talk.title)}${fieldsKey(speakersOf(talk), base)}`
    + `${fieldsKey(talk.role ? [talk.role] : [], base)}${fieldsKey(talk.company ? [talk.company] : [], base)}${common}`;
}

function renderBlock(doc: NotesDocument, block: Block, options: PreviewRenderOptions, optionsPart: string): { card: string; item?: string } {
  const body = bodyOf(doc, block);
  const render = (): RenderedBlock => (block.kind === 'talk' ? renderTalk(block, body, options) : renderSection(block, body, options));
  const cache = options.cache;
  if (!cache) {
    const fresh = render();
    return { card: fresh.card.html, item: fresh.item?.html };
  }
  const meta = blockMeta(block, optionsPart);
  let rendered = cache.get(body, meta);
  if (!rendered) {
    rendered = render();
    cache.set(body, meta, rendered);
  } else {
    const talkBase = block.talk?.index ?? 0;
    if (rendered.card.lineBase !== block.startLine || rendered.card.talkBase !== talkBase) {
      moveHtml(rendered.card, block.startLine, talkBase);
      if (rendered.item) moveHtml(rendered.item, block.startLine, talkBase);
      cache.set(body, meta, rendered);
    }
  }
  return { card: rendered.card.html, item: rendered.item?.html };
}

/** `showProblems` is false when the caller gave no problems at all (the export is for reading, not fixing). */
function renderSummary(summary: PreviewSummary, showProblems: boolean): string {
  const total = SEVERITY_ORDER.reduce((n, s) => n + summary.problems[s], 0);
  const worst = SEVERITY_ORDER.find((s) => summary.problems[s] > 0);
  const detail = SEVERITY_ORDER.filter((s) => summary.problems[s] > 0).map((s) => `${summary.problems[s]} ${s}`).join(', ');
  const stat = (value: number, label: string, cls = '', title = ''): string =>
    `<div class="stat${cls}"${title ? ` title="${escapeHtml(title)}"` : ''}><span class="stat-value">${value}</span><span class="stat-label">${label}</span></div>`;
  return `<section class="summary" aria-label="Summary">`
    + stat(summary.talks, summary.talks === 1 ? 'talk' : 'talks')
    + stat(summary.talksWithNotes, 'with notes')
    + stat(summary.emptyTalks, summary.emptyTalks === 1 ? 'empty talk' : 'empty talks', summary.emptyTalks > 0 ? ' stat-muted' : '')
    + (showProblems ? stat(total, total === 1 ? 'problem' : 'problems', worst ? ` stat-${worst}` : ' stat-ok', detail) : '')
    + `</section>`;
}

function worstOf(problems: readonly PreviewProblem[]): Severity {
  return SEVERITY_ORDER.find((s) => problems.some((p) => p.severity === s)) ?? 'hint';
}

function renderHeader(doc: NotesDocument, options: PreviewRenderOptions, introProblems: readonly PreviewProblem[]): string {
  const fm = doc.frontMatter;
  const title = doc.title?.text ?? fm?.title ?? doc.conference ?? options.fileName ?? 'Conference notes';
  const titleLine = doc.title ? ` data-line="${doc.title.range.start.line}"` : '';
  const meta: string[] = [];
  if (doc.conference && !title.toLowerCase().includes(doc.conference.toLowerCase())) meta.push(`<span class="meta-conference">${escapeHtml(doc.conference)}</span>`);
  if (fm?.date) meta.push(`<span class="meta-date"><span class="meta-label">Date</span> ${escapeHtml(String(fm.date))}</span>`);
  if (fm?.location) meta.push(`<span class="meta-location"><span class="meta-label">Location</span> ${escapeHtml(String(fm.location))}</span>`);
  const fmLine = fm ? ` data-line="${fm.range.start.line}"` : '';
  const error = fm?.error ? `<p class="front-matter-error"${fmLine}>The front matter is not valid YAML: ${escapeHtml(fm.error)}</p>` : '';
  return `<header class="conference"><h1 class="conference-title"${titleLine}>${escapeHtml(title)}</h1>`
    + (meta.length > 0 ? `<p class="conference-meta"${fmLine}>${meta.join('<span class="sep" aria-hidden="true"> · </span>')}</p>` : '')
    + error + problemsHtml(introProblems, options.interactive ?? false) + `</header>`;
}

function problemsHtml(problems: readonly PreviewProblem[], interactive: boolean): string {
  const out = new HtmlBuilder(0);
  writeProblems(out, problems, interactive);
  return out.done().html;
}

/** Index of the last block that starts at or before `line`, or -1. */
function ownerOf(blocks: readonly Block[], line: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let owner = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.startLine <= line) {
      owner = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return owner;
}

/**
 * The rendering as steps: everything before the blocks, one step per block, the final join; the return value is
 * the body. A step that yields `true` asks for the next one to get a slice of its own.
 */
function* renderSteps(doc: NotesDocument, options: PreviewRenderOptions): Generator<boolean, string, void> {
  const blocks = blocksOf(doc);
  const problems = options.problems ?? [];
  const introProblems: PreviewProblem[] = [];
  for (const problem of problems) {
    const owner = ownerOf(blocks, problem.range.start.line);
    (owner >= 0 ? blocks[owner]!.problems : introProblems).push(problem);
  }
  const parts: string[] = [renderHeader(doc, options, introProblems), renderSummary(summarize(doc, problems), options.problems !== undefined)];

  // Text between the title (or front matter) and the first section or talk.
  const introStart = Math.max(doc.title ? lastLine(doc.title.range) + 1 : 0, doc.frontMatter ? lastLine(doc.frontMatter.range) + 1 : 0);
  const introEnd = (blocks[0]?.startLine ?? doc.lines.length) - 1;
  const intro = introEnd >= introStart ? textOf(doc, introStart, introEnd) : '';
  if (intro.trim() !== '') parts.push(`<section class="notes-section section-intro">${renderMarkdown(intro, introStart, options)}</section>`);

  const optionsPart = optionsKey(options);
  const cards: string[] = [];
  const items: string[] = [];
  for (const block of blocks) {
    yield false;
    const { card, item } = renderBlock(doc, block, options, optionsPart);
    cards.push(card);
    if (item !== undefined) items.push(item);
  }
  const index = doc.talks.length > 0
    ? ['<nav class="index" aria-label="Talks"><h2 class="index-title">Talks</h2><ol class="index-list">', ...items, '</ol></nav>']
    : ['<p class="no-talks">No talks found yet. A talk is a heading followed by its speaker, role and company, for example <code>## Title</code>, <code>### Speaker</code>, <code>#### Role</code>, <code>#### Company</code>.</p>'];
  // Joined once: on a big file this copies megabytes, so it gets a slice of its own.
  yield true;
  return ['<div class="cn-preview">', ...parts, ...index, '<div class="talks">', ...cards, '</div></div>'].join('');
}

/** The preview's body fragment (no `<html>`/`<body>`): safe to insert into a page whose CSP forbids inline script. */
export function renderPreviewBody(doc: NotesDocument, options: PreviewRenderOptions = {}): string {
  const steps = renderSteps(doc, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A cancellation flag; a `vscode.CancellationToken` is one. */
export interface CancellationFlag {
  readonly isCancellationRequested: boolean;
}

export interface SliceOptions {
  /** Milliseconds of work before giving the event loop back (checked between blocks); default 10. */
  budgetMs?: number;
  /** Checked between blocks: once set, the rendering stops and resolves to undefined. */
  token?: CancellationFlag;
  /** Gives the event loop back; default a zero-delay timer. */
  yieldToEventLoop?: () => Promise<void>;
  /** The clock, in milliseconds. */
  now?: () => number;
}


/**
 * The same HTML as renderPreviewBody, rendered a few blocks at a time: after each block, once `budgetMs` is
 * used, it waits for the next task, so a big file never holds the thread for long. Undefined when cancelled.
 * One block (a talk's notes) is the smallest slice; a slice can end up one block (and a garbage collection)
 * longer than the budget, hence a budget well under the 50 ms a slice may take.
 */
export async function renderPreviewBodySliced(doc: NotesDocument, options: PreviewRenderOptions = {}, slicing: SliceOptions = {}): Promise<string | undefined> {
  const budget = slicing.budgetMs ?? 10;
  const now = slicing.now ?? (() => performance.now());
  const pause = slicing.yieldToEventLoop ?? nextTurn;
  const steps = renderSteps(doc, options);
  let sliceStart = now();
  for (;;) {
    if (slicing.token?.isCancellationRequested) return undefined;
    const step = steps.next();
    if (step.done) return step.value;
    if (step.value || now() - sliceStart >= budget) {
      await pause();
      sliceStart = now();
    }
  }
}
