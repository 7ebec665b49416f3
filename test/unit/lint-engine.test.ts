// The lint engine (severities, off, order, failing rules), the config file, and the edit helpers.
import { strict as assert } from 'node:assert';
import { parseNotes } from '../../src/core';
import { lintDocument, lintDocumentByStretch, planSafeFixes, fixAllSafe, nearestFindings } from '../../src/core/lint';
import type { Finding } from '../../src/core/model';
import { parseLintConfig, mergeLintConfig, LintConfigError } from '../../src/core/lintConfig';
import { applyEdits, snippetToPlain, escapeSnippet } from '../../src/core/edits';
import { allRules, structureRules } from '../../src/core/rules';
import type { Rule } from '../../src/core/rules/types';
import { sampleText } from './rules/helpers';

describe('lint engine', () => {
  const doc = parseNotes(sampleText());

  it('registers the ten structure rules with their fixed ids and default severities', () => {
    assert.deepEqual(
      structureRules.map((r) => [r.id, r.defaultSeverity]),
      [
        ['missing-speaker', 'warning'],
        ['missing-role', 'information'],
        ['missing-company', 'information'],
        ['field-heading-level', 'warning'],
        ['empty-talk', 'hint'],
        ['link-without-scheme', 'warning'],
        ['mojibake', 'warning'],
        ['speaker-name-mismatch', 'warning'],
        ['repeated-word', 'warning'],
        ['duplicate-talk', 'information'],
      ],
    );
    assert.ok(allRules.every((r) => r.description.length > 10));
  });

  it('sorts findings by position, then rule id', () => {
    const found = lintDocument(doc);
    for (let i = 1; i < found.length; i++) {
      const a = found[i - 1]!.range.start;
      const b = found[i]!.range.start;
      assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), `order at ${i}`);
    }
  });

  it('applies configured severities and turns rules off', () => {
    const found = lintDocument(doc, { rules: { 'empty-talk': 'off', mojibake: 'error' } });
    assert.equal(found.filter((f) => f.rule === 'empty-talk').length, 0);
    assert.deepEqual(found.filter((f) => f.rule === 'mojibake').map((f) => f.severity), ['error']);
  });

  it('reports a failing rule to onRuleError and keeps the others', () => {
    const broken: Rule = { id: 'broken', defaultSeverity: 'warning', description: 'throws', check: () => { throw new Error('boom'); } };
    const errors: string[] = [];
    const found = lintDocument(doc, { rules: {} }, { rules: [broken, ...structureRules], onRuleError: (r, e) => errors.push(`${r.id}: ${(e as Error).message}`) });
    assert.deepEqual(errors, ['broken: boom']);
    assert.ok(found.length > 0);
    assert.throws(() => lintDocument(doc, { rules: {} }, { rules: [broken] }), /boom/);
  });

  it('lets speaker-name-mismatch and mojibake hide a spelling finding on the same words', () => {
    const spelling: Rule = {
      id: 'spelling',
      defaultSeverity: 'information',
      description: 'flags Ronan, Json and "serverless',
      check: () => [57, 168, 179, 4].map((line) => ({ message: 'x', range: { start: { line, character: line === 179 ? 37 : 0 }, end: { line, character: line === 179 ? 48 : 4 } }, fixes: [] })),
    };
    const found = lintDocument(doc, { rules: {} }, { rules: [...structureRules, spelling] }).filter((f) => f.rule === 'spelling');
    assert.deepEqual(found.map((f) => f.range.start.line + 1), [5]);
  });

  it('emits a long-lined file stretch by stretch (about 100,000 characters each), the stretches making up lintDocument', () => {
    // 1,200 paragraphs of about 650 characters: 2,400 lines, under the stretch's line count, 720 KB of text.
    const para = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 'sadly sadly' : i % 2 ? 'notes' : 'talk')).join(' ');
    const text = `# Notes from Longconf\n\n## A talk\n### Alice Example\n\n${Array.from({ length: 1200 }, () => para).join('\n\n')}\n`;
    const long = parseNotes(text);
    const parts: Finding[][] = [];
    lintDocumentByStretch(long, { rules: {} }, {}, (some) => parts.push(some));
    assert.ok(parts.length >= 6, `stretches: ${parts.length}`);
    assert.ok(Math.max(...parts.map((p) => p.length)) <= 4000, 'a stretch holds a few thousand findings, not all 24,000');
    const all = lintDocument(long);
    assert.deepEqual(parts.flat(), all);
    assert.equal(all.filter((f) => f.message.includes("'sadly'")).length, 1200 * 10);
  });

  it('plans only safe preferred fixes and applies them without overlap', () => {
    const found = lintDocument(doc);
    const plan = planSafeFixes(found);
    assert.deepEqual([...new Set(plan.fixed.map((f) => f.rule))].sort(), ['field-heading-level', 'link-without-scheme', 'mojibake', 'repeated-word']);
    const result = fixAllSafe(sampleText(), (t) => parseNotes(t), (d) => lintDocument(d));
    assert.equal(result.fixed.length, 8);
    assert.equal(result.doc.talks.length, 13);
    assert.deepEqual([...new Set(result.remaining.map((f) => f.rule))].sort(), ['empty-talk', 'speaker-name-mismatch']);
  });
});

describe('.conference-notes.json', () => {
  it('reads rules, locale and words', () => {
    const c = parseLintConfig('{ "$schema": "x", "rules": { "empty-talk": "off", "spelling": "hint" }, "locale": "en-GB", "words": ["Scaleconf"] }');
    assert.deepEqual(c, { rules: { 'empty-talk': 'off', spelling: 'hint' }, locale: 'en-GB', words: ['Scaleconf'] });
  });

  it('rejects what is not valid, naming the problem', () => {
    const cases: Array<[string, RegExp]> = [
      ['{ "rules": ', /not valid JSON/],
      ['[]', /must be a JSON object/],
      ['{ "rule": {} }', /unknown key 'rule'/],
      ['{ "rules": { "missing-speakers": "off" } }', /unknown rule 'missing-speakers'/],
      ['{ "rules": { "empty-talk": "loud" } }', /sets rule 'empty-talk' to "loud"/],
      ['{ "rules": { "empty-talk": false } }', /expected one of: off, error/],
      ['{ "locale": 5 }', /'locale' must be/],
      ['{ "words": "x" }', /'words' must be an array/],
    ];
    for (const [text, message] of cases) assert.throws(() => parseLintConfig(text), (e: unknown) => e instanceof LintConfigError && message.test(e.message), text);
  });

  it('lets the file win over settings for what it names', () => {
    const merged = mergeLintConfig({ rules: { 'empty-talk': 'warning', mojibake: 'off' }, words: ['a'] }, { rules: { 'empty-talk': 'off' }, words: ['b'] });
    assert.deepEqual(merged, { rules: { 'empty-talk': 'off', mojibake: 'off' }, locale: undefined, words: ['a', 'b'] });
  });
});

describe('edits and snippets', () => {
  it('applies edits against CRLF text by line and character', () => {
    const text = 'one\r\ntwo two\r\nthree';
    assert.equal(applyEdits(text, [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 7 } }, newText: '' }, { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '3 ' }]), 'one\r\ntwo\r\n3 three');
  });

  it('turns snippets into the plain text they insert by default', () => {
    assert.equal(snippetToPlain('### ${1:Speaker name}$0'), '### Speaker name');
    assert.equal(snippetToPlain(escapeSnippet('cost: $5 {a}') + '${2:x}'), 'cost: $5 {a}x');
  });
});

describe('nearestFindings (diagnostics past the editor limit)', () => {
  const at = (line: number): Finding => ({ rule: 'r', severity: 'hint', message: '', range: { start: { line, character: 0 }, end: { line, character: 1 } }, fixes: [] });
  const list = [1, 2, 2, 5, 9, 10, 40, 41, 90].map(at);
  it('takes a contiguous run of the sorted findings around the line, nearest first', () => {
    assert.deepEqual(nearestFindings(list, 9, 3), [3, 6]);
    assert.deepEqual(nearestFindings(list, 0, 2), [0, 2]);
    assert.deepEqual(nearestFindings(list, 100, 2), [7, 9]);
    assert.deepEqual(nearestFindings(list, 40, 100), [0, 9]);
    assert.deepEqual(nearestFindings([], 4, 10), [0, 0]);
  });
});
