// Entry of the extension (Node extension host; src/web/extension.ts re-exports it for the web worker).
// `activate` creates the shared services and registers one feature per file under src/vscode/.
// Keep it a list: one `safely('name', () => registerX(...))` line per feature, each returning a Disposable.
import type * as vscode from 'vscode';
import { createLog, guard } from './vscode/log';
import { NotesDocuments } from './vscode/notesDocuments';
import { registerNotesOverride } from './vscode/notesOverride';
import { registerStatusBar } from './vscode/statusBar';
import { registerPreview } from './vscode/preview';
import { registerFieldHighlighting } from './vscode/fieldHighlighting';
import { registerTalks } from './vscode/talks';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerCodeActions } from './vscode/codeActions';
import { createSpelling } from './vscode/spelling';
import { registerNewNotesFile } from './vscode/newNotesFile';
import { registerHostResponsiveness } from './vscode/hostResponsiveness';
import { registerImportSchedule } from './vscode/importSchedule';
import { registerTestHooks } from './vscode/testHooks';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const notes = new NotesDocuments(context.workspaceState, log);
  context.subscriptions.push(log, notes);
  // The speller loads lazily, on the first lint of a notes file.
  const spelling = createSpelling(context.extensionUri, log);
  const diagnostics = registerDiagnostics(notes, log, context.extensionUri, spelling.spellerFor);

  // One failing feature must not take the others down (or throw into the editor): it is logged instead.
  const safely = (feature: string, register: () => vscode.Disposable): vscode.Disposable =>
    guard(log, `Starting ${feature}`, register, { dispose() {} });
  context.subscriptions.push(
    safely('notes override', () => registerNotesOverride(notes, log)),
    safely('status bar', () => registerStatusBar(notes, log)),
    safely('preview', () => registerPreview(context.extensionUri, notes, log)),
    safely('field highlighting', () => registerFieldHighlighting(notes, log)),
    safely('talks view', () => registerTalks(context, notes, log, (uri) => diagnostics.allFindings(uri), (index) => spelling.useWorkspaceIndex(index))),
    diagnostics,
    safely('code actions', () => registerCodeActions(diagnostics, notes, log)),
    safely('spelling', () => spelling.attach(diagnostics, notes)),
    safely('new notes file', () => registerNewNotesFile(context.globalState, log)),
    safely('host responsiveness probe', () => registerHostResponsiveness()),
    safely('import schedule', () => registerImportSchedule(context.globalState, log)),
    safely('test hooks', () => registerTestHooks()),
  );
  log.info(`Activated (${context.extension.id} ${String(context.extension.packageJSON.version)})`);
}

export function deactivate(): void {}
