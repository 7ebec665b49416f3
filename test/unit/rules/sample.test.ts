// The sample's figures, rule by rule (issue 4's acceptance list), and the deleted-field variants.
import { strict as assert } from 'node:assert';
import { parseNotes } from '../../../src/core';
import { applyPreferred, lines, lint, sampleText, sampleWithout } from './helpers';

describe('lint on samples/scaleconf-2017.md', () => {
  const text = sampleText();
  const all = lint(text);
  const byRule = (id: string) => all.filter((f) => f.rule === id);

  it('reports field-heading-level exactly at lines 33 and 35', () => {
    assert.deepEqual(lines(byRule('field-heading-level')), [33, 35]);
    assert.match(byRule('field-heading-level')[0]!.message, /role heading 'Software Engineer'.*level 3.*level 4/);
  });

  it('reports the six talks without notes, the last six', () => {
    assert.deepEqual(lines(byRule('empty-talk')), [173, 180, 187, 194, 201, 208]);
    assert.ok(byRule('empty-talk').every((f) => f.severity === 'hint'));
  });

  it('reports the three links without a scheme on lines 116-118', () => {
    const links = byRule('link-without-scheme');
    assert.deepEqual(lines(links), [116, 117, 118]);
    assert.deepEqual(links.map((f) => f.data?.target), ['spiffe.io', 'padme.io', 'istio.io']);
  });

  it('reports one mojibake on line 180 and repairs it to a curly quote', () => {
    const [m, ...rest] = byRule('mojibake');
    assert.equal(rest.length, 0);
    assert.equal(m!.range.start.line + 1, 180);
    assert.equal(applyPreferred(text, m!).split('\n')[179], '## Lessons Learned from building a “serverless" API');
  });

  it('reports "Ronan" (line 58) and "Json" (line 169) as misspellings of the speakers Ronen and Jason', () => {
    const found = byRule('speaker-name-mismatch');
    assert.deepEqual(found.map((f) => [f.range.start.line + 1, f.data?.word, f.data?.name]), [
      [58, 'Ronan', 'Ronen'],
      [169, 'Json', 'Jason'],
    ]);
  });

  it('reports "some some" on line 135 and the repeated phrase "tend to use" on line 22', () => {
    const found = byRule('repeated-word');
    assert.deepEqual(lines(found), [22, 135]);
    assert.equal(found[1]!.data?.phrase, 'some');
    assert.equal(found[0]!.data?.phrase, 'tend to use');
    assert.match(applyPreferred(text, found[1]!).split('\n')[134]!, /they had some branch/);
    assert.match(applyPreferred(text, found[0]!).split('\n')[21]!, /and tend to use them for/);
  });

  it('after fixing line 33 alone, still reports line 35 (the talk keeps one speaker and its company)', () => {
    const [role, company] = byRule('field-heading-level');
    const fixed = applyPreferred(text, role!);
    assert.deepEqual(lines(lint(fixed, 'field-heading-level')), [35]);
    const talk = parseNotes(fixed).talks[1]!;
    assert.deepEqual([talk.speakers.map((s) => s.text), talk.role?.text, talk.company?.text], [['Sarah Dapul-Weberman'], 'Software Engineer', 'Pinterest']);
    // And the other order.
    assert.deepEqual(lines(lint(applyPreferred(text, company!), 'field-heading-level')), [33]);
  });

  it('reports no missing fields and no duplicate talks (Intro and Disclaimer are sections)', () => {
    for (const id of ['missing-speaker', 'missing-role', 'missing-company', 'duplicate-talk']) assert.deepEqual(byRule(id), [], id);
  });

  it('counts per rule', () => {
    const counts: Record<string, number> = {};
    for (const f of all) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    assert.deepEqual(counts, { 'repeated-word': 2, 'field-heading-level': 2, 'speaker-name-mismatch': 2, 'link-without-scheme': 3, 'empty-talk': 6, mojibake: 1 });
  });

  const variants: Array<[string, number, string, number]> = [
    ['speaker', 14, 'missing-speaker', 13],
    ['role', 52, 'missing-role', 49],
    ['company', 54, 'missing-company', 49],
    ['speaker', 195, 'missing-speaker', 194],
    ['role', 204, 'missing-role', 201],
    ['company', 213, 'missing-company', 208],
  ];
  for (const [field, line, rule, talkLine] of variants) {
    it(`deleting the ${field} heading on line ${line} yields exactly ${rule} on the talk at line ${talkLine}`, () => {
      const variant = sampleWithout(line);
      const before = new Map<string, number>();
      for (const f of all) before.set(f.rule, (before.get(f.rule) ?? 0) + 1);
      const after = lint(variant);
      const missing = after.filter((f) => f.rule.startsWith('missing-'));
      assert.deepEqual(missing.map((f) => [f.rule, f.range.start.line + 1]), [[rule, talkLine]]);
      // Nothing else appears or disappears.
      assert.equal(after.length, all.length + 1);
      // The fix writes the field in the sample's layout, and the talk reads it back.
      const fixed = applyPreferred(variant, missing[0]!);
      const talk = parseNotes(fixed).talks.find((t) => t.headingRange.start.line + 1 === talkLine)!;
      const expected = { speaker: 'Speaker name', role: 'Role', company: 'Company' }[field as 'speaker'];
      assert.equal(talk[field as 'speaker']?.text, expected);
      assert.equal(talk[field as 'speaker']?.headingLevel, field === 'speaker' ? 3 : 4);
      assert.equal(parseNotes(fixed).talks.length, 13);
    });
  }
});
