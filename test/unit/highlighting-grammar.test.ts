// The TextMate injection grammar for labelled fields, tokenized with vscode-textmate + vscode-oniguruma
// against a small Markdown host grammar (always) and VS Code's own Markdown grammar (when the test
// environment has installed code-server, whose built-in extensions carry it).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '../..');
const injectionPath = path.join(root, 'syntaxes/conference-notes-fields.tmLanguage.json');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { grammars?: Array<{ scopeName: string; path: string; injectTo?: string[] }> };
};
const realMarkdown = path.join(root, '.test-env/code-server/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json');

/** Just enough Markdown for the injection's selector: headings, fenced code, list items, quotes, paragraphs. */
const HOST = {
  scopeName: 'text.html.markdown',
  patterns: [
    { name: 'markup.heading.markdown', match: '^#{1,6}[ \\t]+.*$' },
    { name: 'markup.fenced_code.block.markdown', begin: '^```.*$', end: '^```[ \\t]*$' },
    { name: 'markup.inline.raw.string.markdown', match: '`[^`]*`' },
    { name: 'markup.list.unnumbered.markdown', begin: '^[ \\t]*([-*+])[ \\t]', beginCaptures: { 1: { name: 'punctuation.definition.list.begin.markdown' } }, end: '$' },
    { name: 'markup.quote.markdown', begin: '^>[ ]?', end: '$' },
    { name: 'meta.paragraph.markdown', match: '^.+$' },
  ],
};

let onigReady: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  onigReady ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return onigReady;
}

async function markdownGrammar(host: 'stub' | 'real'): Promise<textmate.IGrammar> {
  await loadOniguruma();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'text.html.markdown') {
        return host === 'stub'
          ? textmate.parseRawGrammar(JSON.stringify(HOST), 'host.json')
          : textmate.parseRawGrammar(readFileSync(realMarkdown, 'utf8'), realMarkdown);
      }
      if (scopeName === 'text.conference-notes.fields.injection') return textmate.parseRawGrammar(readFileSync(injectionPath, 'utf8'), injectionPath);
      return null;
    },
    getInjections: (scopeName: string) =>
      (manifest.contributes.grammars ?? []).filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  assert.ok(grammar, 'the Markdown grammar loads');
  return grammar;
}

/** Each token's text with its innermost scopes, for the lines of `text`. */
function tokenize(grammar: textmate.IGrammar, text: string): Array<Array<{ text: string; scopes: string[] }>> {
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function scopesOf(line: Array<{ text: string; scopes: string[] }>, text: string): string[] {
  const token = line.find((t) => t.text === text);
  assert.ok(token, `a token "${text}" in ${JSON.stringify(line.map((t) => t.text))}`);
  return token.scopes;
}

const has = (scopes: string[], prefix: string): boolean => scopes.some((s) => s.startsWith(prefix));

for (const host of ['stub', 'real'] as const) {
  describe(`field highlighting grammar (${host === 'stub' ? 'small Markdown host' : "VS Code's Markdown grammar"})`, function () {
    let grammar: textmate.IGrammar;
    before(async function () {
      if (host === 'real' && !existsSync(realMarkdown)) {
        // eslint-disable-next-line no-console
        console.log(`      (skipped: ${path.relative(root, realMarkdown)} is installed by scripts/setup-test-env.sh)`);
        this.skip();
      }
      grammar = await markdownGrammar(host);
    });

    it('is contributed as an injection into Markdown', () => {
      const entry = (manifest.contributes.grammars ?? []).find((g) => g.scopeName === 'text.conference-notes.fields.injection');
      assert.ok(entry, 'package.json contributes the grammar');
      assert.deepEqual(entry.injectTo, ['text.html.markdown']);
      assert.equal(path.resolve(root, entry.path), injectionPath);
    });

    it('scopes the label and value of plain, bold and list-item labels', () => {
      const [plain, bold, boldOutside, list, italic] = tokenize(grammar, [
        'Speaker: Ronen Baram',
        '**Company:** Oracle Corp',
        '**Role**: MySQL Principal Consultant',
        '- presenter: Jane Doe',
        '_Organisation:_ Octopus Deploy',
      ].join('\n'));
      assert.ok(has(scopesOf(plain!, 'Speaker'), 'support.type.property-name.field-label.conference-notes'));
      assert.ok(has(scopesOf(plain!, ':'), 'punctuation.separator.key-value.conference-notes'));
      assert.ok(has(scopesOf(plain!, 'Ronen Baram'), 'entity.name.function.speaker.conference-notes'));
      assert.ok(has(scopesOf(bold!, 'Company'), 'support.type.property-name.field-label'));
      assert.ok(has(scopesOf(bold!, 'Oracle Corp'), 'entity.name.type.company.conference-notes'));
      assert.ok(has(scopesOf(bold!, 'Oracle Corp'), 'meta.field.company.conference-notes'));
      assert.ok(has(scopesOf(boldOutside!, 'MySQL Principal Consultant'), 'variable.parameter.role.conference-notes'));
      assert.ok(has(scopesOf(list!, 'Jane Doe'), 'entity.name.function.speaker.conference-notes'));
      assert.ok(has(scopesOf(list!, 'Jane Doe'), 'markup.list'), 'the list item stays a list item');
      assert.ok(has(scopesOf(italic!, 'Octopus Deploy'), 'entity.name.type.company.conference-notes'));
    });

    it('leaves prose, headings and code alone', () => {
      const lines = tokenize(grammar, [
        'The speaker said: scale is hard',
        '## Speaker: not a field here',
        '```',
        'Speaker: inside code',
        '```',
        'Speakers were great',
      ].join('\n'));
      for (const line of lines) {
        for (const token of line) assert.ok(!has(token.scopes, 'meta.field'), `no field scope on ${JSON.stringify(token.text)}: ${token.scopes.join(' ')}`);
      }
    });
  });
}
