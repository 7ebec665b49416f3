// Where things are: the repository, the installed test environment, the output folder.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_ENV_DIR = path.join(REPO_ROOT, '.test-env');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_ENTRY = path.join(TEST_ENV_DIR, 'code-server/node_modules/code-server/out/node/entry.js');
export const CODE_SERVER_MARKER = path.join(TEST_ENV_DIR, `code-server/.installed-${CODE_SERVER_VERSION}`);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots and logs of test runs (ignored by git). */
export const TEST_OUTPUT_DIR = path.join(REPO_ROOT, 'test-output');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures');
/** The compiled extension-host tests (see scripts/build-tests.mjs). */
export const EXTHOST_TESTS_BUNDLE = path.join(REPO_ROOT, 'out', 'exthost', 'index.js');

/**
 * Installs the test environment when it is missing (a fresh clone: `npm install && npm test` needs no other step),
 * as `npm start` does: scripts/setup-test-env.sh, idempotent, saying what it does. Nothing to do once installed.
 */
export function ensureTestEnv(who: string): void {
  if (existsSync(CODE_SERVER_MARKER) && existsSync(CHROMIUM)) return;
  console.log(`${who}: installing the test environment first (code-server ${CODE_SERVER_VERSION} into .test-env/, Chromium; bash scripts/setup-test-env.sh, about a minute, once)`);
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'setup-test-env.sh')], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** Fails early, with the fix, when scripts/setup-test-env.sh has not run. */
export function assertTestEnv(): void {
  const missing: string[] = [];
  if (!existsSync(CODE_SERVER_MARKER)) missing.push(`code-server ${CODE_SERVER_VERSION} in .test-env/`);
  if (!existsSync(CHROMIUM)) missing.push(`Chromium at ${CHROMIUM}`);
  if (missing.length) {
    throw new Error(`Missing ${missing.join(' and ')}: run \`bash scripts/setup-test-env.sh\` first.`);
  }
}
