// Benchmark: schedule import, as `confnotes import` and the command run it (read, write the notes, check they
// read back), for the largest development file and for a generated 1,000-session schedule; and a re-import
// (merge) into the notes written. Prints the median time of several runs and the memory the import holds.
//
//   npm run bench:import [-- --runs 7]
// Budget: a 1,000-session schedule imports in well under a second.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { mergeSchedule, readSchedule, writeNotes } from '../src/core/schedule';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Math.max(1, Number(values.runs));
const BUDGET_MS = 1000;
const shared = path.resolve(__dirname, '..', '..', 'shared', 'schedules');

/** A C3VOC-shaped schedule of `n` sessions over 4 days and 8 rooms, speakers written in the ways real files do. */
function generated(n: number): string {
  const names = ['Ann Lee', 'bleeptrack', 'Bo Kim & Cy Young', 'Dee Park', 'Eve Moss, Finn Beck', 'gus', 'Hana Ruiz', 'Ivo Jansen'];
  const perDay = Math.ceil(n / 4);
  const days = [0, 1, 2, 3].map((d) => {
    const date = `2030-12-${String(27 + d).padStart(2, '0')}`;
    const rooms: Record<string, unknown[]> = {};
    for (let k = d * perDay; k < Math.min(n, (d + 1) * perDay); k++) {
      const room = `Room ${(k % 8) + 1}`;
      const slot = Math.floor((k - d * perDay) / 8);
      const minutes = 10 * 60 + slot * 40;
      const hh = String(Math.floor(minutes / 60) % 24).padStart(2, '0');
      const mm = String(minutes % 60).padStart(2, '0');
      (rooms[room] ??= []).push({
        id: 100000 + k,
        guid: `g-${k}`,
        url: `https://example.org/talk/${k}`,
        date: `${date}T${hh}:${mm}:00+01:00`,
        start: `${hh}:${mm}`,
        duration: '00:30',
        room,
        title: `Talk number ${k}: on ${['networks', 'hardware', 'ethics', 'art'][k % 4]} - part ${k % 3}`,
        subtitle: '',
        track: ['Networks', 'Hardware', 'Ethics', 'Art'][k % 4],
        type: 'lecture',
        abstract: `<p>Abstract of talk ${k} with &amp; entities.</p>`,
        persons: [{ public_name: names[k % names.length] }],
      });
    }
    return { index: d + 1, date, rooms };
  });
  return JSON.stringify({ schedule: { version: 'bench', conference: { acronym: 'bench', title: 'Bench Congress', start: '2030-12-27', end: '2030-12-30', days } } });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(label: string, text: string): void {
  const times: number[] = [];
  const mergeTimes: number[] = [];
  let heldMb = 0;
  let sessions = 0;
  let talks = 0;
  for (let run = 0; run < RUNS; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const schedule = readSchedule(text);
    const notes = writeNotes(schedule, schedule.sessions, { layout: 'byline' });
    times.push(performance.now() - t0);
    heldMb = Math.max(heldMb, (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);
    sessions = schedule.sessions.length;
    talks = notes.talks;
    const t1 = performance.now();
    mergeSchedule(notes.text, schedule.sessions);
    mergeTimes.push(performance.now() - t1);
  }
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `${label}: ${sessions} sessions → ${talks} talks; import (read + write + read-back check) median ${median(times).toFixed(0)} ms ` +
      `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${RUNS} runs); re-import into the notes median ${median(mergeTimes).toFixed(0)} ms; ` +
      `heap held by one import ≤ ${heldMb.toFixed(1)} MB, process RSS ${rss.toFixed(0)} MB`,
  );
}

if (existsSync(shared)) {
  const largest = readdirSync(shared)
    .filter((f) => !/^(README|sources|EuroPython)/.test(f))
    .map((f) => ({ f, size: statSync(path.join(shared, f)).size }))
    .sort((a, b) => b.size - a.size)[0]!;
  measure(`largest development file ${largest.f} (${(largest.size / 1024).toFixed(0)} KB)`, readFileSync(path.join(shared, largest.f), 'utf8'));
} else {
  console.log(`bench:import: no development set at ${shared}; generated schedule only`);
}
const big = generated(1000);
measure(`generated 1,000-session schedule (${(big.length / 1024).toFixed(0)} KB)`, big);
console.log(`budget: a 1,000-session schedule in well under ${BUDGET_MS} ms`);
