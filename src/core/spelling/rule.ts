// The spelling rule lives in rules/spelling.ts with the other rules. This path stays for src/vscode/spelling.ts
// until the language client replaces it (issue 17); new code imports from '../rules/spelling'.
export * from '../rules/spelling';
