// The custom requests behind what only the VS Code client shows (src/core/protocol.ts): the Talks view's rows and the
// preview's problems, both from the record's every finding (never the diagnostics window, so the counts agree on
// big files), and the visible lines the window follows.
import { NotificationType, RequestType, type Connection } from 'vscode-languageserver';
import { talkRows } from '../core/talks/rows';
import {
  previewRequest,
  talksRequest,
  visibleRangeNotification,
  type DocumentParams,
  type NotificationSpec,
  type PreviewResult,
  type RequestSpec,
  type TalksResult,
  type VisibleRangeParams,
} from '../core/protocol';
import type { DocumentStore } from './documents';
import type { WorkspaceNotes } from './workspaceNotes';

export function requestType<P, R>(spec: RequestSpec<P, R>): RequestType<P, R, void> {
  return new RequestType<P, R, void>(spec.method);
}

export function notificationType<P>(spec: NotificationSpec<P>): NotificationType<P> {
  return new NotificationType<P>(spec.method);
}

export function registerClientData(connection: Connection, store: DocumentStore, workspace: WorkspaceNotes, log: (message: string) => void): void {
  connection.onRequest(requestType(talksRequest), async (params: DocumentParams): Promise<TalksResult | null> => {
    try {
      const record = await store.current(params.uri);
      if (!record) return null;
      if (!record.isNotes) return { version: record.modelVersion, isNotes: false, rows: [] };
      const findings = store.findingsNow(record);
      const rows = talkRows({ key: record.uri, name: workspace.nameOf(record.uri), doc: record.doc, problems: findings });
      return { version: record.modelVersion, isNotes: true, rows, problems: findings?.length };
    } catch (err) {
      log(`Talks request failed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  });
  connection.onRequest(requestType(previewRequest), async (params: DocumentParams): Promise<PreviewResult | null> => {
    try {
      const record = await store.current(params.uri);
      if (!record) return null;
      if (!record.isNotes) return { version: record.modelVersion, isNotes: false, problems: [] };
      const findings = store.findingsNow(record);
      const problems = findings?.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, range: f.range }));
      // The generation only when these are the findings last announced (findingsChanged), so a client may keep them
      // while announcements carry the same generation.
      const generation = findings && findings === record.findings ? record.findingsGeneration : undefined;
      return { version: record.modelVersion, isNotes: true, problems, generation };
    } catch (err) {
      log(`Preview request failed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  });
  connection.onNotification(notificationType(visibleRangeNotification), (params: VisibleRangeParams) => {
    if (params && typeof params.uri === 'string' && params.range && Number.isInteger(params.range.start) && Number.isInteger(params.range.end)) store.setVisible(params.uri, params.range);
  });
}
