// The server in a web worker (the web extension): LSP over postMessage; the dictionary is fetched from
// `initializationOptions.dictionaryUrl`, workspace files are read and written by the client (protocol.ts).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { readFileRequest, writeFileRequest } from '../core/protocol';
import type { ServerHost } from './host';
import { requestType } from './clientData';
import { startServer } from './server';

// The worker's global scope posts and receives the messages (typed as a Worker: the DOM lib has no worker scope).
const scope = globalThis as unknown as Worker;
const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

startServer(connection, (options): ServerHost => ({
  async readDictionary(rel) {
    const url = options.dictionaryFiles?.[rel] ?? (options.dictionaryUrl && `${options.dictionaryUrl.replace(/\/+$/, '')}/${rel}`);
    if (!url) throw new Error('no dictionaryUrl in initializationOptions');
    const response = await fetch(url);
    if (!response.ok) throw new Error(`dictionary: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  async readText(uri) {
    return (await connection.sendRequest(requestType(readFileRequest), { uri })).text;
  },
  async writeText(uri, text) {
    await connection.sendRequest(requestType(writeFileRequest), { uri, text });
  },
  // A web worker cannot list folders: workspace symbols and completion cover the open documents.
  async listMarkdown() {
    return [];
  },
}));
