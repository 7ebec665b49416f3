// Section names: headings that are never talks (`conferenceNotes.nonTalkSections`), and heading text as a title.
import { globToRegExp } from '../glob';
import { memoizeText } from '../memo';
import { maskInline } from '../fields';

export function normalizeHeadingText(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/[:.]\s*$/, '').trim();
}

const nonTalkMatchers = new WeakMap<readonly string[], (text: string) => boolean>();

/** Whether a heading names a section that is not a talk ("Intro", "Day 2 - Friday"); one regex per pattern list. */
export function matchesNonTalk(text: string, patterns: readonly string[]): boolean {
  let matcher = nonTalkMatchers.get(patterns);
  if (!matcher) {
    const sources = patterns.map((p) => globToRegExp(p).source.slice(1, -1));
    // The name alone, or followed by an aside: `Lightning talks (block 1)`, `Lunch + hallway track`, `Break - coffee`.
    const re = new RegExp(`^(?:${sources.join('|')})(?:\\s*[(+\\-–—:,/&]|$)`, 'i');
    matcher = memoizeText((t: string) => re.test(normalizeHeadingText(maskInline(t))));
    nonTalkMatchers.set(patterns, matcher);
  }
  return matcher(text);
}

/** A talk's title as shown: link syntax, emphasis around the whole, enclosing quotes and a trailing colon removed. */
export const normalizeTitle = memoizeText((text: string): string => {
  let t = maskInline(text).replace(/\s+/g, ' ').trim();
  for (;;) {
    const next = t
      .replace(/^\*\*(.*)\*\*$/, '$1')
      .replace(/^__(.*)__$/, '$1')
      .replace(/^`([^`]*)`$/, '$1')
      .replace(/^["“](.*)["”]$/, '$1')
      .trim();
    if (next === t) break;
    t = next;
  }
  return t.replace(/\s*:$/, '').replace(/\\\|/g, '|');
});
