// The "Conference notes" status bar item: the talk count of the active editor when it holds notes; its tooltip
// says why the file is notes (the detection's reason, or the user's override).
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { guarded, type Log } from './log';
import type { NotesDocuments, NotesEntry } from './notesDocuments';


export interface StatusBarState {
  visible: boolean;
  text: string;
  tooltip: string;
  /** The document the item describes, when it is visible. */
  uri?: string;
}

export function talkCountText(count: number): string {
  return count === 1 ? '1 talk' : `${count} talks`;
}

/** Why the file is notes, as the tooltip says it: "detected as notes (13 talks, 13 with a speaker)". */
export function whyNotes(entry: Pick<NotesEntry, 'decidedBy' | 'reason'>): string {
  return entry.decidedBy === 'override' ? entry.reason : `detected as notes (${entry.reason})`;
}

export class NotesStatusBar extends Disposable {
  private readonly item = this._register(
    vscode.window.createStatusBarItem('conferenceNotes.status', vscode.StatusBarAlignment.Right, 100),
  );
  private state: StatusBarState = { visible: false, text: '', tooltip: '' };

  constructor(
    private readonly notes: NotesDocuments,
    log: Log,
  ) {
    super();
    this.item.name = 'Conference notes';
    // Clicking lists the talks of the file (title, speaker, company) to jump to.
    this.item.command = { command: 'conferenceNotes.goToTalk', title: 'Go to a talk', arguments: ['file'] };
    const update = guarded(log, 'Updating the status bar', () => this.update());
    this._register(vscode.window.onDidChangeActiveTextEditor(update));
    this._register(
      notes.onDidChange((uri) => {
        if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) update();
      }),
    );
    update();
  }

  /** What the item shows (the test commands read it). */
  snapshot(): StatusBarState {
    return { ...this.state };
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    // Never a parse of a big file in one go: it is parsed in slices, and onDidChange updates this when ready.
    const entry = document && (this.notes.get(document));
    if (!entry?.isNotes) {
      this.item.hide();
      this.state = { visible: false, text: '', tooltip: '' };
      return;
    }
    const count = talkCountText(entry.doc.talks.length);
    this.item.text = `$(book) ${count}`;
    // The count once: the detection's reason usually starts with it ("13 talks, 13 with a speaker").
    const counted = new RegExp(`\\b${entry.doc.talks.length} talks?\\b`).test(entry.reason);
    this.item.tooltip = `Conference notes: ${counted ? '' : `${count} in this file, `}${whyNotes(entry)}. Click to go to a talk.`;
    this.item.show();
    this.state = { visible: true, text: count, tooltip: this.item.tooltip, uri: entry.document.uri.toString() };
  }
}

export function registerStatusBar(notes: NotesDocuments, log: Log): vscode.Disposable & Pick<NotesStatusBar, 'snapshot'> {
  return new NotesStatusBar(notes, log);
}
