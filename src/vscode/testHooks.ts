// Test support, in one place: answers that extension-host tests queue for the questions a command asks
// (Quick Picks, input boxes, open dialogs), since a test cannot click in them. Nothing here answers unless a
// test queued answers (the `conferenceNotes.internal.answerPrompts` test command, src/vscode/testCommands.ts);
// every prompt asks `takeAnswer` first.
import * as vscode from 'vscode';

/** One queued answer per prompt: the prompt's title (or a word of it) and what the user "picked" or typed. */
export interface PromptAnswer {
  /** A part of the prompt's title, e.g. 'Import Schedule (2/4)' or 'Days'. */
  prompt: string;
  /** Labels of the items to pick (Quick Pick), the text typed (input box), a URI string (open dialog); undefined cancels. */
  answer: string | string[] | undefined;
}

const queue: PromptAnswer[] = [];

/** The queued answer for a prompt with this title, taken off the queue; `none` when no test queued one. */
export function takeAnswer(title: string): { answer: string | string[] | undefined } | 'none' {
  const k = queue.findIndex((a) => title.includes(a.prompt));
  if (k < 0) return 'none';
  const [hit] = queue.splice(k, 1);
  return { answer: hit!.answer };
}

/** Queues answers ('clear' empties the queue); answers how many are queued. */
export function queueAnswers(answers: PromptAnswer[] | 'clear'): number {
  if (answers === 'clear') queue.length = 0;
  else queue.push(...answers);
  return queue.length;
}

/** A Quick Pick that a queued answer can stand in for (picked by label). */
export async function showQuickPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string; canPickMany: true }): Promise<T[] | undefined>;
export async function showQuickPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string; canPickMany?: false }): Promise<T | undefined>;
export async function showQuickPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { title: string }): Promise<T | T[] | undefined> {
  const queued = takeAnswer(options.title);
  if (queued !== 'none') {
    const labels = queued.answer === undefined ? undefined : Array.isArray(queued.answer) ? queued.answer : [queued.answer];
    if (!labels) return undefined;
    const picked = items.filter((i) => labels.includes(i.label));
    return options.canPickMany ? picked : picked[0];
  }
  return options.canPickMany ? vscode.window.showQuickPick(items, { ...options, canPickMany: true }) : vscode.window.showQuickPick(items, { ...options, canPickMany: false });
}

/** An input box that a queued answer can stand in for (validated the same way). */
export async function showInputBox(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined> {
  const queued = takeAnswer(options.title);
  if (queued !== 'none') {
    const value = Array.isArray(queued.answer) ? queued.answer[0] : queued.answer;
    if (value !== undefined && options.validateInput) {
      const problem = await options.validateInput(value);
      if (problem) throw new Error(`queued answer '${value}' for '${options.title}' is not valid: ${typeof problem === 'string' ? problem : problem.message}`);
    }
    return value;
  }
  return vscode.window.showInputBox(options);
}

/** An open dialog that a queued answer (a URI string) can stand in for. */
export async function showOpenDialog(options: vscode.OpenDialogOptions & { title: string }): Promise<vscode.Uri | undefined> {
  const queued = takeAnswer(options.title);
  if (queued !== 'none') {
    const value = Array.isArray(queued.answer) ? queued.answer[0] : queued.answer;
    return value === undefined ? undefined : vscode.Uri.parse(value);
  }
  return (await vscode.window.showOpenDialog({ ...options, canSelectMany: false }))?.[0];
}
