// Bad input never throws anything but a ScheduleError (one line), whatever is broken in a schedule export.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { readSchedule, ScheduleError, writeNotes, mergeSchedule } from '../../src/core/schedule';

const fixtures = path.join(__dirname, '..', 'fixtures', 'schedules');
const texts = readdirSync(fixtures).map((f) => readFileSync(path.join(fixtures, f), 'utf8'));

/** JSON with some values swapped for null, numbers, strings, arrays or objects. */
function mangleJson(value: unknown, pick: () => number): unknown {
  const r = pick();
  if (r < 0.04) return null;
  if (r < 0.06) return 42;
  if (r < 0.08) return 'x';
  if (r < 0.09) return [];
  if (r < 0.1) return {};
  if (Array.isArray(value)) return value.map((v) => mangleJson(v, pick));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mangleJson(v, pick)]));
  return value;
}

function check(text: string): void {
  try {
    const s = readSchedule(text);
    // What was read can be written and merged without throwing either.
    const notes = writeNotes(s, s.sessions, { layout: 'byline' });
    mergeSchedule(notes.text, s.sessions.slice(1));
  } catch (e) {
    assert.ok(e instanceof ScheduleError, `threw ${String(e)}`);
    assert.ok(!e.message.includes('\n'));
  }
}

describe('Schedule import robustness', function () {
  this.timeout(60000);
  it('truncated or spliced exports', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.nat(), fc.nat(), fc.string({ maxLength: 12 }), (k, a, b, junk) => {
        const t = texts[k]!;
        const [from, to] = [a % (t.length + 1), b % (t.length + 1)].sort((x, y) => x - y);
        check(t.slice(0, from) + junk + t.slice(to!));
      }),
      { numRuns: 400 },
    );
  });
  it('JSON exports with values of the wrong type', () => {
    const json = texts.filter((t) => /^\s*[[{]/.test(t)).map((t) => JSON.parse(t) as unknown);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: json.length - 1 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 50, maxLength: 50 }), (k, randoms) => {
        let i = 0;
        check(JSON.stringify(mangleJson(json[k], () => randoms[i++ % randoms.length]!)));
      }),
      { numRuns: 300 },
    );
  });
});
