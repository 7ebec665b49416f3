// Hostile input in the core (issue 15): huge numbers of findings, the bounded Markdown parse (src/core/limits.ts)
// and the rewritten patterns. Time limits here only catch hangs (each case took 15 s to minutes before the fix).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseNotes } from '../../src/core';
import { blockTrees, parseMarkdown, skippedLinesOf } from '../../src/core/blocks';
import { maskInline, parseLabelledLine } from '../../src/core/fields';
import { boundMarkdown, MARKDOWN_LIMITS, nestingOf } from '../../src/core/limits';
import { FRONT_MATTER_LINES } from '../../src/core/parse/frontMatter';
import { EMPTY_LINT_CONFIG, fixAllSafe, lintDocument } from '../../src/core/lint';
import { LintSession } from '../../src/core/lintSession';
import type { Finding } from '../../src/core/model';
import type { Rule } from '../../src/core/rules/types';
import { EMAIL, looksLikeEmail, tokenize } from '../../src/core/spelling/tokenize';
import { loadSpeller, type EnglishSpeller } from '../../src/core/spelling/speller';
import { hostileCases } from '../../bench/hostile-corpus';

const root = path.resolve(__dirname, '..', '..');
const readDict = async (rel: string): Promise<Uint8Array> => new Uint8Array(readFileSync(path.join(root, 'dict', rel)));
const TALK = '---\nconference: Hostile Conf\n---\n\n# Hostile Conf\n\n## A talk\n### Jane Doe\n#### Engineer\n#### Acme\n\n';

/** A rule with one finding per line of the document: as many findings as the test wants, cheaply. */
const perLine: Rule = {
  id: 'per-line',
  defaultSeverity: 'hint',
  description: 'one finding per line',
  check: ({ doc }) =>
    doc.lines.map((_, line): Finding => ({ rule: 'per-line', severity: 'hint', message: 'x', range: { start: { line, character: 0 }, end: { line, character: 0 } }, fixes: [] })),
};

describe('hostile input: the core (issue 15)', function () {
  this.timeout(60_000);
  let speller: EnglishSpeller;
  before(async () => {
    speller = await loadSpeller('en-US', readDict);
  });

  describe('one rule with more findings than a call takes arguments', () => {
    const doc = parseNotes('x\n'.repeat(200_000));
    it('lintDocument returns all 200,001 (a spread of them into push overflowed the stack)', () => {
      assert.equal(lintDocument(doc, { rules: {} }, { rules: [perLine] }).length, 200_001);
    });
    it('a lint session in slices returns all of them', async () => {
      const session = new LintSession({ rules: [perLine] });
      session.accept(doc);
      const found = await session.lintAll({ budgetMs: 1_000, yieldFn: async () => {} });
      assert.equal(found?.length, 200_001);
    });
    it('150,000 unknown words are 150,000 spelling findings, and --fix passes keep them all', () => {
      const text = `${TALK}${`${'wrd '.repeat(100)}\n`.repeat(1_500)}`;
      const findings = lintDocument(parseNotes(text), { rules: {} }, { speller });
      assert.equal(findings.filter((f) => f.rule === 'spelling').length, 150_000);
      const fixed = fixAllSafe(text, (t) => parseNotes(t), (d) => lintDocument(d, { rules: { spelling: 'off' } }, { speller }));
      assert.ok(fixed.fixed.length > 0, 'repeated words fixed');
    });
  });

  describe('the bounded Markdown parse', () => {
    it('counts nesting from quote and list markers and from indentation', () => {
      assert.equal(nestingOf('plain text'), 0);
      assert.equal(nestingOf('- item'), 1);
      assert.equal(nestingOf('> > - 1. x'), 4);
      assert.equal(nestingOf('      - deep'), 4);
      assert.equal(nestingOf('- '.repeat(10_000) + 'x'), 10_000);
      assert.equal(nestingOf('>' + '  '.repeat(1_000) + '- x'), 1 + 1 + 999);
    });

    it('blanks lines nested deeper than the limit and keeps the others, positions unchanged', () => {
      const lines = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item${i}`);
      const bounded = boundMarkdown(lines);
      assert.deepEqual(bounded.skipped.map((s) => s.reason), ['deep-nesting']);
      const first = bounded.skipped[0]!.start;
      assert.equal(first, MARKDOWN_LIMITS.nesting, 'line i is nested i + 1 deep');
      assert.equal(bounded.skipped[0]!.end, 300);
      assert.equal(bounded.lines.length, 300);
      assert.equal(bounded.lines[10], lines[10]);
      assert.equal(bounded.lines[first], '');
    });

    it('skips a line with more than the limit of emphasis marks, cuts a long paragraph into pieces', () => {
      const emphasis = boundMarkdown(['before', '*a'.repeat(5_000), 'after']);
      assert.deepEqual(emphasis.skipped, [{ reason: 'inline-marks', start: 1, end: 2 }]);
      // Short lines: a piece every pieceLines lines; long ones: every pieceChars characters.
      const paragraph = boundMarkdown(Array.from({ length: 1_000 }, (_, i) => `p${i}`));
      assert.deepEqual(paragraph.skipped, []);
      assert.deepEqual(paragraph.cuts, [200, 400, 600, 800]);
      const wide = boundMarkdown(Array.from({ length: 100 }, () => 'prose '.repeat(16) + 'end'));
      assert.equal(wide.lines[0]!.length + 1, 100);
      assert.deepEqual(wide.cuts, [20, 40, 60, 80]);
      assert.equal(MARKDOWN_LIMITS.pieceChars, 2_000);
      // Never inside fenced code, never at an indented line.
      const code = boundMarkdown(['```', ...Array.from({ length: 500 }, () => 'code'), '```', ...Array.from({ length: 10 }, () => '    indented')]);
      assert.deepEqual(code.cuts, []);
    });

    it('gives a tree parsed in pieces with the positions of the whole text', () => {
      const lines = Array.from({ length: 1_000 }, (_, i) => `word${i} and *more* text`);
      const text = lines.join('\n');
      const tree = parseMarkdown(text);
      const emphasis: Array<{ line: number; column: number }> = [];
      const stack: any[] = [tree];
      while (stack.length) {
        const node = stack.pop();
        if (node.type === 'emphasis') emphasis.push(node.position.start);
        for (const c of node.children ?? []) stack.push(c);
      }
      assert.equal(emphasis.length, 1_000);
      for (const p of emphasis) assert.equal(lines[p.line - 1]!.slice(p.column - 1, p.column + 5), '*more*');
      assert.deepEqual(skippedLinesOf(tree), []);
    });

    it('reports what it left out once per file (not-checked), and still checks the rest', () => {
      const text = `${TALK}Some notes with a typo: recieve.\n\n${'> '.repeat(200)}deep\n\n${'*a'.repeat(5_000)}\n\nAnd after it, a breif note.\n`;
      const findings = lintDocument(parseNotes(text), { rules: {} }, { speller });
      const notice = findings.filter((f) => f.rule === 'not-checked');
      assert.equal(notice.length, 1);
      assert.match(notice[0]!.message, /^2 lines were not checked.*nested more than 16 levels deep.*more than 2,000 emphasis or link marks/);
      const words = findings.filter((f) => f.rule === 'spelling').map((f) => f.data?.word);
      assert.deepEqual(words, ['recieve', 'breif']);
    });

    it('reads the limits of a block without parsing it', () => {
      const doc = parseNotes(`${TALK}${'- '.repeat(500)}x\n`);
      const blocks = blockTrees(doc);
      assert.deepEqual(blocks.flatMap((b) => b.skipped.map((s) => s.reason)), ['deep-nesting']);
      assert.ok(MARKDOWN_LIMITS.nesting < 500);
    });
  });

  describe('patterns that took quadratic time', () => {
    it('masks a line of 100,000 [ at once, and links as before', () => {
      assert.equal(maskInline('['.repeat(100_000)).length, 100_000);
      const words: Array<[string, string[]]> = [
        ['[Ann Lee](https://x.io) - SRE', ['Ann', 'Lee', '-', 'SRE']],
        ['![alt](a.png "t") and [ref][r] <b>x</b> (@ann)', ['alt', 'and', 'ref', 'x']],
        ['[a [b](c) d', ['[a', 'b', 'd']],
      ];
      for (const [line, expected] of words) {
        const masked = maskInline(line);
        assert.equal(masked.length, line.length);
        assert.deepEqual(masked.split(/\s+/).filter(Boolean), expected);
      }
    });

    it('reads labelled lines as before, and a long non-label line at once', () => {
      assert.equal(parseLabelledLine('**Speaker:** Jane Doe  \\')?.values.speakers[0]?.text, 'Jane Doe');
      assert.equal(parseLabelledLine('- role: Engineer')?.values.role?.text, 'Engineer');
      assert.equal(parseLabelledLine('Speaker: a\\ ')?.values.speakers[0]?.text, 'a\\');
      assert.equal(parseLabelledLine(' '.repeat(100_000) + 'x'), undefined);
      // Past 1,000 characters a line is no field line, whatever it starts with.
      assert.equal(parseLabelledLine('Speaker:' + ' '.repeat(100_000) + '\u2028x'), undefined);
      assert.equal(parseLabelledLine('Speaker:' + ' '.repeat(900) + '\u2028x')?.values.speakers.length ?? 0, 1);
    });

    it('finds e-mail addresses as the regular expression does, in one pass', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[a@.b]{0,12}$/), (chunk) => looksLikeEmail(chunk) === EMAIL.test(chunk)),
        { numRuns: 2_000 },
      );
      assert.deepEqual(tokenize('start ' + 'abcdefghij'.repeat(20_000) + ' end').map((t) => t.text), ['start', 'abcdefghij'.repeat(20_000), 'end']);
      assert.deepEqual(tokenize('word' + '.'.repeat(100_000) + 'x').map((t) => t.text), ['word']);
    });
  });

  describe('every case of the corpus, parsed and linted in process', () => {
    for (const c of hostileCases(0.1)) {
      it(`${c.name}: ${c.what}`, () => {
        const bytes = c.build();
        const text = c.name.startsWith('utf16') ? '' : bytes.toString('utf8');
        const doc = parseNotes(text);
        const findings = lintDocument(doc, { rules: {} }, { speller });
        assert.ok(Array.isArray(findings));
        assert.ok(findings.every((f) => f.range.start.line < doc.lineCount));
      });
    }
  });
});

describe('hostile input: front matter past its first lines (issue 15)', () => {
  const N = FRONT_MATTER_LINES;
  const fmt = (n: number): string => n.toLocaleString('en-US');

  it(`reads the first ${FRONT_MATTER_LINES} lines, up to a top-level key, and the not-checked notice says the rest was not read`, () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `key${i}: value ${i}`);
    const text = `---\nconference: Hostile Conf\nspeaker: Jane Doe\n${keys.join('\n')}\n---\n\n## A talk\n### Jane Doe\n\nnotes\n`;
    const doc = parseNotes(text);
    assert.equal(doc.frontMatter?.conference, 'Hostile Conf');
    assert.equal(doc.frontMatter?.unreadFrom, N + 1);
    // Lines 1 and 2 are the conference and the speaker: line N is key N-3.
    assert.equal(doc.frontMatter?.data[`key${N - 3}`], `value ${N - 3}`);
    assert.equal(doc.frontMatter?.data[`key${N - 2}`], undefined);
    const notices = lintDocument(doc, EMPTY_LINT_CONFIG).filter((f) => f.rule === 'not-checked');
    assert.equal(notices.length, 1);
    const unread = 50_002 - N;
    assert.equal(notices[0]!.message, `${fmt(unread)} lines were not checked, being beyond the limits of the checks: lines ${fmt(N + 2)}-50,003 (front matter past its first ${fmt(N)} lines)`);
    assert.equal(notices[0]!.range.start.line, N + 1);
  });

  it(`reads front matter of up to ${FRONT_MATTER_LINES} lines in full`, () => {
    const keys = Array.from({ length: N - 10 }, (_, i) => `key${i}: value ${i}`);
    const doc = parseNotes(`---\nconference: C\n${keys.join('\n')}\n---\n\n## A talk\n### Jane Doe\n\nnotes\n`);
    assert.equal(doc.frontMatter?.unreadFrom, undefined);
    assert.equal(doc.frontMatter?.data[`key${N - 11}`], `value ${N - 11}`);
  });
});

describe('hostile input: long code (issue 15)', () => {
  const N = MARKDOWN_LIMITS.codeLines;
  const code = (n: number, indent = ''): string[] => Array.from({ length: n }, (_, i) => `${indent}let x${i} = *not* [emphasis] ${i}`);
  const codeNodes = (text: string): Array<{ value: string; start: number; end: number; lang?: string | null }> =>
    parseMarkdown(text).children.filter((c) => c.type === 'code').map((c: any) => ({ value: c.value, start: c.position.start.line, end: c.position.end.line, lang: c.lang }));

  it(`gives a fence of more than ${N} lines to the parser blank, and puts its text back (closed, indented, open)`, () => {
    const lines = code(N + 10, '  ');
    // Indented two: the fence's indentation comes off each line, as CommonMark says.
    const closed = codeNodes(`before\n\n  \`\`\`js\n${lines.join('\n')}\n  \`\`\`\n\nafter *it*\n`);
    assert.deepEqual(closed, [{ value: code(N + 10).join('\n'), start: 3, end: N + 14, lang: 'js' }]);
    assert.deepEqual(boundMarkdown(`\`\`\`\n${lines.join('\n')}\n\`\`\``.split('\n')).fences, [{ opener: 0, start: 1, end: N + 11, indent: 0 }]);
    // Left open, it runs to the end of the text, even past the blank lines a piece leaves out of the parse.
    const open = codeNodes(`~~~\n${lines.join('\n')}\n${'\n'.repeat(40)}last`);
    assert.equal(open.length, 1);
    assert.equal(open[0]!.end, N + 52);
    assert.ok(open[0]!.value.startsWith('  let x0 =') && open[0]!.value.endsWith('last'));
    // A short fence, and a closing fence of another kind (``` does not close ~~~), are as before.
    assert.deepEqual(boundMarkdown(`\`\`\`\n${code(N).join('\n')}\n\`\`\``.split('\n')).fences, []);
    assert.equal(boundMarkdown(`~~~\n${code(N + 1).join('\n')}\n\`\`\`\nmore`.split('\n')).fences[0]!.end, N + 4);
  });

  it('makes the same tree for a long fence as remark does, without giving remark its lines (mdast offsets aside)', () => {
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
    const remark = unified().use(remarkParse).use(remarkGfm);
    const noOffsets = (node: any): any => ({
      ...node,
      position: { start: { line: node.position.start.line, column: node.position.start.column }, end: { line: node.position.end.line, column: node.position.end.column } },
      children: node.children?.map(noOffsets),
    });
    const body = Array.from({ length: N + 20 }, (_, i) => (i % 50 === 7 ? '' : `  x ${i} *a* [b]`)).join('\n');
    const texts = [
      `para\n\`\`\`js  title="a b"\n${body}\n\`\`\`\nafter`,
      `\`\`\`\n${body}\n\`\`\`\n\n    indented after\n`,
      `~~~ python\n${body}\n~~~~~\n- list`,
      `intro\n\n\`\`\`\n${body}\n`,
      `\`\`\`\n${body}`,
      `   \`\`\`\n${body}\n   \`\`\`\nz`,
    ];
    for (const text of texts) assert.deepEqual(parseMarkdown(text).children.map(noOffsets), (remark.parse(text) as any).children.map(noOffsets), text.slice(0, 20));
  });

  it(`cuts a run of indented code after ${N} lines, each piece code again; the prose after it is a paragraph`, () => {
    const lines = code(3 * N + 5, '    ');
    const text = `intro\n\n${lines.join('\n')}\n\nafter *it*\n`;
    assert.deepEqual(boundMarkdown(text.split('\n')).cuts, [2 + N, 2 + 2 * N, 2 + 3 * N]);
    const tree = parseMarkdown(text);
    assert.deepEqual(tree.children.map((c) => c.type), ['paragraph', 'code', 'code', 'code', 'code', 'paragraph']);
    const values = tree.children.filter((c) => c.type === 'code').map((c: any) => c.value as string);
    assert.equal(values.join('\n'), code(3 * N + 5).join('\n'));
    // Indented lines that continue a paragraph (lazy lines) are not code: never cut there.
    assert.deepEqual(boundMarkdown(`para\n${lines.join('\n')}`.split('\n')).cuts.length, 0);
  });
});

describe('hostile input: the line scan of indented lines (issue 15)', () => {
  it('reads an indented line as a list item\'s content when a list item is the nearest unindented line within 200 lines, else as code', () => {
    const { runToEnd, scanSteps } = require('../../src/core/scan') as typeof import('../../src/core/scan');
    const code = (text: string): Array<[number, number]> =>
      runToEnd(scanSteps(text)).nonProse.filter((r) => r.kind === 'code').map((r) => [r.startLine, r.endLine]);
    const indented = (n: number, between = '\n'): string => Array.from({ length: n }, (_, i) => `    line ${i}`).join(between);
    // Under a list item, a blank line before each: its content for 200 lines, then code (the item is too far up).
    assert.deepEqual(code(`- item\n\n${indented(150, '\n\n')}`), [[202, 300]]);
    assert.deepEqual(code(`> quote\n${indented(10)}`), []);
    // After a paragraph and a blank line: code from the first line; 20,000 lines of it, each line read once.
    assert.deepEqual(code(`text\n\n${indented(20_000)}`), [[2, 20_001]]);
    // Blank lines between do not reset the window; an unindented line does.
    assert.deepEqual(code(`- item\n\n    a\n\n    b\nplain\n\n    c`), [[7, 7]]);
  });
});
