import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, comparePositions, lineStarts, offsetAt, rangesOverlap } from '../../src/core/edits';
import { fixAllSafe, planSafeFixes } from '../../src/core/lint';
import type { Finding, NotesDocument, TextEdit } from '../../src/core/model';

/** Each edit applied in turn from the end of the text (what applyEdits did before it made one pass). */
function oneByOne(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const resolved = edits
    .map((e) => ({ from: offsetAt(starts, text, e.range.start), to: offsetAt(starts, text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  let limit = Infinity;
  for (const e of resolved) {
    if (e.to > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.from) + e.newText + out.slice(e.to);
    limit = e.from;
  }
  return out;
}

describe('applyEdits', () => {
  it('gives the text of applying each edit in turn from the end, and refuses the same overlaps', () => {
    const position = fc.record({ line: fc.nat(6), character: fc.nat(12) });
    const edit = fc.record({ start: position, length: fc.oneof(fc.constant(0), fc.nat(8)), newText: fc.constantFrom('', 'x', 'yy\n', 'z\r\n') });
    fc.assert(
      fc.property(fc.constantFrom('', 'one\ntwo\nthree', 'a\r\nbb\r\n\r\nccc', 'long line here\n\nand more\rmixed\n'), fc.array(edit, { maxLength: 6 }), (text, raw) => {
        const edits: TextEdit[] = raw.map((e) => ({ range: { start: e.start, end: { line: e.start.line, character: e.start.character + e.length } }, newText: e.newText }));
        let expected: string | Error;
        try {
          expected = oneByOne(text, edits);
        } catch (err) {
          expected = err as Error;
        }
        if (expected instanceof Error) assert.throws(() => applyEdits(text, edits), /overlapping edits/);
        else assert.equal(applyEdits(text, edits), expected);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('applies thousands of edits to a big text in one pass', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} with teh typo`);
    const edits: TextEdit[] = lines.map((l, i) => ({ range: { start: { line: i, character: l.indexOf('teh') }, end: { line: i, character: l.indexOf('teh') + 3 } }, newText: 'the' }));
    const fixed = applyEdits(lines.join('\n'), edits);
    assert.equal(fixed, lines.map((l) => l.replace('teh', 'the')).join('\n'));
  });
});

describe('planSafeFixes', () => {
  /** The plan made by checking each fix against every edit taken (what planSafeFixes did before it kept them in order). */
  function naivePlan(findings: readonly Finding[]): { edits: TextEdit[]; fixed: Finding[] } {
    const edits: TextEdit[] = [];
    const fixed: Finding[] = [];
    for (const finding of findings) {
      const fix = finding.fixes.find((f) => f.preferred);
      if (!fix?.safe) continue;
      // (A fix whose own edits overlap is left out: applyEdits would refuse the whole plan.)
      if (fix.edits.some((e, i) => fix.edits.some((o, j) => j < i && rangesOverlap(e.range, o.range)))) continue;
      if (fix.edits.some((e) => edits.some((taken) => rangesOverlap(e.range, taken.range)))) continue;
      edits.push(...fix.edits);
      fixed.push(finding);
    }
    edits.sort((a, b) => comparePositions(a.range.start, b.range.start));
    return { edits, fixed };
  }

  it('takes the fixes that checking each against every one taken takes, in any order of findings', () => {
    const position = fc.record({ line: fc.nat(4), character: fc.nat(10) });
    const edit = fc.record({ start: position, length: fc.oneof(fc.constant(0), fc.nat(6)), newText: fc.constantFrom('', 'x') });
    const finding = fc.record({ edits: fc.array(edit, { minLength: 1, maxLength: 2 }), safe: fc.boolean(), preferred: fc.boolean() });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 25 }), (raw) => {
        const findings: Finding[] = raw.map((f, i) => ({
          rule: 'test',
          severity: 'warning',
          message: `finding ${i}`,
          range: { start: f.edits[0]!.start, end: f.edits[0]!.start },
          fixes: [{ title: 'fix', preferred: f.preferred, safe: f.safe, edits: f.edits.map((e) => ({ range: { start: e.start, end: { line: e.start.line, character: e.start.character + e.length } }, newText: e.newText })) }],
        }));
        const plan = planSafeFixes(findings);
        const naive = naivePlan(findings);
        assert.deepEqual(plan.fixed, naive.fixed);
        assert.deepEqual(plan.edits, naive.edits);
        assert.doesNotThrow(() => applyEdits('0123456789\n'.repeat(5), plan.edits), 'a plan applies');
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});

describe('fixAllSafe', () => {
  // A stand-in lint: every "xx" of the one-line text is a finding whose safe fix makes it "x" (overlapping fixes wait
  // for the next pass, so "xxxx" takes two passes).
  const lintText = (text: string): Finding[] => {
    const out: Finding[] = [];
    for (let i = text.indexOf('xx'); i >= 0; i = text.indexOf('xx', i + 1)) {
      const range = { start: { line: 0, character: i }, end: { line: 0, character: i + 2 } };
      out.push({ rule: 'test', severity: 'warning', message: 'xx', range, fixes: [{ title: 'x', preferred: true, safe: true, edits: [{ range, newText: 'x' }] }] });
    }
    return out;
  };
  const counting = () => {
    const calls = { parse: 0, lint: 0 };
    const parse = (text: string): NotesDocument => {
      calls.parse++;
      return { lines: [text] } as unknown as NotesDocument;
    };
    const lint = (doc: NotesDocument): Finding[] => {
      calls.lint++;
      return lintText(doc.lines[0]!);
    };
    return { calls, parse, lint };
  };

  it('fixes pass after pass until nothing is left', () => {
    const { calls, parse, lint } = counting();
    assert.equal(fixAllSafe('axxxxb', parse, lint).text, 'axb');
    assert.equal(calls.lint, 3);
  });

  it("starts from the caller's findings, and parses and lints nothing when none has a safe fix", () => {
    const { calls, parse, lint } = counting();
    const doc = { lines: ['abc'] } as unknown as NotesDocument;
    const result = fixAllSafe('abc', parse, lint, 10, { doc, findings: [] });
    assert.equal(result.text, 'abc');
    assert.deepEqual(calls, { parse: 0, lint: 0 });
    assert.equal(fixAllSafe('axxxxb', parse, lint, 10, { doc: { lines: ['axxxxb'] } as unknown as NotesDocument, findings: lintText('axxxxb') }).text, 'axb');
    assert.deepEqual(calls, { parse: 2, lint: 2 }, 'the first pass from the given findings');
  });

  it('stops before a pass `another` refuses, keeping the passes done', () => {
    const { calls, parse, lint } = counting();
    const seen: string[] = [];
    const result = fixAllSafe('axxxxb', parse, lint, 10, undefined, (text) => {
      seen.push(text);
      return false;
    });
    assert.equal(result.text, 'axxb', 'one pass');
    assert.deepEqual(seen, ['axxb']);
    assert.equal(calls.lint, 1);
  });
});
