// Readers for the ways people write a talk's speaker, role and company on one line:
// labelled lines (`**Speaker:** Name`), bylines (`Name - Role @ Company`) and talk headings (`Title — Name (Company)`).
import { memoize, memoizeText } from './memo';
import { isNameLike, isRoleLike, splitSpeakerNames } from './lexicon';
import type { FieldName } from './model';

/**
 * Blanks Markdown link syntax, inline HTML tags (`<br>`) and `(@handle)` asides with spaces, keeping every other
 * character where it was, so `[Ann Lee](https://x) - SRE` reads as ` Ann Lee            - SRE` and offsets still
 * point into the original line.
 */
export function maskInline(line: string): string {
  if (!/[[<@(]/.test(line)) return line;
  const blank = (m: string): string => ' '.repeat(m.length);
  // Link text stops at the next `[` as well as at `]`: a match can only start at a `[`, so each `[` scans only up to
  // the next one and a line of 100,000 `[` costs one pass, not one pass per `[` (issue 15).
  return line
    .replace(/!?\[([^[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g, (m, text: string) => {
      const open = m.startsWith('!') ? 2 : 1;
      return ' '.repeat(open) + text + ' '.repeat(m.length - open - text.length);
    })
    .replace(/\[([^[\]\n]*)\]\[[^[\]\n]*\]/g, (m, text: string) => ' ' + text + ' '.repeat(m.length - 1 - text.length))
    .replace(/<\/?[A-Za-z][^<>]*>/g, blank)
    .replace(/\(\s*@[\w.-]+\s*\)/g, blank)
    .replace(/\(\s*(?:he|she|they|xe|ze|it)\s*\/\s*\w+\s*\)/gi, blank);
}

/** A piece of a line: text and its [start, end) character offsets in that line. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface LineFields {
  speakers: Span[];
  role?: Span;
  company?: Span;
}

/** The value between start and end with blanks, emphasis and quotes around it removed (links already masked). */
export function cleanSpan(text: string, start = 0, end = text.length): Span | undefined {
  return span(maskInline(text), start, end);
}

function span(line: string, start: number, end: number): Span | undefined {
  while (start < end && /\s/.test(line[start]!)) start++;
  while (end > start && /[\s,;]/.test(line[end - 1]!)) end--;
  // Drop emphasis or quotes wrapped around the whole value.
  for (;;) {
    const m = /^(\*\*|__|\*|_|"|“|'|`)/.exec(line.slice(start, end));
    if (!m) break;
    const close = m[1] === '“' ? '”' : m[1]!;
    if (end - start > 2 * m[1]!.length && line.slice(end - close.length, end) === close) {
      start += m[1]!.length;
      end -= close.length;
    } else break;
  }
  while (start < end && /\s/.test(line[start]!)) start++;
  while (end > start && /[\s,;]/.test(line[end - 1]!)) end--;
  return end > start ? { text: line.slice(start, end), start, end } : undefined;
}

function speakerSpans(line: string, s: Span): Span[] {
  const names = splitSpeakerNames(s.text);
  if (names.length === 1) return [s];
  const result: Span[] = [];
  let from = s.start;
  for (const name of names) {
    const at = line.indexOf(name, from);
    if (at < 0) return [s];
    result.push({ text: name, start: at, end: at + name.length });
    from = at + name.length;
  }
  return result;
}

// ---- Labelled fields ----------------------------------------------------------------------------------

const LABELS: Record<string, FieldName> = {
  speaker: 'speaker',
  speakers: 'speaker',
  presenter: 'speaker',
  presenters: 'speaker',
  'presented by': 'speaker',
  'talk by': 'speaker',
  panelists: 'speaker',
  panellists: 'speaker',
  role: 'role',
  title: 'role',
  'job title': 'role',
  position: 'role',
  company: 'company',
  affiliation: 'company',
  organisation: 'company',
  organization: 'company',
  org: 'company',
  employer: 'company',
};

// No two neighbouring quantifiers that match the same characters unless a fixed character sits between them, and
// the value runs to the end (`s`: even past a U+2028): a line that is not a label fails in one pass (issue 15).
const LABEL_RE = new RegExp(
  String.raw`^(\s*(?:[-*+]\s+|>\s*)?)(?:(\*\*|__|\*|_)\s*)?(` +
    Object.keys(LABELS)
      .sort((a, b) => b.length - a.length)
      .map((l) => l.replace(/ /g, '\\s+'))
      .join('|') +
    String.raw`)\s*(:?)\s*(\*\*|__|\*|_)?\s*(:?)[ \t]*(.*)$`,
  'is',
);

/** Where a label's value ends: before a hard line break (`\` as the last character) and the blanks before it. */
function valueEnd(value: string): number {
  let end = value.length;
  if (value[end - 1] === '\\') end--;
  while (end > 0 && /\s/.test(value[end - 1]!)) end--;
  return end;
}

export interface LabelledField {
  field: FieldName;
  label: string;
  style: 'bold' | 'plain' | 'list' | 'italic';
  values: LineFields;
}

/** `Speaker: Name`, `**Speaker:** Name`, `**Speaker**: Name`, `- speaker: Name`, `_Speaker_: Name`. */
export const parseLabelledLine = memoizeText(parseLabelledLineUncached);
/** Characters beyond which a line is no field line (`Speaker:` and 200,000 characters of names is prose, or junk). */
const MAX_FIELD_LINE = 1_000;

function parseLabelledLineUncached(raw: string): LabelledField | undefined {
  if (raw.length > MAX_FIELD_LINE) return undefined;
  const line = maskInline(raw);
  const m = LABEL_RE.exec(line);
  if (!m) return undefined;
  const [, lead, open, label, colon1, close, colon2, rest] = m;
  if ((colon1 ? 1 : 0) + (colon2 ? 1 : 0) !== 1) return undefined;
  if ((open ?? '') !== (close ?? '')) return undefined;
  const value = rest!.slice(0, valueEnd(rest!));
  if (!value) return undefined;
  const field = LABELS[label!.toLowerCase().replace(/\s+/g, ' ')]!;
  const valueStart = m.index + m[0].length - rest!.length;
  const s = span(line, valueStart, valueStart + value.length);
  if (!s) return undefined;
  const style = /[-*+]/.test(lead ?? '') ? 'list' : open === '**' || open === '__' ? 'bold' : open ? 'italic' : 'plain';
  const values: LineFields = { speakers: [] };
  if (field === 'speaker' && /s$/i.test(label!)) {
    // `Speakers: A, B and C` lists names only.
    const names = s.text.split(/\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+|\s*;\s*/).filter(Boolean);
    let from = s.start;
    for (const name of names) {
      const at = line.indexOf(name, from);
      values.speakers.push({ text: name, start: at, end: at + name.length });
      from = at + name.length;
    }
    return { field, label: label!, style, values };
  }
  if (field === 'speaker') {
    // `Speaker: Jane Doe, CTO at Acme` carries role and company too.
    const byline = parseByline(line, s.start, true);
    if (byline && byline.speakers.length > 0) return { field, label: label!, style, values: byline };
    values.speakers = speakerSpans(line, s);
  } else {
    values[field] = s;
  }
  return { field, label: label!, style, values };
}

// ---- Bylines -------------------------------------------------------------------------------------------

/** Splits `Role @ Company`, `Role at Company`, `Role, Company`, `(Company)`, `Company` into role and company. */
function parseRoleCompany(line: string, start: number, end: number): { role?: Span; company?: Span } | undefined {
  // A trailing `@handle` (lower case, no space after the @) is neither role nor company.
  const handle = /\s+@[a-z0-9_]{2,30}\s*$/.exec(line.slice(start, end));
  if (handle && handle.index > 0) end = start + handle.index;
  const rest = line.slice(start, end);
  if (rest.trim() === '') return {};
  const words = rest.trim().split(/\s+/);
  if (words.length > 14 || /[.!?]\s*$/.test(rest.trim()) && words.length > 5) return undefined;
  const paren = /^\s*\(([^()]*)\)\s*$/.exec(rest);
  if (paren) {
    const inner = start + rest.indexOf('(') + 1;
    return parseRoleCompany(line, inner, inner + paren[1]!.length);
  }
  const trailingParen = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(rest);
  if (trailingParen) {
    const role = span(line, start, start + trailingParen[1]!.length);
    const cStart = start + rest.lastIndexOf('(') + 1;
    return { role, company: span(line, cStart, cStart + trailingParen[2]!.length) };
  }
  for (const sep of [/\s+@\s*/, /\s+at\s+/i, /\s+with\s+/i, /\s*,\s+/, /\s+(?:--|[-–—|/])\s+/]) {
    const all = [...rest.matchAll(new RegExp(sep.source, sep.flags + 'g'))];
    const m = all[all.length - 1];
    if (m && m.index! > 0) {
      const role = span(line, start, start + m.index!);
      const company = span(line, start + m.index! + m[0].length, end);
      // `FastRuby.io, Senior Engineering Manager`: company first.
      if (role && company && sep.source.includes(',') && !isRoleLike(role.text) && isRoleLike(company.text)) return { role: company, company: role };
      if (role && company) return { role, company };
    }
  }
  const single = span(line, start, end);
  if (!single || single.text.startsWith('@')) return {};
  return isRoleLike(single.text) ? { role: single } : { company: single };
}

const NAME_SEPARATORS = /\s+(?:--|[-–—|/])\s+|\s*,\s+|\s+\(|\s+@\s*|\s+at\s+|:\s+|(?<!(?:^|[\s.])(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Jr|Sr|\p{Lu}))\.\s+(?=\p{Lu})/gu;

/**
 * A speaker line: `Jane Doe - Engineer @ Acme`, `Jane Doe, CTO at Acme`, `Jane Doe (Acme)`, `_Jane Doe_`,
 * `by Jane Doe`. `start` is where to read from in `line`; `labelled` relaxes the checks (a label was seen).
 */
export const parseByline = memoize(parseBylineUncached);
function parseBylineUncached(raw: string, start = 0, labelled = false): LineFields | undefined {
  if (raw.length > MAX_FIELD_LINE) return undefined;
  let line = maskInline(raw);
  // A whole line in emphasis, `*Cy Young, Principal Engineer at IBM*`: read what is inside.
  const whole = /^(\s*)(\*\*|__|\*|_)([^*_]+)\2\s*$/.exec(line.slice(start));
  if (whole && /,|\s[-–—|@/(]\s?|\sat\s/.test(whole[3]!)) {
    const open = start + whole[1]!.length;
    const close = open + whole[2]!.length + whole[3]!.length;
    const marks = ' '.repeat(whole[2]!.length);
    line = line.slice(0, open) + marks + line.slice(open + marks.length, close) + marks + line.slice(close + marks.length);
  }
  let text = line.slice(start);
  let from = start;
  const lead = /^\s*(?:(?:presented\s+by|talk\s+by|by|with|speaker)\s*[:\-–—]?\s+)?/i.exec(text)!;
  const hasBy = lead[0].trim() !== '';
  from += lead[0].length;
  text = line.slice(from);
  if (text.length > 160) return undefined;

  // `_Jane Doe_`, `*Jane Doe*`, `**Jane Doe**`, optionally followed by role/company.
  const emph = /^(\*\*|__|\*|_)([^*_]+?)\1/.exec(text);
  let nameEnd: number;
  let restStart: number;
  let strong = hasBy || labelled;
  if (emph) {
    nameEnd = from + emph[0].length;
    restStart = nameEnd;
    strong = true;
  } else {
    // The name runs to the first separator; "A, B and C - Acme" keeps name-like comma parts together.
    nameEnd = from + text.length;
    restStart = nameEnd;
    NAME_SEPARATORS.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NAME_SEPARATORS.exec(text))) {
      const candidate = text.slice(0, m.index);
      const after = text.slice(m.index + m[0].length);
      if (/^\s*,/.test(m[0])) {
        // `A, B and C`: a comma list of names only when it ends with "and"/"&" ("Jane Doe, Red Hat" is name, company).
        const list = after.split(/\s+[-–—|(@]\s*|\s+at\s+|:\s+/)[0]!;
        const pieces = list.split(/\s*,\s+|\s+(?:and|&)\s+/);
        if (/\s(?:and|&)\s/i.test(list) && pieces.every((p) => isNameLike(p)) && isNameLike(candidate.split(/\s*,\s+/).pop()!)) {
          continue;
        }
      }
      nameEnd = from + m.index;
      restStart = from + m.index + (m[0].trim() === '(' ? m[0].length - 1 : m[0].length);
      break;
    }
  }
  const nameSpan = span(line, from, nameEnd);
  if (!nameSpan) return undefined;
  const names = splitSpeakerNames(nameSpan.text);
  const nameOk = names.every((n) => isNameLike(n) || (strong && /^\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,4}$/u.test(n)));
  if (!nameOk) return undefined;
  const rest = line.slice(restStart).replace(/^\s*[,\-–—|:@]?\s*/, '');
  const restFrom = line.length - rest.length;
  const rc = parseRoleCompany(line, restFrom, line.length);
  if (!rc) return undefined;
  if (rc.role && !labelled && !isRoleLike(rc.role.text) && rc.role.text.split(/\s+/).length > 6) return undefined;
  return { speakers: speakerSpans(line, nameSpan), ...rc };
}

// ---- Fields in the talk heading ------------------------------------------------------------------------

export type TitlePattern = 'dash' | 'paren' | 'pipe' | 'colon' | 'by';

export interface TitleFields extends LineFields {
  pattern: TitlePattern;
  title: Span;
  /** Certain by itself (`Keynote: Jane Doe`): used whether or not the document writes other talks this way. */
  certain?: boolean;
}

/** Every reading of a talk heading that puts a speaker in it; the caller keeps the ones the document uses consistently. */
export const parseTitlePatterns = memoizeText(parseTitlePatternsUncached);
function parseTitlePatternsUncached(text: string): TitleFields[] {
  const found: TitleFields[] = [];
  // `Title - Speaker, Company`, `Title — Speaker (Company)`: the last spaced dash.
  const dashes = [...text.matchAll(/\s+(?:--|[-–—])\s+/g)];
  const lastDash = dashes[dashes.length - 1];
  if (lastDash && lastDash.index! > 0) {
    const right = lastDash.index! + lastDash[0].length;
    const by = parseByline(text, right);
    const title = span(text, 0, lastDash.index!);
    if (by && title && by.speakers.every((s) => isNameLike(s.text))) found.push({ pattern: 'dash', title, ...by });
  }
  // `Title (Speaker)`, `Title (Speaker, Company)`.
  const paren = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(text);
  if (paren) {
    const inner = text.lastIndexOf('(') + 1;
    const by = parseByline(text.slice(0, inner + paren[2]!.length), inner);
    const title = span(text, 0, paren[1]!.length);
    if (by && title && by.speakers.every((s) => isNameLike(s.text))) found.push({ pattern: 'paren', title, ...by });
  }
  // `Name | @handle | Company | "Title"`.
  if (text.includes('|')) {
    const parts: Span[] = [];
    let at = 0;
    for (const piece of text.split('|')) {
      const s = span(text, at, at + piece.length);
      at += piece.length + 1;
      if (s) parts.push(s);
    }
    if (parts.length >= 2 && isNameLike(parts[0]!.text)) {
      const quoted = parts.find((p, k) => k > 0 && /^["“'].*["”']$/.test(text.slice(p.start - 1, p.end + 1)) || /^["“]/.test(p.text));
      const others = parts.slice(1).filter((p) => p !== quoted && !p.text.startsWith('@') && !/^[a-z0-9_]{3,30}$/.test(p.text));
      const title = quoted ?? others.pop();
      if (title) {
        const entry: TitleFields = { pattern: 'pipe', title, speakers: [parts[0]!] };
        for (const o of others) {
          if (isRoleLike(o.text) && !entry.role) entry.role = o;
          else if (!entry.company) entry.company = o;
        }
        found.push(entry);
      }
    }
  }
  // `Speaker: Title`.
  const colon = /^([^:]+?):\s+(\S.*)$/s.exec(text);
  if (colon) {
    const names = splitSpeakerNames(colon[1]!);
    const title = span(text, text.indexOf(colon[2]!, colon[1]!.length), text.length);
    if (title && names.every((n) => isNameLike(n))) {
      found.push({ pattern: 'colon', title, speakers: speakerSpans(text, { text: colon[1]!, start: 0, end: colon[1]!.length }) });
    }
  }
  // `Title by Speaker`.
  const by = /^(.*\S)\s+by\s+(.+)$/is.exec(text);
  if (by) {
    const start = by[1]!.length + by[0].slice(by[1]!.length).search(/by/i) + 3;
    const fields = parseByline(text, start, false);
    const title = span(text, 0, by[1]!.length);
    if (fields && title && fields.speakers.every((s) => isNameLike(s.text))) found.push({ pattern: 'by', title, ...fields });
  }
  return found;
}
