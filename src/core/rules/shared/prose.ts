// Plain prose of a document (text nodes of the Markdown bodies), with exact source positions,
// so word-level rules never look into code, URLs, HTML or headings.
import type { Node } from 'unist';
import { blockTrees, type BlockTree } from '../../blocks';
import type { NotesDocument, Position, Range } from '../../model';

export interface ProseRun {
  /** The source text of one text node (may span lines, joined with \n). */
  text: string;
  /** Document position of the run's first character. */
  start: Position;
  /** Document position of an offset inside `text`. */
  positionAt(offset: number): Position;
}

export function rangeIn(run: ProseRun, from: number, to: number): Range {
  return { start: run.positionAt(from), end: run.positionAt(to) };
}

interface TreeNode extends Node {
  children?: TreeNode[];
}

/** Calls `fn` for every node of `type` (depth first). A plain walk: unist-util-visit costs 30× more on big files. */
export function eachNode(tree: Node, types: readonly string[], fn: (node: Node) => void): void {
  const stack: TreeNode[] = [tree as TreeNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (types.includes(node.type)) fn(node);
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/**
 * Calls `fn` for every node, the tree itself first, in unist-util-visit's order (preorder, children in order): a
 * plain walk, where unist-util-visit makes a closure per node and renames it (`Object.defineProperty`).
 */
export function everyNode(tree: Node, fn: (node: Node) => void): void {
  const stack: TreeNode[] = [tree as TreeNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    fn(node);
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** The source text of a node of a block tree, with a way back to document positions. */
export function nodeSource(doc: { readonly lines: readonly string[] }, block: Pick<BlockTree, 'startLine'>, node: Node): ProseRun | undefined {
  const pos = node.position;
  if (!pos) return undefined;
  const startLine = block.startLine + pos.start.line - 1;
  const endLine = block.startLine + pos.end.line - 1;
  const startChar = pos.start.column - 1;
  const endChar = pos.end.column - 1;
  const parts: string[] = [];
  const lineOffsets: number[] = [];
  let length = 0;
  for (let l = startLine; l <= endLine; l++) {
    const line = doc.lines[l] ?? '';
    const from = l === startLine ? startChar : 0;
    const to = l === endLine ? endChar : line.length;
    lineOffsets.push(length);
    const part = line.slice(from, to);
    parts.push(part);
    length += part.length + 1;
  }
  return {
    text: parts.join('\n'),
    start: { line: startLine, character: startChar },
    positionAt(offset: number): Position {
      let i = lineOffsets.length - 1;
      while (i > 0 && lineOffsets[i]! > offset) i--;
      return { line: startLine + i, character: (i === 0 ? startChar : 0) + offset - lineOffsets[i]! };
    },
  };
}

/** Text runs of one block (positions as the block's `startLine` places them). */
export function blockRuns(doc: { readonly lines: readonly string[] }, block: BlockTree): ProseRun[] {
  const runs: ProseRun[] = [];
  eachNode(block.tree, ['text'], (node) => {
    const run = nodeSource(doc, block, node);
    if (run) runs.push(run);
  });
  return runs;
}

/** Text runs of the document's bodies between fromLine and toLine (exclusive). */
export function proseRuns(doc: NotesDocument, fromLine = 0, toLine = doc.lineCount): ProseRun[] {
  const runs: ProseRun[] = [];
  for (const block of blockTrees(doc, fromLine, toLine)) for (const run of blockRuns(doc, block)) runs.push(run);
  return runs;
}
