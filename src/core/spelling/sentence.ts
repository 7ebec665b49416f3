// Whether a word starts a sentence: what the spelling rule and the names a document establishes ask of every
// capitalised word. Read backwards from the word, without copying the line: a line of 200,000 characters has
// thousands of words, and slicing the line before each one took seconds (issue 15).

/** Where a line's own markup ends: quote marks, a heading's #, a list bullet or number, a task box. */
const LINE_MARKUP = /^\s*(?:>\s*)*(?:#{1,6}\s+|(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?)?/;
/** Emphasis, quotes and brackets that open a sentence, and blanks. */
const OPENING = /[\s*_~`"'\u201c\u2018([]/u;
const ENDS_SENTENCE = /[.!?:|\u2022]/;
const DASH = /[-\u2013\u2014]/;

/** The line markup's length, for the last line asked about (the words of one line are asked about in a row). */
let lastLine: string | undefined;
let lastMarkup = 0;

function markupLength(line: string): number {
  if (line !== lastLine) {
    lastLine = line;
    lastMarkup = LINE_MARKUP.exec(line)?.[0].length ?? 0;
  }
  return lastMarkup;
}

/**
 * Whether the word at `at` in `line` starts a sentence: nothing but line markup and opening marks before it, or a
 * sentence's end (`.`, `!`, `?`, `:`, `|`, a bullet), or a dash after a blank.
 */
export function startsSentence(line: string, at: number): boolean {
  const markup = markupLength(line);
  if (markup > at) return startsSentenceSlow(line, at);
  let j = at - 1;
  while (j >= markup && OPENING.test(line.charAt(j))) j--;
  if (j < markup) return true;
  const c = line.charAt(j);
  return ENDS_SENTENCE.test(c) || (DASH.test(c) && j - 1 >= markup && /\s/.test(line.charAt(j - 1)));
}

/** The same, on the text before the word (a word inside what reads as the line's markup: rare). */
function startsSentenceSlow(line: string, at: number): boolean {
  let before = line.slice(0, at);
  const markup = LINE_MARKUP.exec(before);
  if (markup) before = before.slice(markup[0].length);
  before = before.replace(/[\s*_~`"'\u201c\u2018([]+$/u, '');
  return before === '' || /[.!?:|\u2022]$/.test(before) || /\s[-\u2013\u2014]$/.test(before);
}
