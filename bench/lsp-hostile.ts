// npm run bench:lsp:hostile — the language server on the hostile corpus, as an editor other than VS Code drives it:
// `confnotes lsp --stdio` over stdio (test/harness/lspClient.ts), one server per case. For each case: open ->
// complete findings, then one request each of document symbols, workspace symbols, semantic tokens, hover, the code
// actions a user asks for (invoked, no kind: fix-all worked out at once, as for a client that does not resolve code
// actions), fix-all by kind, completion, the Talks rows and the preview's problems, an edit at the end -> complete
// findings, and the server's peak RSS. `-- --scale 0.5` halves the sizes; `-- --only a,b` picks cases.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hostileCases } from './hostile-corpus';

process.env.CN_LSP_WAIT_MS ??= '120000';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const only = option('only')?.split(',');
const scale = Number(option('scale') ?? 1);

async function main(): Promise<void> {
  const { LspClient } = await import('../test/harness/lspClient');
  const sample = readFileSync(path.join(__dirname, '..', 'samples', 'scaleconf-2017.md'), 'utf8');
  const header = ['case', 'size', 'open', 'problems', 'symbols', 'ws symbols', 'tokens', 'hover', 'actions', 'fix-all', 'completion', 'talks', 'preview', 'edit', 'peak RSS'];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const c of hostileCases(scale, sample)) {
    if (c.name.startsWith('utf16') || (only && !only.includes(c.name))) continue;
    const dir = mkdtempSync(path.join(tmpdir(), 'confnotes-lsp-hostile-'));
    const file = path.join(dir, `${c.name}.md`);
    const text = c.build().toString('utf8');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const client = new LspClient(['lsp', '--stdio'], dir, process.env.CN_LSP_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CN_LSP_PROFILE}`] : []);
    client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    const row: string[] = [c.name, `${(text.length / 1e6).toFixed(2)} MB`];
    const ms = (since: number): string => `${(performance.now() - since).toFixed(0)} ms`;
    try {
      const folder = pathToFileURL(dir).toString();
      await client.request('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'hostile' }], capabilities: { workspace: { configuration: true } } });
      client.notify('initialized', {});
      let t0 = performance.now();
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const done = await client.waitFor((n) => n.method === 'conferenceNotes/findingsChanged' && n.params.uri === uri && n.params.complete, 'complete findings');
      row.push(ms(t0), String(done.params.problems));
      const at = { line: 2, character: 3 };
      const requests: Array<[string, unknown]> = [
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['workspace/symbol', { query: 'a' }],
        ['textDocument/semanticTokens/full', { textDocument: { uri } }],
        ['textDocument/hover', { textDocument: { uri }, position: at }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], triggerKind: 1 } }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['source.fixAll'] } }],
        ['textDocument/completion', { textDocument: { uri }, position: at }],
        ['conferenceNotes/talks', { uri }],
        ['conferenceNotes/preview', { uri }],
      ];
      for (const [method, params] of requests) {
        t0 = performance.now();
        await client.request(method, params);
        row.push(ms(t0));
      }
      const line = text.split('\n').length - 1;
      const since = client.notifications.length;
      t0 = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'wensday ' }] });
      await client.waitFor((n) => n.method === 'conferenceNotes/findingsChanged' && n.params.uri === uri && n.params.version === 2 && n.params.complete, 'findings after the edit', since);
      row.push(ms(t0));
      const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
      row.push(`${Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)} MB`);
      await client.request('shutdown', null);
      client.notify('exit', null);
    } catch (err) {
      row.push(`error: ${(err as Error).message.split(';')[0]}`);
      client.kill();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`| ${row.join(' | ')} |`);
  }
  console.log(`\nOne server per case, scale ${scale}; ${process.platform}, Node ${process.version}, load ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
}

void main();
