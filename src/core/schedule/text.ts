// Text as schedules hold it: HTML abstracts (escaped once or twice), names with several people in them,
// i18n objects, and the words that make an entry a break rather than a talk.
import type { ScheduleSpeaker } from './model';

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bdquo: '„', sbquo: '‚',
  euro: '€', copy: '©', reg: '®', trade: '™', deg: '°', middot: '·', bull: '•', times: '×', shy: '',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è',
  aacute: 'á', agrave: 'à', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', Eacute: 'É',
};

/** `&amp;`, `&#8217;`, `&#x27;`, `&eacute;` → characters; unknown names are kept as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[body] ?? m;
  });
}

/** One line: entities decoded, tags dropped, blanks collapsed. */
export function cleanLine(text: unknown): string {
  if (typeof text !== 'string') return typeof text === 'number' ? String(text) : '';
  let t = text;
  // Escaped twice (`&amp;amp;`, `&amp;lt;b&amp;gt;`) happens: decode until stable, at most three times.
  for (let k = 0; k < 3 && /&[#a-z0-9]+;/i.test(t); k++) t = decodeEntities(t);
  return t.replace(/<\/?[a-z][^<>]*>/gi, ' ').replace(/\s+/g, ' ').trim();
}

/** An abstract as plain text: HTML (escaped or not) made into paragraphs; Markdown is left as written. */
export function plainText(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  let t = text.replace(/\r\n?/g, '\n');
  for (let k = 0; k < 3 && /&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.test(t); k++) t = decodeEntities(t);
  if (/<\/?(?:p|br|div|ul|ol|li|b|i|em|strong|a|span|h\d)\b[^<>]*>/i.test(t)) {
    t = t
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(?:p|div|h\d|ul|ol)>/gi, '\n\n')
      .replace(/<li\b[^>]*>/gi, '\n- ')
      .replace(/<\/?[a-z][^<>]*>/gi, '');
  }
  t = t
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return t || undefined;
}

/** A value that is a string or an i18n object (`{ en: 'Lunch', fr: 'Déjeuner' }`): English first. */
export function i18n(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    for (const key of ['en', 'en-us', 'en-gb', 'de', ...Object.keys(o)]) if (typeof o[key] === 'string' && (o[key] as string).trim()) return o[key] as string;
  }
  return '';
}

// Between people: `A & B`, `A and B`, `A, B`, `A; B`, `A + B`, Spanish `y`, German `und`, French `et`.
const PEOPLE_SEPARATOR = /\s*(?:,\s*(?:and|&|y|und|et)\s+|,|;|\s*&\s*|\s+(?:and|y|und|et)\s+|\s+\+\s+)\s*/i;

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * The people in one name field: "Jane Doe" stays one, "A & B" becomes two. `A/B` is two people only when both
 * are full names ("Martin Haase/maha" is a name and a handle); `Name - Group` is a name and a company.
 */
export function splitPeople(field: string): ScheduleSpeaker[] {
  const text = cleanLine(field);
  if (!text) return [];
  const dash = /^(.*?\p{L}.*?)\s+[-–—|]\s+(.+)$/u.exec(text);
  if (dash && words(dash[1]!) >= 2 && words(dash[1]!) <= 5) return [{ name: dash[1]!.trim(), company: dash[2]!.trim() }];
  const pieces = text.split(PEOPLE_SEPARATOR).map((p) => p.trim()).filter(Boolean);
  const names = pieces.length > 1 && pieces.every((p) => /\p{L}/u.test(p) && !/^(?:jr|sr|phd|md|ii|iii|et al)\.?$/i.test(p)) ? pieces : [text];
  return names.flatMap((name) => {
    const slashed = name.split(/\s*\/\s*/);
    return (slashed.length > 1 && slashed.every((p) => words(p) >= 2) ? slashed : [name]).map((n) => ({ name: n }));
  });
}

/** The people of a list of names that may each hold several (`["A & B", "C"]` → A, B, C), without repeats. */
export function people(names: readonly string[]): ScheduleSpeaker[] {
  const seen = new Set<string>();
  const out: ScheduleSpeaker[] = [];
  for (const n of names) {
    for (const p of splitPeople(n)) {
      const key = p.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

const BREAK_WORDS = new RegExp(
  String.raw`(?<!\p{L})(?:break|coffee|caf[eé]|tea|lunch|dinner|breakfast|brunch|snacks?|meal|food|comida|cena|desayuno|almuerzo|pausa|pause|` +
    String.raw`mittag(?:s?pause|essen)?|kaffee(?:pause)?|abendessen|frühstück|déjeuner|petit[- ]déjeuner|goûter|repas|registration|` +
    String.raw`check[- ]?in|doors open|dj|dj set|party|social|drinks|reception|networking|happy hour|end of day|free time|` +
    String.raw`expo hall|hallway track)(?!\p{L})`,
  'iu',
);

/** A speaker-less entry's title or type that says it is a break, meal, party or the like. */
export function looksLikeBreak(title: string, type?: string): boolean {
  if (type && /^(?:break|pause|meal|food|lunch|coffee|party|social|music|dj|concert|other_break)$/i.test(type.trim())) return true;
  return BREAK_WORDS.test(title);
}
