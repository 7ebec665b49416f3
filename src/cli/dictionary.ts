// Finds the spelling dictionary next to the bundle (dist/cli.js -> dict/en.bin) or, run from source, in the repo.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Speller } from '../core/rules/types';
import { DICT_FILE } from '../core/spelling/format';
import { loadSpeller, type EnglishSpeller, type ReadFile } from '../core/spelling/speller';
import { CliError } from './io';

/** The folder holding dict/en.bin: `../dict` from the bundle (dist/) or from src/cli when run with tsx. */
export function dictionaryDir(): string {
  const candidates = [path.join(__dirname, '..', 'dict'), path.join(__dirname, '..', '..', 'dict')];
  const found = candidates.find((d) => existsSync(path.join(d, DICT_FILE)));
  if (!found) throw new CliError(`spelling dictionary not found (looked for ${candidates.map((d) => path.join(d, DICT_FILE)).join(', ')}; run npm run build)`);
  return found;
}

let readDict: ReadFile | undefined;

/** One reader for the process, so the dictionary is parsed once whatever the locales asked for. */
export function nodeReadFile(): ReadFile {
  if (!readDict) {
    const dir = dictionaryDir();
    readDict = async (rel) => new Uint8Array(readFileSync(path.join(dir, rel)));
  }
  return readDict;
}

export function loadNodeSpeller(locale: string | undefined): Promise<EnglishSpeller> {
  // The CLI has nothing else to do meanwhile: parse without yielding.
  return loadSpeller(locale, nodeReadFile(), async () => {});
}

/** For `confnotes lint`: the speller of the configured locale. */
export const cliSpellerLoader = (locale: string | undefined): Promise<Speller | undefined> => loadNodeSpeller(locale);
