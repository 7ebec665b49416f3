// missing-speaker, missing-role, missing-company: positive and negative cases, fixes in each layout.
import { strict as assert } from 'node:assert';
import { parseNotes } from '../../../src/core';
import { applyPreferred, headingNotes, lines, lint } from './helpers';

describe('missing-speaker', () => {
  it('reports a talk with no speaker heading, at its title, with a snippet fix in the heading layout', () => {
    const text = headingNotes('## Third talk\n\n#### Principal Engineer\n\n#### Globex\n\nNotes here.\n');
    const [f, ...rest] = lint(text, 'missing-speaker');
    assert.equal(rest.length, 0);
    assert.equal(f!.range.start.line + 1, 21);
    assert.equal(f!.severity, 'warning');
    assert.match(f!.message, /Talk 'Third talk' has no speaker heading \(expected '### Speaker name'/);
    const fix = f!.fixes[0]!;
    assert.equal(fix.snippet, true);
    assert.equal(fix.safe, false);
    assert.match(fix.edits[0]!.newText, /^### \$\{1:Speaker name\}/);
    const talk = parseNotes(applyPreferred(text, f!)).talks[2]!;
    assert.deepEqual([talk.speaker?.text, talk.role?.text, talk.company?.text], ['Speaker name', 'Principal Engineer', 'Globex']);
  });

  it('does not report Intro, Disclaimer or a Day group, nor talks that have a speaker', () => {
    const text = `# Notes\n\n## Disclaimer\nThese are my notes.\n\n## Intro\nHello.\n\n${headingNotes('')}`;
    assert.deepEqual(lint(text, 'missing-speaker'), []);
  });

  it('writes a label line in a labelled document, in its own label spelling', () => {
    const text = `# Notes from Labelconf

## Talk one
- speaker: Alice Example
- company: Acme

Notes one.

## Talk two
- speaker: Bob Sample
- company: Initech

Notes two.

## Talk three
- company: Globex

Notes three.
`;
    const [f] = lint(text, 'missing-speaker');
    assert.ok(f, 'finding');
    assert.equal(f.range.start.line + 1, 15);
    const fixed = applyPreferred(text, f);
    assert.match(fixed, /## Talk three\n- speaker: Speaker name\n- company: Globex/);
    assert.equal(parseNotes(fixed).talks[2]!.speaker?.text, 'Speaker name');
  });
});

describe('missing-speaker in other layouts', () => {
  it('copies the speaker line of the other talks where the document uses bylines', () => {
    const text = `# Notes from Bylineconf

## Talk one
Alice Example - Staff Engineer @ Acme

Notes one.

## Talk two
Bob Sample - Developer Advocate @ Initech

Notes two.

## Talk three

Notes three.
`;
    const [f] = lint(text, 'missing-speaker');
    assert.ok(f);
    assert.equal(f.fixes[0]!.edits[0]!.newText, '\n${1:Speaker name} - ${2:Role} @ ${3:Company}');
    // Typed in, the line reads back as the talk's fields.
    const typed = applyPreferred(text, f).replace('Speaker name - Role @ Company', 'Carol Person - Principal Engineer @ Globex');
    const talk = parseNotes(typed).talks[2]!;
    assert.deepEqual([talk.speaker?.text, talk.role?.text, talk.company?.text], ['Carol Person', 'Principal Engineer', 'Globex']);
  });

  it('uses bold labels where the document does', () => {
    const text = `# Notes from Boldconf

## Talk one
**Speaker:** Alice Example
**Role:** Staff Engineer
**Company:** Acme

Notes one.

## Talk two
**Speaker:** Bob Sample
**Company:** Initech

Notes two.
`;
    const [f, ...rest] = lint(text, 'missing-role');
    assert.equal(rest.length, 0);
    assert.match(applyPreferred(text, f!), /\*\*Speaker:\*\* Bob Sample\n\*\*Role:\*\* Role\n\*\*Company:\*\* Initech/);
  });
});

describe('missing-role and missing-company', () => {
  it('do not ask for a field the document never writes', () => {
    const text = `# Notes from Titleconf

## Talk one - Alice Example, Acme

Notes one.

## Talk two - Bob Sample, Initech

Notes two.
`;
    assert.deepEqual(parseNotes(text).talks.map((t) => t.company?.text), ['Acme', 'Initech']);
    assert.deepEqual(lint(text, 'missing-role'), []);
    assert.deepEqual(lint(text, 'missing-company'), []);
  });


  it('report a talk with a speaker but no role / no company, as information', () => {
    const text = headingNotes('## Third talk\n### Carol Person\n\nNotes.\n');
    const role = lint(text, 'missing-role');
    const company = lint(text, 'missing-company');
    assert.deepEqual(lines(role), [21]);
    assert.deepEqual(lines(company), [21]);
    assert.equal(role[0]!.severity, 'information');
    const withRole = applyPreferred(text, role[0]!);
    assert.match(withRole, /### Carol Person\n\n#### Role\n\nNotes\./);
  });

  it('say nothing for a talk without a speaker (missing-speaker covers it) or with all fields', () => {
    const text = headingNotes('## Third talk\n\nJust notes.\n');
    assert.deepEqual(lint(text, 'missing-role'), []);
    assert.deepEqual(lint(text, 'missing-company'), []);
    assert.deepEqual(lint(headingNotes(''), 'missing-role'), []);
  });

  it('can be turned off or given another severity', () => {
    const text = headingNotes('## Third talk\n### Carol Person\n\nNotes.\n');
    assert.deepEqual(lint(text, 'missing-role', {}, { rules: { 'missing-role': 'off' } }), []);
    assert.equal(lint(text, 'missing-company', {}, { rules: { 'missing-company': 'error' } })[0]!.severity, 'error');
  });
});
