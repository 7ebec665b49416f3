// Bundles the extension (Node and web worker) and the CLI with esbuild.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { nodeExtensionBuilds } from './extension-builds.mjs';
import { micromarkCombineOnce } from './micromark-combine-once.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // micromark combines its syntax extensions once per list, not on every parse (see the plugin).
  plugins: [micromarkCombineOnce],
};

const builds = [
  ...nodeExtensionBuilds('dist', common),
  // The web entry runs in a web worker (no `document`): 'worker' makes packages such as
  // decode-named-character-reference pick their worker build over the DOM one (test/web proves it).
  { ...common, entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], mainFields: ['browser', 'module', 'main'], conditions: ['worker', 'browser'], define: { 'process.env.NODE_ENV': '"production"' } },
  // The language server the desktop extension forks (Node IPC); `confnotes lsp --stdio` is the same server in the CLI.
  { ...common, entryPoints: ['src/server/extensionHost.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node18' },
  // The language server for a web worker (the web extension starts it in a worker of its own).
  { ...common, entryPoints: ['src/server/browser.ts'], outfile: 'dist/web/server.js', platform: 'browser', format: 'iife', target: 'es2022', mainFields: ['browser', 'module', 'main'], conditions: ['worker', 'browser'], define: { 'process.env.NODE_ENV': '"production"' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node18', banner: { js: '#!/usr/bin/env node' } },
  // The preview webview's script: loaded from media/ (a localResourceRoot) by nonce; built, not committed.
  { ...common, entryPoints: ['src/webview/preview.ts'], outfile: 'media/preview.js', platform: 'browser', format: 'iife', target: 'es2020', sourcemap: false },
];

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  // The spelling dictionary (dict/en.bin, not committed): rebuilt only when missing or older than its inputs.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-dict.ts'], { stdio: 'inherit' });
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
