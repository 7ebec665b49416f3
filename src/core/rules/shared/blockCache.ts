// Per-block results, cached by the block's Markdown tree. Trees are cached by text, so after an edit only the
// edited block is computed again; the rest is reused and moved to where the block now starts.
import type { Root } from 'mdast';
import type { BlockTree } from '../../blocks';
import type { Finding, NotesDocument, Position, Range } from '../../model';

/** A block seen from inside: its own lines, starting at line 0. */
export interface LocalBlock {
  lines: readonly string[];
  block: BlockTree;
}

function localOf(doc: NotesDocument, block: BlockTree): LocalBlock {
  return { lines: doc.lines.slice(block.startLine, block.endLine), block: { startLine: 0, endLine: block.endLine - block.startLine, tree: block.tree, skipped: block.skipped } };
}

/** `compute` on the block with block-relative lines, cached per tree in `cache`. */
export function cachedForBlock<T>(cache: WeakMap<Root, T>, doc: NotesDocument, block: BlockTree, compute: (local: LocalBlock) => T): T {
  let hit = cache.get(block.tree);
  if (hit === undefined) {
    hit = compute(localOf(doc, block));
    cache.set(block.tree, hit);
  }
  return hit;
}

export function shiftPosition(p: Position, lines: number): Position {
  return { line: p.line + lines, character: p.character };
}

export function shiftRange(r: Range, lines: number): Range {
  return { start: shiftPosition(r.start, lines), end: shiftPosition(r.end, lines) };
}

/** A block-relative finding moved to the block's place in the document (fixes included). */
export function shiftFinding(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  return {
    ...f,
    range: shiftRange(f.range, lines),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })) })),
  };
}
