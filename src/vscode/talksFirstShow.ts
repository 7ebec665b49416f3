// The Talks view, shown once: on the first notes file a user opens, the view's own side bar (Conference Notes, in
// the activity bar) is opened with the talks in sight, without taking the focus from the editor. Remembered in
// globalState (synced with Settings Sync), so it happens once per user: after that the side bar shows what the
// user chose. (In the Explorer, where VS Code starts an extension's view collapsed below Outline and Timeline and
// expands it to a few rows, a new user never saw the tree; see README, Talks tree.)
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { errorText, type Log } from './log';
import { IS_NOTES_CONTEXT } from './notesOverride';
import type { TalkFiles } from './talkFiles';
import type { TalksView } from './talksView';

/** globalState key: the Talks view was shown for a first notes file. */
export const TALKS_SHOWN_KEY = 'conferenceNotes.talks.shownForFirstNotesFile';

export type SyncedMemento = vscode.Memento & { setKeysForSync(keys: readonly string[]): void };

export class TalksFirstShow extends Disposable {
  private showing = false;

  constructor(
    private readonly files: TalkFiles,
    private readonly view: TalksView,
    private readonly globalState: SyncedMemento,
    private readonly log: Log,
  ) {
    super();
    globalState.setKeysForSync([TALKS_SHOWN_KEY]);
    this._register(files.onDidChange(() => void this.showIfFirst()));
    void this.showIfFirst();
  }

  /** Whether the view was shown once for this user; `forget` makes the next notes file show it again (tests). */
  async shown(options?: { forget?: boolean }): Promise<{ shown: boolean }> {
    if (options?.forget) await this.globalState.update(TALKS_SHOWN_KEY, undefined);
    return { shown: this.done };
  }

  private get done(): boolean {
    return this.globalState.get<boolean>(TALKS_SHOWN_KEY) === true;
  }

  private async showIfFirst(): Promise<void> {
    if (this.showing || this.done || this.isDisposed) return;
    const file = this.files.currentFile();
    // Only for the notes file in the active editor, not one kept while a panel has the focus.
    if (!file || vscode.window.activeTextEditor?.document.uri.toString() !== file.key) return;
    this.showing = true;
    try {
      // The view's `when` clause needs this key before VS Code can open it (notesOverride sets it too, maybe later).
      await vscode.commands.executeCommand('setContext', IS_NOTES_CONTEXT, true);
      if (this.isDisposed || !(await this.view.showWithoutFocus())) return;
      await this.globalState.update(TALKS_SHOWN_KEY, true);
      this.log.info('Showed the Talks view for the first notes file (once per user)');
    } catch (err) {
      this.log.error('Could not show the Talks view:', errorText(err));
    } finally {
      this.showing = false;
    }
  }
}

export function registerTalksFirstShow(files: TalkFiles, view: TalksView, globalState: SyncedMemento, log: Log): TalksFirstShow {
  return new TalksFirstShow(files, view, globalState, log);
}
