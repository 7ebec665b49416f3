// Markdown of one block of notes → a sanitized HTML fragment, through unified (remark-rehype, rehype-sanitize).
// Raw HTML in the notes is shown as code, never parsed; URLs go through the policy in urls.ts.
import type { Processor } from 'unified';
import type { defaultSchema } from 'rehype-sanitize';
import { visit } from 'unist-util-visit';
import type { Root as MdastRoot, Html } from 'mdast';
import type { Root as HastRoot, Element, ElementContent, Properties } from 'hast';
import { parseMarkdown } from '../blocks';
import { classifyUrl } from './urls';

/** Turns a workspace-relative image path (as written) into a URL the page can load; undefined = do not show it. */
export type ResourceResolver = (relativePath: string) => string | undefined;

export interface MarkdownRenderOptions {
  /** Show each line of a paragraph on its own line (note-takers write one thought per line); default true. */
  breaks?: boolean;
  resolveResource?: ResourceResolver;
  /** Identifies the resolver's results (e.g. the document's folder) so cached HTML is not reused across folders. */
  resourceKey?: string;
}

function schemaFrom(base: typeof defaultSchema): typeof defaultSchema {
  return {
    ...base,
    protocols: { ...base.protocols, src: ['http', 'https', 'data'] },
    attributes: {
      ...base.attributes,
      code: [['className', /^language-[\w+#.-]+$/, 'raw-html']],
      pre: [['className', 'raw-html']],
    },
  } as typeof defaultSchema;
}

type HastProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;
let processor: HastProcessor | undefined;

function rawHtml(node: Html, block: boolean): Element {
  const code: Element = { type: 'element', tagName: 'code', properties: { className: ['raw-html'] }, children: [{ type: 'text', value: node.value }] };
  const result: Element = block ? { type: 'element', tagName: 'pre', properties: { className: ['raw-html'] }, children: [code] } : code;
  if (node.position) result.position = node.position;
  return result;
}

function getProcessor(): HastProcessor {
  if (processor) return processor;
  // Loaded on first render (the bundler keeps these lazy): activation does not evaluate the HTML pipeline.
  const { unified } = require('unified') as typeof import('unified');
  const remarkRehype = (require('remark-rehype') as typeof import('remark-rehype')).default;
  const sanitize = require('rehype-sanitize') as typeof import('rehype-sanitize');
  const rehypeStringify = (require('rehype-stringify') as typeof import('rehype-stringify')).default;
  const schema = schemaFrom(sanitize.defaultSchema);
  const rehypeSanitize = sanitize.default;
  processor = unified()
    .use(remarkRehype, {
      handlers: {
        // An mdast `html` node is block-level when its parent is the root (or a list item / quote).
        html: (_state, node: Html, parent) => rawHtml(node, parent === undefined || parent.type !== 'paragraph' && !('phrasing' in parent)),
      },
    })
    .use(rehypeSanitize, schema)
    .use(rehypeStringify) as unknown as HastProcessor;
  return processor;
}

const BLOCK_TAGS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'table', 'tr', 'hr', 'ul', 'ol', 'dl', 'dt', 'dd']);

/** Marker the caller turns into an absolute line: `data-line="<N"`; `<` never reaches the output unescaped otherwise. */
export const RELATIVE_LINE = /\sdata-line="<(\d+)"/g;

function applyUrlPolicy(tree: HastRoot, resolve: ResourceResolver | undefined): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    const props: Properties = node.properties;
    if (node.tagName === 'img') {
      const src = typeof props.src === 'string' ? props.src : '';
      const kind = classifyUrl(src);
      let url: string | undefined;
      if (kind === 'https' || kind === 'data-image') url = src;
      else if (kind === 'relative') url = resolve ? resolve(src) : src;
      if (url === undefined) {
        const alt = typeof props.alt === 'string' && props.alt !== '' ? props.alt : 'image';
        const replacement: Element = {
          type: 'element', tagName: 'span',
          properties: { className: ['blocked-image'], title: `Image not shown (only https, data: and workspace images load): ${src}` },
          children: [{ type: 'text', value: `[${alt}]` }],
        };
        if (parent && index !== undefined) parent.children[index] = replacement as ElementContent;
        return;
      }
      props.src = url;
      props.loading = 'lazy';
    } else if (node.tagName === 'a') {
      const href = typeof props.href === 'string' ? props.href : undefined;
      const kind = href === undefined ? 'blocked' : classifyUrl(href);
      if (kind === 'blocked' || kind === 'data-image') {
        delete props.href;
        props.className = ['blocked-link'];
        props.title = 'Link removed: only http, https, mailto and workspace files can be opened';
      }
    }
  });
}

const PHRASING_PARENTS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'em', 'strong', 'del', 'a', 'span']);

/** Soft line breaks in prose become `<br>` (never inside code). Works on the hast, so the cached mdast is untouched. */
function softBreaksToBr(tree: HastRoot): void {
  visit(tree, 'text', (node, index, parent) => {
    if (!parent || index === undefined || parent.type !== 'element' || parent.tagName === 'code' || parent.tagName === 'pre') return;
    // Whitespace between block elements (`<ul>\n<li>`) is layout, not a line of the notes.
    if (!node.value.includes('\n') || node.value.trim() === '' || !PHRASING_PARENTS.has(parent.tagName)) return;
    const parts = node.value.split(/\r?\n/);
    const replacement: ElementContent[] = [];
    parts.forEach((part, i) => {
      if (i > 0) replacement.push({ type: 'element', tagName: 'br', properties: {}, children: [] }, { type: 'text', value: '\n' });
      if (part !== '') replacement.push({ type: 'text', value: part });
    });
    parent.children.splice(index, 1, ...replacement);
    return index + replacement.length;
  });
}

function markLines(tree: HastRoot): void {
  visit(tree, 'element', (node: Element) => {
    const line = node.position?.start.line;
    if (line !== undefined && BLOCK_TAGS.has(node.tagName)) node.properties.dataLine = `<${line - 1}`;
  });
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 5000;

/**
 * Renders Markdown to HTML. Block elements carry `data-line="<N"` with N the 0-based line inside `text`;
 * `withLineBase` turns those into document lines.
 */
export function renderMarkdownRelative(text: string, options: MarkdownRenderOptions = {}): string {
  const breaks = options.breaks ?? true;
  const key = `${options.resourceKey ?? ''}\u0000${options.resolveResource ? 'r' : '-'}${breaks ? 'b' : '-'}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const p = getProcessor();
  const hast = p.runSync(parseMarkdown(text));
  applyUrlPolicy(hast, options.resolveResource);
  if (breaks) softBreaksToBr(hast);
  markLines(hast);
  const html = p.stringify(hast);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, html);
  return html;
}

/** Replaces the relative line markers of renderMarkdownRelative's output with `base + N`. */
export function withLineBase(html: string, base: number): string {
  return html.replace(RELATIVE_LINE, (_m, n: string) => ` data-line="${base + Number(n)}"`);
}

/** Markdown → HTML with `data-line` attributes counted from `firstLine` (0-based document line of `text`'s first line). */
export function renderMarkdown(text: string, firstLine = 0, options: MarkdownRenderOptions = {}): string {
  return withLineBase(renderMarkdownRelative(text, options), firstLine);
}
