// Spelling (issue 5): the pure core. Data loading goes through a caller-supplied `readFile`.
export { spellingRule, documentWords, spellingRuns, spellingMessage, fileIgnoredWords, ignoreInFileEdit, SPELLING_RULE_ID } from '../rules/spelling';
export { EnglishSpeller, loadSpeller, loadDictionary, applyCase, type ReadFile } from './speller';
export { tokenize, camelParts, knownWordsOf } from './tokenize';
export { LOCALES, DICT_FILE, normalizeLocale, type Locale } from './format';
