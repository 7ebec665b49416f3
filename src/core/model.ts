// The notes model: what a conference notes file is made of. Pure data, no behaviour.
// Ranges are 0-based line/character in UTF-16 code units, as in VS Code and LSP.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Where a field's value was read from, so fixes can write new fields in the same layout. */
export type FieldSource =
  | 'heading' // `### Ronen Baram` under the talk heading
  | 'label' // `**Speaker:** Ronen Baram`, `Speaker: ...`, `- speaker: ...`
  | 'title' // in the talk heading: `## Title — Speaker (Company)`
  | 'byline' // a plain line under the heading: `Ronen Baram - Consultant @ Oracle`
  | 'front-matter'; // YAML front matter of a single-talk file

export type FieldName = 'speaker' | 'role' | 'company';

export interface Field {
  text: string;
  range: Range;
  source: FieldSource;
  /** Heading level when source is 'heading'. */
  headingLevel?: number;
  /** The whole line (or heading) the field was read from; several fields may share it. */
  lineRange: Range;
}

export interface Heading {
  level: number;
  text: string;
  /** Range of the heading text (without the `#` marks). */
  textRange: Range;
  /** Range of the whole heading line. */
  range: Range;
  /**
   * 'atx' `## x`; 'setext' `x` underlined by `===` / `---`; 'line' a line that is not a Markdown heading but starts a
   * talk: a bold pseudo-heading (`**A. Title**`), a link line (`[Title](url)`) or a schedule bullet
   * (`- "Title" (Speaker)`). Lines have level 7, below every heading.
   */
  kind: 'atx' | 'setext' | 'line';
}

export interface Talk {
  title: string;
  heading: Heading;
  /** The talk heading's range (whole line). */
  headingRange: Range;
  /** From the start of the heading to the end of the last non-blank line before the next talk or section. */
  range: Range;
  speaker?: Field;
  role?: Field;
  company?: Field;
  /** Every speaker of the talk, the first one included (panels have several). */
  speakers: Field[];
  /** The free-form notes after the fields, if there are any. */
  notesRange?: Range;
  hasNotes: boolean;
  /** Field headings that belong to the talk (for level checks). */
  fieldHeadings: Heading[];
  /** Index in NotesDocument.talks. */
  index: number;
}

export type SectionKind = 'preamble' | 'group' | 'other';

export interface Section {
  title: string;
  heading: Heading;
  range: Range;
  kind: SectionKind;
}

export interface FrontMatter {
  range: Range;
  conference?: string;
  date?: string;
  location?: string;
  title?: string;
  speaker?: string;
  role?: string;
  company?: string;
  /** Every key/value, for what the model does not name. */
  data: Record<string, unknown>;
  /** Set when the YAML did not parse. */
  error?: string;
  /** Past FRONT_MATTER_LINES lines, the front matter is read up to a top-level key: the first line not read. */
  unreadFrom?: number;
}

/** How this document writes its talks; inferred per document, used by fixes and snippets. */
export interface Layout {
  /** Heading level of talks (2 in the sample; 3 under `## Day 1` groups). */
  talkLevel: number;
  /** The dominant way fields are written. */
  fieldStyle: 'heading' | 'label' | 'title' | 'byline' | 'none';
  /** Dominant heading levels of the fields when fieldStyle is 'heading'. */
  fieldLevels: { speaker: number; role: number; company: number };
  /** Label spelling used in this document, e.g. `**Speaker:**`. */
  labelStyle: 'bold' | 'plain' | 'list' | 'italic';
}

export interface NotesDocument {
  /** The `# ` heading, e.g. "Notes from Scaleconf 2017". */
  title?: { text: string; range: Range };
  /** The conference name: front matter `conference`, else the title without "Notes from". */
  conference?: string;
  frontMatter?: FrontMatter;
  sections: Section[];
  talks: Talk[];
  headings: Heading[];
  layout: Layout;
  lineCount: number;
  /** Lines of the text without their line endings. */
  lines: string[];
  /** Line ranges that are code (fenced/indented), HTML blocks or front matter: no prose there. */
  nonProse: Array<{ startLine: number; endLine: number; kind: 'code' | 'html' | 'front-matter' }>;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  preferred: boolean;
  edits: TextEdit[];
  /** When set, the single edit's newText is a VS Code snippet (`$1`, `${1:name}`); the CLI uses `plainText`. */
  snippet?: boolean;
  /** Safe to apply without the user looking (fix-all, `--fix`). */
  safe?: boolean;
}

/**
 * Something a user can do about a finding that is not an edit of the text where it is: the editor offers it next to
 * the fixes (LSP: a command). Each kind names what it does; the server carries it out.
 */
export type FindingAction =
  /** Add `word` to the workspace dictionary (`words` of .conference-notes.json). */
  | { kind: 'addToDictionary'; word: string }
  /** Add `word` to this file's `<!-- spelling: ignore ... -->` comment. */
  | { kind: 'ignoreInFile'; word: string };

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /** Data a rule wants to keep with its finding (e.g. the unknown word). */
  data?: Record<string, string | number | boolean>;
  /** Actions besides the fixes (add to dictionary, ignore in file), offered beside them. */
  actions?: FindingAction[];
}
