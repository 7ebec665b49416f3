// An esbuild plugin for the bundles: micromark's parse() combines its syntax extensions (CommonMark's constructs,
// GFM's, front matter's) into one table on every call, and mdast-util-from-markdown calls it once per parse with no
// way to hand it a table made before (it takes the extensions only). Our blocks are parsed one by one (src/core/
// blocks.ts), so a file of 50,000 talks combined them 50,000 times: 12% of its lint (the combining, ~25 µs with
// GFM, more with the garbage it leaves). The bundled micromark combines each list of extensions once instead.
//
// Sound because nothing writes to the combined table: micromark, its CommonMark constructs and the extensions we use
// only read `parser.constructs` (the per-parse state, `defined`, `lazy` and GFM footnotes' `gfmFootnotes`, lives on
// the parser object, still made per call). A list is reused only while it holds the same extension objects.
// The build fails if micromark's parse.js no longer reads as expected (test/unit/micromark-combine-once.test.ts).
import { readFile } from 'node:fs/promises';

const COMBINE_PER_CALL = 'combineExtensions([defaultConstructs, ...(settings.extensions || [])])';

const COMBINE_ONCE = `
// Added by scripts/micromark-combine-once.mjs: each list of extensions is combined once, not on every parse.
const combinedByList = new WeakMap();
let combinedDefault;
function combinedOnce(extensions) {
  if (!extensions || extensions.length === 0) return combinedDefault || (combinedDefault = combineExtensions([defaultConstructs]));
  const hit = combinedByList.get(extensions);
  if (hit && hit.items.length === extensions.length && hit.items.every((e, i) => e === extensions[i])) return hit.constructs;
  const items = [...extensions];
  const constructs = combineExtensions([defaultConstructs, ...items]);
  combinedByList.set(extensions, { items, constructs });
  return constructs;
}
`;

/** micromark's lib/parse.js with the combining done once per list of extensions; throws if it reads otherwise. */
export function combineOnce(source) {
  const at = source.indexOf(COMBINE_PER_CALL);
  if (at === -1 || source.indexOf(COMBINE_PER_CALL, at + 1) !== -1 || !/^export function parse\(options\)/m.test(source)) {
    throw new Error('micromark/lib/parse.js does not read as scripts/micromark-combine-once.mjs expects (micromark updated?): check the plugin');
  }
  return source.slice(0, at) + 'combinedOnce(settings.extensions)' + source.slice(at + COMBINE_PER_CALL.length) + COMBINE_ONCE;
}

/** The esbuild plugin. */
export const micromarkCombineOnce = {
  name: 'micromark-combine-once',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]micromark[\\/]lib[\\/]parse\.js$/ }, async (args) => ({
      contents: combineOnce(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
