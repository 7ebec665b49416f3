// Hover on a talk heading: the talk's fields, its notes' length and its problems (every finding of the current
// version, also those past the diagnostics window).
import { MarkupKind, type Connection, type Hover } from 'vscode-languageserver';
import type { Finding } from '../core';
import { talkRows, tooltipLines } from '../core/talks/rows';
import type { DocumentStore } from './documents';
import type { WorkspaceNotes } from './workspaceNotes';

/** Problems listed by message; the count says how many there are in all. */
const MAX_LISTED_PROBLEMS = 10;

const escapeMarkdown = (text: string): string => text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');

export function registerHover(connection: Connection, store: DocumentStore, workspace: WorkspaceNotes, log: (message: string) => void): void {
  connection.onHover(async (params): Promise<Hover | null> => {
    try {
      const record = await store.current(params.textDocument.uri);
      if (!record?.isNotes) return null;
      const line = params.position.line;
      const talk = record.doc.talks.find((t) => t.headingRange.start.line <= line && line <= t.headingRange.end.line);
      if (!talk) return null;
      const findings = store.findingsNow(record);
      const row = talkRows({ key: record.uri, name: workspace.nameOf(record.uri), doc: record.doc, problems: findings })[talk.index];
      if (!row) return null;
      const out = tooltipLines(row).map((l) => `**${l.label}:** ${escapeMarkdown(l.value)}`);
      const inTalk = (findings ?? []).filter((f: Finding) => f.range.start.line >= talk.range.start.line && f.range.start.line <= talk.range.end.line);
      for (const f of inTalk.slice(0, MAX_LISTED_PROBLEMS)) out.push(`- line ${f.range.start.line + 1}: ${escapeMarkdown(f.message)} (${f.rule})`);
      if (inTalk.length > MAX_LISTED_PROBLEMS) out.push(`- … and ${inTalk.length - MAX_LISTED_PROBLEMS} more`);
      return { contents: { kind: MarkupKind.Markdown, value: out.join('\n\n') }, range: talk.headingRange };
    } catch (err) {
      log(`Hover failed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  });
}
