// Set-up helpers for the web-worker tests (test/web/**/*.test.ts): the extension-host tests' helpers, which use
// only the vscode API (no Node) and so are bundled into the web worker as they are. Assertions are in ./assert.
export * from '../exthost/helpers';
