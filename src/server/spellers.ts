// One speller per locale, loaded once from the host's dictionary; a dictionary that cannot be read leaves the
// spelling rule quiet (logged once) instead of failing the lint.
import type { Speller } from '../core/rules/types';
import { normalizeLocale } from '../core/spelling/format';
import { loadSpeller, type EnglishSpeller, type ReadFile } from '../core/spelling/speller';

export class Spellers {
  private readonly loaded = new Map<string, Promise<EnglishSpeller | undefined>>();

  constructor(
    private readonly readFile: ReadFile,
    private readonly log: (message: string) => void,
  ) {}

  /** The speller of a locale (en-US by default). */
  forLocale(locale: string | undefined): Promise<Speller | undefined> {
    const name = normalizeLocale(locale);
    let hit = this.loaded.get(name);
    if (!hit) {
      const started = Date.now();
      hit = loadSpeller(name, this.readFile).then(
        (speller) => {
          this.log(`Spelling: ${name} dictionary ready in ${Date.now() - started} ms`);
          return speller;
        },
        (err: unknown) => {
          this.log(`Spelling: cannot load the dictionary (${err instanceof Error ? err.message : String(err)}); spelling is off`);
          return undefined;
        },
      );
      this.loaded.set(name, hit);
    }
    return hit;
  }
}
