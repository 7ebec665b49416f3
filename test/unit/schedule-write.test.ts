// Writing notes from a schedule: every layout × every format parses back (with the notes parser) to exactly
// the imported talks and speakers, in time order, with front matter, and the schedule line read as what it is.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from '../../src/core/parser';
import { readSchedule, talksOf, type Schedule, type ScheduleSession } from '../../src/core/schedule';
import { writeNotes, scheduleLine, scheduleLineId, talkLines } from '../../src/core/schedule/writeNotes';
import { instantMs } from '../../src/core/schedule/time';
import type { NotesLayoutChoice } from '../../src/core/newNotes';
import { fixture, SHARED } from './schedule-readers.test';

const LAYOUTS: NotesLayoutChoice[] = ['heading', 'label', 'title', 'byline'];
const FIXTURE_FILES = readdirSync(path.join(__dirname, '..', 'fixtures', 'schedules')).filter((f) => !f.startsWith('not-'));

/** Asserts that the notes read back as exactly the talks of the schedule, in time order. */
function assertReadsBack(schedule: Schedule, layout: NotesLayoutChoice, label: string): void {
  const { text, talks: count } = writeNotes(schedule, schedule.sessions, { layout, fallbackName: 'Fixture' });
  const doc = parseNotes(text);
  const expected = talksOf(schedule.sessions);
  assert.equal(count, expected.length);
  // Speaker-less sessions (not breaks) may be read as sections; talks with speakers must all be talks.
  const withSpeakers = expected.filter((s) => s.speakers.length > 0);
  const readTalks = doc.talks.filter((t) => t.speakers.length > 0);
  assert.deepEqual(
    readTalks.map((t) => [t.title, t.speakers.map((s) => s.text)]),
    withSpeakers.map((s) => [s.title.replace(/\s+/g, ' ').trim(), s.speakers.map((p) => p.name)]),
    `${label} in layout ${layout}`,
  );
  const speakerless = expected.filter((s) => s.speakers.length === 0).map((s) => s.title);
  const readSpeakerless = [...doc.talks.filter((t) => t.speakers.length === 0).map((t) => t.title), ...doc.sections.map((s) => s.title)];
  assert.deepEqual([...readSpeakerless].sort(), [...speakerless].sort(), `${label} (${layout}): sessions without speakers`);
  // Companies the schedule gives come back as the talk's company.
  for (const s of withSpeakers) {
    const company = s.speakers.find((p) => p.company)?.company;
    if (!company) continue;
    const talk = readTalks.find((t) => t.title === s.title.replace(/\s+/g, ' ').trim());
    assert.equal(talk?.company?.text, company, `${label} (${layout}): company of '${s.title}'`);
  }
  // One schedule line per talk, carrying its id, and the front matter names the conference.
  const ids = doc.lines.map(scheduleLineId).filter((id): id is string => id !== undefined);
  assert.deepEqual(ids, expected.map((s) => s.id));
  assert.ok(doc.frontMatter?.conference, 'front matter without conference');
  assert.equal(doc.frontMatter?.data.layout, layout);
}

describe('Writing notes from a schedule', () => {
  for (const file of FIXTURE_FILES) {
    for (const layout of LAYOUTS) {
      it(`${file} in layout ${layout} reads back as the imported talks and speakers`, () => assertReadsBack(fixture(file), layout, file));
    }
  }

  it('writes the front matter, the title, and the talks in time order (parallel talks by room order of the source)', () => {
    const s = fixture('frab-2012.xml');
    const { text } = writeNotes(s, s.sessions, { layout: 'heading' });
    assert.match(text, /^---\nconference: Fixture Congress 2012\ndates: 2012-12-27 to 2012-12-28\nlayout: heading\n---\n\n# Notes from Fixture Congress 2012\n\n## Opening & Welcome\n### Ada Quill & Bo Ferris\n\n\*Thu 2012-12-27, 11:00–11:30 · Hall 1 · Community\* <!-- session: 101 -->\n/);
    const titles = parseNotes(text).talks.map((t) => t.title);
    assert.deepEqual(titles, ['Opening & Welcome', 'Radio Hacking - A Primer', 'Parallel Worlds', 'Night Owl Session', 'Closing']);
  });

  it('leaves breaks out: no heading for the lunch or the DJ set', () => {
    const s = fixture('frab-2012.xml');
    const { text } = writeNotes(s, s.sessions, { layout: 'label' });
    assert.doesNotMatch(text, /Lunch break|DJ set/);
  });

  it('dates the schedule line of an after-midnight talk with its own date and the offset', () => {
    const s = fixture('c3voc.json');
    const line = scheduleLine(s.sessions.find((x) => x.id === '502')!);
    assert.equal(line, '*Thu 2019-08-22, 00:30–01:30 UTC+02:00 · Tent A · Networks* <!-- session: 502 -->');
  });

  it('escapes Markdown in the schedule line and keeps the link a link', () => {
    const session: ScheduleSession = { id: 'x-->y', title: 'T', speakers: [{ name: 'Ann Lee' }], room: 'Room *1* [A]', url: 'https://e.org/a (b)', isBreak: false };
    const line = scheduleLine(session);
    assert.equal(line, '*Not scheduled yet · Room \\*1\\* \\[A\\] · [talk page](https://e.org/a%20%28b%29)* <!-- session: x--\\>y -->');
    assert.equal(scheduleLineId(line), 'x-->y');
  });

  it('the schedule line is neither a field nor part of the title, in every layout', () => {
    const s = fixture('sessionize.json');
    for (const layout of LAYOUTS) {
      const { text } = writeNotes(s, s.sessions, { layout });
      const doc = parseNotes(text);
      for (const talk of doc.talks) {
        for (const f of [talk.speaker, talk.role, talk.company, ...talk.speakers]) if (f) assert.ok(!doc.lines[f.range.start.line]!.includes('<!-- session:'), `${layout}: a field read from the schedule line`);
        assert.ok(!/UTC|·/.test(talk.title), `${layout}: '${talk.title}'`);
      }
    }
  });

  it('writes a handle the byline cannot take as a name on a labelled line instead', () => {
    const session: ScheduleSession = { id: '1', title: 'Hacking Things', speakers: [{ name: 'erdgeist' }, { name: 'Geraldine de Bastion' }], isBreak: false };
    const schedule: Schedule = { format: 'frab-xml', conference: { name: 'X' }, sessions: [session, { ...session, id: '2', title: 'Other Things', speakers: [{ name: 'Ann Lee' }] }] };
    const { text } = writeNotes(schedule, schedule.sessions, { layout: 'byline' });
    assert.match(text, /## Hacking Things\n\n\*\*Speakers:\*\* erdgeist, Geraldine de Bastion\n/);
    assert.match(text, /## Other Things\nAnn Lee\n/);
    assert.deepEqual(parseNotes(text).talks.map((t) => t.speakers.map((x) => x.text)), [['erdgeist', 'Geraldine de Bastion'], ['Ann Lee']]);
  });

  it('talkLines gives each layout its own form', () => {
    const session: ScheduleSession = { id: '9', title: 'Fast Builds', speakers: [{ name: 'Lena Moss', company: 'Acme Ltd' }], isBreak: false };
    const style = { talkLevel: 2, labelStyle: 'bold' as const };
    const meta = scheduleLine(session);
    assert.deepEqual(talkLines(session, { ...style, layout: 'heading' }), ['## Fast Builds', '### Lena Moss', '', '#### Acme Ltd', '', meta]);
    assert.deepEqual(talkLines(session, { ...style, layout: 'label' }), ['## Fast Builds', '', '**Speaker:** Lena Moss', '', '**Company:** Acme Ltd', '', meta]);
    assert.deepEqual(talkLines(session, { ...style, layout: 'title' }), ['## Fast Builds — Lena Moss (Acme Ltd)', '', meta]);
    assert.deepEqual(talkLines(session, { ...style, layout: 'byline' }), ['## Fast Builds', 'Lena Moss @ Acme Ltd', '', meta]);
  });
});

describe('Writing notes from the development set (../shared/schedules)', function () {
  this.timeout(60000);
  before(function () {
    if (!existsSync(SHARED)) {
      console.log(`      (skipped: no development set at ${SHARED})`);
      this.skip();
    }
  });
  const files = existsSync(SHARED) ? readdirSync(SHARED).filter((f) => !/^(README|sources|EuroPython)/.test(f)) : [];
  for (const file of files) {
    for (const layout of LAYOUTS) {
      it(`${file} in layout ${layout} reads back as the imported talks and speakers`, () => {
        assertReadsBack(readSchedule(readFileSync(path.join(SHARED, file), 'utf8')), layout, file);
      });
    }
  }
  it('talks are in time order', () => {
    for (const file of files) {
      const talks = talksOf(readSchedule(readFileSync(path.join(SHARED, file), 'utf8')).sessions).filter((s) => s.start);
      for (let k = 1; k < talks.length; k++) assert.ok(instantMs(talks[k - 1]!.start!) <= instantMs(talks[k]!.start!), `${file}: ${talks[k]!.title}`);
    }
  });
});
