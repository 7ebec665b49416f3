// "some some", and short repeated phrases ("tend to use tend to use"): a word or phrase typed twice in a row.
import type { BlockRule, Report } from './types';
import { blockRuns, rangeIn, type ProseRun } from './shared/prose';

// Doubled words that English uses on purpose ("I know that that works", "she had had enough", "bye bye").
const ALLOWED = new Set(['that', 'had', 'bye', 'no', 'so', 'ha', 'haha', 'ho', 'hey', 'yeah', 'yes', 'knock', 'tut', 'la', 'na', 'blah', 'chop', 'choo', 'cha', 'très', 'very', 'really', 'many', 'far', 'more', 'again', 'over', 'round', 'on', 'bit', 'step', 'day', 'bora', 'walla', 'duran', 'mahi', 'sing', 'hip', 'tsk', 'ta', 'bla', 'ooh', 'aha']);

const WORD = "[\\p{L}][\\p{L}\\p{M}'’-]*";
const REPEAT = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}'’-])(${WORD}(?:[ \\t]+${WORD}){0,3})(\\s+)\\1(?![\\p{L}\\p{N}\\p{M}'’-])`, 'giu');

function repeatsIn(runs: readonly ProseRun[]): Report[] {
  const findings: Report[] = [];
  for (const run of runs) {
    REPEAT.lastIndex = 0;
    for (let m = REPEAT.exec(run.text); m; m = REPEAT.exec(run.text)) {
      const phrase = m[1]!;
      const words = phrase.split(/\s+/);
      if (words.length === 1 && ALLOWED.has(phrase.toLowerCase())) continue;
      const firstEnd = m.index + phrase.length;
      const end = m.index + m[0].length;
      const repeat = run.text.slice(firstEnd + m[2]!.length, end);
      const kind = words.length === 1 ? 'word' : 'phrase';
      findings.push({
        message: `The ${kind} '${phrase}' is written twice in a row`,
        range: rangeIn(run, m.index, end),
        fixes: [{ title: `Delete the repeated '${repeat}'`, preferred: true, safe: true, edits: [{ range: rangeIn(run, firstEnd, end), newText: '' }] }],
        data: { phrase },
      });
      // Let "the the the" report once per pair without re-reading the deleted part.
      REPEAT.lastIndex = end;
    }
  }
  return findings;
}

export const repeatedWord: BlockRule = {
  id: 'repeated-word',
  defaultSeverity: 'warning',
  description: "A word or short phrase written twice in a row, such as 'some some'.",
  scope: 'block',
  checkBlock: (local) => repeatsIn(blockRuns(local, local.block)),
};
