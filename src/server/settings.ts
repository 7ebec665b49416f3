// A document's settings in the server: the client's `conferenceNotes` section (workspace/configuration, else what
// didChangeConfiguration pushed, else the defaults) with the nearest `.conference-notes.json` on top, as the
// extension and the CLI read them. Parsing is pure; reading goes through the host.
import { DEFAULT_SETTINGS, type NotesSettings } from '../core';
import { CONFIG_FILE_NAME, LintConfigError, RULE_SETTINGS, mergeLintConfig, parseLintConfig } from '../core/lintConfig';
import { allRules } from '../core/rules';
import type { LintConfig, RuleSetting } from '../core/rules/types';

export const SECTION = 'conferenceNotes';
/** Default of `conferenceNotes.lint.maxFileSizeMB`. */
export const DEFAULT_MAX_LINT_MB = 10;

export interface DocumentSettings {
  notes: NotesSettings;
  /** Rule settings, locale and words, with the config file on top. */
  lint: LintConfig;
  /** Larger documents get structure only (symbols, talks), no lint. */
  maxLintBytes: number;
  /** The config file that was merged in (its URI), if any. */
  configFile?: string;
  /** Why the config file was left out, if it was. */
  configError?: string;
}

/** A value of the section by dotted key: nested (`{ rules: { spelling: 'off' } }`, as VS Code sends it) or flat. */
function valueAt(section: unknown, key: string): unknown {
  if (typeof section !== 'object' || section === null) return undefined;
  const obj = section as Record<string, unknown>;
  if (key in obj) return obj[key];
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  // `rules.missing-speaker`, `spelling.words`: try the first part as an object, then longer prefixes.
  for (let at = dot; at >= 0; at = key.indexOf('.', at + 1)) {
    const head = obj[key.slice(0, at)];
    if (typeof head === 'object' && head !== null) {
      const found = valueAt(head, key.slice(at + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function stringList(value: unknown, fallback: readonly string[]): string[] {
  if (!Array.isArray(value)) return [...fallback];
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** The client's `conferenceNotes` section read into the core's settings; anything malformed falls back to the default. */
export function readSection(section: unknown): { notes: NotesSettings; lint: LintConfig; maxLintBytes: number } {
  const rules: Record<string, RuleSetting | undefined> = {};
  for (const rule of allRules) {
    const value = valueAt(section, `rules.${rule.id}`);
    if (typeof value === 'string' && RULE_SETTINGS.includes(value as RuleSetting)) rules[rule.id] = value as RuleSetting;
  }
  const lint: LintConfig = { rules };
  const locale = valueAt(section, 'spelling.locale');
  if (typeof locale === 'string' && locale.trim() !== '') lint.locale = locale;
  const words = stringList(valueAt(section, 'spelling.words'), []);
  if (words.length > 0) lint.words = words;
  if (valueAt(section, 'spelling.checkCase') === true) lint.checkCase = true;
  const mb = valueAt(section, 'lint.maxFileSizeMB');
  const limit = typeof mb === 'number' && Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_LINT_MB;
  return {
    notes: {
      include: stringList(valueAt(section, 'include'), DEFAULT_SETTINGS.include),
      exclude: stringList(valueAt(section, 'exclude'), DEFAULT_SETTINGS.exclude),
      nonTalkSections: stringList(valueAt(section, 'nonTalkSections'), DEFAULT_SETTINGS.nonTalkSections),
    },
    lint,
    maxLintBytes: limit * 1024 * 1024,
  };
}

/** The folder URI of a document or folder URI (`file:///a/b/c.md` -> `file:///a/b`), undefined at the top. */
export function parentUri(uri: string): string | undefined {
  const cut = uri.replace(/\/+$/, '').lastIndexOf('/');
  if (cut < 0) return undefined;
  const parent = uri.slice(0, cut);
  // `file://` alone (or `scheme:`) is no folder.
  return /^[a-z][\w+.-]*:\/*$/i.test(parent) ? undefined : parent;
}

/** Candidate config files for a document: its folder and each parent up to `root` (the workspace folder) or the top. */
export function configCandidates(documentUri: string, root: string | undefined): string[] {
  if (!documentUri.startsWith('file:') && !root) return [];
  const out: string[] = [];
  const top = root?.replace(/\/+$/, '');
  for (let dir = parentUri(documentUri); dir; dir = parentUri(dir)) {
    if (top && !(dir === top || dir.startsWith(`${top}/`))) break;
    out.push(`${dir}/${CONFIG_FILE_NAME}`);
    if (dir === top) break;
  }
  return out;
}

export interface ConfigFileState {
  config?: LintConfig;
  error?: string;
}

/** A config file's text read into a lint config; a broken file is reported and left out, never thrown. */
export function readConfigFile(text: string | undefined): ConfigFileState {
  if (text === undefined) return {};
  try {
    return { config: parseLintConfig(text) };
  } catch (err) {
    if (err instanceof LintConfigError) return { error: err.message };
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** The section's settings with a config file on top (the file wins; word lists add up). */
export function documentSettings(section: ReturnType<typeof readSection>, file: ConfigFileState, fileUri?: string): DocumentSettings {
  return {
    notes: section.notes,
    lint: mergeLintConfig(section.lint, file.config),
    maxLintBytes: section.maxLintBytes,
    ...(file.config && fileUri ? { configFile: fileUri } : {}),
    ...(file.error ? { configError: file.error } : {}),
  };
}
