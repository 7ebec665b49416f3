// The model behind a client's own views (ServerInitOptions.modelMirror: the VS Code client's Talks view, status bar,
// navigation and preview), sent as the change from the model sent before (src/core/modelDelta.ts), so the client
// never parses a document itself: an edit is parsed once, here. Sent at once when a document opens or its verdict
// changes (an override, the settings), after a pause while the user types (the views need not follow every key), and
// at once when the client asks (modelRequest: a command that needs the current version).
import type { Connection } from 'vscode-languageserver';
import type { NotesDocument } from '../core';
import { diffSteps, EMPTY_MODEL, packDelta, splitDelta } from '../core/modelDelta';
import { nextTurn, runInSlices } from '../core/nextTurn';
import { modelNotification, modelRequest, type ModelParams, type ModelRequestParams } from '../core/protocol';
import { notificationType, requestType } from './clientData';
import type { DocumentStore, NotesRecord } from './documents';

/** Quiet time after the last edit before the client hears of the new model. */
export const TYPING_PAUSE_MS = 300;
/** A delta bigger than this (JSON characters, roughly) goes in parts: no message keeps the client busy for long. */
const PART_CHARS = 512 * 1024;
/** Synchronous work per slice of a diff or of sending parts: the server keeps answering edits meanwhile. */
const SLICE_MS = 12;

interface Sent {
  version: number;
  doc: NotesDocument;
  verdict: string;
}

function verdictOf(record: NotesRecord): string {
  return `${record.isNotes}\u0000${record.decidedBy}\u0000${record.reason}\u0000${record.nearlyNotes}`;
}

export class ModelMirror {
  private readonly sent = new Map<string, Sent>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** A send under way per document (one at a time: each diffs against the model the one before it sent). */
  private readonly sending = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly log: (message: string) => void,
  ) {}

  register(): void {
    this.store.onDidParse((record) => this.parsed(record));
    this.store.onDidClose((uri) => this.forget(uri));
    this.connection.onRequest(requestType(modelRequest), async (params: ModelRequestParams) => {
      try {
        if (!params || typeof params.uri !== 'string') return null;
        const record = await this.store.current(params.uri);
        if (!record) return null;
        if (params.whole === true) await this.resend(record);
        else await this.send(record);
        return { version: record.modelVersion };
      } catch (err) {
        this.log(`Model request failed: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      }
    });
  }

  private parsed(record: NotesRecord): void {
    const doc = record.session.doc;
    if (!doc) return;
    const sent = this.sent.get(record.uri);
    if (sent && sent.doc === doc && sent.version === record.modelVersion && sent.verdict === verdictOf(record)) return;
    // At once unless the user is typing: a first model, another verdict, or the same version parsed again (settings).
    if (!sent || sent.verdict !== verdictOf(record) || sent.version === record.modelVersion) {
      void this.send(record);
      return;
    }
    const timer = this.timers.get(record.uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.set(record.uri, setTimeout(() => {
      this.timers.delete(record.uri);
      if (!record.closed) void this.send(record);
    }, TYPING_PAUSE_MS));
  }

  /** The whole model again, once any send under way is done. */
  private async resend(record: NotesRecord): Promise<void> {
    await this.sending.get(record.uri)?.done;
    this.sent.delete(record.uri);
    await this.send(record);
  }

  /** Sends the record's current model unless the client has it already; resolves once it is sent. */
  private send(record: NotesRecord): Promise<void> {
    const timer = this.timers.get(record.uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(record.uri);
    const busy = this.sending.get(record.uri);
    if (busy) {
      busy.again = true;
      return busy.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.sendOnce(record);
        } while (state.again && !record.closed);
      } finally {
        this.sending.delete(record.uri);
      }
    })();
    this.sending.set(record.uri, state);
    return state.done;
  }

  private async sendOnce(record: NotesRecord): Promise<void> {
    const doc = record.session.doc;
    if (!doc || record.closed) return;
    const version = record.modelVersion;
    const verdict = verdictOf(record);
    const sent = this.sent.get(record.uri);
    if (sent && sent.doc === doc && sent.version === version && sent.verdict === verdict) return;
    const common = { uri: record.uri, version, base: sent?.version, isNotes: record.isNotes, decidedBy: record.decidedBy, reason: record.reason, nearlyNotes: record.nearlyNotes };
    try {
      const delta = await runInSlices(diffSteps(sent?.doc ?? EMPTY_MODEL, doc), { budgetMs: SLICE_MS, isCancelled: () => record.closed });
      if (!delta) return;
      const parts = splitDelta(delta, PART_CHARS);
      let slice = Date.now();
      for (let i = 0; i < parts.length; i++) {
        const packed = packDelta(parts[i]!);
        const params: ModelParams = parts.length > 1 ? { ...common, delta: packed, part: i, parts: parts.length } : { ...common, delta: packed };
        void this.connection.sendNotification(notificationType(modelNotification), params);
        if (Date.now() - slice > SLICE_MS && i + 1 < parts.length) {
          await nextTurn();
          slice = Date.now();
        }
      }
      if (!record.closed) this.sent.set(record.uri, { version, doc, verdict });
    } catch (err) {
      this.sent.delete(record.uri);
      this.log(`Sending the model of ${record.uri} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private forget(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
    this.sent.delete(uri);
  }
}
