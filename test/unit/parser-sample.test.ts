// The parser on samples/scaleconf-2017.md: the 13 talks with their exact fields, its sections and ranges,
// the same file with CRLF line endings and with a BOM, and variants with one field heading deleted.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from '../../src/core/parser';
import { isConferenceNotes } from '../../src/core/detect';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { NotesDocument, Range, Talk } from '../../src/core/model';

const ROOT = process.cwd();
const SAMPLE = readFileSync(path.join(ROOT, 'samples/scaleconf-2017.md'), 'utf8');
const SAMPLE_LINES = SAMPLE.split('\n');

interface Row {
  title: string;
  speaker: string | null;
  role: string | null;
  company: string | null;
  /** 0-based line of the `## ` talk heading. */
  line: number;
  hasNotes: boolean;
}

// Read from the sample by hand. Line numbers are 0-based (the file's line 13 is line 12 here).
const EXPECTED: Row[] = [
  { title: 'Cloud-scale: Lessons from the field', speaker: 'Daniel Larsen', role: 'Senior Premier Field Engineer', company: 'Microsoft NZ', line: 12, hasNotes: true },
  { title: 'Automating Migrations at Scale', speaker: 'Sarah Dapul-Weberman', role: 'Software Engineer', company: 'Pinterest', line: 29, hasNotes: true },
  { title: 'Databases and Containers', speaker: 'Ronen Baram', role: 'MySQL Principal Consultant', company: 'Oracle', line: 48, hasNotes: true },
  { title: 'Planning your automation from scratch, what not to bring from your Word document!', speaker: 'Vanessa Love', role: 'Support Guru', company: 'Octopus Deploy', line: 65, hasNotes: true },
  { title: 'IAM at Scale and on Hybrid', speaker: 'Jeyappragash JJ', role: 'Software Engineer', company: 'ex-Twitter', line: 89, hasNotes: true },
  { title: 'Reduce time to market, Increase quality to market', speaker: 'Vaughan Westray', role: 'IT Performance Manager', company: 'Ministry of Social Development NZ', line: 120, hasNotes: true },
  { title: '100% Observability', speaker: 'Jason Yee', role: 'Technical Writer', company: 'DataDog', line: 137, hasNotes: true },
  { title: "Scaling for growth - a Kiwi startup's story", speaker: 'Andrew Schofield', role: 'Co-Founder and CTO', company: 'Timely', line: 172, hasNotes: false },
  // The sample's own mojibake (â€œ) is part of the title as written.
  { title: 'Lessons Learned from building a \u00e2\u20ac\u0153serverless" API', speaker: 'Pam Rucinque', role: 'Senior Software Developer', company: 'ThoughtWorks', line: 179, hasNotes: false },
  { title: "Designing interfaces that don't suck when your customers scale!", speaker: 'Rob Pearson', role: 'Software Engineer', company: 'Octopus Deploy', line: 186, hasNotes: false },
  { title: 'Thinking at Scale: Lessons learnt running Bing.com and Cortana', speaker: 'Kumar Srinivasamurthy', role: 'Principal Group Engineering Manager', company: 'Bing', line: 193, hasNotes: false },
  { title: 'Less Serverless: using Google App Engine for Serverless web apps', speaker: 'Ashley Schroder', role: 'Software Engineer', company: 'A2X', line: 200, hasNotes: false },
  { title: 'The Art of Coding a Conversation: Designing Bots', speaker: 'Vishesh Oberoi', role: 'Technical Evangelist', company: 'Microsoft NZ', line: 207, hasNotes: false },
];

function row(t: Talk): Omit<Row, 'line' | 'hasNotes'> {
  return { title: t.title, speaker: t.speaker?.text ?? null, role: t.role?.text ?? null, company: t.company?.text ?? null };
}

function fields(rows: Row[]): Array<Omit<Row, 'line' | 'hasNotes'>> {
  return rows.map(({ title, speaker, role, company }) => ({ title, speaker, role, company }));
}

function r(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The sample without the given 0-based lines. */
function without(...lines: number[]): string {
  return SAMPLE_LINES.filter((_, i) => !lines.includes(i)).join('\n');
}

/** 0-based line of the sample whose text is exactly `text` (checked, so the variants delete what they say). */
function lineOf(text: string, after = 0): number {
  const i = SAMPLE_LINES.findIndex((l, n) => n >= after && l === text);
  assert.ok(i >= 0, `sample has no line ${JSON.stringify(text)}`);
  return i;
}

describe('parser on samples/scaleconf-2017.md', () => {
  let doc: NotesDocument;
  before(() => {
    doc = parseNotes(SAMPLE);
  });

  it('reads the title "Notes from Scaleconf 2017" on line 0', () => {
    assert.equal(doc.title?.text, 'Notes from Scaleconf 2017');
    assert.equal(doc.title?.range.start.line, 0);
  });

  it('finds Disclaimer and Intro as sections, not talks', () => {
    assert.deepEqual(doc.sections.map((s) => s.title), ['Disclaimer', 'Intro']);
    assert.deepEqual(doc.sections.map((s) => s.heading.range.start.line), [2, 7]);
    assert.ok(!doc.talks.some((t) => /^(Disclaimer|Intro)$/.test(t.title)), 'a section was also read as a talk');
  });

  it('finds the 13 talks with their exact speaker, role and company', () => {
    assert.deepEqual(doc.talks.map(row), fields(EXPECTED));
  });

  it('has one speaker per talk (no panels in the sample)', () => {
    assert.deepEqual(doc.talks.map((t) => t.speakers.map((s) => s.text)), EXPECTED.map((e) => [e.speaker]));
  });

  it('puts each talk heading on its 0-based line ("Databases and Containers" on line 48)', () => {
    assert.deepEqual(doc.talks.map((t) => t.headingRange.start.line), EXPECTED.map((e) => e.line));
    const db = doc.talks.find((t) => t.title === 'Databases and Containers');
    assert.equal(db?.headingRange.start.line, 48);
    assert.equal(db?.heading.level, 2);
    assert.equal(db?.headingRange.start.character, 0);
  });

  it('has notes for the first seven talks and none for the last six', () => {
    assert.deepEqual(doc.talks.map((t) => t.hasNotes), EXPECTED.map((e) => e.hasNotes));
    assert.deepEqual(doc.talks.filter((t) => !t.hasNotes).map((t) => t.title), EXPECTED.slice(7).map((e) => e.title));
  });

  it('gives field ranges in 0-based line/character (Ronen Baram, MySQL Principal Consultant, Oracle)', () => {
    const db = doc.talks[2]!;
    assert.equal(r(db.speaker!.range), '49:4-49:15', '`### Ronen Baram` on line 49');
    assert.equal(r(db.role!.range), '51:5-51:31', '`#### MySQL Principal Consultant` on line 51');
    assert.equal(r(db.company!.range), '53:5-53:11', '`#### Oracle` on line 53');
    const sarah = doc.talks[1]!;
    assert.equal(r(sarah.speaker!.range), '30:4-30:24', '`### Sarah Dapul-Weberman` on line 30');
    assert.equal(r(sarah.role!.range), '32:4-32:21', '`### Software Engineer` on line 32');
    assert.equal(r(sarah.company!.range), '34:4-34:13', '`### Pinterest` on line 34');
  });

  it('reads the fields from heading lines, at the level they are written', () => {
    const db = doc.talks[2]!;
    assert.equal(db.speaker!.source, 'heading');
    assert.equal(db.speaker!.headingLevel, 3);
    assert.equal(db.role!.headingLevel, 4);
    assert.equal(db.company!.headingLevel, 4);
    const sarah = doc.talks[1]!;
    assert.deepEqual([sarah.speaker!.headingLevel, sarah.role!.headingLevel, sarah.company!.headingLevel], [3, 3, 3]);
  });

  it('makes each talk block run from its heading to its last non-blank line before the next talk', () => {
    for (let i = 0; i < doc.talks.length; i++) {
      const t = doc.talks[i]!;
      assert.equal(t.range.start.line, EXPECTED[i]!.line, `talk ${i + 1} starts at its heading`);
      const next = i + 1 < EXPECTED.length ? EXPECTED[i + 1]!.line : SAMPLE_LINES.length;
      let last = next - 1;
      while (last > t.range.start.line && SAMPLE_LINES[last]!.trim() === '') last--;
      assert.deepEqual(t.range.end, { line: last, character: SAMPLE_LINES[last]!.length }, `talk ${i + 1} ${JSON.stringify(t.title)} ends where its text ends`);
    }
  });

  it('starts the notes of "Databases and Containers" at line 55, after the fields', () => {
    const db = doc.talks[2]!;
    assert.ok(db.notesRange, 'no notes range');
    assert.equal(db.notesRange.start.line, 55);
    assert.ok(db.notesRange.end.line >= 63 && db.notesRange.end.line <= 65, `notes end at ${db.notesRange.end.line}`);
    assert.equal(doc.talks[12]!.notesRange, undefined, 'the last talk has no notes');
  });

  it('uses the heading layout with talks at level 2', () => {
    assert.equal(doc.layout.talkLevel, 2);
    assert.equal(doc.layout.fieldStyle, 'heading');
    assert.deepEqual(doc.layout.fieldLevels, { speaker: 3, role: 4, company: 4 });
  });

  it('is conference notes; this project\'s README is not', () => {
    assert.equal(isConferenceNotes(doc, DEFAULT_SETTINGS, 'samples/scaleconf-2017.md'), true);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.equal(isConferenceNotes(parseNotes(readme), DEFAULT_SETTINGS, 'README.md'), false);
  });

  describe('line endings and BOM', () => {
    function sameTalks(other: NotesDocument, ignoreLine0Characters: boolean): void {
      const strip = (d: NotesDocument): unknown => ({
        title: d.title?.text,
        sections: d.sections.map((s) => [s.title, s.heading.range.start.line]),
        talks: d.talks.map((t) => ({
          ...row(t),
          speakers: t.speakers.map((s) => s.text),
          hasNotes: t.hasNotes,
          heading: t.headingRange.start.line,
          range: [t.range.start.line, t.range.end.line],
          fields: [t.speaker, t.role, t.company].map((f) => (f ? r(f.range) : null)),
        })),
        titleRange: ignoreLine0Characters ? d.title?.range.start.line : d.title && r(d.title.range),
      });
      assert.deepEqual(strip(other), strip(doc));
    }

    it('gives identical talks with CRLF line endings', () => {
      const crlf = parseNotes(SAMPLE.replace(/\n/g, '\r\n'));
      sameTalks(crlf, false);
      for (const t of crlf.talks) {
        for (const f of [t.speaker, t.role, t.company]) assert.ok(!f?.text.includes('\r'), `\\r in ${JSON.stringify(f?.text)}`);
        assert.ok(!t.title.includes('\r'), `\\r in title ${JSON.stringify(t.title)}`);
      }
    });

    it('gives identical talks with a BOM', () => {
      sameTalks(parseNotes('\uFEFF' + SAMPLE), true);
    });

    it('gives identical talks with a BOM and CRLF', () => {
      sameTalks(parseNotes('\uFEFF' + SAMPLE.replace(/\n/g, '\r\n')), true);
    });

    it('gives identical talks without the final newline', () => {
      sameTalks(parseNotes(SAMPLE.replace(/\n$/, '')), false);
    });
  });

  describe('deleted-field variants', () => {
    /** Parses the variant and checks talk `index` against `want`, every other talk unchanged. */
    function variant(text: string, index: number, want: Partial<Row>): void {
      const d = parseNotes(text);
      const expected = fields(EXPECTED.map((e, i) => (i === index ? { ...e, ...want } : e)));
      assert.deepEqual(d.talks.map(row), expected);
      assert.deepEqual(d.sections.map((s) => s.title), ['Disclaimer', 'Intro']);
    }

    it('without the speaker heading on line 14 (### Daniel Larsen): no speaker, role and company kept', () => {
      assert.equal(SAMPLE_LINES[13], '### Daniel Larsen');
      variant(without(13), 0, { speaker: null });
    });

    it('without the role heading of "Databases and Containers": "Oracle" is still the company', () => {
      variant(without(lineOf('#### MySQL Principal Consultant')), 2, { role: null });
    });

    it('without the company heading of "Databases and Containers": "MySQL Principal Consultant" is still the role', () => {
      variant(without(lineOf('#### Oracle')), 2, { company: null });
    });

    it('without both role and company of "Databases and Containers": speaker only', () => {
      variant(without(lineOf('#### MySQL Principal Consultant'), lineOf('#### Oracle')), 2, { role: null, company: null });
    });

    it('without the speaker of "Automating Migrations at Scale" (all at ###): role and company by the lexicon', () => {
      variant(without(lineOf('### Sarah Dapul-Weberman')), 1, { speaker: null });
    });

    it('without the role of "Automating Migrations at Scale" (all at ###): "Pinterest" is the company', () => {
      variant(without(lineOf('### Software Engineer')), 1, { role: null });
    });

    it('without Vanessa Love\'s role: "Octopus Deploy" is the company', () => {
      variant(without(lineOf('#### Support Guru')), 3, { role: null });
    });

    it('without Vanessa Love\'s company: "Support Guru" is the role', () => {
      variant(without(lineOf('#### Octopus Deploy')), 3, { company: null });
    });

    it('without the role of "IAM at Scale and on Hybrid": "ex-Twitter" is the company', () => {
      variant(without(lineOf('#### Software Engineer', 90)), 4, { role: null });
    });

    it('without Jason Yee\'s company: "Technical Writer" is the role', () => {
      variant(without(lineOf('#### DataDog')), 6, { company: null });
    });

    it('without Andrew Schofield\'s role: "Timely" is the company', () => {
      variant(without(lineOf('#### Co-Founder and CTO')), 7, { role: null });
    });

    it('without Andrew Schofield\'s company: "Co-Founder and CTO" is the role', () => {
      variant(without(lineOf('#### Timely')), 7, { company: null });
    });

    it('without the last talk\'s company (end of file): "Technical Evangelist" is the role', () => {
      variant(without(SAMPLE_LINES.lastIndexOf('#### Microsoft NZ')), 12, { company: null });
    });

    it('without a notes-free talk\'s speaker ("Designing interfaces..."): role and company kept', () => {
      variant(without(lineOf('### Rob Pearson')), 9, { speaker: null });
    });
  });

  it('reads 1300 talks from 100 copies of the sample', () => {
    const big = parseNotes(Array.from({ length: 100 }, () => SAMPLE).join('\n'));
    assert.equal(big.talks.length, 1300);
    assert.equal(big.talks.filter((t) => t.speaker && t.role && t.company).length, 1300);
    assert.deepEqual(big.talks.slice(1287).map(row), fields(EXPECTED));
  });
});
