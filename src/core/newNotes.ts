// A new notes file for `Conference Notes: New Notes File`: front matter with the conference and date, the
// title, and the first talk's skeleton in the layout the user picked, as a snippet (Tab walks the fields).
import type { Layout } from './model';
import { DEFAULT_LAYOUT, talkSkeleton } from './talks/skeleton';

export type NotesLayoutChoice = 'heading' | 'label' | 'title' | 'byline';

/** The layouts offered, with what a talk looks like in each (for the Quick Pick). */
export const NOTES_LAYOUTS: ReadonlyArray<{ id: NotesLayoutChoice; label: string; example: string }> = [
  { id: 'heading', label: 'Headings', example: '## Title, ### Speaker, #### Role, #### Company' },
  { id: 'label', label: 'Labelled lines', example: '## Title, **Speaker:** Name, **Role:** …, **Company:** …' },
  { id: 'title', label: 'Speaker in the heading', example: '## Title — Speaker (Company)' },
  { id: 'byline', label: 'Byline under the heading', example: '## Title, then Name - Role @ Company' },
];

export interface NewNotesOptions {
  conference: string;
  /** YYYY-MM-DD, or empty for none. */
  date?: string;
  layout?: NotesLayoutChoice;
}

function layoutFor(choice: NotesLayoutChoice): Layout {
  return { ...DEFAULT_LAYOUT, fieldStyle: choice };
}

/** Text the user typed, made literal inside a snippet. */
function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** A YAML scalar that stays a string whatever the user typed. */
function yamlString(text: string): string {
  return /^[\w][\w .,&()'-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|~|[\d.]+)$/i.test(text) ? text : JSON.stringify(text);
}

/** The file's text as a snippet: front matter, `# Notes from <conference>`, then a first talk. */
export function newNotesSnippet(options: NewNotesOptions): string {
  const conference = options.conference.trim();
  const front = ['---', `conference: ${snippetText(yamlString(conference))}`];
  if (options.date?.trim()) front.push(`date: ${snippetText(options.date.trim())}`);
  front.push('---', '');
  return `${front.join('\n')}\n# Notes from ${snippetText(conference)}\n\n${talkSkeleton(layoutFor(options.layout ?? 'heading'))}`;
}

/** A file name for the notes, e.g. `scaleconf-2017.md` for "ScaleConf" on 2017-03-09. */
export function newNotesFileName(options: NewNotesOptions): string {
  const slug = options.conference
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'conference-notes';
  const year = /^(\d{4})/.exec(options.date?.trim() ?? '')?.[1];
  return `${year && !slug.endsWith(year) ? `${slug}-${year}` : slug}.md`;
}

/** Accepts an empty date or a real YYYY-MM-DD one; otherwise says what is expected. */
export function checkDate(text: string): string | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) return `Expected a date such as 2017-03-09 (year-month-day), or nothing`;
  return undefined;
}
