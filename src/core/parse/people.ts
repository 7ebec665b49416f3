// Evidence that a piece of text is a person: a given name from a lexicon, then capitalised name tokens.
import { GIVEN_NAMES } from './givenNames';
import { isNameLike, isRoleLike, hasCompanyWord } from '../lexicon';
import { memoizeText } from '../memo';

let givenNames: Set<string> | undefined;

function fold(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether a token is a known given name ("Kelsey", "Joël"); the set is built on first use. */
export function isGivenName(token: string): boolean {
  givenNames ??= new Set(GIVEN_NAMES.split(' '));
  return givenNames.has(fold(token.replace(/[’']s$/, '')));
}

export type PersonEvidence = 'strong' | 'weak' | 'none';

/**
 * How much a text reads as one or more people's names. Strong: shaped like a name (capitalised tokens, no title
 * or company words) and opening with a known given name or an initial ("J. Doe"), or a @handle. Weak: shaped like
 * a name only ("Jiří Pinkas", but also "Google Maps"). None: anything else ("Bug Fixes" is weak at most).
 */
export const personEvidence = memoizeText((text: string): PersonEvidence => {
  const t = text.trim();
  if (/^@[\w.-]{2,30}$/.test(t)) return 'strong';
  const people = t.split(/\s*(?:,\s*and\s+|,\s*&\s*|\s+&\s+|\s+and\s+|,\s+)\s*/i).filter(Boolean);
  if (people.length === 0 || people.length > 6) return 'none';
  let strong = 0;
  for (const person of people) {
    if (!isNameLike(person)) {
      // A first name alone ("Andrew") is a person only when it is a known given name.
      if (people.length > 1 && /^\p{Lu}[\p{Ll}'’-]+$/u.test(person) && isGivenName(person)) {
        strong++;
        continue;
      }
      return 'none';
    }
    const first = person.split(/\s+/)[0]!;
    if (isGivenName(first) || /^\p{Lu}\.$/u.test(first)) strong++;
  }
  return strong === people.length ? 'strong' : 'weak';
});

/** A role or company rather than a person ("Senior Engineer", "Acme Labs"). */
export function isRoleOrCompany(text: string): boolean {
  return isRoleLike(text) || hasCompanyWord(text);
}
