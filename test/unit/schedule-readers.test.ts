// Schedule readers: each format on our own small fixtures (test/fixtures/schedules), then on the real exports
// of the development set (../shared/schedules, read by path; skipped with a message when it is not there).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readSchedule, ScheduleError, filterSessions, talksOf, UNRECOGNISED, type Schedule, type ScheduleSession } from '../../src/core/schedule';
import { resolveDays } from '../../src/core/schedule/picks';
import { splitPeople, plainText } from '../../src/core/schedule/text';
import { afterMidnight } from '../../src/core/schedule/time';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'schedules');
export const SHARED = path.join(__dirname, '..', '..', '..', 'shared', 'schedules');

export function fixture(name: string): Schedule {
  return readSchedule(readFileSync(path.join(FIXTURES, name), 'utf8'));
}

const byTitle = (s: Schedule, title: string): ScheduleSession => {
  const hit = s.sessions.find((x) => x.title === title);
  assert.ok(hit, `no session '${title}' in ${s.sessions.map((x) => x.title).join(', ')}`);
  return hit;
};
const names = (s: ScheduleSession): string[] => s.speakers.map((p) => p.name);

describe('Schedule readers', () => {
  describe('frab XML (older file: day date + HH:MM, day_change)', () => {
    const s = fixture('frab-2012.xml');
    it('reads the conference and every event', () => {
      assert.equal(s.format, 'frab-xml');
      assert.deepEqual(s.conference, { name: 'Fixture Congress 2012', start: '2012-12-27', end: '2012-12-28' });
      assert.equal(s.sessions.length, 7);
    });
    it('splits "A & B" in one <person>, reads <public_name>, keeps a name/handle as one person', () => {
      assert.deepEqual(names(byTitle(s, 'Opening & Welcome')), ['Ada Quill', 'Bo Ferris']);
      assert.deepEqual(names(byTitle(s, 'Radio Hacking - A Primer')), ['Cy Marlow']);
      assert.deepEqual(names(byTitle(s, 'Night Owl Session')), ['Eve Ortega', 'Finn Beck']);
      assert.deepEqual(names(byTitle(s, 'Closing')), ['Ada Quill', 'Gus Hale/gush']);
    });
    it('dates an event after midnight on the next day, under the day it is filed in', () => {
      const night = byTitle(s, 'Night Owl Session');
      assert.deepEqual(night.start, { date: '2012-12-28', time: '01:30' });
      assert.equal(night.day, '2012-12-27');
    });
    it('keeps an early-morning first talk on its day when the day changes later (FOSDEM: day_change 09:00)', () => {
      assert.equal(afterMidnight('08:30', '09:00', ''), false);
      assert.equal(afterMidnight('08:30', '09:00', '23:00'), true);
      assert.equal(afterMidnight('01:30', '04:00', ''), true);
      assert.equal(afterMidnight('10:00', '04:00', '23:00'), false);
    });
    it('makes abstracts plain text (escaped twice, or HTML)', () => {
      assert.equal(byTitle(s, 'Opening & Welcome').abstract, 'Twice & escaped.');
      assert.equal(byTitle(s, 'Radio Hacking - A Primer').abstract, 'Bold claims about radios.\nSecond line.');
    });
    it('keeps parallel talks apart and marks the lunch and the DJ set as breaks', () => {
      assert.equal(byTitle(s, 'Parallel Worlds').room, 'Hall 2');
      assert.equal(byTitle(s, 'Radio Hacking - A Primer').room, 'Hall 1');
      assert.deepEqual(s.sessions.filter((x) => x.isBreak).map((x) => x.title), ['Lunch break', 'DJ set: Chiptune Night']);
      assert.equal(byTitle(s, 'Opening & Welcome').subtitle, 'Where everything starts');
    });
  });

  describe('C3VOC JSON', () => {
    const s = fixture('c3voc.json');
    it('reads rooms, offsets, persons by public_name or name, the time zone', () => {
      assert.equal(s.format, 'c3voc-json');
      assert.equal(s.conference.timeZone, 'Europe/Berlin');
      const mesh = s.sessions.find((x) => x.id === '501')!;
      assert.deepEqual(names(mesh), ['Hana Ruiz', 'ivo']);
      assert.deepEqual(mesh.start, { date: '2019-08-21', time: '10:00', offset: '+02:00' });
      assert.equal(mesh.url, 'https://events.example.org/fix19/talk/501');
      assert.deepEqual(names(byTitle(s, 'Soldering for Everyone')), ['Kim Lee', 'Lou Marr']);
      assert.equal(byTitle(s, 'After Midnight Talk').start?.date, '2019-08-22');
      assert.equal(byTitle(s, 'After Midnight Talk').day, '2019-08-21');
    });
    it('keeps a recurring title as two sessions', () => {
      assert.equal(s.sessions.filter((x) => x.title === 'Mesh Networks in the Field').length, 2);
    });
  });

  describe('pretalx JSON', () => {
    it('widget shape: speaker codes, room and track ids, UTC times shown in the event zone, breaks without code', () => {
      const s = fixture('pretalx-widget.json');
      assert.equal(s.format, 'pretalx-json');
      const typing = byTitle(s, 'Typing the Untyped');
      assert.deepEqual(typing.start, { date: '2025-03-14', time: '09:00', offset: '-05:00' });
      assert.equal(typing.room, 'Ballroom');
      assert.equal(typing.track, 'Language');
      assert.equal(typing.abstract, 'Gradual typing, gradually.');
      assert.equal(typing.url, 'https://pretalx.example.com/fixconf-2025/talk/AB12CD/');
      assert.deepEqual(names(byTitle(s, 'Packaging: A Love Story')), ['Nils Oduya', 'Ona Petrov']);
      assert.equal(byTitle(s, 'Lunch').isBreak, true);
    });
    it('API shape: a results page; rejected and unscheduled submissions left out', () => {
      const s = fixture('pretalx-api.json');
      assert.deepEqual(s.sessions.map((x) => x.title), ['Async All the Way', 'Data Classes - Friend or Foe?']);
      assert.equal(byTitle(s, 'Async All the Way').room, 'Main Hall');
      assert.equal(byTitle(s, 'Data Classes - Friend or Foe?').room, 'Side Room');
      assert.equal(byTitle(s, 'Async All the Way').abstract, 'Awaiting & awaiting.');
    });
  });

  it('pretalx JSON, schedule endpoint: slots holding their submission', () => {
    const text = JSON.stringify({
      slots: [{ id: 1, room: { id: 3, name: { en: 'Hall' } }, start: '2025-05-01T10:00:00+02:00', end: '2025-05-01T10:30:00+02:00', submission: { code: 'ZZ1', title: 'Slot Talk', speakers: [{ code: 'S', name: 'Ana Bo' }], state: 'confirmed' } }],
    });
    const s = readSchedule(text);
    assert.deepEqual(s.sessions.map((x) => [x.title, names(x), x.room, x.start, x.durationMinutes]), [['Slot Talk', ['Ana Bo'], 'Hall', { date: '2025-05-01', time: '10:00', offset: '+02:00' }, 30]]);
  });

  describe('Sessionize JSON', () => {
    it('"All data": speakers and rooms by id, the Track category, service sessions as breaks, company from the tag line', () => {
      const s = fixture('sessionize.json');
      assert.equal(s.format, 'sessionize-json');
      const cost = byTitle(s, 'Cloud Costs Explained');
      assert.deepEqual(cost.speakers, [{ name: 'Wren Yates', company: 'Contoso' }]);
      assert.deepEqual(cost.start, { date: '2022-05-05', time: '09:00' });
      assert.equal(cost.durationMinutes, 45);
      assert.equal(cost.room, 'Room Alpha');
      assert.equal(cost.track, 'Cloud');
      assert.deepEqual(byTitle(s, 'Serverless Pitfalls').speakers, [{ name: 'Xia Zhou' }, { name: 'Yuri Abel', company: 'Fabrikam' }]);
      assert.equal(byTitle(s, 'Coffee & Networking').isBreak, true);
    });
    it('"Sessions" list: speakers as objects, rooms as names', () => {
      const s = fixture('sessionize-sessions.json');
      assert.deepEqual(names(byTitle(s, 'Observability 101')), ['Zed Amari']);
      assert.equal(byTitle(s, 'Observability 101').track, 'Ops');
      assert.equal(byTitle(s, 'Lunch').isBreak, true);
    });
  });

  describe('iCalendar', () => {
    it('pretalx: speakers after the last " - ", times in the file\'s VTIMEZONE, folded lines', () => {
      const s = fixture('pretalx.ics');
      assert.equal(s.format, 'icalendar');
      const testing = byTitle(s, 'Testing - The Boring Bits');
      assert.deepEqual(names(testing), ['Amel Brun', 'Basile Caron']);
      assert.deepEqual(testing.start, { date: '2024-09-15', time: '10:00', offset: '+02:00' });
      assert.equal(testing.room, 'Amphi A');
      assert.equal(byTitle(s, 'Profiling Python').abstract, 'A very long description that is folded over two lines of the iCalendar file so the reader must unfold it.');
      assert.equal(byTitle(s, 'Clock Change Hack').start?.offset, '+01:00');
    });
    it('others: ORGANIZER/ATTENDEE names, UTC times in X-WR-TIMEZONE, one UID reused', () => {
      const s = fixture('meetup.ics');
      assert.equal(s.conference.name, 'Fixture Meetup Series');
      assert.deepEqual(names(byTitle(s, 'Rust for Pythonistas')), ['Gail Hunt']);
      assert.deepEqual(byTitle(s, 'Rust for Pythonistas').start, { date: '2024-01-10', time: '18:00', offset: '-05:00' });
      assert.deepEqual(names(byTitle(s, 'Panel - Hiring Juniors')), ['Ike Jones', 'Jia Kaur']);
      assert.equal(new Set(s.sessions.map((x) => x.id)).size, s.sessions.length);
      assert.equal(byTitle(s, 'Pizza and drinks').isBreak, true);
    });
  });

  it('iCalendar: an organizer of the whole calendar is the host, not a speaker; a "Speakers:" line of the description is', () => {
    const event = (n: number, extra: string[]): string[] => ['BEGIN:VEVENT', `UID:e${n}@x`, `DTSTART:2024030${n}T180000Z`, `SUMMARY:Talk ${n}`, 'ORGANIZER;CN=Fixture Group:mailto:g@x', ...extra, 'END:VEVENT'];
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Other//EN', ...event(1, []), ...event(2, ['DESCRIPTION:Speakers: Kai Lund & Mia Noor\\nMore text']), ...event(3, ['ATTENDEE;CN=Ola Pike:mailto:o@x']), 'END:VCALENDAR', ''].join('\r\n');
    const s = readSchedule(text);
    assert.deepEqual(s.sessions.map((x) => names(x)), [[], ['Kai Lund', 'Mia Noor'], ['Ola Pike']]);
  });

  describe('CSV', () => {
    it('finds the header on a later row, reads ; and dd/mm/yyyy, drops declined and unscheduled proposals', () => {
      const s = fixture('cfp-export.csv');
      assert.equal(s.format, 'csv');
      assert.deepEqual(s.sessions.map((x) => x.title), ['Fast Builds', 'Shipping Often', 'Café', 'Semicolons; Commas, and Quotes "in" Titles']);
      assert.deepEqual(byTitle(s, 'Fast Builds').speakers, [{ name: 'Lena Moss', company: 'Acme Ltd' }]);
      assert.deepEqual(byTitle(s, 'Fast Builds').start, { date: '2021-11-12', time: '09:30' });
      assert.equal(byTitle(s, 'Fast Builds').durationMinutes, 30);
      assert.deepEqual(names(byTitle(s, 'Shipping Often')), ['Omar Nunez', 'Pat Olsen']);
      assert.equal(byTitle(s, 'Café').isBreak, true);
      assert.equal(byTitle(s, 'Semicolons; Commas, and Quotes "in" Titles').durationMinutes, 45);
    });
    it('reads month names and a time range in one column', () => {
      const s = readSchedule('Session Title,Speaker Name,Date,Time\nNamed Months,Uta Vogel,"May 3, 2024",09:00 - 09:45\nGerman Dates,Vic Wu,3. Mai 2024,10:00\n');
      assert.deepEqual(s.sessions.map((x) => [x.start, x.durationMinutes]), [[{ date: '2024-05-03', time: '09:00' }, 45], [{ date: '2024-05-03', time: '10:00' }, undefined]]);
    });
    it('keeps a weekday-only time as written', () => {
      const s = fixture('weekdays.csv');
      assert.equal(byTitle(s, 'Hello Weekday').when, 'Friday 10:00');
      assert.equal(byTitle(s, 'Hello Weekday').start, undefined);
      assert.deepEqual(names(byTitle(s, 'Second Talk')), ['Yara Zein', 'Abe Bloom']);
    });
    it('reads the columns the user maps', () => {
      const text = 'Was,Wer,Wann\nEin Vortrag,Uta Vogel,2024-03-01 10:00\n';
      assert.throws(() => readSchedule(text), ScheduleError);
      const s = readSchedule(text, { csvColumns: { title: 'Was', speakers: 'Wer', start: 'Wann' } });
      assert.deepEqual(s.sessions.map((x) => [x.title, names(x), x.start]), [['Ein Vortrag', ['Uta Vogel'], { date: '2024-03-01', time: '10:00' }]]);
    });
  });

  describe('what is not a schedule', () => {
    it('a look-alike XML gets one clear line', () => {
      assert.throws(
        () => fixture('not-a-schedule.xml'),
        (e: unknown) => e instanceof ScheduleError && e.message.startsWith(UNRECOGNISED) && !e.message.includes('\n'),
      );
    });
    for (const [what, text] of [
      ['plain text', 'Hello, this is a letter.\nRegards'],
      ['broken XML', '<schedule><day></schedule>'],
      ['broken JSON', '{"schedule": '],
      ['JSON of something else', '{"name": "x", "items": [1, 2]}'],
      ['an empty file', ''],
      ['a calendar with no events', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n'],
    ] as const) {
      it(`${what}: a ScheduleError, never another exception`, () => {
        assert.throws(() => readSchedule(text), (e: unknown) => e instanceof ScheduleError && e.message.length > 0 && !e.message.includes('\n'));
      });
    }
  });

  describe('people and text', () => {
    it('splits people on & and , and/y/und, not a name with its handle', () => {
      assert.deepEqual(splitPeople('Pablo Galindo y Victor Terrón').map((p) => p.name), ['Pablo Galindo', 'Victor Terrón']);
      assert.deepEqual(splitPeople('A. Lovelace, C. Babbage and G. Hopper').map((p) => p.name), ['A. Lovelace', 'C. Babbage', 'G. Hopper']);
      assert.deepEqual(splitPeople('bleeptrack & blinry').map((p) => p.name), ['bleeptrack', 'blinry']);
      assert.deepEqual(splitPeople('cyphunk / nathan fain').map((p) => p.name), ['cyphunk / nathan fain']);
      assert.deepEqual(splitPeople('Jane Doe / John Roe').map((p) => p.name), ['Jane Doe', 'John Roe']);
      assert.deepEqual(splitPeople('Andrea Behrendt - read & delete'), [{ name: 'Andrea Behrendt', company: 'read & delete' }]);
    });
    it('turns HTML into paragraphs and leaves Markdown alone', () => {
      assert.equal(plainText('<p>One</p><p>Two &amp; <b>three</b></p>'), 'One\n\nTwo & three');
      assert.equal(plainText('A *b* [c](d)'), 'A *b* [c](d)');
    });
  });

  describe('picks', () => {
    const s = fixture('c3voc.json');
    it('keeps the days, rooms and tracks picked', () => {
      assert.deepEqual(filterSessions(s.sessions, { rooms: ['tent b'] }).map((x) => x.id), ['601', '602']);
      assert.deepEqual(filterSessions(s.sessions, { days: ['2019-08-22'] }).map((x) => x.id), ['701']);
      assert.deepEqual(filterSessions(s.sessions, { tracks: ['Hardware'] }).map((x) => x.id), ['601']);
    });
    it('names days by date, number or weekday', () => {
      assert.deepEqual(resolveDays(s.sessions, ['2', 'wed']).days, ['2019-08-21', '2019-08-22']);
      assert.deepEqual(resolveDays(s.sessions, ['Sunday']).unknown, ['Sunday']);
    });
  });
});

// The development set: real exports, counts from ../shared/schedules/sources.tsv (sessions that name a speaker).
const EXPECTED: Record<string, { format: string; withSpeakers: number; sample: [string, string[]] }> = {
  'FelixU__31C3-Fahrplan__schedule.xml': { format: 'frab-xml', withSpeakers: 138, sample: ['31C3 Opening Event', ['erdgeist', 'Geraldine de Bastion']] },
  'jgerstbe__fahrplan-ccc__data_36c3.json': { format: 'c3voc-json', withSpeakers: 161, sample: ['Opening Ceremony', ['bleeptrack', 'blinry']] },
  'AFPy__pyconfr-2024__schedule.json': { format: 'pretalx-json', withSpeakers: 76, sample: ['Accueil / Welcome', ['Lucie Anglade']] },
  'coding-club-linz__global-azure-bootcamp-2020__data_sessionize.json': { format: 'sessionize-json', withSpeakers: 28, sample: ['Stories of void', ['Stefan Baumgartner']] },
  // sources.tsv counts 94; "PyCon Fair - " names nobody after its dash.
  'andrewspiers__pcau-ics-adl__schedule.ics': { format: 'icalendar', withSpeakers: 93, sample: ['Building a biological database with Python', ['Alan Rubin']] },
  'python-spain__PyConES-2018__talks.csv': { format: 'csv', withSpeakers: 63, sample: ['Hora de sacar la basura: garbage collector', ['Pablo Galindo', 'Victor Terrón']] },
};

describe('Schedule readers on the development set (../shared/schedules)', function () {
  before(function () {
    if (!existsSync(SHARED)) {
      console.log(`      (skipped: no development set at ${SHARED})`);
      this.skip();
    }
  });
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${expected.format}, ${expected.withSpeakers} sessions naming a speaker`, () => {
      const s = readSchedule(readFileSync(path.join(SHARED, file), 'utf8'));
      assert.equal(s.format, expected.format);
      const talks = talksOf(s.sessions).filter((x) => x.speakers.length > 0);
      assert.equal(talks.length, expected.withSpeakers);
      const sample = talks.find((x) => x.title.startsWith(expected.sample[0]));
      assert.ok(sample, `no talk '${expected.sample[0]}'`);
      assert.deepEqual(names(sample), expected.sample[1]);
      // Every talk has a start and the ids are unique (merge relies on them).
      assert.ok(talks.every((x) => x.start), 'a talk without a start');
      assert.equal(new Set(s.sessions.map((x) => x.id)).size, s.sessions.length);
    });
  }
  it('EuroPython__europython.xml__schedule.xml (custom XML that only looks like frab): not recognised, one line', () => {
    assert.throws(() => readSchedule(readFileSync(path.join(SHARED, 'EuroPython__europython.xml__schedule.xml'), 'utf8')), (e: unknown) => e instanceof ScheduleError && e.message.startsWith(UNRECOGNISED));
  });
  it('31C3: events after midnight are dated the next day, filed under the evening', () => {
    const s = readSchedule(readFileSync(path.join(SHARED, 'FelixU__31C3-Fahrplan__schedule.xml'), 'utf8'));
    const late = s.sessions.filter((x) => x.start && x.start.time < '06:00');
    assert.ok(late.length > 0);
    for (const x of late) assert.notEqual(x.start!.date, x.day, `${x.title}`);
  });
});
