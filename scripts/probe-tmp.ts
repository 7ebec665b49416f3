import { readFileSync, readdirSync } from 'node:fs';
import { readSchedule } from '../src/core/schedule';
const dir = 'test/fixtures/schedules/';
for (const f of readdirSync(dir)) {
  try {
    const s = readSchedule(readFileSync(dir + f, 'utf8'));
    console.log('==', f, s.format, JSON.stringify(s.conference));
    for (const x of s.sessions) console.log('  ', x.isBreak ? 'BREAK' : 'talk ', JSON.stringify({ ...x, abstract: x.abstract?.slice(0, 60), isBreak: undefined }));
  } catch (e) {
    console.log('==', f, 'ERROR', (e as Error).message);
  }
}
