// startsSentence (src/core/spelling/sentence.ts): read backwards from the word, it must say what the text before
// the word says, and in time that does not grow with the line before it.
import * as assert from 'node:assert/strict';
import { startsSentence } from '../../src/core/spelling/sentence';

/** The reading it replaces: the text before the word, less the line's markup and the opening marks. */
function reference(line: string, at: number): boolean {
  let before = line.slice(0, at);
  const markup = /^\s*(?:>\s*)*(?:#{1,6}\s+|(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?)?/.exec(before);
  if (markup) before = before.slice(markup[0].length);
  before = before.replace(/[\s*_~`"'\u201c\u2018([]+$/u, '');
  return before === '' || /[.!?:|\u2022]$/.test(before) || /\s[-\u2013\u2014]$/.test(before);
}

describe('startsSentence', () => {
  const lines = [
    'Word at the start',
    '- Item word',
    '- [ ] Task Word',
    '> > Quoted Word. Next Word',
    '## Heading Word',
    '12. Numbered Word',
    'text (Bracketed) and "Quoted" and *Emphasis* here',
    'one - Dash and one-Hyphen and – En and —Em',
    'a: Colon | Pipe • Bullet ? Question ! Bang',
    '   indented Word',
    '-Not a bullet Word',
    '',
  ];
  it('agrees with the text before the word, at every offset of every line', () => {
    for (const line of lines) {
      for (let at = 0; at <= line.length; at++) assert.equal(startsSentence(line, at), reference(line, at), JSON.stringify([line, at]));
    }
  });

  it('takes time linear in the line: 20,000 words of a 200,000-character line', () => {
    const line = `**Speaker:** ${'Jane Doe, '.repeat(20_000)}`;
    const t = Date.now();
    let n = 0;
    for (let at = 13; at < line.length; at += 10) if (startsSentence(line, at)) n++;
    // A generous limit that catches the quadratic reading (seconds), not speed.
    assert.ok(Date.now() - t < 2_000, `${Date.now() - t} ms`);
    assert.equal(n, 1);
  });
});
