// The one source of a document's problems for everything the extension shows besides the Problems panel: the Talks
// tree's counts and the preview's badges and index read every finding of the latest lint from the lint's owner
// (LintDiagnostics), never VS Code's diagnostics back (those stop at 1,000 per file and carry a notice past it), so
// both count the same on big files too. Its event fires once per publish of our findings, with their document.
import type * as vscode from 'vscode';
import type { Finding } from '../core';

export interface Problems {
  /** Every finding of an open document's latest lint; undefined while it is not known (not linted yet). */
  findings(uri: vscode.Uri): readonly Finding[] | undefined;
  /** The findings of a document were published or cleared. */
  readonly onDidChange: vscode.Event<vscode.Uri>;
}
