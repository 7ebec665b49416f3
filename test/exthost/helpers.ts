// Helpers for extension-host tests (test/exthost/**/*.test.ts), and through test/web/helpers.ts for the
// web-worker tests too: so nothing from Node here (no node:* modules, no `process`), only the vscode API.
import * as vscode from 'vscode';
import type { StatusBarState } from '../../src/vscode/statusBar';
import type { TalksViewState } from '../../src/vscode/talksView';

export const EXTENSION_ID = 'conference-notes.conference-notes';
/** The `source` of our diagnostics. */
export const SOURCE = 'conference-notes';
/** The sample notes, a file of the test workspace. */
export const SAMPLE = 'scaleconf-2017.md';
/** The lint rules on the structure of the notes: every rule but spelling. */
export const STRUCTURE_RULES: readonly string[] = ['missing-speaker', 'missing-role', 'missing-company', 'field-heading-level', 'empty-talk', 'link-without-scheme', 'mojibake', 'speaker-name-mismatch', 'repeated-word', 'duplicate-talk'];

/** The test workspace (a throw-away copy of test/fixtures/workspace plus the sample and README). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The extension-host tests need the test workspace open');
  return folder.uri;
}

/** A file of the test workspace, e.g. workspaceFile('scaleconf-2017.md'). */
export function workspaceFile(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...segments);
}

/** Polls `probe` until it returns something other than undefined/false; fails with `what` after the timeout. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | PromiseLike<T | undefined | false>, timeoutMs = 10000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `waitFor` with another default timeout, for a test file whose waits all need longer (e.g. all diagnostics of the sample). */
export function waitForUpTo(defaultTimeoutMs: number): typeof waitFor {
  return (what, probe, timeoutMs = defaultTimeoutMs) => waitFor(what, probe, timeoutMs);
}

/** Our extension as the extension host loaded it. */
export function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  return extension;
}

/** Opens a file of the test workspace (by name) or any document (by URI) in an editor. */
export async function show(file: string | vscode.Uri, options?: vscode.TextDocumentShowOptions): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(typeof file === 'string' ? workspaceFile(file) : file);
  return vscode.window.showTextDocument(document, options);
}

/** An untitled Markdown document holding `text`, shown in an editor. */
export async function showCopy(text: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: text }));
}

/** The sample's text, as on disk. */
export async function sampleText(): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(SAMPLE)));
}

/** Reverts and closes every visible editor (untitled copies included, without a save prompt), then closes the rest. */
export async function revertAndCloseAll(): Promise<void> {
  for (const editor of vscode.window.visibleTextEditors) {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The rule id of a diagnostic (its code, or the code's value when the code links to the README). */
export const ruleOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
/** Our diagnostics on a document (not the Markdown extension's). */
export const ourDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
/** Our diagnostics of the structure rules (STRUCTURE_RULES). */
export const structureDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => ourDiagnostics(uri).filter((d) => STRUCTURE_RULES.includes(ruleOf(d)));
/** Our spelling diagnostics. */
export const spellingDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => ourDiagnostics(uri).filter((d) => ruleOf(d) === 'spelling');

/** The code actions at `range`, as the light bulb asks for them (optionally only of `kind`). */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

/** What the status bar item shows (test-support command). */
export const statusBar = async (): Promise<StatusBarState> =>
  (await vscode.commands.executeCommand<StatusBarState>('conferenceNotes.internal.statusBarState'))!;

/** What the Talks view shows (test-support command). */
export const talksTree = async (): Promise<TalksViewState> =>
  (await vscode.commands.executeCommand<TalksViewState>('conferenceNotes.internal.talksTree'))!;
