// The edits of the edit benchmarks (bench/inprocess.ts, bench/lsp.ts): one word in the middle of one talk's notes,
// talks spread through the file, the word swapped for a typo and back.
import type { NotesDocument } from '../src/core/model';

export interface EditSite {
  line: number;
  start: number;
  word: string;
  typo: string;
}

/** 50 (or `count`) talks spread evenly through the document, each with a word in the middle of its notes. */
export function editSites(doc: NotesDocument, count: number): EditSite[] {
  const withNotes = doc.talks.filter((t) => t.notesRange && t.notesRange.end.line - t.notesRange.start.line >= 2);
  const sites: EditSite[] = [];
  for (let k = 0; k < count && withNotes.length > 0; k++) {
    const talk = withNotes[Math.floor(((k + 0.5) * withNotes.length) / count)]!;
    const { start, end } = { start: talk.notesRange!.start.line, end: talk.notesRange!.end.line };
    const middle = Math.floor((start + end) / 2);
    // The prose line nearest the middle of the notes, and the word nearest the middle of that line.
    const order = Array.from({ length: end - start + 1 }, (_, i) => start + i).sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
    for (const line of order) {
      const text = doc.lines[line] ?? '';
      const words = [...text.matchAll(/\b[a-z]{5,}\b/g)];
      if (words.length < 3) continue;
      const w = words[words.length >> 1]!;
      const word = w[0];
      // The typo a fast typist makes: two letters swapped inside the word.
      const i = Math.floor(word.length / 2) - 1;
      const typo = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (typo === word) continue;
      sites.push({ line, start: w.index!, word, typo });
      break;
    }
  }
  return sites;
}

/** Applies edit `n` to `lines` (in place): the site's word becomes its typo, or back again on the next visit. */
export function applyEdit(lines: string[], sites: EditSite[], n: number): string {
  const site = sites[n % sites.length]!;
  const toTypo = Math.floor(n / sites.length) % 2 === 0;
  const [from, to] = toTypo ? [site.word, site.typo] : [site.typo, site.word];
  const line = lines[site.line]!;
  if (line.slice(site.start, site.start + from.length) !== from) throw new Error(`edit ${n}: line ${site.line + 1} does not hold '${from}'`);
  lines[site.line] = line.slice(0, site.start) + to + line.slice(site.start + from.length);
  return lines.join('\n');
}
