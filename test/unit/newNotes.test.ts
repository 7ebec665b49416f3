// New Notes File: the template, filled in as the snippet would be, parses back as notes of the conference
// with one complete talk, in every layout offered.
import * as assert from 'node:assert/strict';
import { checkDate, newNotesFileName, newNotesSnippet, NOTES_LAYOUTS } from '../../src/core/newNotes';
import { parseNotes } from '../../src/core/parser';

/** The text a user gets after typing a value at each tab stop (`${n:placeholder}` -> value). */
function fill(snippet: string, values: Record<string, string>): string {
  return snippet
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string, placeholder: string) => values[placeholder] ?? (n === '0' ? 'Some notes.' : placeholder))
    .replace(/\\([\\$}])/g, '$1');
}

const VALUES = { 'Talk title': 'Databases and Containers', Speaker: 'Ronen Baram', Role: 'MySQL Principal Consultant', Company: 'Oracle' };

describe('New Notes File template', () => {
  for (const layout of NOTES_LAYOUTS) {
    it(`is notes of the conference with one talk, in the '${layout.id}' layout`, () => {
      const text = fill(newNotesSnippet({ conference: 'Scaleconf', date: '2017-03-09', layout: layout.id }), VALUES);
      const doc = parseNotes(text);
      assert.equal(doc.conference, 'Scaleconf');
      assert.equal(doc.frontMatter?.date, '2017-03-09');
      assert.equal(doc.talks.length, 1, text);
      const [talk] = doc.talks;
      assert.equal(talk!.title, 'Databases and Containers');
      assert.equal(talk!.speaker?.text, 'Ronen Baram');
      assert.equal(talk!.company?.text, 'Oracle');
      if (layout.id !== 'title') assert.equal(talk!.role?.text, 'MySQL Principal Consultant');
    });
  }

  it('keeps what the user typed literal in the snippet and the YAML', () => {
    const snippet = newNotesSnippet({ conference: 'Dev$ {Conf}: 2024', date: '' });
    const text = fill(snippet, VALUES);
    assert.match(text, /^---\nconference: "Dev\$ \{Conf\}: 2024"\n---\n\n# Notes from Dev\$ \{Conf\}: 2024\n/);
    assert.equal(parseNotes(text).frontMatter?.conference, 'Dev$ {Conf}: 2024');
  });

  it('names the file after the conference and year', () => {
    assert.equal(newNotesFileName({ conference: 'ScaleConf', date: '2017-03-09' }), 'scaleconf-2017.md');
    assert.equal(newNotesFileName({ conference: 'Kiwicon 2019', date: '2019-11-20' }), 'kiwicon-2019.md');
    assert.equal(newNotesFileName({ conference: 'Pāua Conf!', date: '' }), 'paua-conf.md');
    assert.equal(newNotesFileName({ conference: '???' }), 'conference-notes.md');
  });

  it('accepts a real date or none, and says what is expected otherwise', () => {
    assert.equal(checkDate(''), undefined);
    assert.equal(checkDate('2017-03-09'), undefined);
    assert.match(checkDate('2017-02-30')!, /year-month-day/);
    assert.match(checkDate('9 March 2017')!, /year-month-day/);
  });
});
