// The Talks tree as pure data, in src/core/talks/: rows for one document (rows.ts), groups across files and
// filtering (grouping.ts), the talk at a line and talks by name (navigation.ts), and the "new talk" skeleton
// (skeleton.ts). The glue (src/vscode/talksView.ts, src/server) only adapts these.
export * from './talks/rows';
export * from './talks/grouping';
export * from './talks/navigation';
export * from './talks/skeleton';
