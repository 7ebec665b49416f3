// Entry of the extension in the Node extension host (desktop, remote): the language server runs as a Node process
// of its own (dist/server.js, over IPC). src/web/extension.ts is the web worker's entry; both share activateOn.
// What activation does not need is bundled apart and required from this file's folder when first used: the language
// client (dist/languageClient.js, a turn after activate() returns) and the schedule readers (dist/schedule.js, on the
// first Import Schedule). Activation loads only dist/extension.js.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateOn } from './vscode/activate';
import type { ScheduleCore } from './vscode/importSchedule';
import { CLIENT_ID, CLIENT_NAME } from './vscode/notesClient';

type LanguageClientModule = typeof import('./vscode/languageClientNode');

/** A bundle beside this one (a path esbuild leaves alone: the file is built and shipped separately). */
function sibling<T>(file: string): T {
  return require(path.join(__dirname, file)) as T;
}

export function activate(context: vscode.ExtensionContext): void {
  activateOn(
    {
      createClient: (ctx) => async (options) => {
        await new Promise((resolve) => setImmediate(resolve));
        const { LanguageClient, TransportKind } = sibling<LanguageClientModule>('languageClient.js');
        const module = vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'server.js').fsPath;
        return new LanguageClient(CLIENT_ID, CLIENT_NAME, { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } }, options);
      },
      loadSchedule: async () => sibling<ScheduleCore>('schedule.js'),
    },
    context,
  );
}

export function deactivate(): void {}
