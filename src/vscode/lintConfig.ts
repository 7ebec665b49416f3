// The lint configuration of a document: `conferenceNotes.rules.<id>` settings, overridden by the
// `.conference-notes.json` at the root of its workspace folder (the file the CLI reads too).
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, LintConfigError, RULE_SETTINGS, mergeLintConfig, parseLintConfig } from '../core/lintConfig';
import { allRules } from '../core/rules';
import type { LintConfig, RuleSetting } from '../core/rules/types';
import { SECTION } from './config';
import { Disposable } from './dispose';
import type { Log } from './log';

interface FileState {
  config?: LintConfig;
  error?: string;
}

export class LintConfigs extends Disposable {
  private readonly files = new Map<string, Promise<FileState>>();
  private readonly warned = new Set<string>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  /** The config file of some folder was created, changed or deleted. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly log: Log) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`));
    const changed = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder || vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME).toString() !== uri.toString()) return;
      this.files.delete(folder.uri.toString());
      this.changeEmitter.fire();
    };
    this._register(watcher.onDidCreate(changed));
    this._register(watcher.onDidChange(changed));
    this._register(watcher.onDidDelete(changed));
    this._register(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.files.clear();
        this.changeEmitter.fire();
      }),
    );
  }

  /** Settings for `uri`, with the config file of its workspace folder on top. */
  async configFor(uri: vscode.Uri): Promise<LintConfig> {
    const settings = settingsConfig(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return settings;
    const key = folder.uri.toString();
    let state = this.files.get(key);
    if (!state) {
      state = this.read(vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME));
      this.files.set(key, state);
    }
    return mergeLintConfig(settings, (await state).config);
  }

  private async read(file: vscode.Uri): Promise<FileState> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(file);
    } catch (err) {
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return {};
      return this.problem(file, `cannot be read (${err instanceof Error ? err.message : String(err)})`);
    }
    try {
      return { config: parseLintConfig(new TextDecoder().decode(bytes)) };
    } catch (err) {
      if (err instanceof LintConfigError) return this.problem(file, err.message);
      throw err;
    }
  }

  private problem(file: vscode.Uri, message: string): FileState {
    const text = `${vscode.workspace.asRelativePath(file)}: config ${message}. Using the conferenceNotes.rules settings only.`;
    this.log.warn(text);
    if (!this.warned.has(text)) {
      this.warned.add(text);
      void vscode.window.showWarningMessage(`Conference Notes: ${text}`);
    }
    return { error: text };
  }
}

/** The `conferenceNotes.rules.<id>` settings in force for a resource (defaults included). */
export function settingsConfig(uri?: vscode.Uri): LintConfig {
  const config = vscode.workspace.getConfiguration(SECTION, uri);
  const rules: Record<string, RuleSetting | undefined> = {};
  for (const rule of allRules) {
    const value = config.get<unknown>(`rules.${rule.id}`);
    if (typeof value === 'string' && RULE_SETTINGS.includes(value as RuleSetting)) rules[rule.id] = value as RuleSetting;
  }
  return config.get<unknown>('spelling.checkCase') === true ? { rules, checkCase: true } : { rules };
}
