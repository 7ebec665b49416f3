// Quick fixes for lint findings (one preferred per finding, snippets where a name is to be typed), a
// `source.fixAll.conferenceNotes` action for editor.codeActionsOnSave, and the command
// "Conference Notes: Fix All in File", which applies every safe fix as one undoable edit.
import * as vscode from 'vscode';
import { parseNotes, type Finding, type Fix, type NotesDocument } from '../core';
import { fixAllSafe } from '../core/lint';
import type { LintDiagnostics } from './diagnostics';
import { toRange } from './diagnostics';
import { Disposable } from './dispose';
import { guarded, type Log } from './log';
import type { NotesDocuments } from './notesDocuments';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('conferenceNotes');
export const FIX_ALL_COMMAND = 'conferenceNotes.fixAllInFile';

function editFor(document: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  if (fix.snippet) {
    edit.set(document.uri, fix.edits.map((e) => new vscode.SnippetTextEdit(toRange(e.range), new vscode.SnippetString(e.newText))));
  } else {
    edit.set(document.uri, fix.edits.map((e) => new vscode.TextEdit(toRange(e.range), e.newText)));
  }
  return edit;
}

/** The text after every safe fix, as one edit spanning the changed part (so one undo restores it). */
export function fixAllEdit(document: vscode.TextDocument, parse: (text: string) => NotesDocument, lint: (doc: NotesDocument) => Finding[]): { edit?: vscode.TextEdit; fixed: Finding[]; spellingLeft: number } {
  const before = document.getText();
  const result = fixAllSafe(before, parse, lint);
  const after = result.text;
  // Spelling findings fix-all does not apply (not certain, a name, a title, a locale variant): the user's to choose.
  const spellingLeft = result.remaining.filter((f) => f.rule === 'spelling').length;
  if (after === before) return { fixed: [], spellingLeft };
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const range = new vscode.Range(document.positionAt(start), document.positionAt(endBefore));
  return { edit: new vscode.TextEdit(range, after.slice(start, endAfter)), fixed: result.fixed, spellingLeft };
}

/** " 3 spelling findings were left for you to choose (quick fix on each word)." or nothing. */
export function spellingLeftText(count: number): string {
  if (count === 0) return '';
  return ` ${count} spelling finding${count === 1 ? ' was' : 's were'} left for you to choose (not certain enough to change without you: quick fix on each word).`;
}

export class LintCodeActions extends Disposable implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(
    private readonly diagnostics: LintDiagnostics,
    private readonly notes: NotesDocuments,
    private readonly log: Log,
  ) {
    super();
    this._register(
      vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, this, { providedCodeActionKinds: LintCodeActions.providedCodeActionKinds }),
    );
    this._register(vscode.commands.registerCommand(FIX_ALL_COMMAND, guarded(log, 'Fix All in File', () => this.fixAllInActiveEditor())));
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // Asked at every cursor move: never parse here (a model a keystroke old decides; findings need the current one).
    if (!this.notes.peek(document)?.isNotes) return [];
    const actions: vscode.CodeAction[] = [];
    if (!context.only || context.only.intersects(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of context.diagnostics) {
        const finding = this.diagnostics.findingFor(document, diagnostic);
        if (!finding) continue;
        const fixes = finding.rule === 'spelling' ? finding.fixes.filter((f) => f.preferred) : finding.fixes;
        // Exactly one preferred action per finding: the rule's (first) preferred fix, else its first fix.
        const preferred = Math.max(0, fixes.findIndex((f) => f.preferred));
        fixes.forEach((fix, i) => {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = i === preferred;
          action.edit = editFor(document, fix);
          actions.push(action);
        });
      }
    }
    // Only on request (Source Action menu, codeActionsOnSave): never in the light bulb.
    if (context.only && FIX_ALL_KIND.intersects(context.only)) {
      const { edit, fixed } = this.fixAll(document);
      if (edit) {
        const action = new vscode.CodeAction(`Fix all Conference Notes problems (${fixed.length})`, FIX_ALL_KIND);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.set(document.uri, [edit]);
        action.diagnostics = [];
        actions.push(action);
      }
    }
    return actions;
  }

  private fixAll(document: vscode.TextDocument): { edit?: vscode.TextEdit; fixed: Finding[]; spellingLeft: number } {
    const settings = this.notes.get(document)?.settings;
    return fixAllEdit(document, (text) => parseNotes(text, { nonTalkSections: settings?.nonTalkSections }), this.diagnostics.linterFor(document));
  }

  /** Applies every safe fix to the active notes document as one edit; returns how many findings it fixed. */
  async fixAllInActiveEditor(): Promise<number> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.notes.isNotes(editor.document)) {
      void vscode.window.showInformationMessage('Conference Notes: the active editor is not a conference notes file.');
      return 0;
    }
    const { edit, fixed, spellingLeft } = this.fixAll(editor.document);
    const left = spellingLeftText(spellingLeft);
    if (!edit) {
      void vscode.window.showInformationMessage(`Conference Notes: nothing to fix safely in this file.${left}`);
      return 0;
    }
    const ok = await editor.edit((b) => b.replace(edit.range, edit.newText));
    if (!ok) throw new Error('the editor refused the edit');
    this.log.info(`Fix All in File: ${fixed.length} fixes in ${editor.document.uri.toString(true)}${left}`);
    void vscode.window.showInformationMessage(`Conference Notes: fixed ${fixed.length} problem${fixed.length === 1 ? '' : 's'}.${left}`);
    return fixed.length;
  }
}

export function registerCodeActions(diagnostics: LintDiagnostics, notes: NotesDocuments, log: Log): vscode.Disposable {
  return new LintCodeActions(diagnostics, notes, log);
}
