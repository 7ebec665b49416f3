// Whether a Markdown file is conference notes, by weight of evidence, so a project's README is never linted for
// missing speakers and a one-talk file still is. The reason is said to the user (status bar, Talks view).
import type { NotesDocument } from './model';
import type { NotesSettings } from './settings';
import { matchesAny } from './glob';
import { personEvidence } from './parse/people';

export interface NotesVerdict {
  isNotes: boolean;
  /** One line for the status bar tooltip or the Talks view: "13 talks, 13 with a speaker". */
  reason: string;
  /** Not notes, but close: talks were found (the Talks view offers Treat This File as Notes). */
  nearly: boolean;
  /** The weight of evidence (notes from 3). */
  score: number;
}

/** Words of conference notes in a title or a path: `Notes from`, `KubeCon`, `conf`, `summit`, `talks`. */
const CONFERENCE_WORDS =
  /(?:^|[^a-z])(?:(?:notes?|conf|conference|conferences|summit|meetup|keynotes?|talks?|symposium|devdays?|hackathon|odsc|ndc|fosdem|devoxx|velocity|oscon|lightning|[a-z]+conf)(?:[^a-z]|$)|pycon|pydata|kubecon|qcon|jsconf|cssconf|railsconf|rubyconf|gophercon|djangocon|elixirconf|strange\s*loop|re:?invent|scaleconf)/i;
const YEAR = /(?:^|[^0-9])(?:19[89]\d|20[0-4]\d)(?:[^0-9]|$)/;
/** Headings of software docs and changelogs: a version (`v1.2.0`, `[2.0.0]`), Install, Usage, API. */
const VERSION_HEADING = /^\[?v?\d+\.\d+(?:\.\d+)?\b/i;
const DOC_HEADINGS = /^(?:installation|install|usage|api|api reference|options|license|licence|contributing|getting started|examples?|changelog|features|requirements|configuration|methods|properties|parameters|arguments|returns|build|building|development|testing|tests|faq|troubleshooting|motivation|related|see also|credits|authors?|maintainers?|support|security|changes|breaking changes|bug fixes|commits|documentation|quick start|quickstart|setup|how to use|table of contents|description|exports?|types|interfaces?|classes|functions|constructor|events|errors|limitations|roadmap|benchmarks?|compatibility|browser support|migration|upgrading)$/i;
const DOC_PATH = /(?:^|\/)(?:readme|changelog|changes|history|contributing|license|licence|code_of_conduct|security|api|docs?)(?:[./]|$)/i;

/**
 * `relativePath` (workspace-relative) decides the include/exclude globs; `folderName`, the workspace folder's name
 * (`kubecon-2019-notes`), only adds evidence, as a path word does.
 */
export function explainNotes(doc: NotesDocument, settings: NotesSettings, relativePath?: string, folderName?: string): NotesVerdict {
  const verdict = (isNotes: boolean, reason: string, score: number, nearly = false): NotesVerdict => ({ isNotes, reason, nearly, score });
  if (relativePath !== undefined) {
    if (matchesAny(relativePath, settings.exclude)) return verdict(false, 'excluded by conferenceNotes.exclude', 0);
    if (settings.include.length > 0 && matchesAny(relativePath, settings.include)) return verdict(true, 'included by conferenceNotes.include', 10);
  }
  const talks = doc.talks;
  const withSpeaker = talks.filter((t) => t.speaker).length;
  let strong = 0;
  let weak = 0;
  let fieldsNearTitle = false;
  for (const t of talks) {
    const evidence = t.speakers.length ? (t.speakers.every((s) => personEvidence(s.text) === 'strong') ? 'strong' : t.speakers.some((s) => personEvidence(s.text) !== 'none') ? 'weak' : 'none') : 'none';
    if (evidence === 'strong') strong++;
    else if (evidence === 'weak') weak++;
    if (talks.length === 1 && t.speaker && t.speaker.source !== 'title' && evidence === 'strong') fieldsNearTitle = true;
  }
  const cues: string[] = [`${talks.length} talk${talks.length === 1 ? '' : 's'}, ${withSpeaker === 0 ? 'no speaker' : `${withSpeaker} with a speaker`}`];
  let score = 0;
  if (strong >= 2) score += 3;
  else if (fieldsNearTitle) score += 2.5;
  else if (strong === 1) score += 1.5;
  score += Math.min(2, 0.5 * weak);
  if (talks.length >= 2 && withSpeaker * 2 >= talks.length) score += 1;
  if (doc.frontMatter?.conference) {
    score += 5;
    cues.push('front matter names the conference');
  } else if (doc.frontMatter?.speaker && talks.length > 0) {
    score += 4;
    cues.push('front matter names the speaker');
  }
  const title = [doc.title?.text, doc.frontMatter?.title, doc.conference].filter(Boolean).join(' ');
  if (title && CONFERENCE_WORDS.test(title)) {
    score += 2;
    cues.push(`title '${doc.title?.text ?? doc.frontMatter?.title ?? doc.conference}'`);
  }
  if (relativePath) {
    const where = folderName ? `${folderName}/${relativePath}` : relativePath;
    let pathScore = 0;
    if (CONFERENCE_WORDS.test(where.replace(/\.(md|markdown)$/i, ''))) pathScore += 1.5;
    if (YEAR.test(where)) pathScore += 0.5;
    if (DOC_PATH.test(relativePath) && !pathScore) pathScore -= 1;
    if (pathScore > 0) cues.push(`path '${where}'`);
    score += pathScore;
  }
  const timed = talks.filter((t) => /^\s*`?\d{1,2}[:.h]\d{2}/.test(t.heading.text)).length;
  if (timed >= 3) score += 1;
  const versions = doc.headings.filter((h) => VERSION_HEADING.test(h.text.replace(/^[`*_]+/, ''))).length;
  if (versions >= 2) {
    score -= 4;
    cues.push(`${versions} version headings`);
  }
  const docHeadings = doc.headings.filter((h) => DOC_HEADINGS.test(h.text.replace(/[`*_:]/g, '').trim())).length;
  if (docHeadings > 0) {
    score -= Math.min(4, docHeadings);
    cues.push(`${docHeadings} software-docs heading${docHeadings === 1 ? '' : 's'} (Usage, API, …)`);
  }
  if (doc.frontMatter?.conference) return verdict(true, cues.join('; '), score);
  if (talks.length === 0) return verdict(false, cues[0]!, score);
  const isNotes = score >= 3;
  return verdict(isNotes, cues.join('; '), score, !isNotes && score >= 0.5);
}

export function isConferenceNotes(doc: NotesDocument, settings: NotesSettings, relativePath?: string, folderName?: string): boolean {
  return explainNotes(doc, settings, relativePath, folderName).isNotes;
}
