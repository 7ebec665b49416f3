// The one source of a document's problems for everything the extension shows besides the Problems panel: the Talks
// tree's counts and the preview's badges and index read every finding of the language server's latest lint
// (previewRequest, src/core/protocol.ts), never VS Code's diagnostics back (those stop at 1,000 per file and carry a
// notice past it), so both count what the server counts, on big files too. Its event fires when they arrive.
import type * as vscode from 'vscode';
import type { WireProblem } from '../core/protocol';

export interface Problems {
  /** Every finding of an open document's latest lint; undefined while it is not known (not linted yet). */
  findings(uri: vscode.Uri): readonly WireProblem[] | undefined;
  /** The findings of a document were published or cleared. */
  readonly onDidChange: vscode.Event<vscode.Uri>;
}
