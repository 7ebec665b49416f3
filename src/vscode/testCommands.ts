// The test-only commands, all of them in this one module: what extension-host tests read of the features (findings,
// the Talks tree, the status bar, the previews, the spelling state, Go to Talk's items), the answers they queue for
// prompts, the host responsiveness probe and a re-index. Registered only under test (`isUnderTest`): a user's VS Code
// has none of them. The features expose plain methods; nothing test-only lives in feature code.
import * as vscode from 'vscode';
import type { TalkScope } from './goToTalk';
import { createHostResponsiveness } from './hostResponsiveness';
import type { NotesClient } from './notesClient';
import type { NotesDocuments } from './notesDocuments';
import type { Spelling } from './spelling';
import type { NotesStatusBar } from './statusBar';
import type { Talks } from './talks';
import { queueAnswers, type PromptAnswer } from './testHooks';

export const TEST_COMMANDS = {
  answerPrompts: 'conferenceNotes.internal.answerPrompts',
  findings: 'conferenceNotes.internal.findings',
  talksTree: 'conferenceNotes.internal.talksTree',
  talksFirstShow: 'conferenceNotes.internal.talksFirstShow',
  goToTalkItems: 'conferenceNotes.internal.goToTalkItems',
  hostResponsiveness: 'conferenceNotes.internal.hostResponsiveness',
  reindexTalks: 'conferenceNotes.internal.reindexTalks',
  previewState: 'conferenceNotes.internal.previewState',
  statusBarState: 'conferenceNotes.internal.statusBarState',
  spellingState: 'conferenceNotes.internal.spellingState',
  serverState: 'conferenceNotes.internal.serverState',
  notesModel: 'conferenceNotes.internal.notesModel',
  serverProcessId: 'conferenceNotes.internal.serverProcessId',
} as const;

/** The environment variable the test harness sets for an installed (production mode) extension under test. */
export const TEST_ENV_VARIABLE = 'CONFERENCE_NOTES_TEST_COMMANDS';

/** Whether the extension runs under test: VS Code's test mode, or an installed copy the test harness started. */
export function isUnderTest(mode: vscode.ExtensionMode, env: Record<string, string | undefined> | undefined): boolean {
  return mode === vscode.ExtensionMode.Test || env?.[TEST_ENV_VARIABLE] === '1';
}

/** The process environment where there is one (not in a web worker). */
export function processEnv(): Record<string, string | undefined> | undefined {
  return typeof process === 'undefined' ? undefined : process.env;
}

export interface TestedFeatures {
  /** Every finding comes from the language server's client; what the views count once its fetches are done. */
  client: Pick<NotesClient, 'findingStates' | 'settled' | 'state' | 'talks' | 'serverProcessId'>;
  talks?: Talks;
  statusBar?: Pick<NotesStatusBar, 'snapshot'>;
  preview?: { states(): unknown };
  spelling?: Pick<Spelling, 'state'>;
  /** The host's copy of the server's models. */
  notes?: Pick<NotesDocuments, 'get' | 'ready'>;
}

export function registerTestCommands(features: TestedFeatures): vscode.Disposable {
  const probe = createHostResponsiveness();
  const { client, talks, statusBar, preview, spelling, notes } = features;
  const uriOf = (uri: vscode.Uri | string): vscode.Uri => (typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  const handlers: Record<(typeof TEST_COMMANDS)[keyof typeof TEST_COMMANDS], (...args: never[]) => unknown> = {
    [TEST_COMMANDS.answerPrompts]: (answers: PromptAnswer[] | 'clear') => queueAnswers(answers),
    [TEST_COMMANDS.findings]: (uri: vscode.Uri | string) => client.findingStates(uriOf(uri)),
    [TEST_COMMANDS.talksTree]: async (options?: { items?: boolean }) => {
      await client.settled();
      return talks?.view.snapshot(options?.items ?? true);
    },
    [TEST_COMMANDS.talksFirstShow]: (options?: { forget?: boolean }) => talks?.firstShow.shown(options),
    [TEST_COMMANDS.goToTalkItems]: (scope?: TalkScope) => talks?.goToTalk.itemStates(scope),
    [TEST_COMMANDS.hostResponsiveness]: (action: unknown) => probe.handle(action),
    [TEST_COMMANDS.reindexTalks]: async () => talks && { ...(await talks.index.reindex()), notesFiles: talks.index.notesFiles().length },
    [TEST_COMMANDS.previewState]: async () => {
      await client.settled();
      return preview?.states();
    },
    [TEST_COMMANDS.statusBarState]: () => statusBar?.snapshot(),
    [TEST_COMMANDS.serverProcessId]: () => client.serverProcessId(),
    [TEST_COMMANDS.spellingState]: () => spelling?.state(),
    // What the language server last announced of a document (findingsChanged: its problem count, version, notes-ness).
    [TEST_COMMANDS.serverState]: async (uri: vscode.Uri | string) => {
      const state = client.state(uriOf(uri));
      const talks = await client.talks(uriOf(uri));
      return state && { ...state, talkProblems: talks?.rows.map((r) => r.problems ?? 0), talksVersion: talks?.version };
    },
    // The model the views read (the server's, as the host holds it); with `ready`, the current version's.
    [TEST_COMMANDS.notesModel]: async (uri: vscode.Uri | string, options?: { ready?: boolean }) => {
      const key = uriOf(uri).toString();
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      const entry = document && (options?.ready ? await notes?.ready(document) : notes?.get(document));
      return entry && { version: entry.version, isNotes: entry.isNotes, reason: entry.reason, doc: entry.doc };
    },
  };
  return vscode.Disposable.from(probe, ...Object.entries(handlers).map(([id, run]) => vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown)));
}
