// Hostile notes: raw HTML, event handlers, script URLs and style attributes must come out inert.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from '../../src/core/parser';
import { classifyUrl, isOpenableLink, parseFromPreview, renderExportPage, renderPreviewBody } from '../../src/core/preview';

const fixture = readFileSync(path.resolve(__dirname, '../fixtures/preview/hostile.md'), 'utf8');

const ALLOWED_TAGS = new Set([
  'div', 'section', 'header', 'nav', 'article', 'details', 'summary', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'span',
  'ol', 'ul', 'li', 'a', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'img', 'br', 'hr', 'input', 'button', 'sup', 'sub', 'html', 'head', 'body', 'meta', 'title', 'style',
]);
const ALLOWED_ATTRS = new Set([
  'class', 'id', 'href', 'src', 'alt', 'title', 'loading', 'type', 'disabled', 'checked', 'align', 'start',
  'data-line', 'data-range', 'data-talk', 'aria-label', 'aria-hidden', 'lang', 'charset', 'name', 'content', 'http-equiv',
  'data-footnote-ref', 'data-footnote-backref', 'data-footnotes', 'aria-describedby',
]);

interface Tag { name: string; attrs: Map<string, string> }

/** Every real start tag of the output (escaped `&#x3C;` text is not a tag, which is the point). */
function tags(html: string): Tag[] {
  const result: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g)) {
    const attrs = new Map<string, string>();
    for (const a of m[2]!.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attrs.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    }
    result.push({ name: m[1]!.toLowerCase(), attrs });
  }
  return result;
}

function assertInert(html: string): void {
  const all = tags(html);
  assert.ok(all.length > 10, 'the scanner sees the tags');
  for (const tag of all) {
    assert.ok(ALLOWED_TAGS.has(tag.name), `unexpected element <${tag.name}>`);
    for (const [name, value] of tag.attrs) {
      assert.ok(ALLOWED_ATTRS.has(name), `unexpected attribute ${name}="${value}" on <${tag.name}>`);
      assert.ok(!name.startsWith('on'), `event handler ${name} on <${tag.name}>`);
    }
    const href = tag.attrs.get('href');
    if (href !== undefined) assert.ok(isOpenableLink(href), `href ${href} on <${tag.name}>`);
    const src = tag.attrs.get('src');
    if (src !== undefined) assert.ok(['https', 'data-image', 'relative'].includes(classifyUrl(src)), `src ${src}`);
  }
  assert.ok(!all.some((t) => t.name === 'style' && !html.startsWith('<!DOCTYPE')), 'no <style> in the body');
}

describe('preview security', () => {
  const doc = parseNotes(fixture);

  it('parses the hostile fixture into two talks', () => {
    assert.deepEqual(doc.talks.map((t) => t.speaker?.text), ['Mallory Example', 'Alice Example']);
  });

  it('renders <script>, onerror, javascript: links, iframes, forms and style= as inert text', () => {
    const html = renderPreviewBody(doc, { interactive: true });
    assertInert(html);
    assert.doesNotMatch(html, /<script|<iframe|<svg|<form|<object|<embed/i);
    // Inside real tags only: the escaped raw HTML shown as text may (and should) still read `onerror=`.
    assert.doesNotMatch(html, /<[^>]*\son\w+\s*=/i);
    assert.doesNotMatch(html, /<[^>]*\sstyle\s*=/i);
    assert.doesNotMatch(html, /<[^>]*\shref="\s*(javascript|data|vbscript):/i);
    // The raw HTML is still visible to the reader, as code.
    assert.ok(html.includes('<code class="raw-html">&#x3C;script>'), 'the script is shown as text');
    assert.ok(html.includes('onerror'), 'the handler is shown as text');
    // The safe Markdown beside it still works.
    assert.ok(html.includes('<a href="https://example.com">https link</a>'));
    assert.ok(html.includes('<a href="mailto:alice@example.com">mail link</a>'));
    assert.ok(html.includes('<img src="https://example.com/photo.png"'));
    assert.match(html, /<a class="blocked-link"[^>]*>javascript link<\/a>/);
  });

  it('keeps the exported page inert too', () => {
    const page = renderExportPage(doc, { css: 'body{}' });
    assertInert(page);
    assert.doesNotMatch(page, /<script/i);
  });

  it('classifies URLs, including ones obfuscated with whitespace and case', () => {
    assert.equal(classifyUrl('https://a.b/c'), 'https');
    assert.equal(classifyUrl('http://a.b/c'), 'http');
    assert.equal(classifyUrl('MAILTO:a@b.c'), 'mailto');
    assert.equal(classifyUrl('docs/other.md#L3'), 'relative');
    assert.equal(classifyUrl('#talk-3'), 'fragment');
    assert.equal(classifyUrl('data:image/png;base64,AA'), 'data-image');
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', ' java\nscript:alert(1)', 'java\tscript:x', 'vbscript:x',
      'data:text/html,<script>', 'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', '//evil.example/a', '']) {
      assert.equal(classifyUrl(bad), 'blocked', JSON.stringify(bad));
    }
  });

  it('accepts only well-formed messages from the webview', () => {
    assert.deepEqual(parseFromPreview({ type: 'openLine', line: 3 }), { type: 'openLine', line: 3 });
    assert.equal(parseFromPreview({ type: 'openLine', line: -1 }), undefined);
    assert.equal(parseFromPreview({ type: 'openLine', line: '3' }), undefined);
    assert.equal(parseFromPreview({ type: 'runCommand', command: 'x' }), undefined);
    assert.equal(parseFromPreview('ready'), undefined);
    assert.equal(parseFromPreview({ type: 'revealRange', range: { start: { line: 1 }, end: { line: 1, character: 2 } } }), undefined);
    assert.deepEqual(parseFromPreview({ type: 'openLink', href: 'https://a.b' }), { type: 'openLink', href: 'https://a.b' });
  });
});
