// Conference Notes: Export as HTML — the preview's rendering as one standalone page (inline CSS, no scripts).
import * as vscode from 'vscode';
import { renderExportPage, splitRelativeLink } from '../core/preview';
import { guarded, type Log } from './log';
import { isMarkdown, type NotesDocuments } from './notesDocuments';
import { dirname, isInside, readBreaks } from './previewPanel';

export const EXPORT_HTML_COMMAND = 'conferenceNotes.exportHtml';

/** `to` relative to the folder `from`, both `/` paths. */
function relativePath(fromFolder: string, to: string): string {
  const a = fromFolder.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].map(encodeURIComponent).join('/');
}

async function exportHtml(extensionUri: vscode.Uri, notes: NotesDocuments, source?: vscode.Uri, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = source instanceof vscode.Uri ? source : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Conference Notes: open a notes file to export it.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (!isMarkdown(document)) {
    void vscode.window.showWarningMessage('Conference Notes: only Markdown files can be exported as HTML.');
    return undefined;
  }
  const entry = await notes.ready(document);
  if (!entry) {
    void vscode.window.showWarningMessage('Conference Notes: this file could not be read as notes yet (see the Conference Notes output).');
    return undefined;
  }
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  let destination = target instanceof vscode.Uri ? target : undefined;
  if (!destination) {
    const suggested = uri.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(dirname(uri), name.replace(/\.(md|markdown)$/i, '') + '.html');
    destination = await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { HTML: ['html'] }, title: 'Export Notes as HTML' });
    if (!destination) return undefined;
  }
  const css = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'preview.css')));
  const workspace = vscode.workspace.getWorkspaceFolder(uri)?.uri ?? dirname(uri);
  const outFolder = dirname(destination).path;
  const html = renderExportPage(entry.doc, {
    css,
    fileName: name,
    breaks: readBreaks(uri),
    resourceKey: `export:${outFolder}`,
    // Images beside the notes stay images beside the page: rewrite their path relative to where it is written.
    resolveResource: (relative) => {
      const { path } = splitRelativeLink(relative);
      const image = path.startsWith('/') ? vscode.Uri.joinPath(workspace, path) : vscode.Uri.joinPath(dirname(uri), path);
      if (!isInside(image, workspace)) return undefined;
      return image.scheme === destination!.scheme ? relativePath(outFolder, image.path) : undefined;
    },
  });
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(html));
  if (target === undefined) {
    void vscode.window.showInformationMessage(`Conference Notes: exported ${name} to ${vscode.workspace.asRelativePath(destination)}.`);
  }
  return destination;
}

export function registerExportHtml(extensionUri: vscode.Uri, notes: NotesDocuments, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_HTML_COMMAND, guarded(log, `Command ${EXPORT_HTML_COMMAND}`,
    (source?: vscode.Uri, target?: vscode.Uri) => exportHtml(extensionUri, notes, source, target)));
}
