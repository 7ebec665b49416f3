// Builds the "big notes" workload of ../shared/PERF.md: 100 copies of the sample under one `# ` title,
// each talk title made unique (`## [17] Databases and Containers`). Not committed: generated on demand.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));

export function makeBigNotes(copies = 100) {
  const sample = readFileSync(path.join(here, '..', 'samples', 'scaleconf-2017.md'), 'utf8');
  const body = sample.split('\n').slice(1).join('\n');
  const parts = ['# Notes from Scaleconf 2017 (x' + copies + ')', ''];
  for (let k = 1; k <= copies; k++) {
    parts.push(body.replace(/^## (?!Disclaimer|Intro)(.*)$/gm, `## [${k}] $1`));
  }
  return parts.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? path.join(here, '..', '.bench', 'big-notes.md');
  writeFileSync(out, makeBigNotes(Number(process.argv[3] ?? 100)));
  console.log(out);
}
