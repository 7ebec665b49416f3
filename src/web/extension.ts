// Entry of the extension in the web worker extension host (VS Code for the Web): the language server runs in a web
// worker of its own (dist/web/server.js). The worker cannot read the extension's `vscode-remote:` or `file:` URIs:
// the extension host's fetch maps them to URLs the browser can load, which the worker and the server's dictionary
// fetch are given.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { DICT_FILE } from '../core/spelling/format';
import { activateOn } from '../vscode/activate';
import { CLIENT_ID, CLIENT_NAME } from '../vscode/notesClient';

/** The URL the browser loads a file of the extension from. */
async function browserUrl(uri: vscode.Uri): Promise<string> {
  const response = await fetch(uri.toString(true), { method: 'HEAD' });
  return response.url || uri.toString(true);
}

export function activate(context: vscode.ExtensionContext): void {
  activateOn(
    {
      createClient: (ctx) => async (options) => {
        const worker = new Worker(await browserUrl(vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'web', 'server.js')));
        return new LanguageClient(CLIENT_ID, CLIENT_NAME, options, worker);
      },
      loadSchedule: () => import('../core/schedule'),
      dictionaryFiles: async (ctx) => ({ [DICT_FILE]: await browserUrl(vscode.Uri.joinPath(ctx.extensionUri, 'dict', DICT_FILE)) }),
    },
    context,
  );
}

export function deactivate(): void {}
