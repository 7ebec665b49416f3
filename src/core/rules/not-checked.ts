// What the checks left out: parts of a file beyond the limits of the Markdown parse (limits.ts: a line of over
// 50,000 characters, nesting deeper than 16 levels, a paragraph with more than 2,000 emphasis or link marks) and
// front matter past its first FRONT_MATTER_LINES (300) lines.
// One finding per file, on the first such line, saying what was skipped and why; everything else is checked.
import { blockTrees } from '../blocks';
import { MARKDOWN_LIMITS, type SkipReason } from '../limits';
import type { DocumentRule, Report } from './types';
import { FRONT_MATTER_LINES } from '../parse/frontMatter';

/** 12,345: by hand, as toLocaleString loads the locale data on first use (~0.1 s, at load time here). */
const fmt = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

const WHY: Record<SkipReason, string> = {
  'long-line': `longer than ${fmt(MARKDOWN_LIMITS.lineLength)} characters`,
  'deep-nesting': `nested more than ${fmt(MARKDOWN_LIMITS.nesting)} levels deep`,
  'inline-marks': `more than ${fmt(MARKDOWN_LIMITS.inlineMarks)} emphasis or link marks in one paragraph`,
  'long-front-matter': `front matter past its first ${fmt(FRONT_MATTER_LINES)} lines`,
};

/** Parts listed in the message before "and N more". */
const LISTED = 3;

export const notChecked: DocumentRule = {
  id: 'not-checked',
  defaultSeverity: 'information',
  scope: 'document',
  description: 'Parts of the file the checks left out because they are beyond their limits (one finding per file, saying which lines and why).',
  // The limits are read block by block (each block caches them), a step per block in a lint in slices.
  *prepare({ doc }) {
    for (const block of blockTrees(doc)) {
      void block.skipped;
      yield;
    }
  },
  check({ doc }) {
    const parts: Array<{ start: number; end: number; reason: SkipReason }> = [];
    const fm = doc.frontMatter;
    if (fm?.unreadFrom !== undefined) parts.push({ start: fm.unreadFrom, end: fm.range.end.line, reason: 'long-front-matter' });
    for (const block of blockTrees(doc)) for (const s of block.skipped) parts.push({ start: block.startLine + s.start, end: block.startLine + s.end, reason: s.reason });
    if (parts.length === 0) return [];
    const lines = parts.reduce((n, p) => n + p.end - p.start, 0);
    const listed = parts.slice(0, LISTED).map((p) => `${p.end - p.start === 1 ? `line ${fmt(p.start + 1)}` : `lines ${fmt(p.start + 1)}-${fmt(p.end)}`} (${WHY[p.reason]})`);
    const more = parts.length > LISTED ? ` and ${fmt(parts.length - LISTED)} more part${parts.length - LISTED === 1 ? '' : 's'}` : '';
    const first = parts[0]!.start;
    const finding: Report = {
      message: `${fmt(lines)} line${lines === 1 ? ' was' : 's were'} not checked, being beyond the limits of the checks: ${listed.join('; ')}${more}`,
      range: { start: { line: first, character: 0 }, end: { line: first, character: Math.min(doc.lines[first]?.length ?? 0, 200) } },
      fixes: [],
      data: { lines, parts: parts.length },
    };
    return [finding];
  },
};
