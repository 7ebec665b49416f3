// The rule engine's own duties (issue 17): it stamps a rule's reports with the rule id and the configured severity,
// runs block rules block by block with one cache and moves cached findings with their block, applies which rule hides
// which as the rules declare it, and keeps a spelling finding's dictionary actions with the finding.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from '../../src/core';
import { actionTitle, lintDocument } from '../../src/core/lint';
import { LintSession } from '../../src/core/lintSession';
import { allRules } from '../../src/core/rules';
import { spellingRule } from '../../src/core/rules/spelling';
import type { BlockRule, DocumentRule, Report } from '../../src/core/rules/types';
import { loadSpeller } from '../../src/core/spelling/speller';

const root = path.resolve(__dirname, '..', '..');
const readDict = async (rel: string): Promise<Uint8Array> => new Uint8Array(readFileSync(path.join(root, 'dict', rel)));

const at = (line: number, from: number, to: number): Report['range'] => ({ start: { line, character: from }, end: { line, character: to } });

/** A block rule that reports each line starting with `zap` (block-relative), counting the blocks it checked. */
function bangRule(id: string, extra: Partial<BlockRule> = {}): BlockRule & { checked: string[] } {
  const checked: string[] = [];
  return {
    id,
    defaultSeverity: 'warning',
    description: 'lines that start with zap',
    scope: 'block',
    checkBlock(local) {
      checked.push(local.lines.join('\n'));
      const reports: Report[] = [];
      local.lines.forEach((line, i) => {
        if (line.startsWith('zap ')) {
          reports.push({ message: `bang ${line}`, range: at(i, 0, line.length), fixes: [{ title: 'Drop the zap', preferred: true, safe: true, edits: [{ range: at(i, 0, 4), newText: '' }] }], data: { line: line } });
        }
      });
      return reports;
    },
    ...extra,
    checked,
  };
}

const notes = (...blocks: string[]): string => `# Notes from Engineconf\n\n${blocks.map((b, i) => `## Talk ${i + 1}\n### Ada Lovelace\n\nThe notes of this talk.\n${b}\n`).join('\n')}`;

describe('rule engine (issue 17)', () => {
  it("stamps a rule's reports with its id and the configured severity; a report without fixes gets none", () => {
    const rule: DocumentRule = { id: 'stamped', defaultSeverity: 'hint', description: 'one report at line 0', check: () => [{ message: 'here', range: at(0, 0, 1) }] };
    const doc = parseNotes(notes('Some notes.'));
    const [byDefault] = lintDocument(doc, { rules: {} }, { rules: [rule] });
    assert.deepEqual(byDefault, { rule: 'stamped', severity: 'hint', message: 'here', range: at(0, 0, 1), fixes: [] });
    const [configured] = lintDocument(doc, { rules: { stamped: 'error' } }, { rules: [rule] });
    assert.equal(configured!.severity, 'error');
    assert.deepEqual(lintDocument(doc, { rules: { stamped: 'off' } }, { rules: [rule] }), []);
  });

  it('leaves rule id and severity to the engine in every registered rule', () => {
    const doc = parseNotes(readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8'));
    for (const rule of allRules) {
      if (rule.checkBlock) continue;
      for (const report of rule.check({ doc, config: { rules: {} } })) {
        assert.ok(!('rule' in report) && !('severity' in report), `${rule.id} writes its own rule id or severity`);
      }
    }
  });

  it('checks a block rule once per block text and moves its cached findings with the block', () => {
    const rule = bangRule('bang-moves');
    const before = parseNotes(notes('Plain words.', 'zap first\nand more'));
    const first = lintDocument(before, { rules: {} }, { rules: [rule] });
    assert.deepEqual(first.map((f) => [f.rule, f.severity, f.range.start.line, f.message]), [['bang-moves', 'warning', 12, 'bang zap first']]);
    const checks = rule.checked.length;
    // Two lines more above the second talk: its block is the same text, now two lines lower.
    const after = parseNotes(notes('Plain words.\n\nA new paragraph.', 'zap first\nand more'));
    const moved = lintDocument(after, { rules: {} }, { rules: [rule] });
    assert.deepEqual(rule.checked.slice(checks), ['\nThe notes of this talk.\nPlain words.\n\nA new paragraph.\n'], 'only the edited block is checked again');
    assert.deepEqual(moved.map((f) => f.range), [at(14, 0, 9)]);
    assert.deepEqual(moved[0]!.fixes[0]!.edits.map((e) => e.range), [at(14, 0, 4)], 'the fix moves with its finding');
    // And the first version's findings are still where they were (the cache holds block-relative reports).
    assert.deepEqual(lintDocument(before, { rules: {} }, { rules: [rule] }).map((f) => f.range.start.line), [12]);
  });

  it("checks a block again when its key changes, and asks `keep` of every cached report every time", () => {
    let key = 'a';
    let keepBang = true;
    const rule = bangRule('bang-keyed', { blockKey: () => key, keep: () => keepBang });
    const doc = parseNotes(notes('zap one'));
    assert.equal(lintDocument(doc, { rules: {} }, { rules: [rule] }).length, 1);
    const checks = rule.checked.length;
    lintDocument(doc, { rules: {} }, { rules: [rule] });
    assert.equal(rule.checked.length, checks, 'same key: the cached reports');
    key = 'b';
    lintDocument(doc, { rules: {} }, { rules: [rule] });
    assert.equal(rule.checked.length, checks + 1, 'another key: checked again');
    keepBang = false;
    assert.deepEqual(lintDocument(doc, { rules: {} }, { rules: [rule] }), []);
    assert.equal(rule.checked.length, checks + 1, '`keep` filters without checking again');
  });

  it('keeps what a block rule computes from the text alone (byText) across keys', () => {
    let key = 0;
    let scans = 0;
    const rule = bangRule('bang-by-text', { blockKey: () => key });
    const checkBlock = rule.checkBlock;
    rule.checkBlock = (local, ctx) => {
      ctx.byText(() => scans++);
      return checkBlock(local, ctx);
    };
    const doc = parseNotes(notes('zap by text'));
    for (key = 0; key < 3; key++) lintDocument(doc, { rules: {} }, { rules: [rule] });
    const blocks = rule.checked.length / 3;
    assert.ok(blocks >= 1 && Number.isInteger(blocks), 'each key checks every block again');
    assert.equal(scans, blocks, 'the text-only part once per block text');
  });

  it('gives a block rule the same findings through a lint session after an edit of one block as a full lint', () => {
    const rule = bangRule('bang-session');
    const text = notes('zap one\nwords', 'more words', 'zap three');
    const session = new LintSession({ rules: [rule] });
    session.update(text);
    return session.lintAll().then(() => {
      const edited = text.replace('zap three', 'zap tree');
      const update = session.update(edited);
      assert.ok(update.reused && update.findings, 'an edit of plain lines re-checks only its block');
      assert.deepEqual(update.findings, lintDocument(parseNotes(edited), { rules: {} }, { rules: [rule] }));
      assert.deepEqual(update.findings!.map((f) => f.message), ['bang zap one', 'bang zap tree']);
    });
  });

  it('hides findings of the rules a rule declares it hides, where they overlap, and only those', () => {
    const doc = parseNotes(notes('Some notes.'));
    const hider: DocumentRule = { id: 'hider', defaultSeverity: 'warning', description: 'hides `hidden` at line 0', hides: ['hidden'], check: () => [{ message: 'h', range: at(0, 2, 6) }] };
    const hidden: DocumentRule = { id: 'hidden', defaultSeverity: 'information', description: 'two reports', check: () => [{ message: 'overlaps', range: at(0, 4, 8) }, { message: 'apart', range: at(0, 10, 12) }] };
    const other: DocumentRule = { id: 'other', defaultSeverity: 'information', description: 'overlaps, not hidden', check: () => [{ message: 'other', range: at(0, 3, 5) }] };
    const found = lintDocument(doc, { rules: {} }, { rules: [hider, hidden, other] });
    assert.deepEqual(found.map((f) => `${f.rule}:${f.message}`), ['hider:h', 'other:other', 'hidden:apart']);
    // Without the declaration nothing is hidden.
    const plain: DocumentRule = { ...hider, hides: undefined };
    assert.equal(lintDocument(doc, { rules: {} }, { rules: [plain, hidden, other] }).length, 4);
    // The registered rules declare theirs.
    assert.deepEqual(Object.fromEntries(allRules.filter((r) => r.hides).map((r) => [r.id, r.hides])), { mojibake: ['spelling'], 'speaker-name-mismatch': ['spelling'] });
  });

  it('keeps a spelling finding\'s dictionary and ignore actions with the finding, next to its fixes', async () => {
    const speller = await loadSpeller('en-US', readDict);
    const doc = parseNotes(notes('We had to ammend the plan.'));
    const [finding] = lintDocument(doc, { rules: {} }, { rules: [spellingRule], speller });
    assert.equal(finding!.rule, 'spelling');
    assert.equal(finding!.data?.word, 'ammend');
    assert.ok(finding!.fixes.some((f) => f.title === "Change to 'amend'"));
    assert.deepEqual(finding!.actions, [
      { kind: 'addToDictionary', word: 'ammend' },
      { kind: 'ignoreInFile', word: 'ammend' },
    ]);
    // The titles the code actions show, as before the actions moved onto the finding.
    assert.deepEqual(finding!.actions!.map(actionTitle), ["Add 'ammend' to workspace dictionary (.conference-notes.json)", "Ignore 'ammend' in this file (<!-- spelling: ignore --> comment)"]);
  });
});
