// field-heading-level, empty-talk, duplicate-talk.
import { strict as assert } from 'node:assert';
import { applyPreferred, headingNotes, lines, lint } from './helpers';

describe('field-heading-level', () => {
  it('reports role and company headings at ### where the document uses ####, with a safe fix', () => {
    const text = headingNotes('## Third talk\n### Carol Person\n\n### Staff Engineer\n\n### Globex\n\nNotes.\n');
    const found = lint(text, 'field-heading-level');
    assert.deepEqual(found.map((f) => [f.range.start.line + 1, f.data?.field]), [[24, 'role'], [26, 'company']]);
    const f = found[0];
    assert.equal(f!.fixes[0]!.safe, true);
    assert.match(applyPreferred(text, f!), /\n#### Staff Engineer\n/);
    assert.ok(!lines(lint(applyPreferred(text, f!), 'field-heading-level')).includes(24));
    const both = applyPreferred(applyPreferred(text, found[1]!), f!);
    assert.match(both, /### Carol Person\n\n#### Staff Engineer\n\n#### Globex\n/);
    assert.deepEqual(lint(both, 'field-heading-level'), []);
  });

  it('is quiet on a consistent document', () => {
    assert.deepEqual(lint(headingNotes(''), 'field-heading-level'), []);
  });
});

describe('empty-talk', () => {
  it('reports a talk with fields but no notes, as a hint', () => {
    const text = headingNotes('## Third talk\n### Carol Person\n\n#### Staff Engineer\n\n#### Globex\n');
    const found = lint(text, 'empty-talk');
    assert.deepEqual(lines(found), [21]);
    assert.equal(found[0]!.severity, 'hint');
    assert.deepEqual(lint(applyPreferred(text, found[0]!), 'empty-talk'), []);
  });

  it('does not report talks with notes', () => {
    assert.deepEqual(lint(headingNotes(''), 'empty-talk'), []);
  });
});

describe('duplicate-talk', () => {
  it('reports the second talk with the same title (case and trailing punctuation aside)', () => {
    const text = headingNotes('## first talk.\n### Carol Person\n\nMore notes.\n');
    const found = lint(text, 'duplicate-talk');
    assert.deepEqual(lines(found), [21]);
    assert.match(found[0]!.message, /first at line 3/);
    assert.equal(found[0]!.severity, 'information');
    assert.deepEqual(found[0]!.fixes, []);
  });

  it('does not report different titles', () => {
    assert.deepEqual(lint(headingNotes('## Third talk\n### Carol Person\n\nNotes.\n'), 'duplicate-talk'), []);
  });
});
