// Optional, needs internet: runs the extension-host suites (test/exthost) in a downloaded desktop VS Code
// with @vscode/test-cli (`npm run test:electron`). CI and `npm test` use scripts/test-exthost.ts instead,
// which needs no download. The workspace is the same as there: test/fixtures/workspace + sample + README.
import { defineConfig } from '@vscode/test-cli';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';

const workspace = 'out/exthost-workspace';
rmSync(workspace, { recursive: true, force: true });
mkdirSync(workspace, { recursive: true });
cpSync('test/fixtures/workspace', workspace, { recursive: true });
copyFileSync('samples/scaleconf-2017.md', `${workspace}/scaleconf-2017.md`);
copyFileSync('README.md', `${workspace}/README.md`);

export default defineConfig({
  files: 'out/exthost/all.test.js',
  workspaceFolder: workspace,
  version: '1.100.3',
  mocha: { ui: 'bdd', timeout: 30000, color: true },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
});
