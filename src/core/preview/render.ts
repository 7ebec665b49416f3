// The notes model and text → the preview's HTML body: header, summary, index of talks, one card per talk.
// Pure: the same output feeds the webview and the exported page. Every element that maps to a line of the
// notes carries `data-line` (0-based) for scroll sync and double-click-to-line.
import type { Field, NotesDocument, Range, Severity, Talk } from '../model';
import { escapeHtml } from './html';
import { renderMarkdown, type MarkdownRenderOptions } from './markdown';

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

function renderProblems(problems: readonly PreviewProblem[], interactive: boolean): string {
  if (problems.length === 0) return '';
  const worst = SEVERITY_ORDER.find((s) => problems.some((p) => p.severity === s)) ?? 'warning';
  const items = [...problems]
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((p) => {
      const r = p.range;
      const where = `${r.start.line},${r.start.character},${r.end.line},${r.end.character}`;
      const label = `<span class="problem-icon" aria-hidden="true">${SEVERITY_ICON[p.severity]}</span> `
        + `<span class="problem-message">${escapeHtml(p.message)}</span>`
        + `<span class="problem-where">line ${r.start.line + 1}</span>`;
      const attrs = `class="problem problem-${p.severity}" data-range="${where}" data-line="${r.start.line}"`
        + ` title="${escapeHtml(p.rule ? `${p.rule}: ${p.message}` : p.message)}"`;
      return interactive ? `<li><button type="button" ${attrs}>${label}</button></li>` : `<li><span ${attrs}>${label}</span></li>`;
    });
  return `<details class="problems problems-${worst}"><summary><span class="badge badge-${worst}">${SEVERITY_ICON[worst]} ${plural(problems.length, 'problem')}</span></summary>`
    + `<ul class="problem-list">${items.join('')}</ul></details>`;
}

function renderField(name: 'speaker' | 'role' | 'company', fields: readonly Field[]): string {
  if (fields.length === 0) return `<span class="field field-${name} missing" title="No ${name} in the notes">no ${name}</span>`;
  return fields
    .map((f) => `<span class="field field-${name}" data-line="${f.range.start.line}">${escapeHtml(f.text)}</span>`)
    .join('<span class="and">, </span>');
}

function renderTalk(doc: NotesDocument, block: Block, options: PreviewRenderOptions): string {
  const talk = block.talk!;
  const speakers = talk.speakers.length > 0 ? talk.speakers : talk.speaker ? [talk.speaker] : [];
  const people = [
    renderField('speaker', speakers),
    renderField('role', talk.role ? [talk.role] : []),
    renderField('company', talk.company ? [talk.company] : []),
  ].join('<span class="sep" aria-hidden="true"> · </span>');
  const body = block.bodyEnd >= block.bodyStart ? textOf(doc, block.bodyStart, block.bodyEnd) : '';
  const notes = talk.hasNotes && body.trim() !== ''
    ? `<div class="notes">${renderMarkdown(body, block.bodyStart, options)}</div>`
    : `<p class="no-notes" data-line="${talk.headingRange.start.line}">No notes yet.</p>`;
  const line = talk.headingRange.start.line;
  return `<article class="talk${talk.hasNotes ? '' : ' empty'}" id="talk-${talk.index}" data-line="${line}" data-talk="${talk.index}">`
    + `<header class="talk-header"><h2 class="talk-title" data-line="${line}"><span class="talk-number">${talk.index + 1}</span>`
    + `<span class="talk-title-text">${escapeHtml(talk.title)}</span></h2>`
    + `<p class="people">${people}</p>${renderProblems(block.problems, options.interactive ?? false)}</header>`
    + `${notes}</article>`;
}

function renderSection(doc: NotesDocument, block: Block, options: PreviewRenderOptions): string {
  const body = block.bodyEnd >= block.bodyStart ? textOf(doc, block.bodyStart, block.bodyEnd) : '';
  const inner = body.trim() === '' ? '' : `<div class="section-body">${renderMarkdown(body, block.bodyStart, options)}</div>`;
  const kind = block.sectionKind ?? 'other';
  return `<section class="notes-section section-${kind}" data-line="${block.startLine}">`
    + `<h2 class="section-title" data-line="${block.startLine}">${escapeHtml(block.sectionTitle ?? '')}</h2>`
    + `${inner}${renderProblems(block.problems, options.interactive ?? false)}</section>`;
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

function renderIndex(doc: NotesDocument, blocks: readonly Block[]): string {
  if (doc.talks.length === 0) return '';
  const items: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'section') {
      if (block.sectionKind === 'group') items.push(`<li class="index-group" data-line="${block.startLine}">${escapeHtml(block.sectionTitle ?? '')}</li>`);
      continue;
    }
    const talk = block.talk!;
    const who = talk.speakers.length > 0 ? talk.speakers.map((s) => s.text).join(', ') : talk.speaker?.text;
    const tags = (talk.hasNotes ? '' : '<span class="tag tag-empty">no notes</span>')
      + (block.problems.length > 0 ? `<span class="tag tag-problems tag-${worstOf(block.problems)}" title="${plural(block.problems.length, 'problem')}">${SEVERITY_ICON[worstOf(block.problems)]} ${block.problems.length}</span>` : '');
    items.push(`<li data-line="${talk.headingRange.start.line}"><a href="#talk-${talk.index}">${escapeHtml(talk.title)}</a>`
      + (who ? `<span class="index-speaker">${escapeHtml(who)}</span>` : '<span class="index-speaker missing">no speaker</span>')
      + `${tags}</li>`);
  }
  return `<nav class="index" aria-label="Talks"><h2 class="index-title">Talks</h2><ol class="index-list">${items.join('')}</ol></nav>`;
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
    + error + renderProblems(introProblems, options.interactive ?? false) + `</header>`;
}

/** The preview's body fragment (no `<html>`/`<body>`): safe to insert into a page whose CSP forbids inline script. */
export function renderPreviewBody(doc: NotesDocument, options: PreviewRenderOptions = {}): string {
  const blocks = blocksOf(doc);
  const problems = options.problems ?? [];
  const introProblems: PreviewProblem[] = [];
  for (const problem of problems) {
    const line = problem.range.start.line;
    let owner: Block | undefined;
    for (const block of blocks) {
      if (block.startLine > line) break;
      owner = block;
    }
    (owner ? owner.problems : introProblems).push(problem);
  }
  const parts: string[] = [renderHeader(doc, options, introProblems), renderSummary(summarize(doc, problems), options.problems !== undefined)];

  // Text between the title (or front matter) and the first section or talk.
  const introStart = Math.max(doc.title ? lastLine(doc.title.range) + 1 : 0, doc.frontMatter ? lastLine(doc.frontMatter.range) + 1 : 0);
  const introEnd = (blocks[0]?.startLine ?? doc.lines.length) - 1;
  const intro = introEnd >= introStart ? textOf(doc, introStart, introEnd) : '';
  if (intro.trim() !== '') parts.push(`<section class="notes-section section-intro">${renderMarkdown(intro, introStart, options)}</section>`);

  parts.push(renderIndex(doc, blocks));
  if (doc.talks.length === 0) {
    parts.push('<p class="no-talks">No talks found yet. A talk is a heading followed by its speaker, role and company, for example <code>## Title</code>, <code>### Speaker</code>, <code>#### Role</code>, <code>#### Company</code>.</p>');
  }
  const body = blocks.map((b) => (b.kind === 'talk' ? renderTalk(doc, b, options) : renderSection(doc, b, options)));
  parts.push(`<div class="talks">${body.join('')}</div>`);
  return `<div class="cn-preview">${parts.join('')}</div>`;
}
