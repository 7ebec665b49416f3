// The Markdown parse of blocks (src/core/blocks.ts) without unified around it: the same trees as remark-parse with
// remark-gfm, with GFM's autolink-literal transform left out only where it cannot find anything; and the plain walk
// of the spelling rule in unist-util-visit's order.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import type { Node } from 'unist';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import { mayHoldLiteralAutolink, parseMarkdown } from '../../src/core/blocks';
import { boundMarkdown } from '../../src/core/limits';
import { everyNode } from '../../src/core/rules/shared/prose';
import { hostileCases } from '../../bench/hostile-corpus';

const remark = unified().use(remarkParse).use(remarkGfm);
const root = path.resolve(__dirname, '..', '..');
const sample = readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8');

/** Texts parsed in one piece and as written by parseMarkdown (limits.ts), so its tree is remark's own. */
function onePiece(text: string): boolean {
  const bounded = boundMarkdown(text.split(/\r\n|\r|\n/));
  return bounded.cuts.length === 0 && bounded.skipped.length === 0 && bounded.fences.length === 0;
}

/** The text's paragraphs and sections, in pieces small enough to be parsed whole. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let piece = '';
  for (const part of text.split(/\n(?=\n)/)) {
    if ((piece + part).length > 1_500 || (piece + part).split('\n').length > 150) {
      if (piece) out.push(piece);
      piece = '';
    }
    piece += part;
  }
  if (piece) out.push(piece);
  return out.filter(onePiece);
}

/** A fresh copy of the text, so parseMarkdown's cache by text does not answer (it would return the same tree). */
const fresh = (text: string): string => (' ' + text).slice(1);

const AUTOLINKISH = [
  'see www.example.com for more',
  'WWW.EXAMPLE.COM and Https://x.org/a?b=c.',
  'mail jane@example.com or mailto:jane@example.com or xmpp:jane@example.com/home',
  'an entity &#64; makes jane&#64;example.com, &#x77;ww.example.com and &commat;',
  'h&#116;tp://example.com/x and ww&#119;.example.com',
  'escaped \\@ and w\\ww.example.com and www\\.example.com',
  '[a link www.example.com](https://example.com) and ![img www.x.com](a.png)',
  '`code www.example.com` and <https://example.com> and <jane@example.com>',
  '| a | www.example.com |\n|---|---|\n| jane@example.com | http://x.y |',
  'Point[^1] www.example.com.\n\n[^1]: Note at https://example.com/a.',
  '> quoted www.example.com\n> and jane@example.com\n\n- item http://example.com\n  www.next.org',
  'line one ww\n  w.example.com continues',
  'ftp://example.com is not one; http:/ neither; www is not either',
];

describe('Markdown parse of blocks', () => {
  it('gives remark-parse with remark-gfm’s tree for the sample, the hostile corpus and autolink-like text', () => {
    const texts = [...chunks(sample), ...AUTOLINKISH];
    for (const c of hostileCases(0.002)) {
      if (c.name.startsWith('utf16')) continue;
      texts.push(...chunks(c.build().toString('utf8')).slice(0, 20));
    }
    assert.ok(texts.length > 60, `${texts.length} texts`);
    let skipped = 0;
    for (const text of texts) {
      if (!mayHoldLiteralAutolink(text)) skipped++;
      assert.deepEqual(parseMarkdown(fresh(text)), remark.parse(text), text.slice(0, 200));
    }
    // Both paths are taken.
    assert.ok(skipped > 10 && skipped < texts.length, `${skipped} of ${texts.length} without the transform`);
  });

  it('gives remark’s tree for random text of link, e-mail, entity and footnote characters', () => {
    const piece = fc.constantFrom('w', 'ww', 'www', '.', 'h', 't', 'tp', 'http', 's', ':', '//', '@', '&', '#', '64;', 'x77;', 'amp;', 'commat;', '\\', 'a', 'Z', '1', ' ', '\n', '\n\n', '  ', '[', ']', '^', '(', ')', '*', '_', '`', '<', '>', '-', '|', 'mailto:', 'xmpp:', 'example', 'com');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(parseMarkdown(fresh(text)), remark.parse(text));
      }),
      { numRuns: 1_500 },
    );
  });

  it('leaves the autolink transform out only for text without www, http, @ or & (any case)', () => {
    for (const text of AUTOLINKISH.slice(0, 11)) assert.ok(mayHoldLiteralAutolink(text), text);
    for (const text of ['Point[^12].\n\n[^12]: Note 12.', 'the speaker talked about scale', 'ww w.example.com', 'htt p://x.y', 'mail: jane at example.com']) {
      assert.ok(!mayHoldLiteralAutolink(text), text);
    }
    assert.ok(mayHoldLiteralAutolink('WwW'));
    assert.ok(mayHoldLiteralAutolink('hTtP'));
  });
});

describe('everyNode', () => {
  it('visits the nodes of a tree in unist-util-visit’s order', () => {
    const trees: Root[] = [...chunks(sample), ...AUTOLINKISH].map((t) => remark.parse(t));
    for (const tree of trees) {
      const expected: Node[] = [];
      visit(tree, (node: Node) => {
        expected.push(node);
      });
      const walked: Node[] = [];
      everyNode(tree, (node) => walked.push(node));
      assert.equal(walked.length, expected.length);
      walked.forEach((node, i) => assert.equal(node, expected[i]));
    }
  });
});
