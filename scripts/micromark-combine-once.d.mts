import type { Plugin } from 'esbuild';

/** micromark's lib/parse.js with the combining done once per list of extensions; throws if it reads otherwise. */
export function combineOnce(source: string): string;
/** The esbuild plugin that applies `combineOnce` to micromark's lib/parse.js. */
export const micromarkCombineOnce: Plugin;
