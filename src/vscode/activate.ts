// What `activate` does on either platform (src/extension.ts: Node, src/web/extension.ts: web worker): starts the
// language server's client and registers one feature per file under src/vscode/.
// Keep it a list: one `safely('name', () => registerX(...))` line per feature, each returning a Disposable.
import type * as vscode from 'vscode';
import { createLog, guard } from './log';
import { NotesDocuments } from './notesDocuments';
import { registerNotesOverride } from './notesOverride';
import { registerStatusBar } from './statusBar';
import { registerPreview } from './preview';
import { registerTalks } from './talks';
import { registerFixAll } from './codeActions';
import { registerSpelling } from './spelling';
import { NotesClient, type ClientFactory } from './notesClient';
import { registerNewNotesFile } from './newNotesFile';
import { registerImportSchedule, type ScheduleCore } from './importSchedule';
import { isUnderTest, processEnv, registerTestCommands } from './testCommands';

export interface Platform {
  /** The language client of this platform (the server as a Node process, or in a web worker). */
  createClient: (context: vscode.ExtensionContext) => ClientFactory;
  /** Web worker server: the URLs it fetches the dictionary from. */
  dictionaryFiles?: (context: vscode.ExtensionContext) => Promise<Record<string, string>>;
  /** The schedule readers, loaded on the first import (not part of what activation loads). */
  loadSchedule: () => Promise<ScheduleCore>;
}

export function activateOn(platform: Platform, context: vscode.ExtensionContext): void {
  const log = createLog();
  const notes = new NotesDocuments(context.workspaceState, log);
  context.subscriptions.push(log, notes);
  // Diagnostics, quick fixes, fix-all, field highlighting, workspace symbols, hover and completion: the server's.
  const client = new NotesClient({
    extensionUri: context.extensionUri,
    log,
    overrides: () => notes.overrides(),
    dictionaryFiles: platform.dictionaryFiles && (() => platform.dictionaryFiles!(context)),
    createClient: platform.createClient(context),
    onModel: (params) => notes.accept(params),
  });
  notes.setSource(client);
  context.subscriptions.push(client, notes.onDidChangeOverrides((overrides) => client.setOverrides(overrides)));

  // One failing feature must not take the others down (or throw into the editor): it is logged instead.
  const safely = (feature: string, register: () => vscode.Disposable): vscode.Disposable =>
    guard(log, `Starting ${feature}`, register, { dispose() {} });
  // The same, for the features the test commands read (undefined when one failed to start).
  const started = <T extends vscode.Disposable>(feature: string, register: () => T): T | undefined => {
    const made = guard<T | undefined>(log, `Starting ${feature}`, register, undefined);
    if (made) context.subscriptions.push(made);
    return made;
  };
  context.subscriptions.push(safely('notes override', () => registerNotesOverride(notes, log)));
  const statusBar = started('status bar', () => registerStatusBar(notes, log));
  const preview = started('preview', () => registerPreview(context.extensionUri, notes, client.problems, log));
  const talks = started('talks view', () => registerTalks(context, notes, log, client.problems));
  const spelling = started('spelling', () => registerSpelling(client, log));
  context.subscriptions.push(
    safely('fix all', () => registerFixAll(client, log)),
    safely('new notes file', () => registerNewNotesFile(context.globalState, log)),
    safely('import schedule', () => registerImportSchedule(context.globalState, log, platform.loadSchedule)),
  );
  // Test-only commands, in one module, registered only under test.
  if (isUnderTest(context.extensionMode, processEnv())) context.subscriptions.push(safely('test commands', () => registerTestCommands({ client, talks, statusBar, preview, spelling, notes })));
  log.info(`Activated (${context.extension.id} ${String(context.extension.packageJSON.version)})`);
}
