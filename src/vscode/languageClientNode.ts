// Bundled on its own as dist/languageClient.js, which src/extension.ts requires a turn after activation: the language
// client library was a third of what the extension bundle made VS Code load and compile before activate() ran.
export { LanguageClient, TransportKind } from 'vscode-languageclient/node';
