// Entry of the extension in the Node extension host (desktop, remote): the language server runs as a Node process
// of its own (dist/server.js, over IPC). src/web/extension.ts is the web worker's entry; both share activateOn.
import * as vscode from 'vscode';
import type * as LanguageClientModule from 'vscode-languageclient/node';
import { activateOn } from './vscode/activate';
import { CLIENT_ID, CLIENT_NAME } from './vscode/notesClient';

export function activate(context: vscode.ExtensionContext): void {
  activateOn(
    {
      createClient: (ctx) => async (options) => {
        // The language client is loaded a turn after activation returns, not while VS Code waits for it: its module
        // made up most of the bundle's load (activation 22 -> 100 ms with it loaded up front).
        await new Promise((resolve) => setImmediate(resolve));
        const { LanguageClient, TransportKind } = require('vscode-languageclient/node') as typeof LanguageClientModule;
        const module = vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'server.js').fsPath;
        return new LanguageClient(CLIENT_ID, CLIENT_NAME, { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } }, options);
      },
    },
    context,
  );
}

export function deactivate(): void {}
