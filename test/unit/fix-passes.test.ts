// `lint --fix` keeps the Markdown trees of a file across its passes (blocks.ts withTreesKept): a pass after the first
// parses only the blocks whose text the fixes changed, and gives what parsing everything again gives.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { markdownParseCount, parseMarkdown, withoutWeakTreeCache, withTreesKept } from '../../src/core/blocks';
import { EMPTY_LINT_CONFIG, fixAllSafe, lintDocument } from '../../src/core/lint';
import { parseNotes } from '../../src/core/parser';
import { lintFile } from '../../src/cli/lintFile';
import { hostileCases, sampleText } from '../../bench/hostile-corpus';

/** A fresh copy of the text (parseMarkdown's caches are by text: a copy finds them all the same). */
const fresh = (text: string): string => (' ' + text).slice(1);

const TALKS = 60;
/** Notes of TALKS talks, one word written twice in the notes of talk 30 (a safe fix of repeated-word). */
function notes(): string {
  const talks = Array.from({ length: TALKS }, (_, i) => `## Talk ${i}\n### Jane Doe ${i}\n\nNotes on talk ${i} about ${i % 2 ? 'scaling' : 'databases'} with ${i === 30 ? 'the the' : 'the'} team.\n`);
  return `---\nconference: Fix Conf\n---\n\n# Fix Conf\n\n${talks.join('\n')}`;
}

describe('trees kept across the passes of --fix', () => {
  it('keeps the trees parsed in one-shot lints by text while it runs, and only then', () => {
    const text = 'Some *notes* with a [link](https://example.com).\n\nMore notes.';
    withTreesKept(64 * 1024 * 1024, () => {
      const a = withoutWeakTreeCache(() => parseMarkdown(fresh(text)));
      const b = withoutWeakTreeCache(() => parseMarkdown(fresh(text)));
      assert.equal(a, b);
    });
    const c = withoutWeakTreeCache(() => parseMarkdown(fresh(text)));
    const d = withoutWeakTreeCache(() => parseMarkdown(fresh(text)));
    assert.notEqual(c, d, 'a one-shot lint lets its trees go');
  });

  it('keeps trees up to its budget', () => {
    withTreesKept(1, () => {
      const first = 'a first text kept';
      const second = 'a second text, beyond the budget';
      const a = withoutWeakTreeCache(() => parseMarkdown(fresh(first)));
      const b = withoutWeakTreeCache(() => parseMarkdown(fresh(second)));
      assert.equal(withoutWeakTreeCache(() => parseMarkdown(fresh(first))), a);
      assert.notEqual(withoutWeakTreeCache(() => parseMarkdown(fresh(second))), b);
    });
  });

  it('lint --fix parses again only the block its first pass changed', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cn-fix-passes-'));
    try {
      const file = path.join(dir, 'notes.md');
      writeFileSync(file, notes());
      const before = markdownParseCount();
      const outcome = lintFile({ index: 0, file: 'notes.md', named: true }, { cwd: dir, config: EMPTY_LINT_CONFIG, fix: true }, undefined);
      const parses = markdownParseCount() - before;
      assert.equal(outcome.kind, 'result');
      assert.equal(outcome.kind === 'result' && outcome.fixed.length, 1);
      assert.match(readFileSync(file, 'utf8'), /Notes on talk 30 about databases with the team\.\n/);
      // One parse per talk's notes in the first pass, one for the changed block in the second (was 2 per talk).
      assert.ok(parses >= TALKS && parses <= TALKS + 2, `${parses} parses for ${TALKS} blocks`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the text, fixes and findings of parsing every pass from scratch (the sample, the hostile corpus)', function () {
    this.timeout(120_000);
    const texts = [notes(), sampleText()];
    for (const c of hostileCases(0.02)) if (!c.name.startsWith('utf16') && c.name !== 'sample-copies') texts.push(c.build().toString('utf8'));
    const lint = (doc: ReturnType<typeof parseNotes>) => lintDocument(doc, EMPTY_LINT_CONFIG, { fileExists: () => false, releaseTrees: true });
    let fixedAny = 0;
    for (const text of texts) {
      const scratch = fixAllSafe(fresh(text), (t) => parseNotes(t), lint);
      const kept = withTreesKept(128 * 1024 * 1024, () => fixAllSafe(fresh(text), (t) => parseNotes(t), lint));
      assert.equal(kept.text, scratch.text);
      assert.deepEqual(kept.fixed, scratch.fixed);
      assert.deepEqual(kept.remaining, scratch.remaining);
      if (scratch.fixed.length > 0) fixedAny++;
    }
    assert.ok(fixedAny >= 4, `${fixedAny} texts with fixes`);
  });
});
