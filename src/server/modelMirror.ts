// The model behind a client's own views (ServerInitOptions.modelMirror: the VS Code client's Talks view, status bar,
// navigation and preview), sent as the change from the model sent before (src/core/modelDelta.ts), so the client
// never parses a document itself: an edit is parsed once, here. Sent at once when a document opens or its verdict
// changes (an override, the settings), after a pause while the user types (the views need not follow every key), and
// at once when the client asks (modelRequest: a command that needs the current version).
import type { Connection } from 'vscode-languageserver';
import type { NotesDocument } from '../core';
import { diffModel, EMPTY_MODEL, packDelta, splitDelta } from '../core/modelDelta';
import { modelNotification, modelRequest, type ModelParams, type ModelRequestParams } from '../core/protocol';
import { notificationType, requestType } from './clientData';
import type { DocumentStore, NotesRecord } from './documents';

/** Quiet time after the last edit before the client hears of the new model. */
export const TYPING_PAUSE_MS = 300;
/** A delta bigger than this (JSON characters, roughly) goes in parts: no message keeps the client busy for long. */
const PART_CHARS = 512 * 1024;

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
        if (params.whole === true) this.sent.delete(record.uri);
        this.send(record);
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
      this.send(record);
      return;
    }
    const timer = this.timers.get(record.uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.set(record.uri, setTimeout(() => {
      this.timers.delete(record.uri);
      if (!record.closed) this.send(record);
    }, TYPING_PAUSE_MS));
  }

  /** Sends the record's current model unless the client has it already. */
  private send(record: NotesRecord): void {
    const timer = this.timers.get(record.uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(record.uri);
    const doc = record.session.doc;
    if (!doc || record.closed) return;
    const verdict = verdictOf(record);
    const sent = this.sent.get(record.uri);
    if (sent && sent.doc === doc && sent.version === record.modelVersion && sent.verdict === verdict) return;
    try {
      const parts = splitDelta(diffModel(sent?.doc ?? EMPTY_MODEL, doc), PART_CHARS);
      const common = { uri: record.uri, version: record.modelVersion, base: sent?.version, isNotes: record.isNotes, decidedBy: record.decidedBy, reason: record.reason, nearlyNotes: record.nearlyNotes };
      parts.forEach((delta, i) => {
        const packed = packDelta(delta);
        const params: ModelParams = parts.length > 1 ? { ...common, delta: packed, part: i, parts: parts.length } : { ...common, delta: packed };
        void this.connection.sendNotification(notificationType(modelNotification), params);
      });
      this.sent.set(record.uri, { version: record.modelVersion, doc, verdict });
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
