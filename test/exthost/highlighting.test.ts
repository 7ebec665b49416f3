// Field highlighting in a real extension host: the semantic tokens of the sample's field headings, through
// the same command the editor uses (vscode.provideDocumentSemanticTokens), and none for Markdown that is not notes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE, show, waitFor } from './helpers';

interface DecodedToken { line: number; character: number; length: number; type: string; modifiers: string[]; text: string }

function decode(document: vscode.TextDocument, legend: vscode.SemanticTokensLegend, tokens: vscode.SemanticTokens): DecodedToken[] {
  const result: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < tokens.data.length + 1; i += 5) {
    const [dl, dc, length, type, mods] = Array.from(tokens.data.slice(i, i + 5)) as [number, number, number, number, number];
    line += dl;
    character = dl === 0 ? character + dc : dc;
    const modifiers = legend.tokenModifiers.filter((_, bit) => (mods & (1 << bit)) !== 0);
    const text = document.lineAt(line).text.slice(character, character + length);
    result.push({ line, character, length, type: legend.tokenTypes[type]!, modifiers, text });
  }
  return result;
}

describe('Field highlighting (semantic tokens)', function () {
  this.timeout(30000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('marks the speaker, role and company headings of the sample', async () => {
    const { document } = await show(SAMPLE);
    const legend = await waitFor('the semantic tokens legend', async () =>
      vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', document.uri));
    assert.deepEqual(legend.tokenTypes, ['speaker', 'role', 'company']);
    const tokens = await waitFor('semantic tokens for the sample', async () => {
      const t = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri);
      return t && t.data.length > 0 ? t : undefined;
    });
    const decoded = decode(document, legend, tokens);
    assert.deepEqual(decoded.slice(0, 3).map((t) => [t.line, t.type, t.modifiers.join(','), t.text]), [
      [13, 'speaker', 'heading', 'Daniel Larsen'],
      [15, 'role', 'heading', 'Senior Premier Field Engineer'],
      [17, 'company', 'heading', 'Microsoft NZ'],
    ]);
    for (const type of ['speaker', 'role', 'company']) {
      assert.equal(decoded.filter((t) => t.type === type).length, 13, `13 ${type} tokens`);
    }
    const last = decoded.filter((t) => t.type === 'speaker').at(-1)!;
    assert.equal(last.text, 'Vishesh Oberoi');
  });

  it('marks nothing in Markdown that is not notes', async () => {
    const { document } = await show('README.md');
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', document.uri);
    assert.equal(tokens?.data.length ?? 0, 0);
  });
});
