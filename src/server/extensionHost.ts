// The server as the VS Code extension starts it on the desktop (dist/server.js, a Node module the language client
// forks, talking over Node IPC): files from the disk, the dictionary from the extension's dict/ folder.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from './node';
import { startServer } from './server';

/** dist/server.js -> dict/ of the extension. */
const DICT_DIR = path.join(__dirname, '..', 'dict');

// The transport (--node-ipc) comes from the command line the client gave the process.
const connection = createConnection(ProposedFeatures.all);
startServer(connection, () => nodeHost(async (rel) => new Uint8Array(await readFile(path.join(DICT_DIR, rel)))));
