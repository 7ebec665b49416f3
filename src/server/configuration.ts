// Where the server's settings come from: the client's `conferenceNotes` section per document (pulled through
// workspace/configuration when the client can, else what didChangeConfiguration pushed), and the nearest
// `.conference-notes.json` (re-read when the client reports it changed, and at most every few seconds otherwise,
// for clients that do not watch files).
import type { Connection, WorkspaceFolder } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/lintConfig';
import type { ServerHost } from './host';
import { SECTION, configCandidates, documentSettings, readConfigFile, readSection, type ConfigFileState, type DocumentSettings } from './settings';

/** Without file watching, a config file read this long ago is read again. */
const CONFIG_FILE_TTL_MS = 2000;

export interface ConfigurationOptions {
  /** The client answers workspace/configuration. */
  pull: boolean;
  /** The client reports changes of watched files (the config file among them). */
  watched: boolean;
}

export class Configuration {
  private folders: string[] = [];
  /** Folder URI -> its name (kubecon-2019-notes: evidence for the notes detection). */
  private readonly names = new Map<string, string>();
  /** What didChangeConfiguration pushed (clients that do not answer workspace/configuration). */
  private pushed: unknown;
  private readonly sections = new Map<string, Promise<unknown>>();
  private readonly files = new Map<string, { at: number; state: Promise<ConfigFileState> }>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly options: ConfigurationOptions,
  ) {}

  setFolders(folders: ReadonlyArray<WorkspaceFolder | string>): void {
    this.folders = folders.map((f) => (typeof f === 'string' ? f : f.uri).replace(/\/+$/, ''));
    for (const f of folders) if (typeof f !== 'string') this.names.set(f.uri.replace(/\/+$/, ''), f.name);
  }

  /** The name of the workspace folder holding a document, if any. */
  folderName(uri: string): string | undefined {
    const folder = this.folderOf(uri);
    return folder === undefined ? undefined : (this.names.get(folder) ?? decodeURIComponent(folder.slice(folder.lastIndexOf('/') + 1)));
  }

  workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** The workspace folder holding a document, if any (the innermost). */
  folderOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) if (uri.startsWith(`${f}/`) && (!best || f.length > best.length)) best = f;
    return best;
  }

  /** The document's path relative to its workspace folder (for the include/exclude globs), if it is in one. */
  relativePath(uri: string): string | undefined {
    const folder = this.folderOf(uri);
    if (!folder) return undefined;
    const rel = uri.slice(folder.length + 1);
    try {
      return decodeURIComponent(rel);
    } catch {
      return rel;
    }
  }

  /** Settings changed in the client: every section is asked again. */
  settingsChanged(pushed: unknown): void {
    if (typeof pushed === 'object' && pushed !== null && SECTION in pushed) this.pushed = (pushed as Record<string, unknown>)[SECTION];
    this.sections.clear();
  }

  /** A watched file changed: whether it was a config file (then every document's settings are read again). */
  filesChanged(uris: readonly string[]): boolean {
    const configs = uris.filter((u) => u.endsWith(`/${CONFIG_FILE_NAME}`));
    for (const u of configs) this.files.delete(u);
    return configs.length > 0;
  }

  /** Forgets every config file read (after the server wrote one). */
  forgetFile(uri: string): void {
    this.files.delete(uri);
  }

  async forDocument(uri: string): Promise<DocumentSettings> {
    const [section, file] = await Promise.all([this.section(uri), this.configFile(uri)]);
    if (file.state.error) this.report(`${file.uri}: config ${file.state.error}. Using the ${SECTION}.rules settings only.`);
    return documentSettings(readSection(section), file.state, file.uri);
  }

  /** Which files are notes, for a file that is not open: the settings of its workspace folder (one request per folder). */
  async notesSettings(uri: string): Promise<ReturnType<typeof readSection>['notes']> {
    return readSection(await this.section(this.folderOf(uri) ?? uri)).notes;
  }

  /**
   * The folder whose config file a document without a place of its own uses (an untitled one): the first workspace
   * folder, as VS Code users expect of a new file in their workspace.
   */
  homeFolder(uri: string): string | undefined {
    return uri.startsWith('untitled:') ? this.folders[0] : undefined;
  }

  /** Candidate config files of a document, nearest first. */
  configFilesOf(uri: string): string[] {
    const candidates = configCandidates(uri, this.folderOf(uri));
    const home = candidates.length === 0 ? this.homeFolder(uri) : undefined;
    return home ? [`${home}/${CONFIG_FILE_NAME}`] : candidates;
  }

  /** The nearest config file of a document and what it says (none: an empty state). */
  private async configFile(uri: string): Promise<{ uri?: string; state: ConfigFileState }> {
    for (const candidate of this.configFilesOf(uri)) {
      const state = await this.readFile(candidate);
      if (state.config || state.error) return { uri: candidate, state };
    }
    return { state: {} };
  }

  private readFile(uri: string): Promise<ConfigFileState> {
    const hit = this.files.get(uri);
    const now = Date.now();
    if (hit && (this.options.watched || now - hit.at < CONFIG_FILE_TTL_MS)) return hit.state;
    const state = this.host.readText(uri).then(readConfigFile, (err: unknown) => ({ error: `cannot be read (${err instanceof Error ? err.message : String(err)})` }));
    this.files.set(uri, { at: now, state });
    return state;
  }

  private section(uri: string): Promise<unknown> {
    if (!this.options.pull) return Promise.resolve(this.pushed);
    let hit = this.sections.get(uri);
    if (!hit) {
      hit = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(
        (value: unknown) => value,
        () => this.pushed,
      );
      this.sections.set(uri, hit);
    }
    return hit;
  }

  /** A problem with the settings is told once per message: logged, and shown. */
  report(text: string): void {
    if (this.reported.has(text)) return;
    this.reported.add(text);
    this.connection.console.warn(text);
    void this.connection.window.showWarningMessage(`Conference Notes: ${text}`);
  }
}
