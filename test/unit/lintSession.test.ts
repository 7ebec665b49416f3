// The incremental lint (src/core/lintSession.ts) must give exactly what a full lint gives: after every edit, and
// when the whole document is linted in slices, in any order. Property-based: generated edits of real notes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseNotes } from '../../src/core';
import { lintDocument } from '../../src/core/lint';
import { LintSession } from '../../src/core/lintSession';
import { parseIncremental } from '../../src/core/incremental';
import { blockTrees, findBlocks } from '../../src/core/blocks';
import type { Finding } from '../../src/core/model';
import type { LintConfig } from '../../src/core/rules/types';
import { fileIgnoredWords } from '../../src/core/rules/spelling';
import { fileLocale } from '../../src/core/spelling/locale';
import { loadSpeller, type EnglishSpeller } from '../../src/core/spelling/speller';

const root = path.resolve(__dirname, '..', '..');
const sample = readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8');
const readDict = async (rel: string): Promise<Uint8Array> => new Uint8Array(readFileSync(path.join(root, 'dict', rel)));

/** Three copies with unique titles: talks that share notes text, as in the benchmark's big notes. */
const notes = [sample, ...[2, 3].map((k) => sample.split('\n').slice(1).join('\n').replace(/^## (?!Disclaimer|Intro)(.*)$/gm, `## [${k}] $1`))].join('\n');

const WORDS = ['recieve', 'Ronan', 'ronan', 'some some', 'â€œ', '[x](spiffe.io)', 'Json', 'json', 'the', 'Kubernetes', 'teh', '<!-- spelling: ignore Ronan -->', 'Daniel', 'Danial', ': ', '# ', '```', ''];

function full(text: string, config: LintConfig, speller: EnglishSpeller): Finding[] {
  return lintDocument(parseNotes(text), config, { speller });
}

const same = (a: readonly Finding[] | undefined, b: readonly Finding[]): void => assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

describe('lint session (incremental and sliced lint)', () => {
  let speller: EnglishSpeller;
  before(async function () {
    this.timeout(20000);
    speller = await loadSpeller('en-US', readDict);
  });

  it('lints in slices to the same findings as one full lint, whatever lines go first', async function () {
    this.timeout(60000);
    const expected = full(notes, { rules: {} }, speller);
    const lineCount = notes.split('\n').length;
    for (const first of [undefined, { start: 0, end: 10 }, { start: Math.floor(lineCount / 2), end: Math.floor(lineCount / 2) + 40 }, { start: lineCount - 5, end: lineCount }]) {
      const session = new LintSession({ speller });
      session.update(notes);
      let partials = 0;
      let yields = 0;
      const findings = await session.lintAll({ budgetMs: 0, firstLines: first, onPartial: () => partials++, yieldFn: async () => void yields++ });
      same(findings, expected);
      same(session.findings, expected);
      assert.ok(yields > 10, `a zero budget yields between steps (${yields})`);
      assert.ok(partials > 0);
    }
  });

  it('knows the names of the last of 160+ talks when it collects them in steps, as a full lint does', async function () {
    this.timeout(120000);
    // 13 copies (169 talks, more than one step of talks); a name only the last talk establishes, used in the first.
    const copies = [sample, ...Array.from({ length: 12 }, (_, k) => sample.split('\n').slice(1).join('\n').replace(/^## (?!Disclaimer|Intro)(.*)$/gm, `## [${k + 2}] $1`))].join('\n');
    const text = copies
      .replace("Ronen's talk was mainly about", "Ronen and Zyxwabc's talk was mainly about")
      .replace(/### Vishesh Oberoi(?![\s\S]*### Vishesh Oberoi)/, '### Vishesh Zyxwabc');
    const expected = full(text, { rules: {} }, speller);
    assert.ok(!expected.some((f) => f.message.includes('Zyxwabc')), 'a full lint knows the name from the last talk');
    const session = new LintSession({ speller });
    session.update(text);
    const findings = await session.lintAll({ budgetMs: 0, firstLines: { start: 0, end: 20 }, yieldFn: async () => undefined });
    same(findings, expected);
  });

  it('reports partial findings at most every partialMs, each in a turn of its own', async () => {
    const session = new LintSession({ speller });
    session.update(notes);
    const events: string[] = [];
    const partials: number[] = [];
    const findings = await session.lintAll({
      budgetMs: 0,
      partialMs: Infinity,
      onPartial: (p) => (events.push('partial'), partials.push(p.length)),
      yieldFn: async () => void events.push('yield'),
    });
    assert.deepEqual(partials.length, 1, 'only the first is due when partialMs is Infinity');
    const at = events.indexOf('partial');
    assert.ok(events[at - 1] === 'yield' && events[at + 1] === 'yield', 'a turn before and after the partial report');
    assert.ok(partials[0]! <= findings!.length);
  });

  it('reports the visible lines first', async () => {
    const session = new LintSession({ speller });
    const doc = session.update(notes).doc;
    const middle = Math.floor(doc.lineCount / 2);
    const blockRules = new Set(['spelling', 'mojibake', 'repeated-word', 'link-without-scheme', 'speaker-name-mismatch']);
    let firstBlockFindings: Finding[] | undefined;
    await session.lintAll({
      budgetMs: 0,
      firstLines: { start: middle, end: middle + 30 },
      onPartial: (f) => {
        const fromBlocks = f.filter((x) => blockRules.has(x.rule));
        if (!firstBlockFindings && fromBlocks.length > 0) firstBlockFindings = fromBlocks;
      },
      yieldFn: async () => {},
    });
    assert.ok(firstBlockFindings, 'block findings arrive in a partial result');
    for (const f of firstBlockFindings) assert.ok(Math.abs(f.range.start.line - middle) < 120, `line ${f.range.start.line} is near the visible line ${middle}`);
  });

  it('stops when cancelled, and when a newer version arrives', async () => {
    const session = new LintSession({ speller });
    session.update(notes);
    let asked = 0;
    assert.equal(await session.lintAll({ budgetMs: 0, isCancelled: () => ++asked > 3, yieldFn: async () => {} }), undefined);
    assert.equal(session.findings, undefined);
    const running = session.lintAll({ budgetMs: 0, yieldFn: async () => {} });
    session.update(notes + '\nmore text\n');
    assert.equal(await running, undefined);
  });

  it('re-checks only the edited block after an edit of plain notes lines, with the same findings as a full lint', async function () {
    this.timeout(120000);
    const lines = notes.split('\n');
    const session = new LintSession({ speller });
    session.update(notes);
    await session.lintAll({ budgetMs: 1000 });
    // Plain notes lines: edits there keep the structure.
    const plain = lines.map((l, i) => (/^[A-Z][a-z]+ [a-z]+ [a-z]+/.test(l) ? i : -1)).filter((i) => i > 0);
    let text = notes;
    let reused = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...plain), fc.nat(200), fc.nat(6), fc.constantFrom(...WORDS), async (lineNo, at, cut, word) => {
        const current = text.split('\n');
        const line = current[lineNo]!;
        const pos = Math.min(at, line.length);
        current[lineNo] = line.slice(0, pos) + word + line.slice(pos + cut);
        text = current.join('\n');
        const update = session.update(text);
        runs++;
        let findings = update.findings;
        if (findings) reused++;
        // A structural edit: the whole document again, as the extension does.
        else findings = await session.lintAll({ budgetMs: 1e9 });
        same(findings, full(text, { rules: {} }, speller));
      }),
      { numRuns: 150, seed: 42 },
    );
    await session.lintAll({ budgetMs: 1e9 });
    assert.ok(reused > runs / 2, `most plain edits were incremental (${reused} of ${runs})`);
  });

  it('catches up over versions it did not see when the structure stayed the same', async () => {
    const session = new LintSession({ speller });
    const v0 = session.update(notes).doc;
    await session.lintAll({ budgetMs: 1e9 });
    const lines = notes.split('\n');
    const a = lines.findIndex((l, i) => i > 40 && /^[A-Z][a-z]+ [a-z]+ [a-z]+ [a-z]+ /.test(l) && lines[i - 1] !== '' );
    const b = lines.findIndex((l, i) => i > lines.length / 2 && /^[A-Z][a-z]+ [a-z]+ [a-z]+ [a-z]+ /.test(l) && lines[i - 1] !== '');
    const v1Lines = lines.slice();
    v1Lines[a] = v1Lines[a]!.replace(/ ([a-z]+) /, ' recieve ');
    const v1 = parseIncremental(v1Lines.join('\n'), v0);
    const v2Lines = v1Lines.slice();
    v2Lines[b] = v2Lines[b]!.replace(/ ([a-z]+) /, ' teh ');
    const v2 = parseIncremental(v2Lines.join('\n'), v1.doc);
    assert.ok(v1.reused && v2.reused, `edits of plain notes lines ${a} and ${b} keep the structure`);
    const update = session.accept(v2.doc, { from: v1.doc, changed: v2.changed });
    assert.ok(update.findings, 'complete without a full lint');
    same(update.findings, full(v2Lines.join('\n'), { rules: {} }, speller));
  });

  /** Plain notes lines (edits there keep the structure), in different talks. */
  const plainLines = (text: string): number[] => text.split('\n').map((l, i) => (/^[A-Z][a-z]+ [a-z]+ [a-z]+ [a-z]+ /.test(l) && !l.includes(':') ? i : -1)).filter((i) => i > 20);

  it('judges a word again wherever it is used when an edit changes how often it is used (a second use elsewhere, then none)', async function () {
    this.timeout(60000);
    const session = new LintSession({ speller });
    session.update(notes);
    await session.lintAll({ budgetMs: 1e9 });
    const plain = plainLines(notes);
    const [a, b] = [plain[3]!, plain[plain.length - 3]!];
    const lines = notes.split('\n');
    const flagged = (f: readonly Finding[] | undefined): number[] => (f ?? []).filter((x) => x.data?.word === 'qwzrtp').map((x) => x.range.start.line);
    const step = (edit: () => void): Finding[] => {
      edit();
      const text = lines.join('\n');
      const update = session.update(text);
      assert.ok(update.reused && update.findings, 'an edit of a plain line: incremental');
      const expected = full(text, { rules: {} }, speller);
      same(update.findings, expected);
      return update.findings;
    };
    // Used once: an unknown word. Twice (in another talk): the notes' own vocabulary, in both places. Once again: unknown.
    assert.deepEqual(flagged(step(() => (lines[a] += ' with qwzrtp here'))), [a]);
    assert.deepEqual(flagged(step(() => (lines[b] += ' with qwzrtp here'))), []);
    assert.deepEqual(flagged(step(() => (lines[a] = lines[a]!.replace(' with qwzrtp here', '')))), [b]);
  });

  /**
   * A session linted in full, then edited line by line with `edit` (one line of the current text to its new text):
   * after each edit its findings (incremental, or a full lint when it could not be) must equal a full lint. Answers
   * how many edits were incremental.
   */
  async function editedLikeFull(runs: number, seed: number, lineArb: fc.Arbitrary<number>, edit: fc.Arbitrary<(line: string) => string>): Promise<number> {
    const session = new LintSession({ speller });
    session.update(notes);
    await session.lintAll({ budgetMs: 1e9 });
    let text = notes;
    let incremental = 0;
    await fc.assert(
      fc.asyncProperty(lineArb, edit, async (lineNo, change) => {
        const current = text.split('\n');
        current[lineNo] = change(current[lineNo]!);
        text = current.join('\n');
        let findings = session.update(text).findings;
        if (findings) incremental++;
        else findings = await session.lintAll({ budgetMs: 1e9 });
        same(findings, full(text, { rules: {} }, speller));
      }),
      { numRuns: runs, seed },
    );
    return incremental;
  }

  it('after any edits that add and remove rare words across talks, equals a full lint (word uses move with the edits)', async function () {
    this.timeout(180000);
    // Words that are no near miss of an English word, in lower case, capitalised and mid-sentence: twice makes them
    // the notes' own vocabulary (or a name, capitalised mid-sentence), once an unknown word.
    const rare = [' qwzrtp', ' Qwzrtp', ' zorbix', ' Zorbix and Qwzrtp', ' plimbrox', ''];
    // Add the word at the end of the line, or take away the last rare word there.
    const edit = fc.tuple(fc.constantFrom(...rare), fc.boolean()).map(([word, remove]) => (line: string): string => {
      const last = Math.max(...rare.filter((w) => w).map((w) => line.lastIndexOf(w)));
      return remove && last > 0 ? line.slice(0, last) : line + word;
    });
    const incremental = await editedLikeFull(120, 17, fc.constantFrom(...plainLines(notes)), edit);
    assert.ok(incremental > 100, `edits of plain lines are incremental (${incremental})`);
  });

  it('after notes are written on the blank lines after talks (a word at a time, typos too), equals a full lint', async function () {
    this.timeout(180000);
    const lines = notes.split('\n');
    const blanks = parseNotes(notes).talks.map((t) => t.range.end.line + 1).filter((l) => lines[l] === '');
    const words = [' Some', ' notes', ' recieve', ' qwzrtp', ' the the', ' Ronen', ' Baram', ''];
    const edit = fc.constantFrom(...words).map((word) => (line: string): string => (line + word).trimStart());
    const incremental = await editedLikeFull(80, 23, fc.constantFrom(...blanks), edit);
    assert.ok(incremental > 40, `notes written after a talk are incremental (${incremental})`);
  });

  it("reads an ignore or locale comment added inside a plain line from the edited model, as a fresh parse does", async function () {
    this.timeout(60000);
    const session = new LintSession({ speller });
    session.update(notes);
    await session.lintAll({ budgetMs: 1e9 });
    const plain = plainLines(notes);
    const lines = notes.split('\n');
    const target = plain.find((l) => lines[l]!.length > 45)!;
    const word = full(notes, { rules: {} }, speller).find((f) => f.rule === 'spelling' && /^[a-z]+$/.test(String(f.data?.word)))!.data!.word as string;
    for (const comment of [` <!-- spelling: ignore ${word} -->`, ' <!-- spelling: locale en-GB -->', '']) {
      lines[target] = lines[target]!.replace(/ <!--.*-->$/, '') + comment;
      const text = lines.join('\n');
      const update = session.update(text);
      assert.ok(update.reused, 'a comment after the first 40 characters keeps the structure');
      const fresh = parseNotes(text);
      assert.deepEqual(fileIgnoredWords(update.doc), fileIgnoredWords(fresh));
      assert.equal(fileLocale(update.doc), fileLocale(fresh));
      same(update.findings ?? (await session.lintAll({ budgetMs: 1e9 })), full(text, { rules: {} }, speller));
    }
  });

  it("keeps the document's names across an edit of a talk's last line (a new talks array, the same fields)", async function () {
    this.timeout(60000);
    const session = new LintSession({ speller });
    const doc = session.update(notes).doc;
    await session.lintAll({ budgetMs: 1e9 });
    const lines = notes.split('\n');
    const talk = doc.talks.find((t) => t.notesRange && /^[A-Z][a-z]+ [a-z]+/.test(lines[t.range.end.line]!) && !lines[t.range.end.line]!.includes(':'))!;
    const last = talk.range.end.line;
    // A speaker's surname (known through the document only) written on the talk's last line.
    const surname = talk.speaker!.text.split(' ').pop()!;
    lines[last] = `${lines[last]} Thanks ${surname} and teh team.`;
    const text = lines.join('\n');
    const update = session.update(text);
    assert.ok(update.reused && update.doc.talks !== doc.talks, "the talk's range moved: a new talks array");
    same(update.findings, full(text, { rules: {} }, speller));
  });

  it('honours the config: rules off and severities, and a new config lints again in full', async () => {
    const config: LintConfig = { rules: { 'empty-talk': 'off', spelling: 'warning' } };
    const session = new LintSession({ speller, config });
    session.update(notes);
    same(await session.lintAll(), full(notes, config, speller));
    session.configure({ config: { rules: {} } });
    assert.equal(session.findings, undefined);
    same(await session.lintAll(), full(notes, { rules: {} }, speller));
  });
  it('re-checks an edit of up to 8,000 characters at once, and leaves a bigger one (a paste) to the lint in slices', async function () {
    this.timeout(60000);
    const lines = notes.split('\n');
    const at = lines.findIndex((l, i) => i > 20 && /^[A-Z][a-z]+ [a-z]+ [a-z]+/.test(l));
    const edited = (chars: number): string => {
      const copy = [...lines];
      // Prose with a typo, about `chars` long, on one notes line: the structure stays.
      copy[at] = `${copy[at]} ${'we recieve notes and '.repeat(Math.ceil(chars / 21)).slice(0, chars)}`;
      return copy.join('\n');
    };
    for (const [chars, atOnce] of [[2_000, true], [9_000, false]] as const) {
      const session = new LintSession({ speller });
      session.update(notes);
      await session.lintAll({ budgetMs: 1e9 });
      const text = edited(chars);
      assert.ok(parseIncremental(text, session.doc).reused, `an edit of ${chars} characters on one line keeps the structure`);
      const update = session.update(text);
      assert.equal(update.findings !== undefined, atOnce, `${chars} characters: ${atOnce ? 'findings at once' : 'no findings until the lint in slices'}`);
      const expected = full(text, { rules: {} }, speller);
      same(update.findings ?? (await session.lintAll({ budgetMs: 0, yieldFn: async () => undefined })), expected);
      assert.ok(expected.some((f) => f.rule === 'spelling' && f.range.start.line === at), 'the typo in the edit is found');
    }
  });

  it('finds the blocks in steps, to the same blocks as at once, and then reads them from the cache', () => {
    // 13 copies: about 1,400 lines between headings in steps of 2,000 lines.
    const text = [sample, ...Array.from({ length: 40 }, (_, k) => sample.split('\n').slice(1).join('\n').replace(/^## (.*)$/gm, `## [${k + 2}] $1`))].join('\n');
    const stepped = parseNotes(text);
    const steps = findBlocks(stepped);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    assert.ok(yields >= 3, `yields between stretches of lines (${yields})`);
    const atOnce = blockTrees(parseNotes(text));
    const spans = (blocks: ReturnType<typeof blockTrees>): string[] => blocks.map((b) => `${b.startLine}-${b.endLine}`);
    assert.deepEqual(spans(next.value), spans(atOnce));
    assert.equal(blockTrees(stepped), next.value, 'the stepped result is the cached one');
    const again = findBlocks(stepped).next();
    assert.ok(again.done && again.value === next.value, 'found once per document');
  });
});

