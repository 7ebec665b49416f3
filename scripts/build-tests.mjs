// Bundles the extension-host tests: test/exthost/index.ts plus every test/exthost/**/*.test.ts it finds,
// into out/exthost/index.js (CommonJS, `vscode` and `mocha` external), for scripts/test-exthost.ts.
// Also out/exthost/all.test.js, the same tests defined at load time, for @vscode/test-cli (.vscode-test.mjs).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found.sort((a, b) => runsLast(a) - runsLast(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The hostile-input suite runs after the others: its big files keep VS Code's own Markdown language server busy for
 * minutes after they are closed (link and symbol requests it queued), and suites after it would wait on that server
 * (their code-action requests go to every provider).
 */
function runsLast(file) {
  return path.basename(file) === 'hostile.test.ts' ? 1 : 0;
}

/** esbuild plugin: `virtual:<name>` requires each test file discovered under `folder` when asked to. */
const testFilesPlugin = (name, folder) => ({
  name,
  setup(build) {
    build.onResolve({ filter: new RegExp(`^virtual:${name}$`) }, () => ({ path: name, namespace: 'virtual' }));
    build.onLoad({ filter: /.*/, namespace: 'virtual' }, () => {
      const files = findTests(path.join(root, folder));
      const relative = files.map((f) => path.relative(root, f).split(path.sep).join('/'));
      const contents = [
        `export const testFiles = ${JSON.stringify(relative)};`,
        'export function loadTestFiles() {',
        ...relative.map((f) => `  require(${JSON.stringify('./' + f)});`),
        '}',
      ].join('\n');
      return { contents, resolveDir: root, loader: 'js', watchFiles: files };
    });
  },
});

export async function buildExtHostTests() {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
    plugins: [testFilesPlugin('exthost-test-files', 'test/exthost')],
  };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(root, 'test', 'exthost', 'index.ts')], outfile: path.join(root, 'out', 'exthost', 'index.js') }),
    esbuild.build({
      ...common,
      stdin: { contents: "import { loadTestFiles } from 'virtual:exthost-test-files'; loadTestFiles();", resolveDir: root, loader: 'js' },
      outfile: path.join(root, 'out', 'exthost', 'all.test.js'),
    }),
  ]);
}

/**
 * The web-worker extension-host tests: test/web/index.ts plus every *.test.ts under test/web, as one CommonJS
 * bundle inside the extension folder with no Node modules (only `vscode` is external), for `test-exthost --web`.
 */
export async function buildWebTests() {
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'web', 'index.ts')],
    outfile: path.join(root, 'out', 'web-tests', 'index.js'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    plugins: [testFilesPlugin('web-test-files', 'test/web')],
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await Promise.all([buildExtHostTests(), buildWebTests()]);
}
