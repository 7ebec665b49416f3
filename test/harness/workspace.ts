// A throw-away copy of the test workspace: test/fixtures/workspace/ plus the live sample and README,
// so tests may edit files and workspace settings freely.
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { FIXTURES_DIR, REPO_ROOT } from './paths';

/** Files copied from the repository into every test workspace, as `name in workspace: path in repo`. */
export const LIVE_FILES: Record<string, string> = {
  'scaleconf-2017.md': 'samples/scaleconf-2017.md',
  'README.md': 'README.md',
};

/** Creates `<parent>/<name>` from test/fixtures/workspace and LIVE_FILES; returns its absolute path. */
export function prepareWorkspace(parent: string, name = 'workspace'): string {
  const dir = path.join(parent, name);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(FIXTURES_DIR, 'workspace'), dir, { recursive: true });
  for (const [target, source] of Object.entries(LIVE_FILES)) copyFileSync(path.join(REPO_ROOT, source), path.join(dir, target));
  return dir;
}
