// Rendered preview blocks (one talk card or section, with its index entry) that can be reused after an edit:
// the HTML remembers where it wrote document lines and talk numbers, so a block that only moved is
// re-numbered, not re-rendered. The cache is bounded by size and evicts the least recently used block.

const LINE = 0;
const TALK = 1;

/** HTML of one block, written for `lineBase` / `talkBase`, with the places that depend on them. */
export interface MovableHtml {
  html: string;
  lineBase: number;
  talkBase: number;
  /** Per place: start and end offset in `html`, kind (line or talk), value minus its base. */
  marks: Int32Array;
}

/** Writes a block's HTML, recording every document line and talk number it writes. */
export class HtmlBuilder {
  // Pieces joined once at the end: a flat string, not a rope every later join would walk again.
  private readonly parts: string[] = [];
  private length = 0;
  private readonly marks: number[] = [];

  constructor(private readonly lineBase: number, private readonly talkBase = 0) {}

  text(s: string): this {
    this.parts.push(s);
    this.length += s.length;
    return this;
  }

  /** Writes a document line (or a value that moves with the lines, such as a 1-based line). */
  line(value: number): this {
    return this.mark(LINE, value, value - this.lineBase);
  }

  /** Writes a value that moves with the talk's number (its index, or index + 1). */
  talk(value: number): this {
    return this.mark(TALK, value, value - this.talkBase);
  }

  done(): MovableHtml {
    return { html: this.parts.join(''), lineBase: this.lineBase, talkBase: this.talkBase, marks: Int32Array.from(this.marks) };
  }

  private mark(kind: number, value: number, relative: number): this {
    const start = this.length;
    this.text(String(value));
    this.marks.push(start, this.length, kind, relative);
    return this;
  }
}

/** Re-numbers the block in place for new bases; the result equals a fresh rendering at those bases. */
export function moveHtml(block: MovableHtml, lineBase: number, talkBase: number): void {
  if (block.lineBase === lineBase && block.talkBase === talkBase) return;
  const { html, marks } = block;
  const next = new Int32Array(marks.length);
  const parts: string[] = [];
  let length = 0;
  let previous = 0;
  for (let i = 0; i < marks.length; i += 4) {
    const before = html.slice(previous, marks[i]);
    const value = String((marks[i + 2] === LINE ? lineBase : talkBase) + marks[i + 3]!);
    parts.push(before, value);
    length += before.length;
    next[i] = length;
    length += value.length;
    next[i + 1] = length;
    next[i + 2] = marks[i + 2]!;
    next[i + 3] = marks[i + 3]!;
    previous = marks[i + 1]!;
  }
  parts.push(html.slice(previous));
  block.html = parts.join('');
  block.marks = next;
  block.lineBase = lineBase;
  block.talkBase = talkBase;
}

/** A rendered talk card or section, and its line in the index of talks (talks and groups only). */
export interface RenderedBlock {
  card: MovableHtml;
  item?: MovableHtml;
}

/** Default bound: the big-notes benchmark (1,300 talks, 6,000 problems) takes about 6.5 M. */
export const DEFAULT_BLOCK_CACHE_CHARS = 16_000_000;

interface Entry {
  body: string;
  meta: string;
  block: RenderedBlock;
  size: number;
}

function sizeOf(body: string, meta: string, block: RenderedBlock): number {
  // Marks are 4 bytes each: count them as 2 UTF-16 code units.
  const html = (h: MovableHtml): number => h.html.length + h.marks.length * 2;
  return body.length + meta.length + html(block.card) + (block.item ? html(block.item) : 0);
}

/**
 * Rendered blocks by what their HTML depends on except where they sit: the block's text (`body`) and everything
 * else (`meta`: fields, problems relative to the block, the render options). Two keys, not one joined string:
 * the text is already a flat string, so a lookup hashes it once instead of copying it into a bigger key.
 * Least recently used first out once over `maxChars`.
 */
export class PreviewBlockCache {
  private readonly byBody = new Map<string, Map<string, Entry>>();
  /** Every entry, least recently used first. */
  private readonly recency = new Set<Entry>();
  private total = 0;

  /** `maxChars`: the keys and HTML it may hold, in UTF-16 code units (about 1-2 bytes each). */
  constructor(readonly maxChars = DEFAULT_BLOCK_CACHE_CHARS) {}

  get size(): number {
    return this.recency.size;
  }

  /** What the entries hold now, in the unit of `maxChars`. */
  get chars(): number {
    return this.total;
  }

  get(body: string, meta: string): RenderedBlock | undefined {
    const entry = this.byBody.get(body)?.get(meta);
    if (!entry) return undefined;
    this.recency.delete(entry);
    this.recency.add(entry);
    return entry.block;
  }

  /** Adds (or re-measures, after `moveHtml`) a block, then evicts the least recently used until within bounds. */
  set(body: string, meta: string, block: RenderedBlock): void {
    const old = this.byBody.get(body)?.get(meta);
    if (old) this.remove(old);
    const size = sizeOf(body, meta, block);
    // A block bigger than the whole cache is not kept: it would evict everything else.
    if (size > this.maxChars) return;
    const entry: Entry = { body, meta, block, size };
    let metas = this.byBody.get(body);
    if (!metas) this.byBody.set(body, (metas = new Map()));
    metas.set(meta, entry);
    this.recency.add(entry);
    this.total += size;
    for (const oldest of this.recency) {
      if (this.total <= this.maxChars) break;
      this.remove(oldest);
    }
  }

  clear(): void {
    this.byBody.clear();
    this.recency.clear();
    this.total = 0;
  }

  private remove(entry: Entry): void {
    const metas = this.byBody.get(entry.body)!;
    metas.delete(entry.meta);
    if (metas.size === 0) this.byBody.delete(entry.body);
    this.recency.delete(entry);
    this.total -= entry.size;
  }
}
