// The Talks tree's nodes: the rows of several files grouped by conference, speaker or company, and filtered.
import { conferenceName, joinDescription, normalizeName, talkRows, type NotesFile, type TalkRow } from './rows';

export type GroupBy = 'conference' | 'speaker' | 'company';

export interface TalkNode {
  kind: 'talk';
  /** Unique in the whole tree (a talk may appear under several speakers). */
  id: string;
  row: TalkRow;
  label: string;
  /** Description fitting the grouping (e.g. under a speaker, the conference is shown instead of the speaker). */
  description: string;
}

export interface GroupNode {
  kind: 'group';
  id: string;
  groupBy: GroupBy;
  label: string;
  description: string;
  /** For a conference group: the file's key. */
  fileKey?: string;
  children: TalkNode[];
}

export type TreeNode = GroupNode | TalkNode;

/** Every whitespace-separated term of the filter must occur in the title, a speaker or the company. */
export function matchesFilter(row: TalkRow, filter: string): boolean {
  const terms = normalizeName(filter).split(' ').filter((t) => t.length > 0);
  if (terms.length === 0) return true;
  const haystack = normalizeName([row.title, ...row.speakers, row.company ?? ''].join('\n'));
  return terms.every((t) => haystack.includes(t));
}

export function filterRows(rows: readonly TalkRow[], filter: string): TalkRow[] {
  if (filter.trim() === '') return rows.slice();
  return rows.filter((r) => matchesFilter(r, filter));
}

function byName(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
}

/** Talk nodes of a single file, no groups. */
export function fileNodes(rows: readonly TalkRow[]): TalkNode[] {
  return rows.map((row) => ({ kind: 'talk', id: row.id, row, label: row.label, description: row.description }));
}

/**
 * Groups talks of several files. Conferences keep the files' order and talks their document order;
 * speakers and companies are sorted by name, and talks under them by conference then document order.
 * Groups left empty by the filter are dropped.
 */
export function groupTalks(files: readonly NotesFile[], groupBy: GroupBy, filter = ''): GroupNode[] {
  const perFile = files.map((f) => ({ file: f, rows: filterRows(talkRows(f), filter) }));
  if (groupBy === 'conference') {
    return perFile
      .filter((p) => p.rows.length > 0)
      .map(({ file, rows }) => {
        const id = `conference:${file.key}`;
        return {
          kind: 'group',
          id,
          groupBy,
          label: rows[0]?.conference ?? conferenceName(file.doc, file.name),
          description: file.name,
          fileKey: file.key,
          children: rows.map((row) => ({
            kind: 'talk',
            id: `${id}/${row.id}`,
            row,
            label: row.label,
            description: row.description,
          })),
        } satisfies GroupNode;
      });
  }

  const groups = new Map<string, { label: string; rows: TalkRow[] }>();
  const add = (name: string, row: TalkRow): void => {
    const key = normalizeName(name);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label: name, rows: [] }));
    if (!g.rows.includes(row)) g.rows.push(row);
  };
  const none = groupBy === 'speaker' ? '(no speaker)' : '(no company)';
  for (const { rows } of perFile) {
    for (const row of rows) {
      if (groupBy === 'speaker') {
        if (row.speakers.length === 0) add(none, row);
        for (const s of row.speakers) add(s, row);
      } else {
        add(row.company ?? none, row);
      }
    }
  }
  const entries = [...groups.entries()].sort(([ka, a], [kb, b]) => {
    // The "(no …)" group goes last.
    const na = ka === none ? 1 : 0;
    const nb = kb === none ? 1 : 0;
    return na - nb || byName(a.label, b.label);
  });
  return entries.map(([key, g]) => {
    const id = `${groupBy}:${key}`;
    const conferences = new Set(g.rows.map((r) => r.conference));
    return {
      kind: 'group',
      id,
      groupBy,
      label: g.label,
      description: describeGroup(g.rows.length, conferences.size),
      children: g.rows.map((row) => ({
        kind: 'talk',
        id: `${id}/${row.id}`,
        row,
        label: row.label,
        // Under a speaker the speaker is known: show where and for whom; under a company, who and where.
        description:
          groupBy === 'speaker'
            ? joinDescription(row.conference, row.company)
            : joinDescription(row.speakers.join(', '), row.conference),
      })),
    } satisfies GroupNode;
  });
}

function describeGroup(talks: number, conferences: number): string {
  const t = talks === 1 ? '1 talk' : `${talks} talks`;
  return conferences > 1 ? `${t} at ${conferences} conferences` : t;
}
