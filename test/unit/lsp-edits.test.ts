// `confnotes lsp --stdio` after edits of every kind, as editors send them (incremental didChange events of one or
// more changes: a word, a new line, lines joined, a heading, a carriage return, several versions before the server
// looks): after each version, the server's findings (the preview request lists every one) are those of a full lint
// of the same text in this process, with the dictionary choice the server and the CLI make.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { loadNodeSpeller } from '../../src/cli/dictionary';
import { LintSession } from '../../src/core/lintSession';
import { findingsChangedNotification } from '../../src/core/protocol';
import type { Speller } from '../../src/core/rules/types';
import { spellerForDocument } from '../../src/core/spelling/locale';
import { CLI, LspClient, ROOT } from '../harness/lspClient';

const SAMPLE = path.join(ROOT, 'samples', 'scaleconf-2017.md');

/** Every finding of a full lint of `text`, as the preview request lists them. */
async function fullLint(text: string, base: Speller): Promise<string[]> {
  const session = new LintSession();
  const doc = session.update(text).doc;
  session.configure({ config: { rules: {} }, speller: spellerForDocument(doc, undefined, base) });
  return ((await session.lintAll()) ?? []).map((f) => `${f.rule} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity} ${f.message}`);
}

describe('confnotes lsp --stdio after edits of every kind', function () {
  this.timeout(180_000);
  let dir: string;
  let client: LspClient;
  let base: Speller;

  before(async () => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build');
    dir = mkdtempSync(path.join(tmpdir(), 'confnotes-lsp-edits-'));
    client = new LspClient(['lsp', '--stdio'], dir);
    base = (await loadNodeSpeller(undefined))!;
    await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
    client.notify('initialized', {});
  });

  after(() => {
    client?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `text` as `name` and returns a function that sends one change and resolves with the server's and a full lint's findings. */
  async function open(name: string, text: string): Promise<(change: TextDocumentContentChangeEvent) => Promise<{ server: string[]; full: string[] }>> {
    const uri = pathToFileURL(path.join(dir, name)).toString();
    const mirror = TextDocument.create(uri, 'markdown', 1, text);
    const complete = (version: number, from: number) =>
      client.waitFor((n) => n.method === findingsChangedNotification.method && n.params.uri === uri && n.params.version === version && n.params.complete, `complete findings of v${version}`, from);
    let since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await complete(1, since);
    return async (change) => {
      since = client.notifications.length;
      TextDocument.update(mirror, [change], mirror.version + 1);
      client.notify('textDocument/didChange', { textDocument: { uri, version: mirror.version }, contentChanges: [change] });
      await complete(mirror.version, since);
      const preview = await client.request('conferenceNotes/preview', { uri });
      const server = (preview.problems as Array<{ rule: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>).map(
        (f) => `${f.rule} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity} ${f.message}`,
      );
      return { server, full: await fullLint(mirror.getText(), base) };
    };
  }

  it('judges a word anew in one talk when an edit in another makes it used twice, then once', async () => {
    const text = readFileSync(SAMPLE, 'utf8');
    const lines = text.split('\n');
    const plain = lines.map((l, i) => (i > 20 && /^[A-Z][a-z]+ [a-z]+ [a-z]+ [a-z]+ /.test(l) && !l.includes(':') ? i : -1)).filter((i) => i >= 0);
    const [a, b] = [plain[2]!, plain[plain.length - 2]!];
    const change = await open('twice.md', text);
    const at = (line: number, length: number, insert: string): TextDocumentContentChangeEvent => ({ range: { start: { line, character: length }, end: { line, character: length + (insert ? 0 : ' with qwzrtp here'.length) } }, text: insert });
    const flagged = (findings: string[]): number => findings.filter((f) => f.includes("'qwzrtp'")).length;
    let r = await change(at(a, lines[a]!.length, ' with qwzrtp here'));
    assert.deepEqual(r.server, r.full);
    assert.equal(flagged(r.server), 1, 'used once: unknown');
    r = await change(at(b, lines[b]!.length, ' with qwzrtp here'));
    assert.deepEqual(r.server, r.full);
    assert.equal(flagged(r.server), 0, "used twice: the notes' own word, in both talks");
    r = await change(at(a, lines[a]!.length, ''));
    assert.deepEqual(r.server, r.full);
    assert.equal(flagged(r.server), 1, 'once again: unknown again');
  });

  it('has the findings of a full lint of the same text after each version', async () => {
    const uri = pathToFileURL(path.join(dir, 'notes.md')).toString();
    const start = readFileSync(SAMPLE, 'utf8');
    // The text as the client has it (TextDocument applies the same changes).
    const mirror = TextDocument.create(uri, 'markdown', 1, start);
    let since = client.notifications.length;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: start } });
    const complete = (version: number, from: number) =>
      client.waitFor((n) => n.method === findingsChangedNotification.method && n.params.uri === uri && n.params.version === version && n.params.complete, `complete findings of v${version}`, from);
    await complete(1, since);
    const texts = ['', 'teh ', 'recieve', 'qwzrtp ', 'Qwzrtp and ', '\n', 'a new line\nand another ', '\n\n## A new talk\n', '\r\n', ' <!-- spelling: ignore Ronen -->', 'é'];
    // A change at a place of the current text: mostly within a line (the common edit), sometimes across lines.
    const edit = fc.record({ line: fc.nat(400), character: fc.nat(80), span: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.nat(12)), lines: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, fc.nat(2)), text: fc.constantFrom(...texts) });
    let version = 1;
    let last: { generation: number; server: string[] } | undefined;
    let sameGeneration = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }), async (events) => {
        since = client.notifications.length;
        for (const changes of events) {
          const contentChanges: TextDocumentContentChangeEvent[] = [];
          for (const c of changes) {
            // Each change at a place of the text as the changes before it left it.
            const line = c.line % mirror.lineCount;
            const startAt = { line, character: c.character };
            const endAt = { line: Math.min(line + c.lines, mirror.lineCount - 1), character: c.character + c.span };
            const change = { range: { start: startAt, end: endAt }, text: c.text };
            TextDocument.update(mirror, [change], mirror.version);
            contentChanges.push(change);
          }
          client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges });
        }
        const announced = await complete(version, since);
        const preview = await client.request('conferenceNotes/preview', { uri });
        assert.equal(preview.version, version);
        const server = (preview.problems as Array<{ rule: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>).map(
          (f) => `${f.rule} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity} ${f.message}`,
        );
        assert.deepEqual(server, await fullLint(mirror.getText(), base));
        // The findings generation (a client keeps the problems it holds while it stays): the same generation only
        // with the same findings, a new one whenever they differ.
        const generation = announced.params.generation as number;
        assert.equal(typeof generation, 'number');
        assert.equal(preview.generation, generation);
        if (last && last.generation === generation) assert.deepEqual(server, last.server, 'the same generation with other findings');
        if (last && JSON.stringify(server) !== JSON.stringify(last.server)) assert.notEqual(generation, last.generation, 'other findings under the same generation');
        if (last && generation === last.generation) sameGeneration++;
        last = { generation, server };
      }),
      { numRuns: 60, seed: 23 },
    );
    assert.ok(sameGeneration > 0, 'some edits left the findings as they were, and their generation');
    await client.request('shutdown', null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });
});
