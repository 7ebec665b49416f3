// The bundles' micromark combines each list of syntax extensions once (scripts/micromark-combine-once.mjs): the same
// combined table as combining on every call, the same trees, and the build fails loudly if micromark changes.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { build } from 'esbuild';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { combineExtensions } from 'micromark-util-combine-extensions';
import * as micromark from 'micromark';
import { combineOnce, micromarkCombineOnce } from '../../scripts/micromark-combine-once.mjs';
import { hostileCases } from '../../bench/hostile-corpus';

const root = path.resolve(__dirname, '..', '..');
const requireHere = createRequire(__filename);

interface Bundled {
  parse: typeof micromark.parse;
  fromMarkdown: typeof fromMarkdown;
  gfm: typeof gfm;
  gfmFromMarkdown: typeof gfmFromMarkdown;
}

/** micromark and mdast-util-from-markdown bundled as dist/ bundles them (with the plugin), loaded as a module. */
async function bundled(): Promise<Bundled> {
  const out = await build({
    stdin: {
      contents: "export { parse } from 'micromark'; export { fromMarkdown } from 'mdast-util-from-markdown'; export { gfm } from 'micromark-extension-gfm'; export { gfmFromMarkdown } from 'mdast-util-gfm';",
      resolveDir: root,
    },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
    plugins: [micromarkCombineOnce],
  });
  const module = { exports: {} as Bundled };
  new Function('module', 'exports', 'require', out.outputFiles[0]!.text)(module, module.exports, requireHere);
  return module.exports;
}

/** A combined table by hook, code and the constructs' names (the bundle's functions are copies of micromark's). */
function shape(constructs: object): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [hook, byCode] of Object.entries(constructs as Record<string, Record<string, unknown>>)) {
    out[hook] = {};
    for (const [code, value] of Object.entries(byCode ?? {})) {
      const list = Array.isArray(value) ? value : [value];
      out[hook]![code] = list.map((c) => (typeof c === 'string' ? c : `${(c as { name?: string }).name ?? ''}/${((c as { tokenize?: { name: string } }).tokenize ?? (c as { resolveAll?: { name: string } }).resolveAll)?.name ?? ''}`));
    }
  }
  return out;
}

describe('micromark combines its extensions once (bundles)', () => {
  let b: Bundled;
  before(async function () {
    this.timeout(60_000);
    b = await bundled();
  });

  it('rewrites the installed micromark/lib/parse.js, and refuses a parse.js that reads otherwise', () => {
    const file = path.join(root, 'node_modules', 'micromark', 'lib', 'parse.js');
    const source = readFileSync(file, 'utf8');
    const out = combineOnce(source);
    assert.match(out, /combinedOnce\(settings\.extensions\)/);
    assert.doesNotMatch(out, /combineExtensions\(\[defaultConstructs, \.\.\.\(settings\.extensions/);
    assert.throws(() => combineOnce(source.replace('...(settings.extensions || [])', '...settings.extensions')), /does not read as/);
    assert.throws(() => combineOnce(source + source), /does not read as/);
  });

  it('gives each parse the table combined once per list, equal to combining on every call', () => {
    const extensions = [b.gfm()];
    const first = b.parse({ extensions });
    const second = b.parse({ extensions });
    assert.equal(first.constructs, second.constructs, 'the same table');
    assert.notEqual(first.defined, second.defined, 'per-parse state is fresh');
    assert.notEqual(first.lazy, second.lazy);
    // Equal to what micromark unbundled combines on every call (the same constructs in the same order, by name).
    assert.deepEqual(shape(first.constructs), shape(micromark.parse({ extensions: [gfm()] }).constructs));
    assert.deepEqual(shape(first.constructs), shape(combineExtensions([micromark.parse({}).constructs, gfm()])));
    // Another list, or the same list holding other extensions, is combined anew.
    assert.notEqual(b.parse({ extensions: [b.gfm()] }).constructs, first.constructs);
    extensions.push(b.gfm());
    assert.notEqual(b.parse({ extensions }).constructs, first.constructs);
    assert.equal(b.parse({}).constructs, b.parse({ extensions: [] }).constructs);
  });

  it('gives the same trees as micromark unbundled, parse after parse (the sample, the hostile corpus)', () => {
    const texts = [readFileSync(path.join(root, 'samples', 'scaleconf-2017.md'), 'utf8')];
    for (const c of hostileCases(0.002)) if (!c.name.startsWith('utf16')) texts.push(c.build().toString('utf8').slice(0, 6_000));
    const ours = { extensions: [b.gfm()], mdastExtensions: [b.gfmFromMarkdown()] };
    const theirs = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
    for (let round = 0; round < 2; round++) {
      for (const text of texts) assert.deepEqual(JSON.parse(JSON.stringify(b.fromMarkdown(text, ours))), JSON.parse(JSON.stringify(fromMarkdown(text, theirs))));
    }
  });

  it('is in the built bundles', function () {
    for (const bundle of ['dist/cli.js', 'dist/server.js']) {
      const file = path.join(root, bundle);
      if (!existsSync(file)) this.skip();
      assert.match(readFileSync(file, 'utf8'), /combinedOnce\(settings\.extensions\)/, bundle);
    }
  });
});
