// Measures schedule import end to end, as the issue judges it: `confnotes import FILE | confnotes outline`
// on every file of ../shared/schedules, in every layout; counts the sessions that name a speaker and became a
// talk with the right title and speakers.
//
//   npm run build && npx tsx scripts/measure-import.ts [--dir ../shared/schedules]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readSchedule } from '../src/core/schedule';
import { talksOf } from '../src/core/schedule/writeNotes';

const { values } = parseArgs({ options: { dir: { type: 'string', default: path.join(__dirname, '..', '..', 'shared', 'schedules') } } });
const dir = path.resolve(values.dir!);
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(dir)) {
  console.log(`measure-import: no development set at ${dir}; nothing to measure`);
  process.exit(0);
}
const normalize = (t: string): string => t.replace(/\s+/g, ' ').trim();
const layouts = ['headings', 'labels', 'title-suffix', 'byline'];
let allWanted = 0;
let allRight = 0;
for (const file of readdirSync(dir).filter((f) => !/^(README|sources)/.test(f)).sort()) {
  const full = path.join(dir, file);
  let sessions;
  try {
    sessions = talksOf(readSchedule(readFileSync(full, 'utf8')).sessions).filter((s) => s.speakers.length > 0);
  } catch (e) {
    let exit = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [cli, 'import', full], { stdio: 'pipe' });
    } catch (err) {
      exit = (err as { status: number }).status;
      stderr = String((err as { stderr: Buffer }).stderr).trim();
    }
    console.log(`${file}: not imported, exit ${exit}: ${stderr}`);
    continue;
  }
  const row: string[] = [];
  for (const layout of layouts) {
    const notes = execFileSync(process.execPath, [cli, 'import', '--layout', layout, full], { maxBuffer: 64 << 20 });
    const outline = JSON.parse(execFileSync(process.execPath, [cli, 'outline', '--format', 'json'], { input: notes, maxBuffer: 64 << 20 }).toString()) as {
      files: Array<{ talks: Array<{ title: string; speakers: string[] }> }>;
    };
    const talks = outline.files[0]!.talks;
    // Each session needs its own talk: same title and the same speakers in the same order.
    const used = new Set<number>();
    let right = 0;
    for (const s of sessions) {
      const names = s.speakers.map((p) => normalize(p.name));
      const k = talks.findIndex((t, i) => !used.has(i) && normalize(t.title) === normalize(s.title) && t.speakers.length === names.length && t.speakers.every((x, j) => normalize(x) === names[j]));
      if (k >= 0) {
        used.add(k);
        right++;
      }
    }
    allWanted += sessions.length;
    allRight += right;
    row.push(`${layout} ${right}/${sessions.length}`);
  }
  console.log(`${file}: ${row.join(', ')} (talks with speakers right / sessions naming a speaker)`);
}
console.log(`all layouts, all files: ${allRight}/${allWanted} = ${((100 * allRight) / Math.max(allWanted, 1)).toFixed(1)}%`);
