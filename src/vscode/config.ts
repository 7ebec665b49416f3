// Reads the `conferenceNotes.*` settings into the core's NotesSettings (defaults: src/core/settings.ts,
// which must agree with package.json; test/unit/manifest.test.ts checks that).
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type NotesSettings } from '../core';

export const SECTION = 'conferenceNotes';

export function readSettings(scope?: vscode.Uri): NotesSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    include: stringList(config.get('include'), DEFAULT_SETTINGS.include),
    exclude: stringList(config.get('exclude'), DEFAULT_SETTINGS.exclude),
    nonTalkSections: stringList(config.get('nonTalkSections'), DEFAULT_SETTINGS.nonTalkSections),
  };
}

/** A hand-edited settings.json may hold anything: keep the strings, fall back when it is not a list. */
function stringList(value: unknown, fallback: readonly string[]): string[] {
  if (!Array.isArray(value)) return [...fallback];
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}
