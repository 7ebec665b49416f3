// The preview renderer: pure (no vscode, no Node APIs), shared by the webview, the export and the web worker.
export { renderPreviewBody, renderPreviewBodySliced, summarize, type SliceOptions, type CancellationFlag, type PreviewProblem, type PreviewRenderOptions, type PreviewSummary } from './render';
export { PreviewBlockCache, DEFAULT_BLOCK_CACHE_CHARS } from './blockCache';
export { renderExportPage, EXPORT_CSP, type ExportPageOptions } from './page';
export { renderMarkdown, type ResourceResolver, type MarkdownRenderOptions } from './markdown';
export { classifyUrl, isOpenableLink, splitRelativeLink, type UrlKind } from './urls';
export { escapeHtml } from './html';
export * from './messages';
