// Node entry of the extension. Placeholder: the activation wiring lands with issue 3.
import type * as vscode from 'vscode';
export function activate(_context: vscode.ExtensionContext): void {}
export function deactivate(): void {}
