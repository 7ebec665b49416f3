// Realistic notes fixtures for the parser: every test/fixtures/parser/<name>.md is parsed and compared with
// <name>.expected.json. Only the keys an expected file lists are compared, so a fixture can leave out what a
// careful reader would call ambiguous (the `notes` field of the expected file says why).
//
// Every fixture is also parsed with CRLF line endings and with a BOM: the result must not change.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotes } from '../../src/core/parser';
import { isConferenceNotes } from '../../src/core/detect';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { Field, NotesDocument, Talk } from '../../src/core/model';

/** [0-based line, start character, end character] in UTF-16 code units. */
type RangeSpec = [number, number, number];

interface ExpectedTalk {
  title?: string;
  speaker?: string | null;
  role?: string | null;
  company?: string | null;
  speakers?: string[];
  hasNotes?: boolean;
  /** 0-based line of the talk heading (first line of a setext heading). */
  headingLine?: number;
  speakerRange?: RangeSpec;
  roleRange?: RangeSpec;
  companyRange?: RangeSpec;
}

interface Expected {
  notes?: string | string[];
  /** Path given to isConferenceNotes; defaults to `notes/<name>.md`. */
  relativePath?: string;
  isConferenceNotes?: boolean;
  title?: string | null;
  conference?: string | null;
  frontMatter?: { conference?: string | null; date?: string | null; location?: string | null; title?: string | null; speaker?: string | null; company?: string | null } | null;
  /** Set when the front matter is broken: the parser must report an error and still parse the body. */
  frontMatterError?: boolean;
  talks?: ExpectedTalk[];
  /** Titles of the sections that are not talks, in document order. */
  sections?: string[];
  /** For files that are not notes: no talk may carry a speaker (other keys may be left out). */
  noSpeakers?: boolean;
}

function findFixtureDir(): string {
  const candidates = [path.resolve(process.cwd(), 'test/fixtures/parser')];
  if (typeof __dirname !== 'undefined') candidates.push(path.resolve(__dirname, '../fixtures/parser'));
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`fixture directory not found (looked in ${candidates.join(', ')})`);
}

const FIXTURE_DIR = findFixtureDir();

function show(v: unknown): string {
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

function fieldText(f: Field | undefined): string | null {
  return f ? f.text : null;
}

function checkRange(problems: string[], where: string, name: string, f: Field | undefined, spec: RangeSpec): void {
  if (!f) {
    problems.push(`${where}: ${name} range expected ${show(spec)}, but there is no ${name}`);
    return;
  }
  const got: RangeSpec = [f.range.start.line, f.range.start.character, f.range.end.character];
  const sameLine = f.range.end.line === f.range.start.line;
  if (!sameLine || got[0] !== spec[0] || got[1] !== spec[1] || got[2] !== spec[2]) {
    problems.push(`${where}: ${name} range expected line ${spec[0]} chars ${spec[1]}-${spec[2]}, ` +
      `got ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);
  }
}

function describeTalk(t: Talk | undefined): string {
  if (!t) return '(none)';
  return `${show(t.title)} [speaker ${show(fieldText(t.speaker))}, role ${show(fieldText(t.role))}, company ${show(fieldText(t.company))}, ` +
    `speakers ${show(t.speakers.map((s) => s.text))}, hasNotes ${t.hasNotes}, line ${t.headingRange.start.line}]`;
}

function compareTalk(problems: string[], i: number, exp: ExpectedTalk, t: Talk): void {
  const where = `talk ${i + 1} ${show(exp.title ?? t.title)}`;
  const before = problems.length;
  if (exp.title !== undefined && t.title !== exp.title) problems.push(`${where}: title expected ${show(exp.title)}, got ${show(t.title)}`);
  for (const key of ['speaker', 'role', 'company'] as const) {
    const want = exp[key];
    if (want === undefined) continue;
    const got = fieldText(t[key]);
    if (got !== want) problems.push(`${where}: ${key} expected ${show(want)}, got ${show(got)}`);
  }
  if (exp.speakers !== undefined) {
    const got = t.speakers.map((s) => s.text);
    if (JSON.stringify(got) !== JSON.stringify(exp.speakers)) problems.push(`${where}: speakers expected ${show(exp.speakers)}, got ${show(got)}`);
  }
  if (exp.hasNotes !== undefined && t.hasNotes !== exp.hasNotes) problems.push(`${where}: hasNotes expected ${exp.hasNotes}, got ${t.hasNotes}`);
  if (exp.headingLine !== undefined && t.headingRange.start.line !== exp.headingLine) {
    problems.push(`${where}: heading line expected ${exp.headingLine}, got ${t.headingRange.start.line}`);
  }
  if (exp.speakerRange) checkRange(problems, where, 'speaker', t.speaker, exp.speakerRange);
  if (exp.roleRange) checkRange(problems, where, 'role', t.role, exp.roleRange);
  if (exp.companyRange) checkRange(problems, where, 'company', t.company, exp.companyRange);
  if (problems.length > before) problems.push(`    parsed as ${describeTalk(t)}`);
}

/** Every difference between the parsed document and the expectation, one line each. */
export function compareDocument(doc: NotesDocument, exp: Expected, name: string, checkRanges = true): string[] {
  const problems: string[] = [];
  if (exp.title !== undefined) {
    const got = doc.title?.text ?? null;
    if (got !== exp.title) problems.push(`title expected ${show(exp.title)}, got ${show(got)}`);
  }
  if (exp.conference !== undefined) {
    const got = doc.conference ?? null;
    if (got !== exp.conference) problems.push(`conference expected ${show(exp.conference)}, got ${show(got)}`);
  }
  if (exp.frontMatter !== undefined) {
    if (exp.frontMatter === null) {
      if (doc.frontMatter) problems.push(`front matter expected none, got ${show(doc.frontMatter.data)}`);
    } else if (!doc.frontMatter) {
      problems.push(`front matter expected ${show(exp.frontMatter)}, got none`);
    } else {
      for (const [key, want] of Object.entries(exp.frontMatter)) {
        const got = (doc.frontMatter as unknown as Record<string, unknown>)[key] ?? null;
        if (got !== want) problems.push(`front matter ${key} expected ${show(want)}, got ${show(got)}`);
      }
    }
  }
  if (exp.frontMatterError !== undefined) {
    const got = Boolean(doc.frontMatter?.error);
    if (got !== exp.frontMatterError) problems.push(`front matter error expected ${exp.frontMatterError}, got ${show(doc.frontMatter?.error)}`);
  }
  if (exp.isConferenceNotes !== undefined) {
    const got = isConferenceNotes(doc, DEFAULT_SETTINGS, exp.relativePath ?? `notes/${name}.md`);
    if (got !== exp.isConferenceNotes) problems.push(`isConferenceNotes expected ${exp.isConferenceNotes}, got ${got}`);
  }
  if (exp.sections !== undefined) {
    const got = doc.sections.map((s) => s.title);
    if (JSON.stringify(got) !== JSON.stringify(exp.sections)) problems.push(`sections expected ${show(exp.sections)}, got ${show(got)}`);
  }
  if (exp.noSpeakers) {
    for (const t of doc.talks) if (t.speakers.length > 0 || t.speaker) problems.push(`no speakers expected, but read ${describeTalk(t)}`);
  }
  if (exp.talks !== undefined) {
    const want = exp.talks;
    const got = doc.talks;
    if (want.length !== got.length) {
      problems.push(`expected ${want.length} talks, got ${got.length}`);
      const n = Math.max(want.length, got.length);
      for (let i = 0; i < n; i++) {
        problems.push(`    ${String(i + 1).padStart(2)}. expected ${show(want[i]?.title)}  |  got ${show(got[i]?.title)}`);
      }
    }
    // Compare talk by talk where the titles line up (by title when the counts differ, else by position).
    for (let i = 0; i < want.length; i++) {
      const exp1 = want[i]!;
      let t: Talk | undefined = got[i];
      if (want.length !== got.length && exp1.title !== undefined) t = got.find((g) => g.title === exp1.title);
      if (!t) {
        if (want.length === got.length) problems.push(`talk ${i + 1} ${show(exp1.title)}: missing`);
        continue;
      }
      compareTalk(problems, i, checkRanges ? exp1 : { ...exp1, speakerRange: undefined, roleRange: undefined, companyRange: undefined }, t);
    }
  }
  return problems;
}

/** What the parser read, in a comparable form; with `ignoreLine0` the characters of ranges on line 0 are dropped. */
function snapshot(doc: NotesDocument, ignoreLine0: boolean): unknown {
  const pos = (p: { line: number; character: number }): string => (ignoreLine0 && p.line === 0 ? `${p.line}` : `${p.line}:${p.character}`);
  const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } } | undefined): string | null =>
    r ? `${pos(r.start)}-${pos(r.end)}` : null;
  return {
    title: doc.title?.text ?? null,
    conference: doc.conference ?? null,
    frontMatter: doc.frontMatter ? { ...doc.frontMatter.data, error: Boolean(doc.frontMatter.error) } : null,
    sections: doc.sections.map((s) => [s.title, s.kind, range(s.range)]),
    talks: doc.talks.map((t) => ({
      title: t.title,
      heading: range(t.headingRange),
      range: range(t.range),
      notes: range(t.notesRange),
      hasNotes: t.hasNotes,
      speakers: t.speakers.map((f) => [f.text, range(f.range)]),
      role: t.role ? [t.role.text, range(t.role.range)] : null,
      company: t.company ? [t.company.text, range(t.company.range)] : null,
    })),
  };
}

interface Fixture {
  name: string;
  text: string;
  expected: Expected;
}

function loadFixtures(): Fixture[] {
  const names = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  return names.map((name) => {
    const jsonPath = path.join(FIXTURE_DIR, `${name}.expected.json`);
    if (!existsSync(jsonPath)) throw new Error(`fixture ${name}.md has no ${name}.expected.json`);
    return {
      name,
      text: readFileSync(path.join(FIXTURE_DIR, `${name}.md`), 'utf8'),
      expected: JSON.parse(readFileSync(jsonPath, 'utf8')) as Expected,
    };
  });
}

const fixtures = loadFixtures();

function check(doc: NotesDocument, fx: Fixture, variant: string, checkRanges = true): void {
  const problems = compareDocument(doc, fx.expected, fx.name, checkRanges);
  if (problems.length > 0) {
    const notes = fx.expected.notes ? `\n  (fixture notes: ${[fx.expected.notes].flat().join(' ')})` : '';
    assert.fail(`${fx.name}.md${variant}: ${problems.length} difference(s)\n  ${problems.join('\n  ')}${notes}`);
  }
}

describe('parser fixtures (test/fixtures/parser)', () => {
  it('has fixtures, each with an expected file', () => {
    assert.ok(fixtures.length >= 25, `only ${fixtures.length} fixtures found in ${FIXTURE_DIR}`);
    const jsons = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.expected.json'));
    for (const j of jsons) assert.ok(existsSync(path.join(FIXTURE_DIR, j.replace(/\.expected\.json$/, '.md'))), `${j} has no .md`);
  });

  for (const fx of fixtures) {
    it(fx.name, () => {
      check(parseNotes(fx.text), fx, '');
    });
  }

  // Line endings and a BOM must not change what the parser reads: each variant is compared with the parse of
  // the fixture as stored (not with the expectations, so a fixture that fails above fails only once).
  describe('the same fixtures with CRLF line endings give the same result', () => {
    for (const fx of fixtures) {
      it(fx.name, () => {
        const base = snapshot(parseNotes(fx.text), false);
        assert.deepEqual(snapshot(parseNotes(fx.text.replace(/\r?\n/g, '\r\n')), false), base);
      });
    }
  });

  describe('the same fixtures with LF line endings give the same result', () => {
    for (const fx of fixtures.filter((f) => f.text.includes('\r\n'))) {
      it(fx.name, () => {
        const base = snapshot(parseNotes(fx.text), false);
        assert.deepEqual(snapshot(parseNotes(fx.text.replace(/\r\n/g, '\n')), false), base);
      });
    }
  });

  describe('the same fixtures with a BOM give the same result', () => {
    for (const fx of fixtures) {
      it(fx.name, () => {
        const plain = fx.text.replace(/^\uFEFF/, '');
        // Characters on line 0 may or may not count the BOM; lines and texts must not change.
        assert.deepEqual(snapshot(parseNotes('\uFEFF' + plain), true), snapshot(parseNotes(plain), true));
      });
    }
  });
});
