// The pure core: no `vscode`, no Node-only APIs. Shared by the extension (Node and web) and the CLI.
export * from './model';
export * from './settings';
export { parseNotes, type ParseOptions } from './parser';
export { isConferenceNotes } from './detect';
export { parseMarkdown, blockTrees, type BlockTree } from './blocks';
