// `confnotes check-words [--locale L] [WORD...]`: one JSON line per word, {"word","correct","suggestions"}.
// Without WORDs, reads one word a line from stdin. For tools and the spelling benchmark.
import { isSupportedLocale, unknownLocaleMessage } from '../../core/lintConfig';
import { parseArgs } from '../args';
import { loadNodeSpeller } from '../dictionary';
import { CliError, type CliIo } from '../io';

const MAX_SUGGESTIONS = 8;

export async function runCheckWords(argv: string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(argv, { locale: 'string' });
  const locale = options.locale;
  if (locale !== undefined && !isSupportedLocale(locale)) throw new CliError(`--locale ${unknownLocaleMessage(locale)}`);
  const words = positionals.length
    ? positionals
    : (await io.readStdin()).split(/\r?\n/).map((w) => w.trim()).filter((w) => w !== '');
  const speller = await loadNodeSpeller(locale);
  const lines: string[] = [];
  for (const word of words) {
    const correct = speller.isCorrect(word);
    const suggestions = correct ? [] : speller.suggest(word, MAX_SUGGESTIONS);
    lines.push(JSON.stringify({ word, correct, suggestions }));
    if (lines.length >= 200) io.stdout(lines.splice(0).join('\n') + '\n');
  }
  if (lines.length) io.stdout(lines.join('\n') + '\n');
  return 0;
}
