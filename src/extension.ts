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
import type { Problems } from './vscode/problems';
import { registerCodeActions } from './vscode/codeActions';
import { createSpelling } from './vscode/spelling';
import { registerNewNotesFile } from './vscode/newNotesFile';
import { registerImportSchedule } from './vscode/importSchedule';
import { isUnderTest, processEnv, registerTestCommands } from './vscode/testCommands';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const notes = new NotesDocuments(context.workspaceState, log);
  context.subscriptions.push(log, notes);
  // The speller loads lazily, on the first lint of a notes file.
  const spelling = createSpelling(context.extensionUri, log);
  const diagnostics = registerDiagnostics(notes, log, context.extensionUri, spelling.spellerFor);
  // The lint's every finding, the one source of the problems the Talks tree and the preview count.
  const problems: Problems = { findings: (uri) => diagnostics.allFindings(uri), onDidChange: diagnostics.onDidUpdate };

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
  const preview = started('preview', () => registerPreview(context.extensionUri, notes, problems, log));
  context.subscriptions.push(safely('field highlighting', () => registerFieldHighlighting(notes, log)));
  const talks = started('talks view', () => registerTalks(context, notes, log, problems, (index) => spelling.useWorkspaceIndex(index)));
  context.subscriptions.push(
    diagnostics,
    safely('code actions', () => registerCodeActions(diagnostics, notes, log)),
    safely('spelling', () => spelling.attach(diagnostics, notes)),
    safely('new notes file', () => registerNewNotesFile(context.globalState, log)),
    safely('import schedule', () => registerImportSchedule(context.globalState, log)),
  );
  // Test-only commands, in one module, registered only under test.
  if (isUnderTest(context.extensionMode, processEnv())) context.subscriptions.push(safely('test commands', () => registerTestCommands({ diagnostics, talks, statusBar, preview, spelling })));
  log.info(`Activated (${context.extension.id} ${String(context.extension.packageJSON.version)})`);
}

export function deactivate(): void {}
