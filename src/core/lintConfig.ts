// `.conference-notes.json`: the project's lint configuration, read by the CLI and the extension alike.
// Validation here matches schemas/conference-notes.schema.json; errors are one line naming the problem.
import type { LintConfig, RuleSetting } from './rules/types';
import { KNOWN_RULE_IDS } from './rules';
import { LOCALES } from './spelling/format';

export { CONFIG_FILE_NAME } from './configFile';
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'information', 'hint'];
const TOP_LEVEL_KEYS = ['$schema', 'rules', 'locale', 'words'];

export class LintConfigError extends Error {}

/** Locales the spelling check knows: its dictionaries, and en-NZ and en-IE, which it reads as en-GB. */
export const SUPPORTED_LOCALES: readonly string[] = [...LOCALES, 'en-NZ', 'en-IE'];

/** Whether `locale` names one of SUPPORTED_LOCALES (any case, `_` or `-`). */
export function isSupportedLocale(locale: string): boolean {
  const wanted = locale.replace('_', '-').toLowerCase();
  return SUPPORTED_LOCALES.some((l) => l.toLowerCase() === wanted);
}

/** The end of the one line that says a locale is unknown: `must be one of en-US, ..., not 'xx-YY'`. */
export function unknownLocaleMessage(locale: string): string {
  return `must be one of ${SUPPORTED_LOCALES.join(', ')}, not '${locale}'`;
}

function where(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Parses and validates a config file's text. Throws LintConfigError with a message naming the problem. */
export function parseLintConfig(text: string): LintConfig {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    throw new LintConfigError(`is not valid JSON${at ? ` (${where(text, Number(at[1]))})` : ''}: ${message.replace(/\s*in JSON at position \d+.*$/, '')}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new LintConfigError('must be a JSON object such as { "rules": { "empty-talk": "off" } }');
  const obj = data as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!TOP_LEVEL_KEYS.includes(key)) throw new LintConfigError(`has an unknown key '${key}' (expected one of: ${TOP_LEVEL_KEYS.join(', ')})`);
  }
  const config: LintConfig = { rules: {} };
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) throw new LintConfigError("'rules' must be an object mapping rule ids to a severity or \"off\"");
    for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!KNOWN_RULE_IDS.includes(id)) throw new LintConfigError(`names an unknown rule '${id}' (known rules: ${KNOWN_RULE_IDS.join(', ')})`);
      if (typeof value !== 'string' || !RULE_SETTINGS.includes(value as RuleSetting)) {
        throw new LintConfigError(`sets rule '${id}' to ${JSON.stringify(value)} (expected one of: ${RULE_SETTINGS.join(', ')})`);
      }
      config.rules[id] = value as RuleSetting;
    }
  }
  if (obj.locale !== undefined) {
    if (typeof obj.locale !== 'string') throw new LintConfigError(`'locale' must be a string such as "en-US" or "en-GB", not ${JSON.stringify(obj.locale)}`);
    if (!isSupportedLocale(obj.locale)) throw new LintConfigError(`'locale' ${unknownLocaleMessage(obj.locale)}`);
    config.locale = obj.locale;
  }
  if (obj.words !== undefined) {
    if (!Array.isArray(obj.words) || obj.words.some((w) => typeof w !== 'string')) throw new LintConfigError("'words' must be an array of strings");
    config.words = obj.words as string[];
  }
  return config;
}

/** `override` wins wherever it says something; word lists add up. */
export function mergeLintConfig(base: LintConfig, override: LintConfig | undefined): LintConfig {
  if (!override) return base;
  const words = [...(base.words ?? []), ...(override.words ?? [])];
  const names = override.names ?? base.names;
  const checkCase = override.checkCase ?? base.checkCase;
  return {
    rules: { ...base.rules, ...Object.fromEntries(Object.entries(override.rules).filter(([, v]) => v !== undefined)) },
    locale: override.locale ?? base.locale,
    ...(words.length > 0 ? { words } : {}),
    ...(names ? { names } : {}),
    ...(checkCase !== undefined ? { checkCase } : {}),
  };
}
