// `[spiffe](spiffe.io)`: a link target that looks like a domain but has no scheme, so it resolves as a relative file.
import type { Definition, Link } from 'mdast';
import type { BlockTree } from '../blocks';
import type { Range } from '../model';
import type { BlockRule, Report } from './types';
import { eachNode, nodeSource } from './shared/prose';

// Targets ending like these are files far more often than domains (`notes.md`, `slides.pdf`).
const FILE_EXTENSIONS = new Set([
  'md', 'markdown', 'mdx', 'txt', 'html', 'htm', 'pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'json', 'yaml', 'yml',
  'toml', 'xml', 'csv', 'js', 'mjs', 'ts', 'tsx', 'jsx', 'css', 'scss', 'py', 'rb', 'go', 'rs', 'java', 'sh', 'zip', 'gz',
  'tar', 'mp4', 'mov', 'mp3', 'doc', 'docx', 'ppt', 'pptx', 'xls', 'xlsx', 'key', 'ipynb', 'lock', 'log', 'cfg', 'ini', 'conf',
]);
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{1,5})?(?:[/?#].*)?$/i;

export interface SchemeLessLink {
  target: string;
  /** Where the target is written (for the fix), or the whole link when it could not be located. */
  range: Range;
  located: boolean;
}

function linksIn(lines: readonly string[], block: BlockTree): SchemeLessLink[] {
  const links: SchemeLessLink[] = [];
  eachNode(block.tree, ['link', 'definition'], (node) => {
    const target = (node as Link | Definition).url;
    const m = DOMAIN.exec(target);
    if (!m || FILE_EXTENSIONS.has(m[1]!.toLowerCase())) return;
    const source = nodeSource({ lines }, block, node);
    if (!source) return;
    const marker = node.type === 'link' ? source.text.lastIndexOf('](') : source.text.indexOf(']:');
    let at = marker === -1 ? -1 : marker + 2;
    if (at !== -1) {
      while (at < source.text.length && /[ \t\n<]/.test(source.text[at]!)) at++;
      if (!source.text.startsWith(target, at)) at = -1;
    }
    links.push(
      at === -1
        ? { target, range: { start: source.positionAt(0), end: source.positionAt(source.text.length) }, located: false }
        : { target, range: { start: source.positionAt(at), end: source.positionAt(at + target.length) }, located: true },
    );
  });
  return links;
}

export const linkWithoutScheme: BlockRule = {
  id: 'link-without-scheme',
  defaultSeverity: 'warning',
  description: "A link such as '[spiffe](spiffe.io)' whose target looks like a web address but has no 'https://', so it opens as a file.",
  scope: 'block',
  checkBlock: (local) =>
    linksIn(local.lines, local.block).map((link): Report => ({
      message: `Link target '${link.target}' has no scheme, so it opens as a file (expected 'https://${link.target}')`,
      range: link.range,
      fixes: link.located
        ? [{ title: `Change to 'https://${link.target}'`, preferred: true, safe: true, edits: [{ range: { start: link.range.start, end: link.range.start }, newText: 'https://' }] }]
        : [],
      data: { target: link.target },
    })),
  // Whether the target is a file is asked every time: files come and go while the block stays the same.
  keep: (report, ctx) => !ctx.fileExists?.(String(report.data?.target)),
};
