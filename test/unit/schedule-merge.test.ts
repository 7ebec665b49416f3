// Importing again into a notes file: a talk renamed, moved, added, dropped (and back); the user's notes under
// every talk kept byte for byte; nothing to do when nothing changed; one set of non-overlapping edits.
import * as assert from 'node:assert/strict';
import { applyEdits, rangesOverlap } from '../../src/core/edits';
import { parseNotes } from '../../src/core/parser';
import { mergeSchedule, writeNotes, scheduleLineId, type Schedule, type ScheduleSession } from '../../src/core/schedule';
import type { NotesLayoutChoice } from '../../src/core/newNotes';

const LAYOUTS: NotesLayoutChoice[] = ['heading', 'label', 'title', 'byline'];

function session(id: string, title: string, speakers: string[], time: string, room: string, extra: Partial<ScheduleSession> = {}): ScheduleSession {
  return { id, title, speakers: speakers.map((name) => ({ name })), start: { date: '2024-05-02', time, offset: '+02:00' }, durationMinutes: 30, room, isBreak: false, ...extra };
}

function schedule(sessions: ScheduleSession[]): Schedule {
  return { format: 'pretalx-json', conference: { name: 'Merge Conf', start: '2024-05-02', end: '2024-05-02' }, sessions };
}

const BASE = [
  session('A', 'Alpha Talk', ['Ann Lee'], '09:00', 'Room 1'),
  session('B', 'Beta Talk', ['Bo Kim', 'Cy Young'], '09:00', 'Room 2'),
  session('C', 'Gamma Talk', ['Dee Park'], '10:00', 'Room 1'),
  session('D', 'Delta Talk', ['Eve Moss'], '11:00', 'Room 1'),
];

/** What a user writes under each talk: varied Markdown, trailing spaces, a sub-heading, a code block. */
const USER_NOTES: Record<string, string> = {
  A: 'Great start.  \n- point one\n- point *two*\n',
  B: '### Takeaways\n\n1. Ship small\n2. Measure\n\n```js\nconsole.log("## not a heading");\n```\n',
  C: 'Questions:\n> What about *caching*?\n',
  D: 'Short.\n',
};

/** The notes as the user has them: written by the import, with the user's notes after each schedule line. */
function notesWithUserText(layout: NotesLayoutChoice, eol = '\n'): string {
  const { text } = writeNotes(schedule(BASE), BASE, { layout });
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    out.push(line);
    const id = scheduleLineId(line);
    if (id && USER_NOTES[id]) out.push('', ...USER_NOTES[id]!.replace(/\n$/, '').split('\n'));
  }
  return out.join(eol);
}

/** The user's text under each talk: from the line after its schedule line to the next talk heading. */
function userText(text: string): Map<string, string> {
  const lines = text.split(/\r?\n/);
  const map = new Map<string, string>();
  let current: string | undefined;
  let buffer: string[] = [];
  const flush = (): void => {
    if (current) map.set(current, buffer.join('\n').trim());
  };
  for (const line of lines) {
    const id = scheduleLineId(line);
    if (id) {
      flush();
      current = id;
      buffer = [];
    } else if (/^## /.test(line)) {
      flush();
      current = undefined;
    } else if (current) buffer.push(line);
  }
  flush();
  return map;
}

function merge(text: string, sessions: ScheduleSession[], keep?: (s: ScheduleSession) => boolean): { text: string; result: ReturnType<typeof mergeSchedule> } {
  const result = mergeSchedule(text, sessions, keep ? { keep } : {});
  for (let i = 0; i < result.edits.length; i++) for (let j = i + 1; j < result.edits.length; j++) assert.ok(!rangesOverlap(result.edits[i]!.range, result.edits[j]!.range), 'overlapping edits');
  return { text: applyEdits(text, result.edits), result };
}

const talkSummary = (text: string): Array<[string, string[]]> => parseNotes(text).talks.map((t) => [t.title, t.speakers.map((s) => s.text)]);

describe('Importing again into a notes file', () => {
  for (const layout of LAYOUTS) {
    describe(`layout ${layout}`, () => {
      const before = notesWithUserText(layout);

      it('changes nothing when the schedule did not change', () => {
        const { result } = merge(before, BASE);
        assert.deepEqual(result.edits, []);
        assert.equal(result.summary.unchanged, 4);
      });

      it('renames a talk, keeping the notes under it byte for byte', () => {
        const next = BASE.map((s) => (s.id === 'C' ? { ...s, title: 'Gamma Talk, Revised' } : s));
        const { text, result } = merge(before, next);
        assert.deepEqual(result.summary.updated, ['Gamma Talk, Revised']);
        assert.deepEqual(talkSummary(text).map((t) => t[0]), ['Alpha Talk', 'Beta Talk', 'Gamma Talk, Revised', 'Delta Talk']);
        assert.deepEqual(userText(text), userText(before));
        assert.ok(text.includes(USER_NOTES.C!.replace(/\n$/, '')));
      });

      it('moves a talk to another time and room: its schedule line follows', () => {
        const next = BASE.map((s) => (s.id === 'A' ? { ...s, start: { date: '2024-05-02', time: '15:30', offset: '+02:00' }, room: 'Room 9' } : s));
        const { text } = merge(before, next);
        assert.match(text, /\*Thu 2024-05-02, 15:30–16:00 UTC\+02:00 · Room 9\* <!-- session: A -->/);
        assert.deepEqual(userText(text), userText(before));
      });

      it('updates the speakers', () => {
        const next = BASE.map((s) => (s.id === 'B' ? { ...s, speakers: [{ name: 'Bo Kim' }, { name: 'Cy Young' }, { name: 'Flo Rida' }] } : s));
        const { text } = merge(before, next);
        assert.deepEqual(talkSummary(text)[1], ['Beta Talk', ['Bo Kim', 'Cy Young', 'Flo Rida']]);
        assert.deepEqual(userText(text), userText(before));
      });

      it('adds a new talk in its place in time order, and one at the end', () => {
        const next = [...BASE, session('E', 'Epsilon Talk', ['Gia Nova'], '10:30', 'Room 2'), session('F', 'Zeta Talk', ['Hal Ode'], '17:00', 'Room 1')];
        const { text, result } = merge(before, next);
        assert.deepEqual(result.summary.added, ['Epsilon Talk', 'Zeta Talk']);
        assert.deepEqual(talkSummary(text), [
          ['Alpha Talk', ['Ann Lee']],
          ['Beta Talk', ['Bo Kim', 'Cy Young']],
          ['Gamma Talk', ['Dee Park']],
          ['Epsilon Talk', ['Gia Nova']],
          ['Delta Talk', ['Eve Moss']],
          ['Zeta Talk', ['Hal Ode']],
        ]);
        const kept = userText(text);
        for (const [id, notes] of userText(before)) assert.equal(kept.get(id), notes, id);
        assert.equal(kept.get('E'), '');
      });

      it('marks a dropped talk, never deletes it or its notes, and unmarks it when it is back', () => {
        const next = BASE.filter((s) => s.id !== 'B');
        const { text, result } = merge(before, next);
        assert.deepEqual(result.summary.dropped, ['Beta Talk']);
        assert.match(text, /\*Dropped from the schedule · Thu 2024-05-02, 09:00–09:30 UTC\+02:00 · Room 2\* <!-- session: B -->/);
        assert.deepEqual(talkSummary(text).map((t) => t[0]), ['Alpha Talk', 'Beta Talk', 'Gamma Talk', 'Delta Talk']);
        assert.deepEqual(userText(text), userText(before));
        // Importing the same schedule again leaves the mark alone; the talk coming back removes it.
        assert.deepEqual(merge(text, next).result.edits, []);
        const back = merge(text, BASE);
        assert.deepEqual(back.result.summary.restored, ['Beta Talk']);
        assert.equal(back.text, before);
      });

      it('renamed, moved, added and dropped at once: one set of edits, every note kept', () => {
        const next = [
          { ...BASE[0]!, title: 'Alpha Talk (updated)' },
          { ...BASE[2]!, room: 'Room 3' },
          BASE[3]!,
          session('E', 'Epsilon Talk', ['Gia Nova'], '09:30', 'Room 2'),
        ];
        const { text, result } = merge(before, next);
        assert.deepEqual(result.summary, { updated: ['Alpha Talk (updated)', 'Gamma Talk'], added: ['Epsilon Talk'], dropped: ['Beta Talk'], restored: [], unchanged: 1 });
        const kept = userText(text);
        for (const [id, notes] of userText(before)) assert.equal(kept.get(id), notes, id);
        // The result reads back as the talks, the dropped one still there.
        assert.deepEqual(talkSummary(text).map((t) => t[0]), ['Alpha Talk (updated)', 'Beta Talk', 'Epsilon Talk', 'Gamma Talk', 'Delta Talk']);
        assert.deepEqual(merge(text, next).result.edits, [], 'a second import changes nothing');
      });
    });
  }

  it('keeps CRLF line endings', () => {
    const before = notesWithUserText('label', '\r\n');
    const next = [...BASE.map((s) => (s.id === 'A' ? { ...s, title: 'Alpha Renamed' } : s)), session('E', 'Epsilon Talk', ['Gia Nova'], '10:30', 'Room 2')];
    const { text } = merge(before, next);
    assert.ok(!/[^\r]\n/.test(text), 'a bare LF in a CRLF file');
    assert.deepEqual(talkSummary(text).map((t) => t[0]), ['Alpha Renamed', 'Beta Talk', 'Gamma Talk', 'Epsilon Talk', 'Delta Talk']);
  });

  it('adds only the new talks the user keeps, and still updates the others', () => {
    const before = notesWithUserText('heading');
    const next = [...BASE.map((s) => (s.id === 'D' ? { ...s, room: 'Room 7' } : s)), session('E', 'Epsilon Talk', ['Gia Nova'], '10:30', 'Room 2')];
    const { text, result } = merge(before, next, (s) => s.room === 'Room 1');
    assert.deepEqual(result.summary.added, []);
    assert.match(text, /Room 7\* <!-- session: D -->/);
  });

  it('leaves a talk written by hand alone and does not add its session twice', () => {
    const hand = '---\nconference: Merge Conf\n---\n\n# Notes from Merge Conf\n\n## Alpha Talk\n### Ann Lee\n\nMy own notes, no schedule line.\n';
    const { text, result } = merge(hand, BASE);
    assert.ok(text.startsWith(hand.trimEnd()));
    assert.deepEqual(result.summary.added, ['Beta Talk', 'Gamma Talk', 'Delta Talk']);
    assert.deepEqual(talkSummary(text).map((t) => t[0]), ['Alpha Talk', 'Beta Talk', 'Gamma Talk', 'Delta Talk']);
  });

  it('never throws on notes that are not from an import, and adds the talks at the end', () => {
    for (const text of ['', '# Just a title', 'no trailing newline', '---\nbroken: [\n---\n## X\n']) {
      const { text: out } = merge(text, BASE);
      assert.equal(parseNotes(out).talks.filter((t) => ['Alpha Talk', 'Beta Talk', 'Gamma Talk', 'Delta Talk'].includes(t.title)).length, 4, JSON.stringify(text));
      assert.ok(out.startsWith(text.trimEnd()));
    }
  });
});
