// The esbuild options of the desktop extension's bundles, shared by scripts/build.mjs and bench/run.ts.

/**
 * The desktop extension: what activation loads (extension.js) and the two bundles it requires later from its own
 * folder (src/extension.ts says why). bench/run.ts builds the same three, minified, into .bench/prod/.
 */
export function nodeExtensionBuilds(outdir, options) {
  const node = { ...options, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'] };
  return [
    { ...node, entryPoints: ['src/extension.ts'], outfile: `${outdir}/extension.js` },
    { ...node, entryPoints: ['src/vscode/languageClientNode.ts'], outfile: `${outdir}/languageClient.js` },
    { ...node, entryPoints: ['src/core/schedule/index.ts'], outfile: `${outdir}/schedule.js` },
  ];
}
