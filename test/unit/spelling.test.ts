// The spelling core: tokenization, document-established words, locales, suggestions for the sample's typos,
// and the rule's findings and fixes on the real sample.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from '../../src/core/parser';
import { lintDocument, runRule } from '../../src/core/lint';
import type { Finding } from '../../src/core/model';
import { loadSpeller, type EnglishSpeller } from '../../src/core/spelling/speller';
import { spellingRule, documentWords, spellingPreparation, ignoreInFileEdit } from '../../src/core/rules/spelling';
import { tokenize, camelParts } from '../../src/core/spelling/tokenize';

const root = path.resolve(__dirname, '..', '..');
const sample = readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8');
const readDict = async (rel: string): Promise<Uint8Array> => new Uint8Array(readFileSync(path.join(root, 'dict', rel)));

/** The sample's real misspellings (word as written -> the intended word). */
const SAMPLE_TYPOS: Record<string, string> = {
  anyones: "anyone's",
  ammend: 'amend',
  breifs: 'briefs',
  outlyers: 'outliers',
  databses: 'databases',
  phylosophy: 'philosophy',
  creeking: 'creaking',
  joinign: 'joining',
  desicion: 'decision',
  functionailty: 'functionality',
  dont: "don't",
  wasnt: "wasn't",
  itsself: 'itself',
  everying: 'everything',
  refernced: 'referenced',
  uniquley: 'uniquely',
  pentalty: 'penalty',
  securtiy: 'security',
  everyones: "everyone's",
  thier: 'their',
  pahe: 'page',
  vists: 'visits',
  Martics: 'Metrics',
  ofs: 'of',
  alow: 'allow',
  anomoly: 'anomaly',
};

function words(text: string): string[] {
  return tokenize(text).map((t) => t.text);
}

function spellingFindings(text: string, speller: EnglishSpeller, words: string[] = []): Finding[] {
  return runRule(spellingRule, parseNotes(text), { rules: {}, words }, { speller });
}

function flaggedWords(findings: Finding[]): string[] {
  return findings.map((f) => String(f.data?.word));
}

describe('spelling: tokenize', () => {
  it('keeps apostrophes inside words and drops quotes around them', () => {
    assert.deepEqual(words("I don't know Ronen's 'plan' or O'Brien’s"), ["don't", 'know', "Ronen's", 'plan', 'or', "O'Brien’s"]);
  });

  it('splits hyphenated words into their parts', () => {
    assert.deepEqual(words('Co-Founder of a well-known start-up'), ['Co', 'Founder', 'of', 'well', 'known', 'start', 'up']);
  });

  it('splits CamelCase into parts with offsets', () => {
    assert.deepEqual(camelParts('DataDog').map((p) => [p.text, p.offset]), [['Data', 0], ['Dog', 4]]);
    assert.deepEqual(camelParts('ThoughtWorks').map((p) => p.text), ['Thought', 'Works']);
    assert.deepEqual(camelParts('HTMLParser').map((p) => p.text), ['HTML', 'Parser']);
  });

  it('reads Unicode letters as letters', () => {
    assert.deepEqual(words('Kia ora from Tāmaki Makaurau, said Zoë Müller-Lüdenscheidt'), ['Kia', 'ora', 'from', 'Tāmaki', 'Makaurau', 'said', 'Zoë', 'Müller', 'Lüdenscheidt']);
  });

  it('skips URLs, e-mail addresses, domains, words with digits, acronyms and single letters', () => {
    assert.deepEqual(
      words('See https://exmaple.com/pahe, www.foo.org or mail bob@exmaple.com about Bing.com and istio.io (A2X, IAM, APIs, a, I) today.'),
      ['See', 'or', 'mail', 'about', 'and', 'today'],
    );
  });

  it('gives offsets into the text', () => {
    const text = 'We  ammend thier notes';
    for (const t of tokenize(text)) assert.equal(text.slice(t.offset, t.offset + t.text.length), t.text);
  });
});

describe('spelling: speller', () => {
  let us: EnglishSpeller;
  let gb: EnglishSpeller;
  before(async () => {
    us = await loadSpeller('en-US', readDict);
    gb = await loadSpeller('en-GB', readDict);
  });

  it('knows words, their capitalised and all-caps forms, contractions and possessives', () => {
    for (const w of ['amend', 'Amend', 'AMEND', "don't", 'don’t', "O'Brien", 'London', 'LONDON', "Gregory's", 'JSON']) assert.ok(us.isCorrect(w), w);
    for (const w of ['ammend', 'london', 'dont', 'Json']) assert.ok(!us.isCorrect(w), w);
  });

  it('en-GB knows British spellings that en-US flags, and the other way round', () => {
    for (const w of ['behaviour', 'Authorisation', 'analyse', 'colour']) {
      assert.ok(gb.isCorrect(w), `en-GB ${w}`);
      assert.ok(!us.isCorrect(w), `en-US ${w}`);
    }
    assert.ok(!gb.isCorrect('color'));
    assert.deepEqual(gb.suggest('behavour', 1), ['behaviour']);
    assert.deepEqual(us.suggest('behavour', 1), ['behavior']);
  });

  it('en-AU and en-CA load from the same file', async () => {
    const au = await loadSpeller('en-AU', readDict);
    const ca = await loadSpeller('en-CA', readDict);
    assert.equal(au.locale, 'en-AU');
    assert.equal(ca.locale, 'en-CA');
    assert.ok(au.isCorrect('colour') && ca.isCorrect('colour'));
    assert.ok(ca.isCorrect('organize') && !au.isCorrect('organize'));
  });

  it("suggests the right word first for most of the sample's typos, and within five for all", () => {
    let first = 0;
    const misses: string[] = [];
    for (const [typo, right] of Object.entries(SAMPLE_TYPOS)) {
      assert.ok(!us.isCorrect(typo), `${typo} is flagged`);
      const s = us.suggest(typo, 5);
      if (s[0] === right) first++;
      else misses.push(`${typo}: ${s.join(', ')}`);
      assert.ok(s.includes(right), `${typo} -> ${right} in ${s.join(', ')}`);
    }
    assert.ok(first >= Object.keys(SAMPLE_TYPOS).length - 4, `right word first for ${first}; not for ${misses.join('; ')}`);
  });

  it('suggestions follow the case of the word', () => {
    assert.equal(us.suggest('AMMEND', 1)[0], 'AMEND');
    assert.equal(us.suggest('Ammend', 1)[0], 'Amend');
    assert.equal(us.suggest('dont', 1)[0], "don't");
    assert.ok(us.suggest('Martics', 5).includes('Metrics'));
  });

  it('the core imports no Node module (it runs in a web worker)', () => {
    const dir = path.join(root, 'src', 'core', 'spelling');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(text, /from 'node:|require\(|process\./, file);
    }
  });

  it('loads from bytes at any offset (a pooled buffer) without Node APIs in the core', async () => {
    const bytes = readFileSync(path.join(root, 'dict', 'en.bin'));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const s = await loadSpeller('en-US', async () => shifted.subarray(1));
    assert.ok(s.isCorrect('philosophy'));
    assert.equal(s.suggest('phylosophy', 1)[0], 'philosophy');
  });
});

describe('spelling: rule on the sample', () => {
  let us: EnglishSpeller;
  let gb: EnglishSpeller;
  before(async () => {
    us = await loadSpeller('en-US', readDict);
    gb = await loadSpeller('en-GB', readDict);
  });

  it('flags every real misspelling in the prose', () => {
    const flagged = new Set(flaggedWords(spellingFindings(sample, us)));
    for (const typo of Object.keys(SAMPLE_TYPOS)) assert.ok(flagged.has(typo), `${typo} flagged`);
  });

  it('flags no speaker, role, company or conference name anywhere', () => {
    const doc = parseNotes(sample);
    const known = documentWords(doc);
    for (const w of ['scaleconf', 'dapul', 'weberman', 'srinivasamurthy', 'pinterest', 'jeyappragash', 'rucinque', 'datadog', 'dog']) assert.ok(known.has(w), w);
    const flagged = flaggedWords(spellingFindings(sample, us)).map((w) => w.toLowerCase());
    for (const w of ['scaleconf', 'dapul', 'weberman', 'srinivasamurthy', 'pinterest', 'jeyappragash', 'rucinque', 'datadog', 'thoughtworks', 'msd', 'iam', 'a2x', 'bing']) {
      assert.ok(!flagged.includes(w), `${w} not flagged`);
    }
  });

  it('with en-GB, behaviour, Authorisation and analyse are not flagged (they are with en-US)', () => {
    const gbFlagged = flaggedWords(spellingFindings(sample, gb));
    const usFlagged = flaggedWords(spellingFindings(sample, us));
    for (const w of ['behaviour', 'Authorisation', 'analyse']) {
      assert.ok(!gbFlagged.includes(w), `en-GB ${w}`);
      assert.ok(usFlagged.includes(w), `en-US ${w}`);
    }
  });

  it('reports the message, range and fixes of a finding', () => {
    const f = spellingFindings(sample, us).find((x) => x.data?.word === 'ammend')!;
    assert.equal(f.rule, 'spelling');
    assert.equal(f.severity, 'information');
    assert.equal(f.message, "Unknown word 'ammend' — did you mean 'amend'?");
    const line = sample.split('\n')[f.range.start.line]!;
    assert.equal(line.slice(f.range.start.character, f.range.end.character), 'ammend');
    assert.ok(f.fixes.length >= 2 && f.fixes.length <= 5);
    assert.equal(f.fixes[0]!.title, "Change to 'amend'");
    assert.equal(f.fixes[0]!.preferred, true);
    assert.deepEqual(f.fixes[0]!.edits, [{ range: f.range, newText: 'amend' }]);
    assert.ok(f.fixes.slice(1).every((x) => !x.preferred));
  });

  it('is registered with the lint engine and does nothing without a speller', () => {
    const doc = parseNotes(sample);
    assert.equal(lintDocument(doc).filter((f) => f.rule === 'spelling').length, 0);
    assert.ok(lintDocument(doc, { rules: {} }, { speller: us }).some((f) => f.rule === 'spelling'));
  });

  it('knows the words the user added, case-insensitively', () => {
    const text = '# Notes\n\n## A talk\n\nWe tried flurbix at work.\n';
    assert.deepEqual(flaggedWords(spellingFindings(text, us)), ['flurbix']);
    assert.deepEqual(flaggedWords(spellingFindings(text, us, ['FLURBIX'])), []);
  });

  it('checks prose only: never code, URLs, link targets, autolinks, e-mails, HTML or front matter', () => {
    const text = [
      '---',
      'conference: Wrongconf',
      'venu: Tepapa',
      '---',
      '# Notes from Wrongconf',
      '',
      '## A talk with a mispeled heading',
      '### Ada Lovelace',
      '',
      'Inline `consol.log(varaible)` and a [link txet](https://exmaple.com/pahe) and <https://autolnk.org>.',
      'Mail <someone@exmaple.com>, see <span class="hilite">htmltext</span> and ![image alte](pic.png).',
      '',
      '```js',
      'const fooo = baar;',
      '```',
      '',
      '| tabel | cell |',
      '|---|---|',
      '| celll | fine |',
      '',
      '> quotd text',
    ].join('\n');
    const flagged = flaggedWords(spellingFindings(text, us));
    assert.deepEqual(flagged.sort(), ['alte', 'celll', 'mispeled', 'quotd', 'tabel', 'txet'].sort());
  });

  it('pauses every couple of thousand words of prose it knows, so no step of a lint in slices is the whole file', () => {
    const speller = us.withWords([]);
    const line = 'The team shipped the new service on time and the users were happy with it today.';
    const doc = parseNotes(`# Notes from Known Conf\n\n## A talk\n### Jane Doe\n\n${Array(1_500).fill(line).join('\n')}\n`);
    for (const _ of spellingPreparation(doc, {}, speller));
    // Prepared once (the document's words and uses are known): every step now is a pause, none an unknown word.
    let steps = 0;
    for (const _ of spellingPreparation(doc, {}, speller)) steps++;
    assert.equal(spellingRule.check({ doc, config: { rules: {} }, speller }).length, 0);
    assert.ok(steps >= Math.floor((1_500 * 16) / 2_000), `${steps} steps for 24,000 known words`);
  });

  it('prepares the suggestions ahead a word per step, and the check then agrees', () => {
    const speller = us.withWords([]);
    const doc = parseNotes(sample);
    let yields = 0;
    for (const _ of spellingPreparation(doc, {}, speller)) yields++;
    assert.ok(yields > 10, `yielded ${yields} times`);
    // The second time every verdict is known: still a step per unknown word (a block of 2,000 of them is many short
    // steps), each only a look-up.
    let again = 0;
    for (const _ of spellingPreparation(doc, {}, speller)) again++;
    const t = Date.now();
    const findings = spellingRule.check({ doc, config: { rules: {} }, speller });
    assert.ok(Date.now() - t < 1000);
    assert.equal(again, findings.length, 'a step per unknown word');
    assert.ok(again < yields, `fewer steps the second time (${again} < ${yields}): the dictionary's warm-up and the document's words are done`);
    assert.deepEqual(findings.map((f) => f.message), spellingFindings(sample, us).map((f) => f.message));
  });

  it("'Ignore in this file' writes a comment the rule then honours", () => {
    const doc = parseNotes(sample);
    const edit = ignoreInFileEdit(doc, 'Tepapa');
    const lines = sample.split('\n');
    const at = edit.range.start;
    lines[at.line] = lines[at.line]!.slice(0, at.character) + edit.newText + lines[at.line]!.slice(at.character);
    const once = lines.join('\n');
    assert.match(once, /<!-- spelling: ignore Tepapa -->\n$/);
    assert.ok(!flaggedWords(spellingFindings(once, us)).includes('Tepapa'));
    // A second word joins the same comment.
    const second = ignoreInFileEdit(parseNotes(once), 'Shadowtraffic');
    const l2 = once.split('\n');
    const p = second.range.start;
    l2[p.line] = l2[p.line]!.slice(0, p.character) + second.newText + l2[p.line]!.slice(p.character);
    assert.match(l2.join('\n'), /<!-- spelling: ignore Tepapa Shadowtraffic -->\n$/);
    assert.ok(!flaggedWords(spellingFindings(l2.join('\n'), us)).includes('Shadowtraffic'));
  });

  it('checks CamelCase parts and hyphenated parts', () => {
    const flagged = flaggedWords(spellingFindings('# Notes\n\nWe used DataDgos and a re-usabel thing, plus JavaScript and iPhone.\n', us));
    assert.deepEqual(flagged, ['Dgos', 'usabel']);
  });

  it('takes a CamelCase name with an abbreviation or capitals in a row as a name (NumFocus, RLlib, GusterFS)', () => {
    const flagged = flaggedWords(spellingFindings('# Notes\n\nNumFocus funds it; RLlib and GusterFS too, and haveIbeenPwned.\n', us));
    assert.deepEqual(flagged, []);
  });
});
