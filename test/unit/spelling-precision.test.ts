// Issue 14: a spelling check a note-taker can trust. Known words in any case, names, the workspace's names, each
// file's locale, and fix-all that applies only certain fixes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes, type Finding } from '../../src/core';
import { fixAllSafe, lintDocument, runRule } from '../../src/core/lint';
import type { LintConfig } from '../../src/core/rules/types';
import { spellingCaseRule, spellingRule } from '../../src/core/rules/spelling';
import { loadSpeller, type EnglishSpeller } from '../../src/core/spelling/speller';
import { documentLocale, fileLocale, inferLocale, localeCommentEdit, spellerForDocument } from '../../src/core/spelling/locale';
import { workspaceNames } from '../../src/core/spelling/names';
import { applyEdits } from '../../src/core/edits';
import { LintSession } from '../../src/core/lintSession';

const root = path.resolve(__dirname, '..', '..');
const readDict = async (rel: string): Promise<Uint8Array> => new Uint8Array(readFileSync(path.join(root, 'dict', rel)));

const notes = (body: string): string => `# Notes from Testconf\n\n## A talk about systems\n### Ada Lovelace\n\n${body}\n`;

function flagged(speller: EnglishSpeller, text: string, config: Partial<LintConfig> = {}): string[] {
  const doc = parseNotes(text);
  return spellingRule.check({ doc, config: { rules: {}, ...config }, speller }).map((f) => String(f.data?.word));
}

describe('spelling: precision (issue 14)', () => {
  let us: EnglishSpeller;
  before(async () => {
    us = await loadSpeller('en-US', readDict);
  });

  it('accepts a known word in another case (api, github, Javascript), and spelling-case says so only when asked', () => {
    const text = notes('We call the api on github from Javascript and youtube.');
    assert.deepEqual(flagged(us, text), []);
    const doc = parseNotes(text);
    const quiet = runRule(spellingCaseRule, doc, { rules: {} }, { speller: us });
    assert.deepEqual(quiet, []);
    const hints = runRule(spellingCaseRule, doc, { rules: {}, checkCase: true }, { speller: us });
    assert.deepEqual(hints.map((f) => f.data?.form).sort(), ['API', 'GitHub', 'JavaScript', 'YouTube']);
    assert.equal(hints[0]!.severity, 'hint');
  });

  it('knows the vocabulary of software talks (async, failover, autoscaling, kubeadm, embeddings)', () => {
    assert.deepEqual(flagged(us, notes('Use async calls, failover and autoscaling; kubeadm sets it up; embeddings in a heatmap.')), []);
  });

  it('takes a mentioned person for a name, and keeps a capitalised typo of a common word a typo', () => {
    assert.deepEqual(flagged(us, notes('He recommended the book by Francois Chollet and a talk by Stephen Kell.')), []);
    assert.deepEqual(flagged(us, notes('We chose Spee over the Domain-Diven way.')), ['Spee', 'Diven']);
  });

  it('knows names from the rest of the workspace (LintConfig.names, from workspaceNames)', () => {
    const other = parseNotes(`# Other notes\n\n## First talk\n### Ilya Grigorik\n\nNotes.\n\n## Second talk\n### Someone Else\n\nAs Zorblax said.\n\n## Third\n### Another One\n\nThen Zorblax again.\n`);
    const names = workspaceNames([other]);
    assert.ok(names.includes('grigorik') && names.includes('Zorblax'), names.join(' '));
    const text = notes('- grigorik showed it, zorblax too');
    assert.deepEqual(flagged(us, text), ['grigorik', 'zorblax']);
    assert.deepEqual(flagged(us, text, { names }), []);
  });

  it('infers the locale once per document structure: typing prose keeps it, a structural edit counts again', () => {
    const session = new LintSession();
    const british = notes('The organisers apologised for the behaviour of the authorisation service.\n\nMore notes here.');
    const first = inferLocale(session.update(british).doc, us);
    assert.equal(first.locale, 'en-GB');
    // An edit of a plain notes line keeps the structure (the model's talks): the same answer, not counted again.
    const typed = session.update(british.replace('More notes here.', 'More notes here, color and behavior.')).doc;
    assert.equal(inferLocale(typed, us), first);
    // A new talk is a structural edit: the spellings are counted again.
    const restructured = session.update(`${british}\n## Another talk\n### Grace Hopper\n\nThe color of the behavior.\n`).doc;
    assert.notEqual(inferLocale(restructured, us), first);
  });

  it('checks a consistently British document as en-GB (accepting American spellings too), and says so', () => {
    const doc = parseNotes(notes('The organisers apologised for the behaviour of the authorisation service; we realised it later.'));
    const l = inferLocale(doc, us);
    assert.equal(l.locale, 'en-GB');
    assert.deepEqual(l.alsoAccepted, ['en-US']);
    const speller = spellerForDocument(doc, undefined, us);
    assert.deepEqual(spellingRule.check({ doc, config: { rules: {} }, speller }), []);
    // A configured locale wins over what is inferred; the file's own comment wins over both.
    assert.equal(documentLocale(doc, 'en-US', us).source, 'config');
    const withComment = parseNotes(`${notes('Colour.')}\n<!-- spelling: locale en-AU -->\n`);
    assert.equal(fileLocale(withComment), 'en-AU');
    assert.equal(documentLocale(withComment, 'en-US', us).locale, 'en-AU');
  });

  it('writes, changes and removes the file locale comment', () => {
    const text = notes('Text.');
    const once = applyEdits(text, [localeCommentEdit(parseNotes(text), 'en-GB')!]);
    assert.equal(fileLocale(parseNotes(once)), 'en-GB');
    const changed = applyEdits(once, [localeCommentEdit(parseNotes(once), 'en-CA')!]);
    assert.equal(fileLocale(parseNotes(changed)), 'en-CA');
    const removed = applyEdits(changed, [localeCommentEdit(parseNotes(changed), undefined)!]);
    assert.equal(fileLocale(parseNotes(removed)), undefined);
  });

  describe('fix-all applies only certain spelling fixes', () => {
    const fix = (speller: EnglishSpeller, text: string): { text: string; left: Finding[] } => {
      const r = fixAllSafe(text, (t) => parseNotes(t), (d) => lintDocument(d, { rules: {} }, { speller }));
      return { text: r.text, left: r.remaining.filter((f) => f.rule === 'spelling') };
    };

    it('fixes a listed misspelling with one correction in prose (teh, recieve, dont)', () => {
      const r = fix(us, notes('I dont recieve teh mail.'));
      assert.match(r.text, /I don't receive the mail\./);
      assert.equal(r.left.length, 0);
    });

    it('never in a talk title or a field', () => {
      const text = '# Notes from Testconf\n\n## Recieve teh mail\n### Ada Lovelace\n\nBody.\n';
      assert.equal(fix(us, text).text, text);
    });

    it('never a capitalised word that may be a name', () => {
      const text = notes('Recieve it. Then Teh said hello.');
      const r = fix(us, text);
      assert.equal(r.text, text);
      assert.ok(r.left.every((f) => f.data?.unsafe === 'capitalised'));
    });

    it('never a change of locale variant (behaviour stays under en-US)', () => {
      const text = notes('Odd behaviour.');
      const r = fix(us, text);
      assert.equal(r.text, text);
      assert.deepEqual(r.left.map((f) => f.data?.word), ['behaviour']);
    });

    it('never a guess: a word that is not a listed misspelling (offline for offlined, Observably)', () => {
      const text = '# Notes\n\n## 100% Observability\n### Ada Lovelace\n\nIt successfully offlined itself and the clutser went down.\n';
      const r = fix(us, text);
      assert.equal(r.text, text);
      assert.deepEqual(r.left.map((f) => f.data?.word), ['clutser']);
      assert.equal(r.left[0]!.data?.unsafe, 'uncertain');
    });
  });

  it('on the sample: every typo found, no name flagged, --fix changes typos only', () => {
    const sample = readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8');
    const doc = parseNotes(sample);
    const speller = spellerForDocument(doc, undefined, us);
    const words = lintDocument(doc, { rules: {} }, { speller }).filter((f) => f.rule === 'spelling').map((f) => String(f.data?.word));
    for (const w of ['Observability', 'learnt', 'ok', 'offlined', 'Tepapa', 'behaviour']) assert.ok(!words.includes(w), w);
    const fixed = fixAllSafe(sample, (t) => parseNotes(t), (d) => lintDocument(d, { rules: {} }, { speller }));
    assert.match(fixed.text, /## 100% Observability/);
    assert.match(fixed.text, /offlined itself/);
  });
});
