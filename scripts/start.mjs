// `npm start`: builds the extension, starts VS Code (code-server) on 127.0.0.1 with the extension loaded and
// the sample notes open, and prints the URL to open in a browser. Ctrl+C stops everything it started.
//
//   npm start                          # samples/, with scaleconf-2017.md open
//   npm start -- --notes ~/my-notes    # another folder of notes (or CONFNOTES_FOLDER=~/my-notes npm start)
//   npm start -- --notes talk.md       # a file: its folder opens, and the file in an editor
//   npm start -- --port 8080           # a fixed port (default: a free one; or CONFNOTES_PORT)
//
// Run with tsx loaded (`node --import tsx scripts/start.mjs`, as package.json does): the harness is TypeScript.
// The first run installs code-server into .test-env/ (scripts/setup-test-env.sh, about a minute).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    notes: { type: 'string', default: process.env.CONFNOTES_FOLDER },
    port: { type: 'string', default: process.env.CONFNOTES_PORT },
  },
});

let folder = path.join(root, 'samples');
let openFile = path.join(folder, 'scaleconf-2017.md');
if (args.notes) {
  const target = path.resolve(process.cwd(), args.notes.replace(/^~(?=$|\/)/, process.env.HOME ?? '~'));
  if (!existsSync(target)) {
    console.error(`start: ${target} does not exist`);
    process.exit(2);
  }
  if (statSync(target).isDirectory()) {
    folder = target;
    openFile = undefined;
  } else {
    folder = path.dirname(target);
    openFile = target;
  }
}

if (!existsSync(path.join(root, '.test-env', 'code-server', '.installed-4.100.3')) || !existsSync('/usr/bin/chromium')) {
  console.log('start: installing code-server into .test-env/ first (scripts/setup-test-env.sh)');
  execFileSync('bash', [path.join(root, 'scripts', 'setup-test-env.sh')], { stdio: 'inherit' });
}
console.log('start: building the extension');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });

const { CodeServer } = await import('../test/harness/codeServer.ts');
const server = await CodeServer.start({
  port: args.port ? Number(args.port) : undefined,
  logFile: path.join(root, 'test-output', 'start', 'code-server.log'),
});
const url = server.workbenchUrl({ folder, openFile });
console.log(`
Conference Notes is running in VS Code (code-server ${server.origin}) with ${path.relative(process.cwd(), folder) || '.'} open.
Open this URL in a browser:

  ${url}

Server log: ${path.relative(process.cwd(), server.logFile)}
Press Ctrl+C to stop.`);

// The harness stops the server's process group and removes its folders on Ctrl+C, SIGTERM or SIGHUP.
await server.exited;
console.error('start: code-server stopped by itself; see the log above');
await server.stop();
process.exit(1);
