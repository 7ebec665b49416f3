// Pass: YAML front matter into the model's conference, date, location and single-talk fields.
import type { ScanResult } from '../scan';
import type { FrontMatter } from '../model';
import { pos } from './state';

/** Lines of front matter read at most (see readFrontMatter). */
export const FRONT_MATTER_LINES = 300;

export function readFrontMatter(scan: ScanResult): FrontMatter | undefined {
  if (!scan.frontMatter) return undefined;
  const fm: FrontMatter = {
    range: { start: pos(0, 0), end: pos(scan.frontMatter.endLine, scan.lines[scan.frontMatter.endLine]!.length) },
    data: {},
  };
  if (scan.lines[0]!.replace(/^\uFEFF/, '').startsWith('+++')) return fm; // TOML: kept as a range only
  try {
    // Loaded on first use: most notes have no front matter, and activation stays light.
    const { parse: parseYaml } = require('yaml') as typeof import('yaml');
    // Past FRONT_MATTER_LINES lines only the first ones are read, up to a top-level key (the conference, the
    // speaker are at the top): YAML of 25,000 keys took half a second in one go, and each key is checked against
    // every earlier one (50,000 keys: 30 s, issue 15); 1,000 lines took 20-60 ms, too long for one step of the editor's
    // parse in slices, 300 lines take 3-6 ms. The not-checked rule says so.
    let text = scan.frontMatter.text;
    if (scan.frontMatter.endLine - 1 > FRONT_MATTER_LINES) {
      let cut = FRONT_MATTER_LINES + 1;
      while (cut > 2 && !/^[^\s#-]/.test(scan.lines[cut]!)) cut--;
      fm.unreadFrom = cut;
      text = scan.lines.slice(1, cut).join('\n');
    }
    const data: unknown = parseYaml(text, { prettyErrors: false });
    if (data && typeof data === 'object' && !Array.isArray(data)) fm.data = data as Record<string, unknown>;
  } catch (e) {
    fm.error = (e as Error).message.split('\n')[0];
    return fm;
  }
  const valueOf = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = fm.data[key] ?? fm.data[key[0]!.toUpperCase() + key.slice(1)];
      if (typeof value === 'string' && value.trim()) return value.trim();
      if (typeof value === 'number') return String(value);
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      if (Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'string')) return value.join(', ');
    }
    return undefined;
  };
  const assign = (key: 'conference' | 'date' | 'location' | 'title' | 'speaker' | 'role' | 'company', ...keys: string[]): void => {
    const value = valueOf(...keys);
    if (value !== undefined) fm[key] = value;
  };
  assign('conference', 'conference', 'event', 'conf');
  assign('date', 'date', 'dates', 'when');
  assign('location', 'location', 'venue', 'city', 'where', 'place');
  assign('title', 'title', 'talk');
  assign('speaker', 'speaker', 'speakers', 'presenter', 'author_of_talk');
  assign('role', 'role', 'position', 'job');
  assign('company', 'company', 'affiliation', 'organisation', 'organization', 'employer');
  return fm;
}
