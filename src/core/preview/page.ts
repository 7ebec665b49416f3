// Export as HTML: the preview's rendering as one standalone page, inline CSS, no scripts.
import type { NotesDocument } from '../model';
import { escapeHtml } from './html';
import { renderPreviewBody, type PreviewRenderOptions } from './render';

export interface ExportPageOptions extends PreviewRenderOptions {
  /** The preview's stylesheet (media/preview.css), inlined. */
  css: string;
}

/** Colours the page when no VS Code theme provides its CSS variables: light, or dark when the reader prefers it. */
const EXPORT_THEME = `
:root{color-scheme:light dark;--vscode-font-family:system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif;--vscode-editor-font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;--vscode-font-size:15px;
--vscode-editor-background:#ffffff;--vscode-foreground:#1f2328;--vscode-descriptionForeground:#59636e;--vscode-textLink-foreground:#0969da;
--vscode-textLink-activeForeground:#0550ae;--vscode-widget-border:#d1d9e0;--vscode-editorWidget-background:#f6f8fa;--vscode-textCodeBlock-background:#eff2f5;
--vscode-textBlockQuote-border:#d1d9e0;--vscode-textBlockQuote-background:#f6f8fa;--vscode-badge-background:#ddf4ff;--vscode-badge-foreground:#0550ae;
--vscode-editorError-foreground:#cf222e;--vscode-editorWarning-foreground:#9a6700;--vscode-editorInfo-foreground:#0969da;--vscode-focusBorder:#0969da;
--vscode-textPreformat-foreground:#1f2328;--vscode-list-hoverBackground:#eef1f4;--vscode-testing-iconPassed:#1a7f37}
@media (prefers-color-scheme: dark){:root{--vscode-editor-background:#0d1117;--vscode-foreground:#e6edf3;--vscode-descriptionForeground:#9198a1;
--vscode-textLink-foreground:#4493f8;--vscode-textLink-activeForeground:#79c0ff;--vscode-widget-border:#3d444d;--vscode-editorWidget-background:#151b23;
--vscode-textCodeBlock-background:#262c36;--vscode-textBlockQuote-border:#3d444d;--vscode-textBlockQuote-background:#151b23;--vscode-badge-background:#1f3a5f;
--vscode-badge-foreground:#cae8ff;--vscode-editorError-foreground:#f85149;--vscode-editorWarning-foreground:#d29922;--vscode-editorInfo-foreground:#4493f8;
--vscode-focusBorder:#4493f8;--vscode-textPreformat-foreground:#e6edf3;--vscode-list-hoverBackground:#262c36;--vscode-testing-iconPassed:#3fb950}}
`;

/** The Content-Security-Policy of the exported page: no script at all, only its own inline style, images from https, data: and beside it. */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data: 'self'; base-uri 'none'; form-action 'none'";

export function renderExportPage(doc: NotesDocument, options: ExportPageOptions): string {
  const title = doc.title?.text ?? doc.conference ?? options.fileName ?? 'Conference notes';
  const body = renderPreviewBody(doc, { ...options, interactive: false });
  // `</style` cannot occur in our own CSS, but a stray one would end the element early; break it defensively.
  const css = (EXPORT_THEME + options.css).replace(/<\/style/gi, '<\\/style');
  return '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    + `<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + '<meta name="generator" content="Conference Notes">\n'
    + `<title>${escapeHtml(title)}</title>\n<style>${css}</style>\n</head>\n`
    + `<body class="cn-export">\n${body}\n</body>\n</html>\n`;
}
