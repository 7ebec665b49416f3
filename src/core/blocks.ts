// Markdown trees of the document, one per block between headings, parsed with remark and cached by text,
// so that an edit inside one talk re-parses that block only.
import type { Processor } from 'unified';
import type { Code, Root, RootContent } from 'mdast';
import type { Extension as MdastExtension, Options as FromMarkdownOptions } from 'mdast-util-from-markdown';
import type { NotesDocument } from './model';
import { blockCuts, boundMarkdown, type LongFence, type SkippedLines } from './limits';
import { runToEnd, splitLines } from './scan';

let processor: Processor<Root> | undefined;

/**
 * Trees by text. A tree stays alive while some document's blocks hold it; the cache only points at it weakly, so
 * the trees of edited-away versions go with the garbage (the heap does not grow while typing). The most recent
 * trees are also held strongly, for texts that come back (undo, a re-parse after a structural edit).
 */
const cache = new Map<string, WeakRef<Root>>();
const recent: Root[] = [];
const RECENT_LIMIT = 64;
/**
 * A weak reference keeps its target alive until the current job ends: in one long synchronous run (the CLI linting
 * a 40 MB file) every tree would stay. Such a run sets this off (see withoutWeakTreeCache) and finds repeated
 * texts in `lastTrees`, a small strong cache by text, instead.
 */
let weakCache = true;
const lastTrees = new Map<string, Root>();
const LAST_TREES_LIMIT = 256;

/** Runs `fn` with the weak cache of trees off (a one-shot, synchronous lint of a big file: see `weakCache`). */
export function withoutWeakTreeCache<T>(fn: () => T): T {
  const before = weakCache;
  weakCache = false;
  try {
    return fn();
  } finally {
    weakCache = before;
    lastTrees.clear();
  }
}
/**
 * Trees kept by text across several lints of one text and its versions (see withTreesKept), up to a size; undefined
 * when none are kept.
 */
let kept: { trees: Map<string, Root>; bytes: number; budget: number } | undefined;

/**
 * Runs `fn` keeping the trees it parses by text, up to about `budgetBytes` of trees (estimated from their nodes and
 * text), so that lints of successive versions of a text in one synchronous run (the passes of `lint --fix`) parse
 * only the blocks whose text changed, and take the other blocks' findings from the rules' caches (they are kept by
 * tree, see lint.ts checkBlocks). A tree is what parsing its text gives, whenever it is parsed: nothing else changes.
 * Beyond the budget, trees are parsed again as without it. Not nested: an inner call keeps the outer one's trees.
 */
export function withTreesKept<T>(budgetBytes: number, fn: () => T): T {
  if (kept) return fn();
  kept = { trees: new Map(), bytes: 0, budget: budgetBytes };
  try {
    return fn();
  } finally {
    kept = undefined;
  }
}

/**
 * Memory a kept tree holds, roughly: ~400 bytes a node (the node, its position and points), 6 a character of text
 * (the key, the nodes' values) and 3 KB a tree (the rules' cached reports and results by tree). Measured on the
 * hostile corpus: 50,000 talks' trees 253 MB (estimated 275), 30,000 footnotes' 83 MB (93), 100,000 links' 123 MB
 * (142), 2.5 MB of prose 23 MB (18).
 */
function treeBytes(tree: Root, text: string): number {
  let nodes = 0;
  const stack: PositionedNode[] = [tree as PositionedNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes++;
    if (node.children) for (const child of node.children) stack.push(child);
  }
  return nodes * 400 + text.length * 6 + 3_000;
}

function keep(text: string, tree: Root): void {
  if (!kept || kept.bytes >= kept.budget) return;
  kept.bytes += treeBytes(tree, text);
  kept.trees.set(text, tree);
}

const forget = typeof FinalizationRegistry === 'undefined' ? undefined : new FinalizationRegistry<string>((text) => {
  const ref = cache.get(text);
  if (ref && ref.deref() === undefined) cache.delete(text);
});

function getProcessor(): Processor<Root> {
  if (!processor) {
    // Loaded on first use (the bundler keeps these lazy), so activating the extension does not evaluate the
    // Markdown parser: most of the time the line scanner is all that runs before the first lint.
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
    processor = unified().use(remarkParse).use(remarkGfm) as unknown as Processor<Root>;
  }
  return processor;
}

/**
 * remark-parse's parse without unified around it, and without GFM's autolink-literal transform where it cannot find
 * anything (see mayHoldLiteralAutolink): the options are made once from the processor's data, as remark-parse makes
 * them on every call. A block is parsed on its own, so a file of 50,000 talks is 50,000 parses, and each
 * `processor.parse` paid unified's freeze and a VFile on top of the parse.
 */
interface TreeParser {
  fromMarkdown: typeof import('mdast-util-from-markdown').fromMarkdown;
  /** What remark-parse passes to fromMarkdown (its settings and options are empty here). */
  options: FromMarkdownOptions;
  /** The same without the autolink-literal transform. */
  withoutLiteralAutolinks: FromMarkdownOptions;
}
let treeParser: TreeParser | undefined;

function getTreeParser(): TreeParser {
  if (treeParser) return treeParser;
  const p = getProcessor();
  p.freeze();
  const extensions = (p.data('micromarkExtensions') ?? []) as NonNullable<FromMarkdownOptions['extensions']>;
  const mdastExtensions = (p.data('fromMarkdownExtensions') ?? []) as NonNullable<FromMarkdownOptions['mdastExtensions']>;
  const { fromMarkdown } = require('mdast-util-from-markdown') as typeof import('mdast-util-from-markdown');
  treeParser = {
    fromMarkdown,
    options: { extensions, mdastExtensions },
    withoutLiteralAutolinks: { extensions, mdastExtensions: withoutAutolinkTransform(mdastExtensions) },
  };
  return treeParser;
}

/**
 * The mdast extensions (nested lists flattened, in order: fromMarkdown configures them so) with the transform of GFM's
 * autolink literals left out. It is the only transform of remark-gfm (mdast-util-gfm-autolink-literal's, the
 * extension that handles `literalAutolink` tokens); the first parse throws if that ever changes (a test parses).
 */
function withoutAutolinkTransform(list: readonly (MdastExtension | readonly MdastExtension[])[]): MdastExtension[] {
  const flat: MdastExtension[] = [];
  const add = (items: readonly unknown[]): void => {
    for (const item of items) Array.isArray(item) ? add(item) : flat.push(item as MdastExtension);
  };
  add(list);
  let found = 0;
  const out = flat.map((e) => {
    if (!e.transforms || e.transforms.length === 0) return e;
    if (!e.enter || !('literalAutolink' in e.enter) || e.transforms.length !== 1) throw new Error('blocks.ts: an mdast extension with a transform other than the autolink literals');
    found++;
    return { ...e, transforms: [] };
  });
  if (found !== 1) throw new Error(`blocks.ts: expected one autolink-literal transform, found ${found}`);
  return out;
}

/**
 * Whether GFM's autolink-literal transform can find anything in a text parsed from `markdown`. It looks in text nodes
 * for `http://`, `https://` or `www.` (ASCII letters in any case) and for an `@` (e-mail, `mailto:`, `xmpp:`). A text
 * node's value is the source's characters in order, less the indentation of continuation lines (line endings stay)
 * and the backslash of an escape (only before punctuation), with character references decoded: without `www`,
 * `http` (any case), `@` and `&` in the source, none of those is in any text node.
 */
export function mayHoldLiteralAutolink(markdown: string): boolean {
  return LITERAL_AUTOLINK_HINT.test(markdown);
}
const LITERAL_AUTOLINK_HINT = /[@&]|www|http/i;

let parses = 0;
/** Texts given to the Markdown parser so far in this process (a block of many pieces counts each piece): for tests and benchmarks. */
export function markdownParseCount(): number {
  return parses;
}

/** The mdast of a text as remark-parse with remark-gfm gives it (the processor's parse, without unified). */
function parseTree(markdown: string): Root {
  parses++;
  const parser = getTreeParser();
  return parser.fromMarkdown(markdown, mayHoldLiteralAutolink(markdown) ? parser.options : parser.withoutLiteralAutolinks);
}

/**
 * The Markdown parser's first use costs most (loading its modules, compiling its code): done in small steps, with a
 * yield after each, a lint in slices does not pay it in one stretch. Nothing to do once the parser has run.
 */
export function* warmUpMarkdown(): Generator<void> {
  if (treeParser) return;
  getTreeParser();
  yield;
  for (const text of ['Notes', 'Some *notes* with `code` and a [link](https://example.com).', '- a list\n  - nested\n\n> a quote\n\n| a | b |\n|---|---|\n| 1 | 2 |', '```js\ncode\n```\n\n1. one\n2. **two** <b>x</b> ![i](a.png) www.example.com']) {
    parseTree(text);
    yield;
  }
}

/** What the parse of a tree left out (limits.ts), by tree. */
const skippedByTree = new WeakMap<Root, readonly SkippedLines[]>();

/** Lines of the text a tree was parsed from that were beyond the limits of limits.ts and left out (blank). */
export function skippedLinesOf(tree: Root): readonly SkippedLines[] {
  return skippedByTree.get(tree) ?? [];
}

/**
 * The mdast of a piece of Markdown; positions are relative to the piece (line 1 = its first line). Bounded
 * (limits.ts): lines beyond the limits are parsed as blank lines (see skippedLinesOf), and a long run of lines is
 * parsed in pieces whose trees are joined, positions moved to where each piece is.
 */
export function parseMarkdown(text: string): Root {
  return runToEnd(parseMarkdownSteps(text));
}

/** `parseMarkdown` as resumable steps: it yields after each piece, so a big block is parsed across slices. */
export function* parseMarkdownSteps(text: string): Generator<void, Root> {
  const held = kept?.trees.get(text);
  if (held) return held;
  const tree = yield* parseCached(text);
  keep(text, tree);
  return tree;
}

/** parseMarkdownSteps with the caches of trees by text (weak, or in a one-shot lint the last few). */
function* parseCached(text: string): Generator<void, Root> {
  if (!weakCache) {
    const last = lastTrees.get(text);
    if (last) return last;
    const tree = yield* parseBounded(text);
    if (lastTrees.size >= LAST_TREES_LIMIT) lastTrees.delete(lastTrees.keys().next().value!);
    lastTrees.set(text, tree);
    return tree;
  }
  const hit = cache.get(text)?.deref();
  if (hit) return hit;
  const tree = yield* parseBounded(text);
  // Parsed meanwhile by a synchronous read (between two of our steps): that tree is the one rules have seen.
  const raced = cache.get(text)?.deref();
  if (raced) return raced;
  cache.set(text, new WeakRef(tree));
  forget?.register(tree, text);
  recent.push(tree);
  if (recent.length > RECENT_LIMIT) recent.shift();
  return tree;
}

/** The tree of a text, within the limits of limits.ts (pieces yield between them). */
function* parseBounded(text: string): Generator<void, Root> {
  const source = splitLines(text);
  const bounded = boundMarkdown(source);
  // A long fence at the margin is a piece of its own, not parsed: its node is made from its lines (codeNode).
  const alone = new Map<number, LongFence>();
  let cuts = bounded.cuts;
  for (const f of bounded.fences) {
    if (f.indent > 0) continue;
    alone.set(f.opener, f);
    const after = f.end + 1;
    cuts = [...cuts.filter((c) => c <= f.opener || c > after), ...(f.opener > 0 ? [f.opener] : []), ...(after < source.length ? [after] : [])];
  }
  if (alone.size > 0) cuts = [...new Set(cuts)].sort((a, b) => a - b);
  const whole = cuts.length === 0 && alone.size === 0 && trailingBlanks(bounded.lines, 0, bounded.lines.length) < MANY_BLANKS;
  const changed = bounded.skipped.length > 0 || bounded.fences.length > 0;
  const tree = whole ? parseTree(changed ? bounded.lines.join('\n') : text) : yield* parsePieces(bounded.lines, cuts, source, alone);
  if (bounded.skipped.length > 0) skippedByTree.set(tree, bounded.skipped);
  if (bounded.fences.length > alone.size) restoreFences(tree, source, bounded.fences);
  return tree;
}

/** The node of a long fence at the margin, lines [from, to) of `source`, made without parsing (CommonMark's reading). */
function codeNode(source: readonly string[], fence: LongFence, to: number, offset: number, length: number): Code {
  const info = source[fence.opener]!.replace(/^(`{3,}|~{3,})/, '').trim();
  const space = info.search(/\s/);
  const lang = info === '' ? null : space === -1 ? info : info.slice(0, space);
  const meta = space === -1 ? null : info.slice(space).trim() || null;
  const closed = fence.end < source.length;
  // Left open, the fence runs to the end of the text; the line after the last line ending adds nothing.
  let contentEnd = fence.end;
  if (!closed && contentEnd > fence.start && source[contentEnd - 1] === '') contentEnd--;
  const last = closed ? fence.end : Math.max(fence.opener, to - 1);
  return {
    type: 'code',
    lang,
    meta,
    value: source.slice(fence.start, contentEnd).join('\n'),
    position: { start: { line: fence.opener + 1, column: 1, offset }, end: { line: last + 1, column: source[last]!.length + 1, offset: offset + length } },
  };
}

/**
 * Puts the text of long fences back into their code nodes (limits.ts gave their lines to the parser blank), so the
 * preview shows the code as written, and the node of a fence left open ends on its last line (a piece's trailing
 * blank lines are not parsed: see parsePieces). `source`: the lines as written.
 */
function restoreFences(tree: Root, source: readonly string[], fences: readonly LongFence[]): void {
  const byOpener = new Map(fences.map((f) => [f.opener + 1, f]));
  const stack: Array<Root | RootContent> = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'code') {
      const fence = node.position && byOpener.get(node.position.start.line);
      if (fence) {
        node.value = source.slice(fence.start, fence.end).map((line) => stripIndent(line, fence.indent)).join('\n');
        // An open fence runs to the end of the text (1-based line numbers: the last content line is line `end`).
        const end = node.position!.end;
        if (fence.end === source.length && end.line < fence.end) {
          end.line = fence.end;
          end.column = source[fence.end - 1]!.length + 1;
        }
      }
      continue;
    }
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
}

/** A content line of a fence with up to `indent` leading spaces removed (CommonMark). */
function stripIndent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && line[i] === ' ') i++;
  return line.slice(i);
}

/**
 * Parses lines in pieces starting at `cuts`, each on its own, into one tree with positions as in the whole text; a
 * piece that is a fence of `alone` (by its opening line) is made from `source`, not parsed.
 */
function* parsePieces(lines: readonly string[], cuts: readonly number[], source: readonly string[] = lines, alone?: ReadonlyMap<number, LongFence>): Generator<void, Root> {
  const children: Root['children'] = [];
  let offset = 0;
  const starts = [0, ...cuts];
  for (let k = 0; k < starts.length; k++) {
    if (k > 0) yield;
    const from = starts[k]!;
    const to = starts[k + 1] ?? lines.length;
    const piece = lines.slice(from, to).join('\n');
    const fence = alone?.get(from);
    if (fence) {
      children.push(codeNode(source, fence, to, offset, piece.length));
      offset += piece.length + 1;
      continue;
    }
    // Blank lines at the end of a piece add no node, but inside deep containers (lines left out for their nesting
    // are blank) remark pays for each at every level: 1,000 of them took 156 ms. A long run of them is not parsed.
    const blanks = trailingBlanks(lines, from, to);
    const parsed = blanks >= MANY_BLANKS ? lines.slice(from, to - blanks).join('\n') : piece;
    const tree = parseTree(parsed);
    moveTree(tree, from, offset);
    for (const child of tree.children) children.push(child);
    offset += piece.length + 1;
  }
  const end = { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1, offset: offset - 1 };
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}

/** Blank lines at the end of a piece from which they are left out of the parse (see parsePieces). */
const MANY_BLANKS = 32;

/** Blank (or empty) lines at the end of lines [from, to). */
function trailingBlanks(lines: readonly string[], from: number, to: number): number {
  let n = 0;
  while (to - n > from && lines[to - n - 1]!.trim() === '') n++;
  return n;
}

interface PositionedNode {
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
  children?: PositionedNode[];
}

/** Moves every position of a freshly parsed tree down `lines` lines and on `offset` characters (a walk with a stack). */
function moveTree(tree: Root, lines: number, offset: number): void {
  if (lines === 0 && offset === 0) return;
  const stack: PositionedNode[] = [tree as PositionedNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const p = node.position;
    if (p) {
      p.start.line += lines;
      p.end.line += lines;
      if (p.start.offset !== undefined) p.start.offset += offset;
      if (p.end.offset !== undefined) p.end.offset += offset;
    }
    if (node.children) for (const child of node.children) stack.push(child);
  }
}

export interface BlockTree {
  /** 0-based document line of the tree's line 1. */
  startLine: number;
  /** Exclusive end line. */
  endLine: number;
  /** Parsed on first read (cached by text). */
  readonly tree: Root;
  /** Lines [start, end) of the block (block-relative, 0 = startLine) left out of the tree, beyond the limits (limits.ts). */
  readonly skipped: readonly SkippedLines[];
}

const documentBlocks = new WeakMap<NotesDocument, BlockTree[]>();
/** Per block: forgets its tree, given the lines to parse it from again (see releaseTrees). */
const releasers = new WeakMap<BlockTree, (lines: readonly string[]) => void>();
/** Per block: its parse as resumable steps (see treeSteps). */
const steppers = new WeakMap<BlockTree, () => Generator<void>>();

/**
 * Parses a block's tree in steps (a piece of a long block per step; limits.ts), for a lint in slices: reading
 * `block.tree` afterwards costs nothing. A block that is not one of ours is parsed in one step.
 */
export function* treeSteps(block: BlockTree): Generator<void> {
  const steps = steppers.get(block);
  if (steps) yield* steps();
  else void block.tree;
}

/**
 * Lets the trees of the blocks in [fromLine, toLine) go (they are parsed again if read again): a one-shot lint of a
 * big file (the CLI) then holds the trees of one stretch of lines at a time, not the whole file's.
 */
export function releaseTrees(doc: NotesDocument, fromLine: number, toLine: number): void {
  for (const block of blockTrees(doc, fromLine, toLine)) releasers.get(block)?.(doc.lines);
}

/** A block whose tree is parsed on first use: finding the blocks costs no Markdown parse, so work can be sliced. */
function lazyBlock(lines: readonly string[], startLine: number, endLine: number): BlockTree {
  let tree: Root | undefined;
  let skipped: readonly SkippedLines[] | undefined;
  // Dropped once parsed, so a block reused edit after edit does not keep old versions of the document alive.
  let source: readonly string[] | undefined = lines;
  const block: BlockTree = {
    startLine,
    endLine,
    get tree(): Root {
      if (!tree) {
        tree = parseMarkdown(source!.slice(startLine, endLine).join('\n'));
        source = undefined;
      }
      return tree;
    },
    get skipped(): readonly SkippedLines[] {
      // Without parsing: the limits are read from the lines alone.
      skipped ??= tree ? skippedLinesOf(tree) : boundMarkdown(source!.slice(startLine, endLine)).skipped;
      return skipped;
    },
  };
  steppers.set(block, function* () {
    if (tree || !source) return;
    const parsed = yield* parseMarkdownSteps(source.slice(startLine, endLine).join('\n'));
    if (tree) return;
    tree = parsed;
    source = undefined;
  });
  releasers.set(block, (again) => {
    if (!tree) return;
    skipped ??= skippedLinesOf(tree);
    tree = undefined;
    source = again;
  });
  return block;
}

/** Every body block of the document, parsed once per document (the trees themselves are cached by text). */
function allBlocks(doc: NotesDocument): BlockTree[] {
  return documentBlocks.get(doc) ?? runToEnd(findBlocks(doc));
}

/**
 * Finds the document's blocks in steps (a step per few thousand lines: 47,000 lines took 20-65 ms at once), for a
 * lint in slices to run before its first read of `blockTrees`.
 */
export function* findBlocks(doc: NotesDocument): Generator<void, BlockTree[]> {
  const hit = documentBlocks.get(doc);
  if (hit) return hit;
  const result: BlockTree[] = [];
  const headingLines = new Uint8Array(doc.lineCount);
  for (const h of doc.headings) {
    for (let l = h.range.start.line; l <= h.range.end.line; l++) headingLines[l] = 1;
  }
  let start = doc.frontMatter ? doc.frontMatter.range.end.line + 1 : 0;
  const push = (from: number, end: number): void => {
    for (let l = from; l < end; l++) {
      if (doc.lines[l]!.trim() !== '') {
        result.push(lazyBlock(doc.lines, from, end));
        return;
      }
    }
  };
  const flush = (end: number): void => {
    if (end <= start) return;
    // A long stretch between two headings is split where a paragraph may start (limits.ts): blocks stay small.
    let from = start;
    for (const cut of blockCuts(doc.lines, start, end)) {
      push(from, cut);
      from = cut;
    }
    push(from, end);
  };
  let counted = 0;
  for (let line = start; line < doc.lineCount; line++) {
    if (headingLines[line]) {
      counted += line - start;
      flush(line);
      start = line + 1;
      if (counted >= 2_000) {
        counted = 0;
        yield;
        // Found meanwhile by a synchronous read: that list is the one the rules have seen.
        const raced = documentBlocks.get(doc);
        if (raced) return raced;
      }
    }
  }
  flush(doc.lineCount);
  documentBlocks.set(doc, result);
  return result;
}

/**
 * The document's body blocks (the text between two headings, headings excluded, front matter excluded; a long one
 * split into several, see limits.ts blockCuts) that overlap [fromLine, toLine), each as an mdast whose positions are
 * relative: document line = startLine + node.position.line - 1, character = node.position.column - 1.
 */
export function blockTrees(doc: NotesDocument, fromLine = 0, toLine = doc.lineCount): BlockTree[] {
  const blocks = allBlocks(doc);
  if (fromLine <= 0 && toLine >= doc.lineCount) return blocks;
  // Binary search for the first block ending after fromLine.
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.endLine <= fromLine) lo = mid + 1;
    else hi = mid;
  }
  const result: BlockTree[] = [];
  for (let k = lo; k < blocks.length && blocks[k]!.startLine < toLine; k++) result.push(blocks[k]!);
  return result;
}

/**
 * Gives `next` (a model reused after an edit of lines [changed.start, changed.end), same line count) the blocks of
 * `previous`, re-parsing only the blocks that hold a changed line.
 */
export function reuseBlocks(previous: NotesDocument, next: NotesDocument, changed: { start: number; end: number }): void {
  const old = documentBlocks.get(previous);
  if (!old) return;
  const blocks = old.map((b) =>
    b.endLine <= changed.start || b.startLine >= changed.end
      ? b
      : lazyBlock(next.lines, b.startLine, b.endLine),
  );
  documentBlocks.set(next, blocks);
}
