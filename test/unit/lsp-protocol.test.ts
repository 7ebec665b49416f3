// `confnotes lsp --stdio` driven as a plain LSP client over stdio (hand-framed JSON-RPC, test/harness/lspClient.ts):
// initialize, open a copy of the sample, its diagnostics (the same findings `confnotes lint` reports), a quick fix,
// fix-all (the same text `lint --fix` writes), document and workspace symbols, an edit that brings a new typo, the
// spelling commands, the custom requests and the diagnostics window, shutdown and exit.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseNotes } from '../../src/core';
import { applyEdits } from '../../src/core/edits';
import { applyModelDelta as applyPlain, EMPTY_MODEL, unpackDelta, type WireDelta } from '../../src/core/modelDelta';
import type { NotesDocument } from '../../src/core/model';
import { hostileCases } from '../../bench/hostile-corpus';
import { DEFAULT_DIAGNOSTICS_WINDOW, FIX_ALL_KIND, SERVER_COMMANDS, SHOWN_LIMIT_CODE } from '../../src/core/protocol';
import { CLI, LspClient, ROOT } from '../harness/lspClient';

const SAMPLE = path.join(ROOT, 'samples', 'scaleconf-2017.md');

/** A second notes file in the workspace, never opened: workspace symbols and completion read it from disk. */
const OTHER_NOTES = `# Notes from Kiwicon 2016

## Hacking the Harbour Bridge
### Alice Example

#### Staff Engineer

#### Acme Security

Alice spoke about bridges.

## Second Look at Queues
### Bob Sample

#### Developer Advocate

#### Initech

Bob spoke about queues.
`;

interface WireDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  source: string;
  message: string;
  data?: { word?: string };
}

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

function cliJson(args: string[], cwd: string): any {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return JSON.parse(r.stdout);
}

function key(d: { code?: string; rule?: string; range: WireDiagnostic['range']; message: string }): string {
  return `${d.code ?? d.rule} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
}

/** The edits of a code action's workspace edit for one document (documentChanges or changes). */
function editsOf(edit: any, uri: string): Array<{ range: WireDiagnostic['range']; newText: string }> {
  if (edit.documentChanges) return edit.documentChanges.filter((c: any) => c.textDocument.uri === uri).flatMap((c: any) => c.edits);
  return edit.changes?.[uri] ?? [];
}

describe('confnotes lsp --stdio (a plain LSP client over stdio)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  let uri: string;
  let text: string;
  let version = 1;
  let diagnostics: WireDiagnostic[];
  const settings: Record<string, unknown> = {};
  const applied: any[] = [];

  before(async function () {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build');
    dir = mkdtempSync(path.join(tmpdir(), 'confnotes-lsp-'));
    copyFileSync(SAMPLE, path.join(dir, 'scaleconf-2017.md'));
    writeFileSync(path.join(dir, 'kiwicon-2016.md'), OTHER_NOTES);
    uri = pathToFileURL(path.join(dir, 'scaleconf-2017.md')).toString();
    text = readFileSync(SAMPLE, 'utf8');
    client = new LspClient(['lsp', '--stdio'], dir);
    client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    client.onRequest('workspace/applyEdit', (params: unknown) => {
      applied.push(params);
      return { applied: true };
    });
  });

  after(() => {
    client?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('initializes with the capabilities of a notes server', async () => {
    const folder = pathToFileURL(dir).toString();
    const result = await client.request('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'notes' }],
      capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    client.notify('initialized', {});
    const caps = result.capabilities;
    assert.equal(result.serverInfo.name, 'conference-notes');
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', FIX_ALL_KIND]);
    assert.deepEqual(caps.executeCommandProvider.commands.sort(), Object.values(SERVER_COMMANDS).sort());
    assert.deepEqual(caps.semanticTokensProvider.legend.tokenTypes, ['speaker', 'role', 'company']);
    for (const p of ['documentSymbolProvider', 'workspaceSymbolProvider', 'hoverProvider', 'completionProvider']) assert.ok(caps[p], p);
  });

  it('publishes the diagnostics of the sample: the findings `confnotes lint` reports, code = rule id', async () => {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    diagnostics = await client.diagnostics(uri, version);
    const cli = cliJson(['lint', '--format', 'json', 'scaleconf-2017.md'], dir).files[0].diagnostics as Array<{ rule: string; severity: string; range: WireDiagnostic['range']; message: string }>;
    assert.deepEqual(diagnostics.map(key).sort(), cli.map(key).sort());
    for (const d of diagnostics) {
      assert.equal(d.source, 'conference-notes');
      assert.equal(d.severity, SEVERITY[cli.find((c) => key(c) === key(d))!.severity]);
      if (d.code === 'spelling') assert.equal(typeof d.data?.word, 'string', 'a spelling diagnostic carries its word');
      else assert.ok(d.data === undefined || Object.keys(d.data).join() === 'word', 'nothing else in data');
    }
    const rules = new Set(diagnostics.map((d) => d.code));
    for (const rule of ['spelling', 'empty-talk', 'field-heading-level', 'mojibake', 'link-without-scheme', 'speaker-name-mismatch']) assert.ok(rules.has(rule), rule);
    const ammend = diagnostics.find((d) => d.code === 'spelling' && d.data?.word === 'ammend');
    assert.deepEqual(ammend?.range, { start: { line: 4, character: 54 }, end: { line: 4, character: 60 } });
  });

  it("offers Change to 'amend' as the preferred quick fix, with the dictionary and ignore commands", async () => {
    const ammend = diagnostics.find((d) => d.data?.word === 'ammend')!;
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: ammend.range, context: { diagnostics: [ammend], only: ['quickfix'] } });
    const preferred = actions.filter((a: any) => a.isPreferred);
    assert.deepEqual(preferred.map((a: any) => a.title), ["Change to 'amend'"]);
    assert.deepEqual(editsOf(preferred[0].edit, uri), [{ range: ammend.range, newText: 'amend' }]);
    assert.equal(preferred[0].edit.documentChanges[0].textDocument.version, version);
    const commands = actions.filter((a: any) => a.command).map((a: any) => a.command);
    assert.deepEqual(commands.map((c: any) => c.command), [SERVER_COMMANDS.addToWorkspaceDictionary, SERVER_COMMANDS.ignoreInFile]);
    assert.deepEqual(commands[0].arguments, [uri, ['ammend']]);
    assert.ok(!actions.some((a: any) => a.kind === FIX_ALL_KIND), 'no fix-all when only quick fixes are asked for');
  });

  it('offers the quick fixes of a structure rule (field-heading-level) the same way', async () => {
    const level = diagnostics.find((d) => d.code === 'field-heading-level')!;
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: level.range, context: { diagnostics: [level] } });
    const quickFixes = actions.filter((a: any) => a.kind === 'quickfix');
    assert.equal(quickFixes.filter((a: any) => a.isPreferred).length, 1);
    assert.deepEqual(editsOf(quickFixes.find((a: any) => a.isPreferred).edit, uri), [{ range: { start: { line: 32, character: 0 }, end: { line: 32, character: 3 } }, newText: '####' }]);
  });

  it('fix-all (source.fixAll) gives the text `confnotes lint --fix` writes, as one edit', async () => {
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, FIX_ALL_KIND);
    const edits = editsOf(actions[0].edit, uri);
    assert.equal(edits.length, 1);
    const fixedDir = mkdtempSync(path.join(tmpdir(), 'confnotes-lsp-fix-'));
    try {
      copyFileSync(SAMPLE, path.join(fixedDir, 'sample.md'));
      spawnSync(process.execPath, [CLI, 'lint', '--fix', 'sample.md'], { cwd: fixedDir });
      assert.equal(applyEdits(text, edits), readFileSync(path.join(fixedDir, 'sample.md'), 'utf8'));
    } finally {
      rmSync(fixedDir, { recursive: true, force: true });
    }
  });

  it('lists the 13 talks as document symbols, with speaker, role and company as children', async () => {
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    const talks = parseNotes(text).talks;
    assert.equal(symbols.length, 13);
    assert.deepEqual(symbols.map((s: any) => s.name), talks.map((t) => t.title));
    const databases = symbols.find((s: any) => s.name === 'Databases and Containers');
    assert.deepEqual(databases.children.map((c: any) => [c.detail, c.name]), [['speaker', 'Ronen Baram'], ['role', 'MySQL Principal Consultant'], ['company', 'Oracle']]);
    assert.equal(databases.selectionRange.start.line, 48);
  });

  it('finds talks and speakers across the workspace, also in files that are not open', async () => {
    const found = await client.request('workspace/symbol', { query: 'Harbour' });
    assert.deepEqual(found.map((s: any) => [s.name, path.basename(s.location.uri)]), [['Hacking the Harbour Bridge', 'kiwicon-2016.md']]);
    const ronen = await client.request('workspace/symbol', { query: 'Ronen Baram' });
    assert.ok(ronen.some((s: any) => s.name === 'Ronen Baram' && s.containerName === 'Databases and Containers' && s.location.uri === uri));
  });

  it('brings a new typo on an edit, and moves the diagnostics below it', async () => {
    // Line 9 (0-based 8) is the Intro's first line: an edit of a plain notes line.
    const at = { line: 8, character: 0 };
    client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: at, end: at }, text: 'I recieved a ticket. ' }] });
    text = applyEdits(text, [{ range: { start: at, end: at }, newText: 'I recieved a ticket. ' }]);
    const after = await client.diagnostics(uri, version);
    const typo = after.find((d: WireDiagnostic) => d.data?.word === 'recieved');
    assert.ok(typo, 'a spelling diagnostic for the new typo');
    assert.deepEqual(typo.range, { start: { line: 8, character: 2 }, end: { line: 8, character: 10 } });
    assert.equal(after.length, diagnostics.length + 1);
    const breifs = after.find((d: WireDiagnostic) => d.data?.word === 'breifs');
    const before = diagnostics.find((d) => d.data?.word === 'breifs')!;
    assert.equal(breifs.range.start.character, before.range.start.character + 'I recieved a ticket. '.length);
    diagnostics = after;
  });

  it('adds a word to the workspace dictionary (.conference-notes.json) and publishes without it', async () => {
    const since = client.notifications.length;
    const file = await client.request('workspace/executeCommand', { command: SERVER_COMMANDS.addToWorkspaceDictionary, arguments: [uri, ['recieved']] });
    assert.equal(file, pathToFileURL(path.join(dir, '.conference-notes.json')).toString());
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, '.conference-notes.json'), 'utf8')), { words: ['recieved'] });
    const next = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && !n.params.diagnostics.some((d: WireDiagnostic) => d.data?.word === 'recieved'), 'diagnostics without the added word', since);
    assert.equal(next.params.diagnostics.length, diagnostics.length - 1);
  });

  it('ignores a word in the file through workspace/applyEdit', async () => {
    const ok = await client.request('workspace/executeCommand', { command: SERVER_COMMANDS.ignoreInFile, arguments: [uri, 'breifs'] });
    assert.equal(ok, true);
    const edit = applied.at(-1).edit;
    const edits = editsOf(edit, uri);
    assert.match(applyEdits(text, edits), /<!-- spelling: ignore breifs -->\n$/);
  });

  it('answers hover on a talk heading with its fields and problems', async () => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 29, character: 5 } });
    assert.match(hover.contents.value, /\*\*Title:\*\* Automating Migrations at Scale/);
    assert.match(hover.contents.value, /\*\*Speaker:\*\* Sarah Dapul\\-Weberman/);
    assert.match(hover.contents.value, /field-heading-level/);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 30, character: 5 } }), null);
  });

  it('completes companies after a label from every notes file of the workspace', async () => {
    const line = 22; // a notes line of the first talk
    client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'Company: \n' }] });
    const items = await client.request('textDocument/completion', { textDocument: { uri }, position: { line, character: 9 } });
    const labels = items.map((i: any) => i.label);
    for (const company of ['Oracle', 'Pinterest', 'Acme Security', 'Initech']) assert.ok(labels.includes(company), company);
    assert.ok(!labels.includes('Ronen Baram'), 'no speakers after Company:');
  });

  it('encodes the fields as semantic tokens', async () => {
    const tokens = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.equal(tokens.data.length % 5, 0);
    // The first token: `Daniel Larsen`, a speaker heading on line 14 (0-based 13).
    assert.deepEqual(tokens.data.slice(0, 5), [13, 4, 'Daniel Larsen'.length, 0, 1]);
  });

  it('answers a semantic tokens delta after an edit with edits that make the full tokens', async () => {
    const before = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(typeof before.resultId === 'string' && before.data.length > 0);
    // A new talk with a speaker at the top: its tokens come first, every other token's line moves.
    client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '## A new talk\n\n### Grace Hopper\n\nNotes here.\n\n' }] });
    const delta = await client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: before.resultId });
    assert.ok(Array.isArray(delta.edits), 'edits, not a full result');
    const data: number[] = [...before.data];
    // Edits apply from the last to the first (their starts refer to the previous data).
    for (const e of [...delta.edits].sort((a: any, b: any) => b.start - a.start)) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const after = await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(data, after.data);
    assert.notDeepEqual(after.data, before.data);
    // A delta against a result the server no longer holds is a full answer.
    const stale = await client.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: 'gone' });
    assert.deepEqual(stale.data, after.data);
    // The talk taken out again; the next tests start from the complete lint of that version.
    const since = client.notifications.length;
    client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 8, character: 0 } }, text: '' }] });
    await client.waitFor((n) => n.method === 'conferenceNotes/findingsChanged' && n.params.uri === uri && n.params.version === version && n.params.complete, `complete findings of v${version}`, since);
  });

  it('answers the Talks and preview requests with the problem count of every finding', async () => {
    const talks = await client.request('conferenceNotes/talks', { uri });
    const preview = await client.request('conferenceNotes/preview', { uri });
    assert.equal(talks.rows.length, 13);
    assert.equal(talks.version, version);
    assert.equal(preview.problems.length, talks.problems);
  });

  it('finds the fix of a diagnostic sent back with byte columns (as Neovim 0.7 does) on a line with accents', async () => {
    const accents = pathToFileURL(path.join(dir, 'accents.md')).toString();
    const notes = OTHER_NOTES.replace('Alice spoke about bridges.', 'Notes from the café: I will ammend this soon.');
    client.notify('textDocument/didOpen', { textDocument: { uri: accents, languageId: 'markdown', version: 1, text: notes } });
    const found = await client.diagnostics(accents, 1);
    const typo = found.find((d: WireDiagnostic) => d.data?.word === 'ammend');
    const line = notes.split('\n')[typo.range.start.line]!;
    const bytes = (character: number): number => Buffer.byteLength(line.slice(0, character));
    const range = { start: { line: typo.range.start.line, character: bytes(typo.range.start.character) }, end: { line: typo.range.end.line, character: bytes(typo.range.end.character) } };
    assert.notDeepEqual(range, typo.range);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: accents }, range, context: { diagnostics: [{ ...typo, range }] } });
    const preferred = actions.find((a: any) => a.isPreferred);
    assert.equal(preferred?.title, "Change to 'amend'");
    assert.deepEqual(editsOf(preferred.edit, accents), [{ range: typo.range, newText: 'amend' }]);
    client.notify('textDocument/didClose', { textDocument: { uri: accents } });
  });

  it('shuts down and exits with code 0', async () => {
    assert.equal(await client.request('shutdown', null), null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
    assert.equal(client.stderr, '');
  });
});

/** A server over stdio in a fresh folder for the suite that calls this (killed, and the folder removed, after it). */
function serverPerSuite(prefix: string): { readonly client: LspClient; readonly dir: string } {
  const server = {} as { client: LspClient; dir: string };
  before(() => {
    server.dir = mkdtempSync(path.join(tmpdir(), prefix));
    server.client = new LspClient(['lsp', '--stdio'], server.dir);
  });
  after(() => {
    server.client?.kill();
    rmSync(server.dir, { recursive: true, force: true });
  });
  return server;
}

describe('confnotes lsp --stdio with a diagnostics window (as VS Code shows 1,000)', function () {
  this.timeout(60_000);
  const server = serverPerSuite('confnotes-lsp-window-');

  it('publishes the findings nearest the visible lines and a notice; the Talks and preview requests count them all', async () => {
    const { client, dir } = server;
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { diagnosticsWindow: 10 } });
    client.notify('initialized', {});
    const uri = pathToFileURL(path.join(dir, 'sample.md')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(SAMPLE, 'utf8') } });
    const shown = await client.diagnostics(uri, 1);
    assert.equal(shown.length, 10);
    assert.equal(shown[0].code, 'shown-limit');
    assert.ok(shown.slice(1).every((d: WireDiagnostic) => d.range.start.line < 40), 'nearest line 0 first');
    const talks = await client.request('conferenceNotes/talks', { uri });
    const preview = await client.request('conferenceNotes/preview', { uri });
    assert.ok(talks.problems > 10);
    assert.equal(preview.problems.length, talks.problems);
    assert.equal(talks.rows.reduce((n: number, r: { problems: number }) => n + r.problems, 0) <= talks.problems, true);
    // Scrolling to the end: the window follows.
    const since = client.notifications.length;
    client.notify('conferenceNotes/visibleRange', { uri, range: { start: 250, end: 290 } });
    const moved = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, 'diagnostics after scrolling', since);
    assert.ok(moved.params.diagnostics.slice(1).every((d: WireDiagnostic) => d.range.start.line > 150), 'nearest the new visible lines');
    await client.request('shutdown', null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });
});

describe('confnotes lsp --stdio for a client that applies snippet edits (snippetEdits, as the VS Code client)', function () {
  this.timeout(60_000);
  const server = serverPerSuite('confnotes-lsp-snippets-');

  it("marks a snippet fix's code action and keeps its placeholder; other fixes stay plain edits", async () => {
    const { client, dir } = server;
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { snippetEdits: true } });
    client.notify('initialized', {});
    const uri = pathToFileURL(path.join(dir, 'sample.md')).toString();
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    lines.splice(13, 1); // `### Daniel Larsen`: the first talk loses its speaker
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: lines.join('\n') } });
    const diagnostics: WireDiagnostic[] = await client.diagnostics(uri, 1);
    const missing = diagnostics.find((d) => d.code === 'missing-speaker');
    assert.ok(missing, 'a missing-speaker diagnostic');
    const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } });
    const insert = actions.find((a) => a.title === 'Insert speaker heading (### Speaker name)');
    assert.ok(insert, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(insert.data, { snippet: true });
    assert.match(editsOf(insert.edit, uri)[0]!.newText, /\$\{1:Speaker name\}/);
    const level = diagnostics.find((d) => d.code === 'field-heading-level');
    assert.ok(level, 'a field-heading-level diagnostic');
    const plain: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: level.range, context: { diagnostics: [level] } });
    const change = plain.find((a) => a.title === 'Change to level 4 (####)');
    assert.ok(change);
    assert.equal(change.data, undefined);
    assert.doesNotMatch(editsOf(change.edit, uri)[0]!.newText, /\$/);
    await client.request('shutdown', null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });
});

describe('confnotes lsp --stdio with a client that resolves code actions', function () {
  this.timeout(60_000);
  const server = serverPerSuite('confnotes-lsp-resolve-');

  it('offers fix-all in a list the user asked for without its edit, and resolves it to the edit source.fixAll gives', async () => {
    const { client, dir } = server;
    const result = await client.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] } } } },
    });
    assert.equal(result.capabilities.codeActionProvider.resolveProvider, true);
    client.notify('initialized', {});
    const uri = pathToFileURL(path.join(dir, 'sample.md')).toString();
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(SAMPLE, 'utf8') } });
    await client.waitFor((n) => n.method === 'conferenceNotes/findingsChanged' && n.params.uri === uri && n.params.complete, 'complete findings', since);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // As Neovim's vim.lsp.buf.code_action() asks: invoked (1), no `only`.
    const listed: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], triggerKind: 1 } });
    const lazy = listed.find((a) => a.kind === FIX_ALL_KIND);
    assert.ok(lazy, listed.map((a) => a.title).join(' | '));
    assert.equal(lazy.edit, undefined, 'the edit waits until fix-all is chosen');
    const explicit: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: [FIX_ALL_KIND] } });
    assert.equal(explicit.length, 1);
    assert.ok(explicit[0].edit, 'asked for by kind: the edit at once');
    const resolved = await client.request('codeAction/resolve', lazy);
    assert.deepEqual(resolved.edit, explicit[0].edit);
    assert.equal(resolved.title, lazy.title);
    await client.request('shutdown', null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });
});

describe('confnotes lsp --stdio with a client that sets no diagnostics window', function () {
  this.timeout(120_000);
  const server = serverPerSuite('confnotes-lsp-default-window-');

  it(`publishes at most ${DEFAULT_DIAGNOSTICS_WINDOW.toLocaleString('en-US')} diagnostics (a notice says how many in all), and counts them all`, async () => {
    const { client, dir } = server;
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    client.notify('initialized', {});
    const uri = pathToFileURL(path.join(dir, 'many.md')).toString();
    const text = hostileCases(0.1).find((c) => c.name === 'many-findings')!.build().toString('utf8');
    const since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const done = await client.waitFor((n) => n.method === 'conferenceNotes/findingsChanged' && n.params.uri === uri && n.params.complete, 'complete findings', since);
    assert.ok(done.params.problems > DEFAULT_DIAGNOSTICS_WINDOW, `${done.params.problems} findings`);
    const published = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1)!.params.diagnostics as WireDiagnostic[];
    assert.equal(published.length, DEFAULT_DIAGNOSTICS_WINDOW);
    const notice = published.filter((d) => d.code === SHOWN_LIMIT_CODE);
    assert.equal(notice.length, 1);
    assert.match(notice[0]!.message, new RegExp(`of ${done.params.problems.toLocaleString('en-US')}`));
    // The first findings of the file (no visible range told): line 0 onwards.
    const lines = published.filter((d) => d.code !== SHOWN_LIMIT_CODE).map((d) => d.range.start.line);
    assert.ok(Math.min(...lines) < 10, `from line ${Math.min(...lines)}`);
    assert.ok(Math.max(...lines) < text.split('\n').length - 10, 'not the whole file');
    await client.request('shutdown', null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });
});

describe('confnotes lsp --stdio for a client that keeps the models (modelMirror, as the VS Code client)', function () {
  this.timeout(60_000);
  const server = serverPerSuite('confnotes-lsp-mirror-');
  const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const applyModelDelta = (doc: NotesDocument, delta: WireDelta): NotesDocument => applyPlain(doc, unpackDelta(delta));

  it('sends the model on open, the change after an edit, and the current one when asked; the copy equals a parse', async () => {
    const { client, dir } = server;
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { modelMirror: true } });
    client.notify('initialized', {});
    const uri = pathToFileURL(path.join(dir, 'sample.md')).toString();
    const text = readFileSync(SAMPLE, 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const isModel = (version: number) => (n: { method: string; params: any }) => n.method === 'conferenceNotes/model' && n.params.uri === uri && n.params.version === version;
    const first = (await client.waitFor(isModel(1), 'the model of v1')).params;
    assert.equal(first.base, undefined, 'a whole model first');
    assert.equal(first.isNotes, true);
    assert.match(first.reason, /13 talks/);
    let copy: NotesDocument = applyModelDelta(EMPTY_MODEL, first.delta);
    assert.deepEqual(copy, wire(parseNotes(text)));
    // A line added at the top of the third talk's notes: the talks below it are moved, not sent.
    const doc = parseNotes(text);
    const at = doc.talks[2]!.notesRange!.start.line;
    const since = client.notifications.length;
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: 'A new line about ammend.\n' }],
    });
    const second = (await client.waitFor(isModel(2), 'the model of v2 (after the typing pause)', since)).params;
    assert.equal(second.base, 1);
    assert.ok(second.delta.talks.insert.length <= 1, `${second.delta.talks.insert.length} talks sent`);
    assert.equal(second.delta.lines.insert.length, 1);
    copy = applyModelDelta(copy, second.delta);
    const lines = text.split('\n');
    lines.splice(at, 0, 'A new line about ammend.');
    assert.deepEqual(copy, wire(parseNotes(lines.join('\n'))));
    // Asked for: sent at once (before the answer), and a whole one when the client lost track.
    const asked = client.notifications.length;
    assert.deepEqual(await client.request('conferenceNotes/modelNow', { uri, whole: true }), { version: 2 });
    const whole = client.notifications.slice(asked).find(isModel(2));
    assert.ok(whole, 'the model came before the answer');
    assert.equal(whole.params.base, undefined);
    assert.deepEqual(applyModelDelta(EMPTY_MODEL, whole.params.delta), copy);
    await client.request('shutdown', null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });

  it('sends a big model in parts that together make it', async () => {
    const { dir } = server;
    const c2 = new LspClient(['lsp', '--stdio'], dir);
    try {
      await c2.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { modelMirror: true } });
      c2.notify('initialized', {});
      const uri = pathToFileURL(path.join(dir, 'big.md')).toString();
      const text = Array.from({ length: 60 }, () => readFileSync(SAMPLE, 'utf8')).join('\n');
      c2.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const last = await c2.waitFor((n) => n.method === 'conferenceNotes/model' && n.params.uri === uri && n.params.part === n.params.parts - 1, 'the last part', 0);
      const parts = c2.notifications.filter((n) => n.method === 'conferenceNotes/model' && n.params.uri === uri).map((n) => n.params);
      assert.equal(parts.length, last.params.parts);
      assert.ok(parts.length > 1, `${parts.length} parts`);
      const copy = parts.reduce((d: NotesDocument, p: any) => applyModelDelta(d, p.delta), EMPTY_MODEL);
      assert.deepEqual(copy, wire(parseNotes(text)));
    } finally {
      c2.kill();
    }
  });
});

describe('confnotes lsp --stdio: the first lint of a big file, partial', function () {
  this.timeout(120_000);
  const server = serverPerSuite('confnotes-lsp-partial-');

  it('publishes a partial window again only when its findings change, not for the count of those not shown', async () => {
    const { client, dir } = server;
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { diagnosticsWindow: 10 } });
    client.notify('initialized', {});
    const uri = pathToFileURL(path.join(dir, 'big.md')).toString();
    const sample = readFileSync(SAMPLE, 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: Array.from({ length: 100 }, () => sample).join('\n') } });
    await client.waitFor((n) => n.method === 'conferenceNotes/findingsChanged' && n.params.uri === uri && n.params.complete === true, 'the complete findings');
    const partials = client.notifications.filter((n) => n.method === 'conferenceNotes/findingsChanged' && n.params.uri === uri && !n.params.complete);
    assert.ok(partials.length >= 2, `${partials.length} partial announcements (the test needs a lint in several parts)`);
    const publishes = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).map((n) => n.params.diagnostics as WireDiagnostic[]);
    const withoutNotice = (ds: WireDiagnostic[]): string => JSON.stringify(ds.filter((d) => d.code !== SHOWN_LIMIT_CODE));
    // Before the complete one, each publish shows other findings than the one before it.
    for (let i = 1; i < publishes.length - 1; i++) assert.notEqual(withoutNotice(publishes[i]!), withoutNotice(publishes[i - 1]!), `publish ${i} repeats the findings of publish ${i - 1}`);
    // The complete publish gives the full count.
    const notice = publishes.at(-1)!.find((d) => d.code === SHOWN_LIMIT_CODE);
    assert.ok(notice, 'a notice');
    await client.request('shutdown', null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });
});
